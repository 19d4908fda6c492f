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
    /// <summary>The command's context, before the endpoint runs (docs/adr/0025).</summary>
    public static Task<CommandScope> LoadAsync(string kop, HttpContext http, IDocumentSession session, KoperasiContextCache contexts,
        IClock clock) => WritePath.Scope(kop, http, session, contexts, clock);

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
    public static Task<IResult> Approve(ApproveWithdrawalRequest request, HttpContext http, CommandScope scope,
        [WriteAggregate("withdrawalId", Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] IEventStream<Withdrawal> withdrawal) =>
        ApproveCore(http, scope, null, withdrawal, request);

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
    public static Task<IResult> ApproveForMember(Guid memberId, ApproveWithdrawalRequest request, HttpContext http, CommandScope scope,
        [WriteAggregate("withdrawalId", Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] IEventStream<Withdrawal> withdrawal) =>
        ApproveCore(http, scope, memberId, withdrawal, request);

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
    public static Task<IResult> Reject(RejectWithdrawalRequest request, HttpContext http, CommandScope scope,
        [WriteAggregate("withdrawalId", Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] IEventStream<Withdrawal> withdrawal) =>
        RejectCore(http, scope, null, withdrawal, request);

    /// <summary>Reject a member's withdrawal (member route)</summary>
    /// <remarks>
    /// The same as rejectWithdrawal, reached under the member's URL; the withdrawal must belong to that member (404 otherwise).
    /// Send an <c>Idempotency-Key</c> header to retry safely: a repeat answers the first answer and records nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/members/{memberId}/savings/sukarela/withdrawals/{withdrawalId}/reject", OperationId = "rejectMemberWithdrawal")]
    [Authorize(Policy = Policies.Pengurus)]
    [Tags("Savings")]
    [ProducesResponseType<WithdrawalDecisionResponse>(200)]
    public static Task<IResult> RejectForMember(Guid memberId, RejectWithdrawalRequest request, HttpContext http, CommandScope scope,
        [WriteAggregate("withdrawalId", Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] IEventStream<Withdrawal> withdrawal) =>
        RejectCore(http, scope, memberId, withdrawal, request);

    private static async Task<IResult> ApproveCore(HttpContext http, CommandScope scope, Guid? memberId, IEventStream<Withdrawal> withdrawal,
        ApproveWithdrawalRequest request)
    {
        // Under the withdrawal's row lock: a repeat of this request waited for the first one's commit and finds its answer.
        var key = IdempotencyKeys.Of(http, scope.Caller, request);
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;

        // The member's id is in the withdrawal's state, not in the route, so Wolverine cannot fetch this second stream
        // (docs/adr/0031). Locked always in this order (withdrawal, then member), as the payment at the counter does, so
        // approvals and payments never wait on each other crosswise; deposits to the member take turns with it.
        var member = withdrawal.Aggregate is { } w
            ? await scope.Session.Events.FetchForExclusiveWriting<Member>(w.MemberId, http.RequestAborted)
            : null;
        var decision = DecideApproval(scope, memberId, request, withdrawal.Aggregate, member?.Aggregate);
        withdrawal.AppendOne(decision.Approval);
        if (decision.Withdrawn is { } withdrawn) member!.AppendOne(withdrawn);
        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Ok(decision.Response), scope.Now);
    }

    private static async Task<IResult> RejectCore(HttpContext http, CommandScope scope, Guid? memberId, IEventStream<Withdrawal> withdrawal,
        RejectWithdrawalRequest request)
    {
        var key = IdempotencyKeys.Of(http, scope.Caller, request);
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;
        var (rejected, response) = DecideRejection(scope, memberId, request, withdrawal.Aggregate);
        withdrawal.AppendOne(rejected);
        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Ok(response), scope.Now);
    }

    /// <summary>What an approval decided: the withdrawal's event, the payout on the member's stream (none for a counter withdrawal), the answer.</summary>
    public sealed record ApprovalDecision(IDomainEvent Approval, SavingsWithdrawn? Withdrawn, WithdrawalDecisionResponse Response);

    /// <summary>
    /// The approval, pure: a counter withdrawal (<c>payAtCounter</c>) is only approved, anything else is paid now out of sukarela
    /// through the chosen channel. The rules are <see cref="WithdrawalDecider.Approve"/> and <see cref="WithdrawalDecider.ApproveForCounter"/>.
    /// </summary>
    public static ApprovalDecision DecideApproval(CommandScope scope, Guid? memberId, ApproveWithdrawalRequest request, Withdrawal? withdrawal, Member? member)
    {
        var channel = scope.Channel(request.Channel);
        var owned = Owned(withdrawal, memberId);
        if (owned.PayAtCounter)
        {
            if (channel != Channels.Counter)
                throw DomainException.Validation("channel", "This withdrawal is paid in cash at the counter by the kasir.");
            // No money moves now: the balance is checked now and again when the kasir pays.
            var approvedOnly = WithdrawalDecider.ApproveForCounter(owned, member, scope.Meta(scope.BusinessDate(request.BusinessDate), Channels.Web));
            return new ApprovalDecision(approvedOnly, null, new WithdrawalDecisionResponse(owned.Id, "approved", null, null));
        }
        var date = scope.BusinessDate(request.BusinessDate);
        var (approved, paid) = WithdrawalDecider.Approve(owned, member, channel, scope.Meta(date, channel));
        var balance = Member.Evolve(member, paid)!.Balances.Sukarela;
        return new ApprovalDecision(approved, paid, new WithdrawalDecisionResponse(owned.Id, "paid", paid.TransactionId, balance));
    }

    /// <summary>The rejection, pure; the rules are <see cref="WithdrawalDecider.Reject"/>.</summary>
    public static (WithdrawalRejected Event, WithdrawalDecisionResponse Response) DecideRejection(CommandScope scope, Guid? memberId,
        RejectWithdrawalRequest request, Withdrawal? withdrawal)
    {
        var rejected = WithdrawalDecider.Reject(Owned(withdrawal, memberId), request.Reason, scope.Meta(scope.Today, Channels.Web));
        return (rejected, new WithdrawalDecisionResponse(rejected.WithdrawalId, "rejected", null, null));
    }

    /// <summary>A withdrawal reached through a member's URL must belong to that member.</summary>
    private static Withdrawal Owned(Withdrawal? withdrawal, Guid? memberId) =>
        withdrawal is null || (memberId is { } m && withdrawal.MemberId != m)
            ? throw DomainException.NotFound("The withdrawal")
            : withdrawal;
}
