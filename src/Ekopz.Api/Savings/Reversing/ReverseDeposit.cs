using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Members;
using Ekopz.Domain.Savings;
using Ekopz.Projections.Savings;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Marten;
using ConcurrencyStyle = Wolverine.Marten.ConcurrencyStyle;

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
    /// <summary>The command's context, before the endpoint runs (docs/adr/0025).</summary>
    public static Task<CommandScope> LoadAsync(string kop, HttpContext http, IDocumentSession session, KoperasiContextCache contexts,
        IClock clock) => WritePath.Scope(kop, http, session, contexts, clock);

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
    public static async Task<IResult> Request(Guid transactionId, RequestReversalRequest request, HttpContext http, CommandScope scope,
        // The member's row lock serialises reversal requests of that member's deposits: the check that the deposit has no
        // reversal yet and the Idempotency-Key lookup cannot race (nothing is appended to the member's stream here).
        [WriteAggregate("memberId", Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] IEventStream<Member> member)
    {
        var key = IdempotencyKeys.Of(http, scope.Caller, request);
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;

        // The deposit as its statement line recorded it (written in the deposit's own transaction).
        var line = await scope.Session.Query<SavingsLine>()
            .FirstOrDefaultAsync(l => l.TransactionId == transactionId && l.MemberId == member.Id && l.Type == "deposit", http.RequestAborted);
        // The reversal's stream id is derived from the deposit's transaction id, so it is fetched here (docs/adr/0031).
        var reversal = await scope.Session.Events.FetchForWriting<Reversal>(Reversal.StreamId(transactionId), http.RequestAborted);
        var (requested, response) = DecideRequest(scope, request, reversal.Aggregate, member.Aggregate, line);
        reversal.AppendOne(requested);
        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Accepted(response), scope.Now);
    }

    /// <summary>The request, pure; the rules are <see cref="ReversalDecider.Request"/>.</summary>
    public static (SavingsReversalRequested Event, ReversalView Response) DecideRequest(CommandScope scope, RequestReversalRequest request,
        Reversal? existing, Member? member, SavingsLine? line)
    {
        var deposit = line is null ? null
            : new ReversedDeposit(line.TransactionId, SavingsKinds.TryParse(line.Kind, out var k) ? k : throw new InvalidOperationException(),
                line.Amount, Channels.CashPointFor(line.Channel), line.BusinessDate);
        var requested = ReversalDecider.Request(existing, member, deposit, request.Reason, scope.Meta(scope.Today, Channels.Web));
        return (requested, ReversalView.Of(Reversal.Evolve(existing, requested)!));
    }

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
    public static async Task<IResult> Approve(Guid reversalId, HttpContext http,
        // This operation has no body: without [NotBody] Wolverine would take the first complex parameter as the JSON body
        // (and the OpenAPI document would say so); the scope comes from LoadAsync.
        [NotBody] CommandScope scope,
        [WriteAggregate("reversalId", Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] IEventStream<Reversal> reversal)
    {
        var key = IdempotencyKeys.Of(http, scope.Caller, new { reversalId });
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;

        // The member's id is in the reversal's state: this second stream is fetched here, after the reversal's (docs/adr/0031).
        var member = reversal.Aggregate is { } r
            ? await scope.Session.Events.FetchForExclusiveWriting<Member>(r.MemberId, http.RequestAborted)
            : null;
        var (events, response) = DecideApproval(scope, reversal.Aggregate, member?.Aggregate);
        foreach (var e in events)
        {
            if (e is SavingsReversalApproved) reversal.AppendOne(e);
            else member!.AppendOne(e);
        }
        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Ok(response), scope.Now);
    }

    /// <summary>
    /// The approval, pure: <see cref="SavingsReversalApproved"/> for the reversal's stream and the correcting transaction (and a
    /// status change, when pokok falls below what is due) for the member's. The rules are <see cref="ReversalDecider.Approve"/>.
    /// </summary>
    public static (IReadOnlyList<IDomainEvent> Events, ReversalView Response) DecideApproval(CommandScope scope, Reversal? reversal, Member? member)
    {
        if (reversal is null) throw DomainException.NotFound("The reversal");
        var events = ReversalDecider.Approve(reversal, member, scope.Settings.At(scope.Today).PokokAmount, scope.Meta(scope.Today, Channels.Web));
        return (events, ReversalView.Of(events.Aggregate(reversal, (r, e) => Reversal.Evolve(r, e)!)));
    }

    /// <summary>Reject a deposit reversal</summary>
    /// <remarks>
    /// A pengurus, with an optional reason. Records the rejection; the deposit stands. Send an <c>Idempotency-Key</c> header to
    /// retry safely: a repeat answers the first answer and records nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/reversals/{reversalId}/reject", OperationId = "rejectReversal")]
    [Authorize(Policy = Policies.Pengurus)]
    [Tags("Savings")]
    [ProducesResponseType<ReversalView>(200)]
    public static async Task<IResult> Reject(DecideReversalRequest request, HttpContext http, CommandScope scope,
        [WriteAggregate("reversalId", Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] IEventStream<Reversal> reversal)
    {
        var key = IdempotencyKeys.Of(http, scope.Caller, request);
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;
        var (rejected, response) = DecideRejection(scope, request, reversal.Aggregate);
        reversal.AppendOne(rejected);
        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Ok(response), scope.Now);
    }

    /// <summary>The rejection, pure; the rules are <see cref="ReversalDecider.Reject"/>.</summary>
    public static (SavingsReversalRejected Event, ReversalView Response) DecideRejection(CommandScope scope, DecideReversalRequest request,
        Reversal? reversal)
    {
        var rejected = ReversalDecider.Reject(reversal, request.Reason, scope.Meta(scope.Today, Channels.Web));
        return (rejected, ReversalView.Of(Reversal.Evolve(reversal, rejected)!));
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

/// <summary>
/// The reversal queue. A class of its own: Wolverine runs a class's <c>LoadAsync</c> before each of its endpoints, and this
/// read needs no command scope.
/// </summary>
public static class ListReversalsEndpoint
{
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
        var list = await ReverseDepositEndpoints.Query(session, status).OrderBy(r => r.RequestedAt).Take(1000).ToListAsync(http.RequestAborted);
        return Results.Json(list.Select(ReversalView.Of).ToList(), ApiJson.Options);
    }
}
