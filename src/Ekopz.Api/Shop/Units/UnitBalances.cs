using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Shop;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Marten;
using ConcurrencyStyle = Wolverine.Marten.ConcurrencyStyle;

namespace Ekopz.Api.Shop.Units;

public sealed record PayoutRequest(decimal? Amount, string? Note, LocalDate? BusinessDate = null);

public sealed record PayoutDecisionRequest(string? Channel = null, string? Reason = null, LocalDate? BusinessDate = null);

public sealed record PayoutView(Guid PayoutId, decimal Amount, string Status, string RequestedBy, LocalDate RequestedOn, string? Note, string? DecidedBy,
    Instant? DecidedAt, string? RejectionReason);

/// <param name="Payable">True for a seller: the balance is owed to it (saldo toko). A unit of the koperasi itself owes itself nothing.</param>
/// <param name="Pending">Goods money of paid orders not yet delivered: owed, not yet available.</param>
/// <param name="Earned">Goods money of delivered orders, less returns.</param>
/// <param name="Requested">Payouts asked for and not yet decided (held back from available).</param>
public sealed record UnitBalanceView(Guid UnitId, string Name, string Kind, bool Payable, decimal CommissionPercent, decimal Pending, decimal Earned,
    decimal Commission, decimal PaidOut, decimal Requested, decimal Available, IReadOnlyList<PayoutView> Payouts);

/// <summary>
/// A seller unit's balance (saldo toko) and its payouts: the unit (a manager or the pengurus) asks,
/// a pengurus other than the asker approves, and the money leaves through kas or bank.
/// </summary>
public static class UnitBalanceEndpoints
{
    /// <summary>A seller unit's balance and payouts</summary>
    /// <remarks>
    /// Pengurus, pengawas, or a pengelola toko of this unit. The unit's balance (saldo toko: its sales less commission and
    /// earlier payouts) and its payout requests.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/shop/units/{unitId}/balance", OperationId = "getShopUnitBalance")]
    [Authorize(Policy = Policies.ShopUnitRead)]
    [Tags("Shop")]
    [ProducesResponseType<UnitBalanceView>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Balance(string kop, Guid unitId, HttpContext http, IDocumentStore store, IClock clock)
    {
        await using var session = store.QuerySession(kop);
        var unit = await session.LoadAsync<ShopUnit>(unitId, http.RequestAborted) ?? throw DomainException.NotFound("The unit");
        var open = await session.Query<ShopOrder>()
            .Where(o => o.UnitId == unitId && (o.Status == OrderStatus.Paid || o.Status == OrderStatus.Shipped)).ToListAsync(http.RequestAborted);
        var today = await Catalogue.CatalogueEndpoints.Today(session, kop, clock, http.RequestAborted);
        var percent = (await ShopAccess.Settings(session, kop, today)).CommissionPercent;
        var payable = unit.Kind == UnitKind.Seller;
        return Results.Json(new UnitBalanceView(unit.Id, unit.Name, unit.Kind.Name(), payable, payable ? percent : 0m,
            payable ? open.Sum(o => o.Goods) : 0m, unit.Earned, unit.Commission, unit.PaidOut, unit.Requested, unit.Available,
            unit.Payouts.Select(p => new PayoutView(p.PayoutId, p.Amount, p.Status, p.RequestedBy, p.RequestedOn, p.Note, p.DecidedBy, p.DecidedAt,
                p.RejectionReason)).ToList()), ApiJson.Options);
    }

}

/// <summary>
/// A seller unit's payouts on Wolverine's write path (docs/adr/0041): every one locks the unit's stream (its balance is money), so a
/// request, an approval and a rejection of one unit take turns and each is decided on what the one before left.
/// </summary>
public static class UnitPayoutEndpoints
{
    /// <summary>The command's context, before the endpoint runs (docs/adr/0025).</summary>
    public static Task<CommandScope> LoadAsync(string kop, HttpContext http, IDocumentSession session, KoperasiContextCache contexts,
        IClock clock) => WritePath.Scope(kop, http, session, contexts, clock);

    /// <summary>Ask to pay out a unit's balance</summary>
    /// <remarks>
    /// Pengurus or a pengelola toko of this unit. Records the request; the money moves only when a pengurus other than the
    /// requester approves. More than the balance is 422 <c>insufficient_balance</c>. Send an <c>Idempotency-Key</c> header to
    /// retry safely: a repeat answers the first answer and records nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/shop/units/{unitId}/payouts", OperationId = "requestShopUnitPayout")]
    [Authorize(Policy = Policies.ShopManage)]
    [Tags("Shop")]
    [ProducesResponseType<PayoutView>(202)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static async Task<IResult> Request(PayoutRequest request, HttpContext http, CommandScope scope,
        [WriteAggregate("unitId", Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] IEventStream<ShopUnit> unit)
    {
        var key = IdempotencyKeys.Of(http, scope.Caller, request);
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;
        var (requested, view) = DecideRequest(scope, request, Guid.NewGuid(), unit.Aggregate);
        unit.AppendOne(requested);
        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Accepted(view), scope.Now);
    }

    /// <summary>
    /// The decision, pure: an amount, the business date, a unit that exists and that the caller manages, then
    /// <see cref="ShopUnitDecider.RequestPayout"/> (a seller's unit, not more than what is available).
    /// </summary>
    public static (UnitPayoutRequested Event, PayoutView View) DecideRequest(CommandScope scope, PayoutRequest request, Guid payoutId, ShopUnit? unit)
    {
        if (request.Amount is null) throw DomainException.Validation("amount", "The amount is required.");
        var date = scope.BusinessDate(request.BusinessDate);
        if (unit is null) throw DomainException.NotFound("The unit");
        ShopAccess.Manage(scope.Caller, unit);
        var requested = ShopUnitDecider.RequestPayout(unit, payoutId, request.Amount.Value, request.Note, scope.Meta(date, Channels.Web));
        return (requested, new PayoutView(requested.PayoutId, requested.Amount, PayoutStatuses.Requested, scope.Caller.Username, date, requested.Note,
            null, null, null));
    }

    /// <summary>Approve (and pay) a unit payout</summary>
    /// <remarks>
    /// A pengurus other than the requester (422 <c>same_maker_checker</c>). The money leaves through kas or bank and is posted;
    /// the balance is checked again under the unit's lock. A decided payout is 422 <c>invalid_state</c>. Send an
    /// <c>Idempotency-Key</c> header to retry safely: a repeat answers the first answer and records nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/shop/units/{unitId}/payouts/{payoutId}/approve", OperationId = "approveShopUnitPayout")]
    [Authorize(Policy = Policies.Pengurus)]
    [Tags("Shop")]
    [ProducesResponseType<PayoutView>(200)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static async Task<IResult> Approve(Guid payoutId, PayoutDecisionRequest request, HttpContext http, CommandScope scope,
        [WriteAggregate("unitId", Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] IEventStream<ShopUnit> unit)
    {
        var key = IdempotencyKeys.Of(http, scope.Caller, request);
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;
        var (approved, view) = DecideApproval(scope, payoutId, request, unit.Aggregate);
        unit.AppendOne(approved);
        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Ok(view), scope.Now);
    }

    /// <summary>
    /// The decision, pure: the channel (bank transfer by default) and its cash point, the business date, then
    /// <see cref="ShopUnitDecider.ApprovePayout"/> (another pengurus, a payout still requested, the balance still covering it).
    /// </summary>
    public static (UnitPayoutApproved Event, PayoutView View) DecideApproval(CommandScope scope, Guid payoutId, PayoutDecisionRequest request, ShopUnit? unit)
    {
        var channel = scope.Channel(request.Channel, Channels.Transfer);
        var date = scope.BusinessDate(request.BusinessDate);
        var approved = ShopUnitDecider.ApprovePayout(unit, payoutId, Channels.CashPointFor(channel), scope.Meta(date, channel));
        return (approved, View(ShopUnit.Evolve(unit, approved)!, payoutId));
    }

    /// <summary>Reject a unit payout</summary>
    /// <remarks>
    /// A pengurus, with a reason. Records the rejection; no money moves. Send an <c>Idempotency-Key</c> header to retry safely: a
    /// repeat answers the first answer and records nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/shop/units/{unitId}/payouts/{payoutId}/reject", OperationId = "rejectShopUnitPayout")]
    [Authorize(Policy = Policies.Pengurus)]
    [Tags("Shop")]
    [ProducesResponseType<PayoutView>(200)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static async Task<IResult> Reject(Guid payoutId, PayoutDecisionRequest request, HttpContext http, CommandScope scope,
        [WriteAggregate("unitId", Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] IEventStream<ShopUnit> unit)
    {
        var key = IdempotencyKeys.Of(http, scope.Caller, request);
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;
        var (rejected, view) = DecideRejection(scope, payoutId, request, unit.Aggregate);
        unit.AppendOne(rejected);
        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Ok(view), scope.Now);
    }

    /// <summary>The decision, pure: <see cref="ShopUnitDecider.RejectPayout"/> (a payout still requested, a reason).</summary>
    public static (UnitPayoutRejected Event, PayoutView View) DecideRejection(CommandScope scope, Guid payoutId, PayoutDecisionRequest request,
        ShopUnit? unit)
    {
        var rejected = ShopUnitDecider.RejectPayout(unit, payoutId, request.Reason, scope.Meta(scope.Today, Channels.Web));
        return (rejected, View(ShopUnit.Evolve(unit, rejected)!, payoutId));
    }

    private static PayoutView View(ShopUnit unit, Guid payoutId)
    {
        var p = unit.Payouts.Single(x => x.PayoutId == payoutId);
        return new PayoutView(p.PayoutId, p.Amount, p.Status, p.RequestedBy, p.RequestedOn, p.Note, p.DecidedBy, p.DecidedAt, p.RejectionReason);
    }
}
