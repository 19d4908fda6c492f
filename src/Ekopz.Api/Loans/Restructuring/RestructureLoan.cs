using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Loans;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Marten;
using ConcurrencyStyle = Wolverine.Marten.ConcurrencyStyle;

namespace Ekopz.Api.Loans.Restructuring;

/// <param name="Periods">The new tenor, in the loan's frequency, counted from the restructuring date.</param>
/// <param name="AnnualRate">The new rate (default: the current one), at most 24.</param>
/// <param name="Method">The new method (default: the current one).</param>
public sealed record RestructureLoanRequest(int? Periods, decimal? AnnualRate, string? Method, string? Reason, LocalDate? BusinessDate);

public sealed record RestructureResponse(Guid LoanId, string Status, int ScheduleVersion, LocalDate BusinessDate, decimal Principal,
    decimal CarriedInterest, decimal CarriedPenalty, IReadOnlyList<ScheduledInstallment> Schedule);

/// <summary>
/// Restructuring (pengurus): a new schedule for the outstanding principal, recorded as an event; the
/// old schedule and everything paid on it stay in the loan's history.
/// </summary>
public static class RestructureLoanEndpoint
{
    /// <summary>The command's context, before the endpoint runs (docs/adr/0025).</summary>
    public static Task<CommandScope> LoadAsync(string kop, HttpContext http, IDocumentSession session, KoperasiContextCache contexts,
        IClock clock) => WritePath.Scope(kop, http, session, contexts, clock);

    /// <summary>Restructure a loan</summary>
    /// <remarks>
    /// Pengurus only. A new schedule for the outstanding principal, recorded as an event; the old schedule and everything paid on
    /// it stay in the loan's history. Only a running loan may be restructured (422 <c>invalid_state</c>). Send an
    /// <c>Idempotency-Key</c> header to retry safely: a repeat answers the first answer and records nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/loans/{loanId}/restructure", OperationId = "restructureLoan")]
    [Authorize(Policy = Policies.Pengurus)]
    [Tags("Loans")]
    [ProducesResponseType<RestructureResponse>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static async Task<IResult> Post(RestructureLoanRequest request, HttpContext http, CommandScope scope,
        // A restructuring takes turns with the loan's payments on its row lock: the new schedule starts from what they left.
        [WriteAggregate("loanId", Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] IEventStream<Loan> loan)
    {
        var key = IdempotencyKeys.Of(http, scope.Caller, request);
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;
        var (restructured, response) = Decide(scope, loan.Id, request, loan.Aggregate);
        loan.AppendOne(restructured);
        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Ok(response), scope.Now);
    }

    /// <summary>The decision, pure: request parsing, then the rules of <see cref="LoanDecider.Restructure"/>.</summary>
    public static (LoanRestructured Event, RestructureResponse Response) Decide(CommandScope scope, Guid loanId, RestructureLoanRequest request,
        Loan? loan)
    {
        var date = scope.BusinessDate(request.BusinessDate);
        var method = request.Method is null ? (LoanMethod?)null : LoanNames.Parse<LoanMethod>(request.Method, "method");
        var restructured = LoanDecider.Restructure(loan, request.Periods, request.AnnualRate, method, request.Reason, scope.Meta(date, Channels.Web));
        return (restructured, new RestructureResponse(loanId, LoanStatus.Active.Name(), restructured.Version, date, restructured.Principal,
            restructured.CarriedInterest, restructured.CarriedPenalty, restructured.Schedule));
    }
}
