using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Loans;
using Ekopz.Domain.Members;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Marten;
using ConcurrencyStyle = Wolverine.Marten.ConcurrencyStyle;

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
    /// <summary>The command's context, before the endpoint runs (docs/adr/0025).</summary>
    public static Task<CommandScope> LoadAsync(string kop, HttpContext http, IDocumentSession session, KoperasiContextCache contexts,
        IClock clock) => WritePath.Scope(kop, http, session, contexts, clock);

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
    public static async Task<IResult> Post(DisburseLoanRequest request, HttpContext http, CommandScope scope,
        // Money leaves the koperasi: racing payouts of one loan take turns and the later ones find it active (invalid_state).
        [WriteAggregate("loanId", Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] IEventStream<Loan> loan)
    {
        var key = IdempotencyKeys.Of(http, scope.Caller, request);
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;
        var member = loan.Aggregate is { } l ? await scope.Session.LoadAsync<Member>(l.MemberId, http.RequestAborted) : null;
        var (disbursed, response) = Decide(scope, loan.Id, request, loan.Aggregate, member);
        loan.AppendOne(disbursed);
        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Ok(response), scope.Now);
    }

    /// <summary>
    /// The decision, pure: the schedule from the payout date, the fees, the cash paid out. The rules are <see cref="LoanDecider.Disburse"/>
    /// (the borrower must still be an active member).
    /// </summary>
    public static (LoanDisbursed Event, DisbursementResponse Response) Decide(CommandScope scope, Guid loanId, DisburseLoanRequest request,
        Loan? loan, Member? member)
    {
        var channel = scope.Channel(request.Channel);
        var date = scope.BusinessDate(request.BusinessDate);
        var disbursed = LoanDecider.Disburse(loan, member, Guid.NewGuid(), Channels.CashPointFor(channel), scope.Meta(date, channel));
        return (disbursed, new DisbursementResponse(loanId, LoanStatus.Active.Name(), disbursed.TransactionId, date, disbursed.Principal,
            new FeesView(disbursed.ProvisiFee, disbursed.AdministrasiFee, disbursed.FeeCollection.Name(), disbursed.CashPaidOut), disbursed.Schedule));
    }
}
