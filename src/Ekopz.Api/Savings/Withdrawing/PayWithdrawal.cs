using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Members;
using Ekopz.Domain.Savings;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Marten;
using ConcurrencyStyle = Wolverine.Marten.ConcurrencyStyle;

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
    /// <summary>The command's context, before the endpoint runs (docs/adr/0025).</summary>
    public static Task<CommandScope> LoadAsync(string kop, HttpContext http, IDocumentSession session, KoperasiContextCache contexts,
        IClock clock) => WritePath.Scope(kop, http, session, contexts, clock);

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
    public static async Task<IResult> Pay(PayWithdrawalRequest request, HttpContext http, CommandScope scope,
        [WriteAggregate("withdrawalId", Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] IEventStream<Withdrawal> withdrawal)
    {
        // Under the withdrawal's row lock: a repeat of this request waited for the first one's commit and finds its answer.
        var key = IdempotencyKeys.Of(http, scope.Caller, request);
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;

        // Always in this order (withdrawal, then member), so two payments never wait on each other crosswise. The member's id
        // is in the withdrawal's state, so this second stream is fetched here, not by Wolverine (docs/adr/0031).
        var member = withdrawal.Aggregate is { } w
            ? await scope.Session.Events.FetchForExclusiveWriting<Member>(w.MemberId, http.RequestAborted)
            : null;
        var (paid, withdrawn, response) = Decide(scope, request, withdrawal.Aggregate, member?.Aggregate);
        withdrawal.AppendOne(paid);
        member!.AppendOne(withdrawn);
        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Ok(response), scope.Now);
    }

    /// <summary>The payout, pure: the rules are <see cref="WithdrawalDecider.PayAtCounter"/>.</summary>
    public static (WithdrawalPaidAtCounter Paid, SavingsWithdrawn Withdrawn, WithdrawalDecisionResponse Response) Decide(CommandScope scope,
        PayWithdrawalRequest request, Withdrawal? withdrawal, Member? member)
    {
        if (withdrawal is null) throw DomainException.NotFound("The withdrawal");
        var date = scope.BusinessDate(request.BusinessDate);
        var (paid, withdrawn) = WithdrawalDecider.PayAtCounter(withdrawal, member, scope.Meta(date, Channels.Counter));
        var balance = Member.Evolve(member, withdrawn)!.Balances.Sukarela;
        return (paid, withdrawn, new WithdrawalDecisionResponse(withdrawal.Id, "paid", withdrawn.TransactionId, balance));
    }
}
