using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Members;
using Ekopz.Domain.Savings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Ekopz.Api.Savings.Withdrawing;

/// <param name="BusinessDate">The day the cash is handed over; today by default; not before the approval.</param>
public sealed record PayWithdrawalRequest(LocalDate? BusinessDate = null);

/// <summary>
/// The kasir (or a pengurus) hands over the cash of an approved counter withdrawal. Only now does the
/// money move: <c>SavingsWithdrawn</c> goes on the member's stream, attributed to the caller through the
/// counter, and is posted to the books. The withdrawal's stream and then the member's are locked, so
/// racing payments of one withdrawal take turns and the later ones find it paid (422 <c>invalid_state</c>),
/// and the balance is checked against what deposits and other payouts left.
/// </summary>
public static class PayWithdrawalEndpoint
{
    /// <summary>Pay out an approved counter withdrawal</summary>
    /// <remarks>
    /// Kasir or pengurus hands over the cash of a withdrawal approved with <c>payAtCounter</c>. Only now does the money move:
    /// <c>SavingsWithdrawn</c> goes on the member's stream, attributed to the caller through the counter, and is posted to the
    /// books. The withdrawal's stream and then the member's are locked, so racing payments take turns and the later ones find it
    /// paid (422 <c>invalid_state</c>); the balance is checked again (422 <c>insufficient_balance</c>). Send an
    /// <c>Idempotency-Key</c> header to retry safely: a repeat answers the first answer and records nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/withdrawals/{withdrawalId}/pay", OperationId = "payWithdrawal")]
    [Authorize(Policy = Policies.Teller)]
    [Tags("Savings")]
    [ProducesResponseType<WithdrawalDecisionResponse>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static Task<IResult> Pay(string kop, Guid withdrawalId, PayWithdrawalRequest request, HttpContext http, CommandRunner runner) =>
        runner.Run(http, kop, request, async scope =>
        {
            var withdrawalStream = await scope.Session.Events.FetchForExclusiveWriting<Withdrawal>(withdrawalId);
            var withdrawal = withdrawalStream.Aggregate ?? throw DomainException.NotFound("The withdrawal");
            // Always in this order (withdrawal, then member), so two payments never wait on each other crosswise.
            var memberStream = await scope.Session.Events.FetchForExclusiveWriting<Member>(withdrawal.MemberId);
            var date = scope.BusinessDate(request.BusinessDate);
            var (paid, withdrawn) = WithdrawalDecider.PayAtCounter(withdrawal, memberStream.Aggregate, scope.Meta(date, Channels.Counter));
            withdrawalStream.AppendOne(paid);
            memberStream.AppendOne(withdrawn);
            var balance = Member.Evolve(memberStream.Aggregate, withdrawn)!.Balances.Sukarela;
            return CommandResult.Ok(new WithdrawalDecisionResponse(withdrawalId, "paid", withdrawn.TransactionId, balance));
        });
}
