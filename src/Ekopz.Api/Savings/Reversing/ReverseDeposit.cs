using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Members;
using Ekopz.Domain.Savings;
using Ekopz.Projections.Savings;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Ekopz.Api.Savings.Reversing;

public sealed record RequestReversalRequest(string? Reason);

public sealed record DecideReversalRequest(string? Reason);

public sealed record ReversalView(
    Guid ReversalId, Guid MemberId, Guid DepositTransactionId, string Kind, decimal Amount, LocalDate DepositDate, string Reason, string Status,
    string RequestedBy, Instant RequestedAt, string? DecidedBy, Instant? DecidedAt, string? RejectionReason, Guid? TransactionId)
{
    public static ReversalView Of(Reversal r) => new(r.Id, r.MemberId, r.Deposit.TransactionId, r.Deposit.Kind.Name(), r.Deposit.Amount,
        r.Deposit.BusinessDate, r.Reason, r.Status.ToString().ToLowerInvariant(), r.RequestedBy, r.RequestedAt, r.DecidedBy, r.DecidedAt,
        r.RejectionReason, r.TransactionId);
}

/// <summary>
/// Correcting a mistaken deposit: a pengurus requests a reversal of it, a second person approves,
/// and a new transaction dated today takes the amount back out, naming the deposit it corrects.
/// The statement keeps both lines.
/// </summary>
public static class ReverseDepositEndpoints
{
    /// <summary>Ask to reverse a mistaken deposit</summary>
    /// <remarks>
    /// Pengurus only, with a reason. Records the request; nothing changes until a second pengurus approves it (approveReversal).
    /// A deposit that already has a reversal is 409 <c>conflict</c>; a member who has left is 422 <c>invalid_state</c>. Send an
    /// <c>Idempotency-Key</c> header to retry safely: a repeat answers the first answer and records nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/members/{memberId}/savings/transactions/{transactionId}/reversal", OperationId = "requestReversal")]
    [Authorize(Policy = Policies.Pengurus)]
    [Tags("Savings")]
    [ProducesResponseType<ReversalView>(202)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    public static Task<IResult> Request(string kop, Guid memberId, Guid transactionId, RequestReversalRequest request, HttpContext http,
        CommandRunner runner) =>
        runner.Run(http, kop, request, async scope =>
        {
            var member = await scope.Session.LoadAsync<Member>(memberId);
            // The deposit as its statement line recorded it (written in the deposit's own transaction).
            var line = await scope.Session.Query<SavingsLine>()
                .FirstOrDefaultAsync(l => l.TransactionId == transactionId && l.MemberId == memberId && l.Type == "deposit");
            var deposit = line is null ? null
                : new ReversedDeposit(line.TransactionId, SavingsKinds.TryParse(line.Kind, out var k) ? k : throw new InvalidOperationException(),
                    line.Amount, Channels.CashPointFor(line.Channel), line.BusinessDate);
            var stream = await scope.Session.Events.FetchForWriting<Reversal>(Reversal.StreamId(transactionId));
            var requested = ReversalDecider.Request(stream.Aggregate, member, deposit, request.Reason, scope.Meta(scope.Today, Channels.Web));
            stream.AppendOne(requested);
            return CommandResult.Accepted(ReversalView.Of(Reversal.Evolve(stream.Aggregate, requested)!));
        });

    /// <summary>Approve a deposit reversal</summary>
    /// <remarks>
    /// A pengurus other than the requester (422 <c>same_maker_checker</c>). A new transaction dated today takes the amount back
    /// out, naming the deposit it corrects, and is posted to the books; the statement keeps both lines. If the balance no longer
    /// covers it, 422 <c>insufficient_balance</c>. Send an <c>Idempotency-Key</c> header to retry safely: a repeat answers the
    /// first answer and records nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/reversals/{reversalId}/approve", OperationId = "approveReversal")]
    [Authorize(Policy = Policies.Pengurus)]
    [Tags("Savings")]
    [ProducesResponseType<ReversalView>(200)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static Task<IResult> Approve(string kop, Guid reversalId, HttpContext http, CommandRunner runner) =>
        runner.Run(http, kop, new { reversalId }, async scope =>
        {
            var reversalStream = await scope.Session.Events.FetchForWriting<Reversal>(reversalId);
            var reversal = reversalStream.Aggregate ?? throw DomainException.NotFound("The reversal");
            var memberStream = await scope.Session.Events.FetchForExclusiveWriting<Member>(reversal.MemberId);
            var meta = scope.Meta(scope.Today, Channels.Web);
            var events = ReversalDecider.Approve(reversal, memberStream.Aggregate, scope.Settings.At(scope.Today).PokokAmount, meta);
            foreach (var e in events)
            {
                if (e is SavingsReversalApproved) reversalStream.AppendOne(e);
                else memberStream.AppendOne(e);
            }
            return CommandResult.Ok(ReversalView.Of(events.Aggregate(reversal, (r, e) => Reversal.Evolve(r, e)!)));
        });

    /// <summary>Reject a deposit reversal</summary>
    /// <remarks>
    /// A pengurus, with an optional reason. Records the rejection; the deposit stands. Send an <c>Idempotency-Key</c> header to
    /// retry safely: a repeat answers the first answer and records nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/reversals/{reversalId}/reject", OperationId = "rejectReversal")]
    [Authorize(Policy = Policies.Pengurus)]
    [Tags("Savings")]
    [ProducesResponseType<ReversalView>(200)]
    public static Task<IResult> Reject(string kop, Guid reversalId, DecideReversalRequest request, HttpContext http, CommandRunner runner) =>
        runner.Run(http, kop, request, async scope =>
        {
            var stream = await scope.Session.Events.FetchForWriting<Reversal>(reversalId);
            var rejected = ReversalDecider.Reject(stream.Aggregate, request.Reason, scope.Meta(scope.Today, Channels.Web));
            stream.AppendOne(rejected);
            return CommandResult.Ok(ReversalView.Of(Reversal.Evolve(stream.Aggregate, rejected)!));
        });

    /// <summary>List deposit reversal requests</summary>
    /// <remarks>
    /// Pengurus or pengawas. All reversals, or those of one <c>status</c> (<c>requested</c> is the approval queue).
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/reversals", OperationId = "listReversals")]
    [Authorize(Policy = Policies.BoardRead)]
    [Tags("Savings")]
    [ProducesResponseType<IReadOnlyList<ReversalView>>(200)]
    public static async Task<IResult> List(string kop, string? status, HttpContext http, IDocumentStore store)
    {
        await using var session = store.QuerySession(kop);
        var list = await Query(session, status).OrderBy(r => r.RequestedAt).Take(1000).ToListAsync(http.RequestAborted);
        return Results.Json(list.Select(ReversalView.Of).ToList(), ApiJson.Options);
    }

    /// <summary>The reversals with <paramref name="status"/> (null: all): what the list shows and the dashboard counts.</summary>
    public static IQueryable<Reversal> Query(IQuerySession session, string? status)
    {
        IQueryable<Reversal> query = session.Query<Reversal>();
        if (status is null) return query;
        if (!Enum.TryParse<ReversalStatus>(status, true, out var s))
            throw DomainException.Validation("status", "The status is requested, approved or rejected.");
        return query.Where(r => r.Status == s);
    }
}
