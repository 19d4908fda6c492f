using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Members;
using Ekopz.Domain.Savings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Ekopz.Api.Savings.Withdrawing;

/// <param name="Channel">How the money is paid out: counter (cash, the default) or transfer. A counter withdrawal
/// (<c>payAtCounter</c>) is paid in cash by the kasir later, so only counter is accepted for it.</param>
/// <param name="BusinessDate">The day of the payout (of the approval, for a counter withdrawal); today by default; not before the request.</param>
public sealed record ApproveWithdrawalRequest(string? Channel, NodaTime.LocalDate? BusinessDate = null);

public sealed record RejectWithdrawalRequest(string? Reason);

public sealed record WithdrawalDecisionResponse(Guid WithdrawalId, string Status, Guid? TransactionId, decimal? Balance);

/// <summary>
/// A pengurus approves (and so pays) or rejects a withdrawal. Approval locks the member's stream and
/// checks the balance again, so two approvals racing for a balance that covers one pay exactly one.
/// A withdrawal requested with <c>payAtCounter</c> is only approved here (status <c>approved</c>, no
/// money moves); the kasir pays it later (<see cref="PayWithdrawalEndpoint"/>).
/// Reachable under the koperasi and under the member (both shapes appear in clients).
/// </summary>
public static class DecideWithdrawalEndpoint
{
    /// <summary>Approve a withdrawal (and pay it)</summary>
    /// <remarks>
    /// A pengurus who is not the requester (the requester is 422 <c>same_maker_checker</c>). Locks the member's stream and checks
    /// the balance again, so two approvals racing for a balance that covers one pay exactly one (the other is 422
    /// <c>insufficient_balance</c>). The money moves now and is posted to the books, unless the request said <c>payAtCounter</c>:
    /// then the status becomes <c>approved</c> and a kasir pays it with payWithdrawal. A decided withdrawal is 422
    /// <c>invalid_state</c>. Send an <c>Idempotency-Key</c> header to retry safely: a repeat answers the first answer and records
    /// nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/withdrawals/{withdrawalId}/approve", OperationId = "approveWithdrawal")]
    [Authorize(Policy = Policies.Pengurus)]
    [Tags("Savings")]
    [ProducesResponseType<WithdrawalDecisionResponse>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static Task<IResult> Approve(string kop, Guid withdrawalId, ApproveWithdrawalRequest request, HttpContext http, CommandRunner runner) =>
        runner.Run(http, kop, request, scope => ApproveCore(scope, null, withdrawalId, request));

    /// <summary>Approve a member's withdrawal (member route)</summary>
    /// <remarks>
    /// The same as approveWithdrawal, reached under the member's URL; the withdrawal must belong to that member (404 otherwise).
    /// Send an <c>Idempotency-Key</c> header to retry safely: a repeat answers the first answer and records nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/members/{memberId}/savings/sukarela/withdrawals/{withdrawalId}/approve", OperationId = "approveMemberWithdrawal")]
    [Authorize(Policy = Policies.Pengurus)]
    [Tags("Savings")]
    [ProducesResponseType<WithdrawalDecisionResponse>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static Task<IResult> ApproveForMember(string kop, Guid memberId, Guid withdrawalId, ApproveWithdrawalRequest request, HttpContext http,
        CommandRunner runner) =>
        runner.Run(http, kop, request, scope => ApproveCore(scope, memberId, withdrawalId, request));

    /// <summary>Reject a withdrawal request</summary>
    /// <remarks>
    /// A pengurus, with an optional reason. Records the rejection; no money moves. A decided withdrawal is 422
    /// <c>invalid_state</c>. Send an <c>Idempotency-Key</c> header to retry safely: a repeat answers the first answer and records
    /// nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/withdrawals/{withdrawalId}/reject", OperationId = "rejectWithdrawal")]
    [Authorize(Policy = Policies.Pengurus)]
    [Tags("Savings")]
    [ProducesResponseType<WithdrawalDecisionResponse>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static Task<IResult> Reject(string kop, Guid withdrawalId, RejectWithdrawalRequest request, HttpContext http, CommandRunner runner) =>
        runner.Run(http, kop, request, scope => RejectCore(scope, null, withdrawalId, request));

    /// <summary>Reject a member's withdrawal (member route)</summary>
    /// <remarks>
    /// The same as rejectWithdrawal, reached under the member's URL; the withdrawal must belong to that member (404 otherwise).
    /// Send an <c>Idempotency-Key</c> header to retry safely: a repeat answers the first answer and records nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/members/{memberId}/savings/sukarela/withdrawals/{withdrawalId}/reject", OperationId = "rejectMemberWithdrawal")]
    [Authorize(Policy = Policies.Pengurus)]
    [Tags("Savings")]
    [ProducesResponseType<WithdrawalDecisionResponse>(200)]
    public static Task<IResult> RejectForMember(string kop, Guid memberId, Guid withdrawalId, RejectWithdrawalRequest request, HttpContext http,
        CommandRunner runner) =>
        runner.Run(http, kop, request, scope => RejectCore(scope, memberId, withdrawalId, request));

    private static async Task<CommandResult> ApproveCore(CommandScope scope, Guid? memberId, Guid withdrawalId, ApproveWithdrawalRequest request)
    {
        var channel = scope.Channel(request.Channel);
        var withdrawalStream = await scope.Session.Events.FetchForWriting<Withdrawal>(withdrawalId);
        var withdrawal = Owned(withdrawalStream.Aggregate, memberId);
        if (withdrawal.PayAtCounter)
        {
            if (channel != Channels.Counter)
                throw DomainException.Validation("channel", "This withdrawal is paid in cash at the counter by the kasir.");
            // Nothing is written to the member's stream, so it needs no lock: the balance is checked
            // now and again, under the lock, when the kasir pays.
            var member = await scope.Session.LoadAsync<Member>(withdrawal.MemberId);
            var approvedOnly = WithdrawalDecider.ApproveForCounter(withdrawal, member, scope.Meta(scope.BusinessDate(request.BusinessDate), Channels.Web));
            withdrawalStream.AppendOne(approvedOnly);
            return CommandResult.Ok(new WithdrawalDecisionResponse(withdrawalId, "approved", null, null));
        }
        // The member's stream is locked: approvals and deposits for one member take turns.
        var memberStream = await scope.Session.Events.FetchForExclusiveWriting<Member>(withdrawal.MemberId);
        var date = scope.BusinessDate(request.BusinessDate);
        var (approved, paid) = WithdrawalDecider.Approve(withdrawal, memberStream.Aggregate, channel, scope.Meta(date, channel));
        withdrawalStream.AppendOne(approved);
        memberStream.AppendOne(paid);
        var balance = Member.Evolve(memberStream.Aggregate, paid)!.Balances.Sukarela;
        return CommandResult.Ok(new WithdrawalDecisionResponse(withdrawalId, "paid", paid.TransactionId, balance));
    }

    private static async Task<CommandResult> RejectCore(CommandScope scope, Guid? memberId, Guid withdrawalId, RejectWithdrawalRequest request)
    {
        var stream = await scope.Session.Events.FetchForWriting<Withdrawal>(withdrawalId);
        var rejected = WithdrawalDecider.Reject(Owned(stream.Aggregate, memberId), request.Reason, scope.Meta(scope.Today, Channels.Web));
        stream.AppendOne(rejected);
        return CommandResult.Ok(new WithdrawalDecisionResponse(withdrawalId, "rejected", null, null));
    }

    /// <summary>A withdrawal reached through a member's URL must belong to that member.</summary>
    private static Withdrawal Owned(Withdrawal? withdrawal, Guid? memberId) =>
        withdrawal is null || (memberId is { } m && withdrawal.MemberId != m)
            ? throw DomainException.NotFound("The withdrawal")
            : withdrawal;
}
