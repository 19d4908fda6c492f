using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Loans;
using Ekopz.Domain.Members;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Ekopz.Api.Loans.Disbursing;

/// <param name="BusinessDate">The payout date (default today), not before the approval; installments count from it.</param>
/// <param name="Channel"><c>counter</c> (cash, the default) or <c>transfer</c>.</param>
public sealed record DisburseLoanRequest(LocalDate? BusinessDate, string? Channel);

public sealed record DisbursementResponse(
    Guid LoanId, string Status, Guid TransactionId, LocalDate BusinessDate, decimal Principal, FeesView Fees,
    IReadOnlyList<ScheduledInstallment> Schedule);

/// <summary>
/// Pays out an approved loan (kasir or pengurus): the schedule is computed from the payout date and
/// recorded in the event, fees are charged, and the books get the receivable, the cash and the fee income.
/// </summary>
public static class DisburseLoanEndpoint
{
    /// <summary>Pay out an approved loan</summary>
    /// <remarks>
    /// Kasir or pengurus. The schedule is computed from the payout date and recorded in the event, fees are charged (netted or
    /// paid), and the books get the receivable, the cash and the fee income in the same transaction. A loan not approved, or
    /// already paid out, is 422 <c>invalid_state</c>; a date in a closed month is 422 <c>period_closed</c>. Send an
    /// <c>Idempotency-Key</c> header to retry safely: a repeat answers the first answer and records nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/loans/{loanId}/disburse", OperationId = "disburseLoan")]
    [Authorize(Policy = Policies.Teller)]
    [Tags("Loans")]
    [ProducesResponseType<DisbursementResponse>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static Task<IResult> Post(string kop, Guid loanId, DisburseLoanRequest request, HttpContext http, CommandRunner runner) =>
        runner.Run(http, kop, request, scope => Handle(scope, loanId, request, http.RequestAborted));

    public static async Task<CommandResult> Handle(CommandScope scope, Guid loanId, DisburseLoanRequest request, CancellationToken ct)
    {
        var channel = scope.Channel(request.Channel);
        var stream = await scope.Session.Events.FetchForWriting<Loan>(loanId, ct);
        var date = scope.BusinessDate(request.BusinessDate);
        var member = stream.Aggregate is { } l ? await scope.Session.LoadAsync<Member>(l.MemberId, ct) : null;
        var disbursed = LoanDecider.Disburse(stream.Aggregate, member, Guid.NewGuid(), Channels.CashPointFor(channel), scope.Meta(date, channel));
        stream.AppendOne(disbursed);
        return CommandResult.Ok(new DisbursementResponse(loanId, LoanStatus.Active.Name(), disbursed.TransactionId, date, disbursed.Principal,
            new FeesView(disbursed.ProvisiFee, disbursed.AdministrasiFee, disbursed.FeeCollection.Name(), disbursed.CashPaidOut), disbursed.Schedule));
    }
}
