using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Savings;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Ekopz.Api.Savings.Withdrawing;

/// <param name="DecidedBy">Who approved or rejected it.</param>
/// <param name="ApprovedBy">Who approved it (<c>decidedBy</c> of a withdrawal that was not rejected).</param>
/// <param name="PaidBy">Who paid it out: the approver when approval paid, the kasir for a counter withdrawal.</param>
/// <param name="PayAtCounter">Approval records the decision only; a kasir pays it (<c>status</c> <c>approved</c> until then).</param>
public sealed record WithdrawalView(
    Guid WithdrawalId, Guid MemberId, string Kind, decimal Amount, string Status, string RequestedBy, string Channel,
    LocalDate RequestedOn, Instant RequestedAt, string? DecidedBy, Instant? DecidedAt, string? RejectionReason, Guid? TransactionId, string? Note,
    bool PayAtCounter, string? ApprovedBy, Instant? ApprovedAt, string? PaidBy, Instant? PaidAt)
{
    public static WithdrawalView Of(Withdrawal w)
    {
        var approved = w.Status is WithdrawalStatus.Approved or WithdrawalStatus.Paid;
        return new(w.Id, w.MemberId, w.Kind.Name(), w.Amount, w.Status.ToString().ToLowerInvariant(),
            w.RequestedBy, w.Channel, w.RequestedOn, w.RequestedAt, w.DecidedBy, w.DecidedAt, w.RejectionReason, w.TransactionId, w.Note,
            w.PayAtCounter, approved ? w.DecidedBy : null, approved ? w.DecidedAt : null, w.PaidBy, w.PaidAt);
    }
}

/// <summary>
/// Withdrawal requests: the pengurus' queue (<c>status=requested</c>), the kasir's counter queue
/// (<c>status=approved</c>: approved counter withdrawals waiting to be paid) and a member's own.
/// </summary>
public static class ListWithdrawalsEndpoint
{
    /// <summary>List withdrawal requests</summary>
    /// <remarks>
    /// Kasir, pengurus or pengawas. <c>status=requested</c> is the pengurus' approval queue; <c>status=approved</c> is the
    /// kasir's counter queue (approved counter withdrawals waiting to be paid); no status lists all.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/withdrawals", OperationId = "listWithdrawals")]
    [Authorize(Policy = Policies.CounterRead)]
    [Tags("Savings")]
    [ProducesResponseType<IReadOnlyList<WithdrawalView>>(200)]
    public static async Task<IResult> List(string kop, string? status, HttpContext http, IDocumentStore store)
    {
        await using var session = store.QuerySession(kop);
        var list = await Query(session, status).OrderBy(w => w.RequestedAt).Take(1000).ToListAsync(http.RequestAborted);
        return Results.Json(list.Select(WithdrawalView.Of).ToList(), ApiJson.Options);
    }

    /// <summary>The withdrawals with <paramref name="status"/> (null: all): what the list shows and the dashboard counts.</summary>
    public static IQueryable<Withdrawal> Query(IQuerySession session, string? status)
    {
        IQueryable<Withdrawal> query = session.Query<Withdrawal>();
        if (status is null) return query;
        if (!Enum.TryParse<WithdrawalStatus>(status, true, out var s))
            throw DomainException.Validation("status", "The status is requested, approved, paid or rejected.");
        return query.Where(w => w.Status == s);
    }

    /// <summary>List a member's withdrawal requests</summary>
    /// <remarks>
    /// Staff, or an anggota for their own member. The member's sukarela withdrawals with their status.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/members/{memberId}/savings/sukarela/withdrawals", OperationId = "listMemberWithdrawals")]
    [Authorize(Policy = Policies.MemberRead)]
    [Tags("Savings")]
    [ProducesResponseType<IReadOnlyList<WithdrawalView>>(200)]
    public static async Task<IResult> ListForMember(string kop, Guid memberId, HttpContext http, IDocumentStore store)
    {
        await using var session = store.QuerySession(kop);
        var list = await session.Query<Withdrawal>().Where(w => w.MemberId == memberId).OrderBy(w => w.RequestedAt).ToListAsync(http.RequestAborted);
        return Results.Json(list.Select(WithdrawalView.Of).ToList(), ApiJson.Options);
    }

    /// <summary>Read one withdrawal request</summary>
    /// <remarks>
    /// Staff, or an anggota for a withdrawal of their own. Status, amount, who approved and who paid it, and when.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/withdrawals/{withdrawalId}", OperationId = "getWithdrawal")]
    [Authorize(Policy = Policies.MemberRead)]
    [Tags("Savings")]
    [ProducesResponseType<WithdrawalView>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Get(string kop, Guid withdrawalId, HttpContext http, IDocumentStore store)
    {
        await using var session = store.QuerySession(kop);
        var w = await session.LoadAsync<Withdrawal>(withdrawalId, http.RequestAborted);
        // An anggota reaches only their own withdrawals (the same 404 rule as the tenant gate).
        var caller = Caller.From(http.User);
        if (w is null || (caller.IsMemberOnly && w.MemberId != caller.MemberId))
            return Problems.Result(http, ErrorCodes.NotFound, "No such withdrawal.");
        return Results.Json(WithdrawalView.Of(w), ApiJson.Options);
    }
}
