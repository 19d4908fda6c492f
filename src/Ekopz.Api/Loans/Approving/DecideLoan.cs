using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Api.Ledger;
using Ekopz.Domain.Common;
using Ekopz.Domain.Loans;
using Ekopz.Domain.Members;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

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
    public static Task<IResult> Approve(string kop, Guid loanId, ApproveLoanRequest request, HttpContext http, CommandRunner runner,
        LedgerQueries ledger) =>
        runner.Run(http, kop, request, scope => ApproveCore(scope, loanId, request, ledger, http.RequestAborted));

    public static async Task<CommandResult> ApproveCore(CommandScope scope, Guid loanId, ApproveLoanRequest request, LedgerQueries ledger,
        CancellationToken ct)
    {
        var stream = await scope.Session.Events.FetchForWriting<Loan>(loanId, ct);
        var loan = stream.Aggregate ?? throw DomainException.NotFound("The loan");
        // Serialise decisions about one borrower's exposure: the lock is held until this transaction commits.
        var member = await scope.Session.Events.FetchForExclusiveWriting<Member>(loan.MemberId, ct);
        var date = scope.BusinessDate(request.BusinessDate);

        // The same inputs GET .../lending-limit shows, read here under the lock.
        var limit = await LendingLimitInputs.Read(scope.Session, ledger, scope.Tenant, loan, date, ct);

        var approved = LoanDecider.Approve(loan, member.Aggregate, request.Insider ?? false, limit.OwnCapital, limit.OtherExposure, limit.Settings,
            request.Note, scope.Meta(date, Channels.Web));
        stream.AppendOne(approved);
        return CommandResult.Ok(new LoanDecisionResponse(loanId, LoanStatus.Approved.Name(), date, approved.Limit));
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
    public static Task<IResult> Reject(string kop, Guid loanId, RejectLoanRequest request, HttpContext http, CommandRunner runner) =>
        runner.Run(http, kop, request, async scope =>
        {
            var stream = await scope.Session.Events.FetchForWriting<Loan>(loanId);
            var date = scope.BusinessDate(request.BusinessDate);
            var rejected = LoanDecider.Reject(stream.Aggregate, request.Reason, scope.Meta(date, Channels.Web));
            stream.AppendOne(rejected);
            return CommandResult.Ok(new LoanDecisionResponse(loanId, LoanStatus.Rejected.Name(), date, null));
        });
}
