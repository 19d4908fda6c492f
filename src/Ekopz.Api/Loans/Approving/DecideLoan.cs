using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Api.Ledger;
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

namespace Ekopz.Api.Loans.Approving;

/// <param name="Insider">Confirms the borrower is a pengurus, a pengawas or an affiliate (10% limit); an application that said so stays so.</param>
/// <param name="BusinessDate">The approval date (default today), not before the application.</param>
public sealed record ApproveLoanRequest(LocalDate? BusinessDate, bool? Insider, string? Note);

public sealed record RejectLoanRequest(string? Reason, LocalDate? BusinessDate);

public sealed record LoanDecisionResponse(Guid LoanId, string Status, LocalDate BusinessDate, LendingLimitCheck? LendingLimit);

/// <summary>
/// A pengurus who did not file the application approves it, within the lending limit, or rejects it.
/// Approvals for one borrower take turns on the member's row lock, so two approvals racing cannot
/// together exceed the limit.
/// </summary>
public static class DecideLoanEndpoint
{
    /// <summary>The command's context, before the endpoint runs (docs/adr/0025).</summary>
    public static Task<CommandScope> LoadAsync(string kop, HttpContext http, IDocumentSession session, KoperasiContextCache contexts,
        IClock clock) => WritePath.Scope(kop, http, session, contexts, clock);

    /// <summary>Approve a loan application</summary>
    /// <remarks>
    /// A pengurus who did not file the application (422 <c>same_maker_checker</c>), within the lending limit (422
    /// <c>limit_exceeded</c>). Approvals for one borrower take turns on the member's row lock, so two racing approvals cannot
    /// together exceed the limit. Records the approval with the limit check it made; no money moves until disburseLoan. A decided
    /// loan is 422 <c>invalid_state</c>. Send an <c>Idempotency-Key</c> header to retry safely: a repeat answers the first answer
    /// and records nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/loans/{loanId}/approve", OperationId = "approveLoan")]
    [Authorize(Policy = Policies.Pengurus)]
    [Tags("Loans")]
    [ProducesResponseType<LoanDecisionResponse>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static async Task<IResult> Approve(ApproveLoanRequest request, HttpContext http, CommandScope scope, LedgerQueries ledger,
        // The loan first, then its borrower (docs/adr/0031's order): a second approval of the same loan waits and finds it decided.
        [WriteAggregate("loanId", Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] IEventStream<Loan> loan)
    {
        var key = IdempotencyKeys.Of(http, scope.Caller, request);
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;
        var result = await ApproveCore(scope, loan, request, ledger, http.RequestAborted);
        return IdempotencyKeys.Answer(scope.Session, key, result, scope.Now);
    }

    /// <summary>The approval on the loan's stream (the endpoint's, locked by Wolverine; the demo seeder's, fetched by it).</summary>
    public static async Task<CommandResult> ApproveCore(CommandScope scope, IEventStream<Loan> stream, ApproveLoanRequest request,
        LedgerQueries ledger, CancellationToken ct)
    {
        var loan = stream.Aggregate ?? throw DomainException.NotFound("The loan");
        // Serialise decisions about one borrower's exposure: the lock is held until this transaction commits.
        var member = await scope.Session.Events.FetchForExclusiveWriting<Member>(loan.MemberId, ct);
        var date = scope.BusinessDate(request.BusinessDate);
        // The same inputs GET .../lending-limit shows, read here under the lock.
        var limit = await LendingLimitInputs.Read(scope.Session, ledger, scope.Tenant, loan, date, ct);
        var (approved, response) = DecideApproval(scope, request, loan, member.Aggregate, limit);
        stream.AppendOne(approved);
        return CommandResult.Ok(response);
    }

    /// <summary>
    /// The approval, pure: the loan, its borrower and the lending-limit inputs read under the borrower's lock in; the rules are
    /// <see cref="LoanDecider.Approve"/>.
    /// </summary>
    public static (LoanApproved Event, LoanDecisionResponse Response) DecideApproval(CommandScope scope, ApproveLoanRequest request, Loan loan,
        Member? member, LendingLimitInputs limit)
    {
        var date = scope.BusinessDate(request.BusinessDate);
        var approved = LoanDecider.Approve(loan, member, request.Insider ?? false, limit.OwnCapital, limit.OtherExposure, limit.Settings,
            request.Note, scope.Meta(date, Channels.Web));
        return (approved, new LoanDecisionResponse(loan.Id, LoanStatus.Approved.Name(), date, approved.Limit));
    }

    /// <summary>What a loan adds to its borrower's exposure: approved loans at their principal, running ones at what is still outstanding.</summary>
    public static decimal Exposure(Loan l) => l.Status switch
    {
        LoanStatus.Approved => l.Principal,
        LoanStatus.Active => l.Principal - l.Movements.Sum(m => m.PrincipalReduction),
        _ => 0m,
    };

    /// <summary>Reject a loan application</summary>
    /// <remarks>
    /// A pengurus, with a reason. Records the rejection; the loan is closed without money moving. A decided loan is 422
    /// <c>invalid_state</c>. Send an <c>Idempotency-Key</c> header to retry safely: a repeat answers the first answer and records
    /// nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/loans/{loanId}/reject", OperationId = "rejectLoan")]
    [Authorize(Policy = Policies.Pengurus)]
    [Tags("Loans")]
    [ProducesResponseType<LoanDecisionResponse>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static async Task<IResult> Reject(RejectLoanRequest request, HttpContext http, CommandScope scope,
        // A rejection racing an approval of the same loan takes turns on its row: the second finds it decided.
        [WriteAggregate("loanId", Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] IEventStream<Loan> loan)
    {
        var key = IdempotencyKeys.Of(http, scope.Caller, request);
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;
        var (rejected, response) = DecideRejection(scope, loan.Id, request, loan.Aggregate);
        loan.AppendOne(rejected);
        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Ok(response), scope.Now);
    }

    /// <summary>The rejection, pure; the rules are <see cref="LoanDecider.Reject"/>.</summary>
    public static (LoanRejected Event, LoanDecisionResponse Response) DecideRejection(CommandScope scope, Guid loanId, RejectLoanRequest request,
        Loan? loan)
    {
        var date = scope.BusinessDate(request.BusinessDate);
        var rejected = LoanDecider.Reject(loan, request.Reason, scope.Meta(date, Channels.Web));
        return (rejected, new LoanDecisionResponse(loanId, LoanStatus.Rejected.Name(), date, null));
    }
}
