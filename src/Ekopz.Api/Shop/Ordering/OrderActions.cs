using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Api.Shop.Credit;
using Ekopz.Domain.Common;
using Ekopz.Domain.Members;
using Ekopz.Domain.Shop;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Marten;
using ConcurrencyStyle = Wolverine.Marten.ConcurrencyStyle;

namespace Ekopz.Api.Shop.Ordering;

/// <param name="Method"><c>cash</c> (kas), <c>transfer</c> (bank) or <c>credit</c> (an active member's account, bon anggota); default: cash at the counter, transfer online.</param>
public sealed record PayOrderRequest(string? Method = null, LocalDate? BusinessDate = null);

/// <param name="Courier">Default: the courier the shipping-rate provider names.</param>
/// <param name="ShippingCost">What the courier charges; default: the shipping-rate provider's price (nothing for marketplace orders, whose courier the marketplace pays).</param>
public sealed record ShipOrderRequest(string? TrackingNumber, string? Courier = null, decimal? ShippingCost = null, LocalDate? BusinessDate = null);

public sealed record OrderStepRequest(LocalDate? BusinessDate = null);

public sealed record CancelOrderRequest(string? Reason = null, LocalDate? BusinessDate = null);

/// <summary>
/// An order's life after it is placed: pay → ship → deliver → complete, or cancel before shipping.
/// Each step answers the whole order (its <c>status</c> among it). Every step that moves money or
/// goods posts in the same transaction as its events.
///
/// On Wolverine's write path (docs/adr/0031, 0039): Wolverine locks the order's stream ([WriteAggregate], exclusive), the
/// Idempotency-Key is looked up under that lock, the step takes the other locks it needs in one fixed order (order → products by
/// id → voucher → member → unit), <see cref="OrderSteps"/> decides every event of every stream at once, and Wolverine's
/// transactional middleware commits. Two steps on one order take turns; the second is decided on what the first did.
/// </summary>
public static class OrderActionEndpoints
{
    /// <summary>The command's context, before each step runs (docs/adr/0025).</summary>
    public static Task<CommandScope> LoadAsync(string kop, HttpContext http, IDocumentSession session, KoperasiContextCache contexts,
        IClock clock) => WritePath.Scope(kop, http, session, contexts, clock);

    /// <summary>Record an order's payment</summary>
    /// <remarks>
    /// Kasir, pengurus or pengelola toko. Cash, transfer, or on the member's shop credit (<c>method</c>; credit only for an
    /// active member's order). The sale, its cost of goods and the stock leaving are posted in the same transaction; a counter
    /// order is completed at once. A cancelled order is 422 <c>invalid_state</c>. Send an <c>Idempotency-Key</c> header to retry
    /// safely: a repeat answers the first answer and records nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/shop/orders/{orderId}/pay", OperationId = "payShopOrder")]
    [Authorize(Policy = Policies.ShopSell)]
    [Tags("Shop")]
    [ProducesResponseType<OrderView>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static async Task<IResult> Pay(PayOrderRequest request, HttpContext http, CommandScope scope,
        [WriteAggregate("orderId", Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] IEventStream<ShopOrder> order)
    {
        var key = IdempotencyKeys.Of(http, scope.Caller, request);
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;
        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Ok(await PayOn(scope, order, request)), scope.Now);
    }

    /// <summary>The payment on the order's stream (the endpoint's, locked by Wolverine; the demo seeder's, fetched by it).</summary>
    public static async Task<OrderView> PayOn(CommandScope scope, IEventStream<ShopOrder> stream, PayOrderRequest request)
    {
        var order = ShopAccess.Visible(scope.Caller, stream.Aggregate);
        ShopAccess.Sell(scope.Caller, await ShopAccess.Unit(scope.Session, order.UnitId));
        var method = OrderSteps.PaymentMethod(order, request.Method);
        var cashPoint = OrderSteps.CashPointOf(method, order.Channel);
        var date = scope.BusinessDate(request.BusinessDate);
        var products = await LockedProducts.Fetch(scope.Session, order.Lines.Select(l => (Guid?)l.ProductId));
        // On the member's account: only while they are an active member, decided under their lock (exit nets the debt).
        var member = cashPoint == ShopPayments.Credit && order.Status == OrderStatus.Placed ? await LockMember(scope, order.MemberId) : null;
        var percent = (await ShopAccess.Settings(scope.Session, scope.Tenant, date)).CommissionPercent;
        var unit = OrderSteps.PaySettlesSeller(order) ? await ShopAccess.LockUnit(scope, order.UnitId) : null;
        var step = OrderSteps.Pay(order, method, cashPoint, percent, products.States, member?.Aggregate, unit?.Aggregate,
            scope.Meta(date, order.Channel));
        return OrderView.Of(Append(step, stream, order, products, null, unit));
    }

    /// <summary>
    /// The pay step on an order placed in this same command (the marketplace import): its stream was started here, so there is
    /// nothing to lock but the seller unit of a counter sale.
    /// </summary>
    public static async Task<ShopOrder> PayLoaded(CommandScope scope, ShopOrder order, string method, string cashPoint,
        decimal commissionPercent, LockedProducts products, EventMeta meta)
    {
        var unit = OrderSteps.PaySettlesSeller(order) ? await ShopAccess.LockUnit(scope, order.UnitId) : null;
        var step = OrderSteps.Pay(order, method, cashPoint, commissionPercent, products.States, null, unit?.Aggregate, meta);
        scope.Session.Events.Append(order.Id, step.Order);
        products.AppendAll(step.Stock);
        if (step.Unit is not null) unit!.AppendOne(step.Unit);
        return ShopOrder.Evolve(order, step.Order)!;
    }

    /// <summary>Ship a paid order</summary>
    /// <remarks>
    /// Pengurus or pengelola toko, with the courier and tracking number. Recorded and posted in one transaction. A counter sale
    /// is handed over at the counter and never shipped (422 <c>invalid_state</c>). Send an <c>Idempotency-Key</c> header to retry
    /// safely: a repeat answers the first answer and records nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/shop/orders/{orderId}/ship", OperationId = "shipShopOrder")]
    [Authorize(Policy = Policies.ShopManage)]
    [Tags("Shop")]
    [ProducesResponseType<OrderView>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static async Task<IResult> Ship(ShipOrderRequest request, HttpContext http, CommandScope scope, IShippingRates shipping,
        [WriteAggregate("orderId", Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] IEventStream<ShopOrder> order)
    {
        var key = IdempotencyKeys.Of(http, scope.Caller, request);
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;
        var view = await ShipOn(scope, order, request, shipping, http.RequestAborted);
        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Ok(view), scope.Now);
    }

    /// <summary>The shipment on the order's stream (the endpoint's, locked by Wolverine; the demo seeder's, fetched by it).</summary>
    public static async Task<OrderView> ShipOn(CommandScope scope, IEventStream<ShopOrder> stream, ShipOrderRequest request,
        IShippingRates shipping, CancellationToken ct)
    {
        var order = ShopAccess.Visible(scope.Caller, stream.Aggregate);
        ShopAccess.Manage(scope.Caller, await ShopAccess.Unit(scope.Session, order.UnitId));
        var date = scope.BusinessDate(request.BusinessDate);
        var products = await LockedProducts.Fetch(scope.Session, order.Lines.Select(l => (Guid?)l.ProductId));
        var settings = await ShopAccess.Settings(scope.Session, scope.Tenant, date);
        var quote = await shipping.Quote(new ShippingRateRequest(scope.Tenant, order.ShipTo, order.Lines.Sum(l => l.Quantity), order.Goods, settings), ct);
        var cost = request.ShippingCost ?? (order.Channel == Channels.Marketplace ? 0m : quote.Cost);
        var step = OrderSteps.Ship(order, request.Courier ?? quote.Courier, request.TrackingNumber, cost, products.States,
            scope.Meta(date, order.Channel));
        return OrderView.Of(Append(step, stream, order, products, null, null));
    }

    /// <summary>Mark a shipped order delivered</summary>
    /// <remarks>
    /// Pengurus or pengelola toko. Records the delivery date. Send an <c>Idempotency-Key</c> header to retry safely: a repeat
    /// answers the first answer and records nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/shop/orders/{orderId}/deliver", OperationId = "deliverShopOrder")]
    [Authorize(Policy = Policies.ShopManage)]
    [Tags("Shop")]
    [ProducesResponseType<OrderView>(200)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static async Task<IResult> Deliver(OrderStepRequest request, HttpContext http, CommandScope scope,
        [WriteAggregate("orderId", Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] IEventStream<ShopOrder> order)
    {
        var key = IdempotencyKeys.Of(http, scope.Caller, request);
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;

        var current = ShopAccess.Visible(scope.Caller, order.Aggregate);
        ShopAccess.Manage(scope.Caller, await ShopAccess.Unit(scope.Session, current.UnitId));
        var date = scope.BusinessDate(request.BusinessDate);
        var percent = (await ShopAccess.Settings(scope.Session, scope.Tenant, date)).CommissionPercent;
        var unit = current.UnitKind == UnitKind.Seller && current.Status == OrderStatus.Shipped
            ? await ShopAccess.LockUnit(scope, current.UnitId) : null;
        var step = OrderSteps.Deliver(current, percent, unit?.Aggregate, scope.Meta(date, current.Channel));
        var view = OrderView.Of(Append(step, order, current, null, null, unit));
        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Ok(view), scope.Now);
    }

    /// <summary>Complete a delivered order</summary>
    /// <remarks>
    /// The buyer (an anggota for their own order) or staff. Only a delivered order can be completed (422 <c>invalid_state</c>).
    /// Send an <c>Idempotency-Key</c> header to retry safely: a repeat answers the first answer and records nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/shop/orders/{orderId}/complete", OperationId = "completeShopOrder")]
    [Authorize(Policy = Policies.ShopBuy)]
    [Tags("Shop")]
    [ProducesResponseType<OrderView>(200)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static async Task<IResult> Complete(OrderStepRequest request, HttpContext http, CommandScope scope,
        [WriteAggregate("orderId", Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] IEventStream<ShopOrder> order)
    {
        var key = IdempotencyKeys.Of(http, scope.Caller, request);
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;

        var current = ShopAccess.Visible(scope.Caller, order.Aggregate);
        // The buyer confirms receipt from the app, or the unit closes it.
        if (!scope.Caller.IsMemberOnly) ShopAccess.Sell(scope.Caller, await ShopAccess.Unit(scope.Session, current.UnitId));
        var step = OrderSteps.Complete(current, scope.Meta(scope.BusinessDate(request.BusinessDate), current.Channel));
        var view = OrderView.Of(Append(step, order, current, null, null, null));
        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Ok(view), scope.Now);
    }

    /// <summary>Cancel an order before it ships</summary>
    /// <remarks>
    /// The buyer (an anggota for their own order) or staff, with an optional reason. Releases the reserved stock and gives the
    /// voucher use back. An order already shipped is 422 <c>invalid_state</c>. Send an <c>Idempotency-Key</c> header to retry
    /// safely: a repeat answers the first answer and records nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/shop/orders/{orderId}/cancel", OperationId = "cancelShopOrder")]
    [Authorize(Policy = Policies.ShopBuy)]
    [Tags("Shop")]
    [ProducesResponseType<OrderView>(200)]
    [ProducesResponseType<ProblemDetails>(403)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static async Task<IResult> Cancel(CancelOrderRequest request, HttpContext http, CommandScope scope, MemberCreditLedger credit,
        [WriteAggregate("orderId", Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] IEventStream<ShopOrder> order)
    {
        var key = IdempotencyKeys.Of(http, scope.Caller, request);
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;

        var current = ShopAccess.Visible(scope.Caller, order.Aggregate);
        if (scope.Caller.IsMemberOnly)
        {
            // A member may withdraw an unpaid order; a refund is the shop's to make.
            if (current.Status == OrderStatus.Paid)
                throw new DomainException(ErrorCodes.Forbidden, "The order is paid: ask the shop to cancel and refund it.");
        }
        else ShopAccess.Sell(scope.Caller, await ShopAccess.Unit(scope.Session, current.UnitId));
        var date = scope.BusinessDate(request.BusinessDate);
        var products = await LockedProducts.Fetch(scope.Session, current.Lines.Select(l => (Guid?)l.ProductId));
        IEventStream<ShopVoucher>? voucher = null;
        if (current.VoucherId is { } vid && current.Status is OrderStatus.Placed or OrderStatus.Paid)
            voucher = await scope.Session.Events.FetchForExclusiveWriting<ShopVoucher>(vid, http.RequestAborted);
        decimal? owed = null;
        if (current is { Status: OrderStatus.Paid, CashPoint: ShopPayments.Credit, MemberId: { } mid })
            owed = (await credit.Lock(scope, mid)).Owed;
        var step = OrderSteps.Cancel(current, request.Reason, products.States, voucher?.Aggregate, owed, scope.Meta(date, current.Channel));
        var view = OrderView.Of(Append(step, order, current, products, voucher, null));
        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Ok(view), scope.Now);
    }

    /// <summary>
    /// Appends each event of a step to its stream (the order, its products, its voucher, the seller unit) and answers the order
    /// as it is after the step.
    /// </summary>
    internal static ShopOrder Append(OrderStep step, IEventStream<ShopOrder> stream, ShopOrder order, LockedProducts? products,
        IEventStream<ShopVoucher>? voucher, IEventStream<ShopUnit>? unit)
    {
        stream.AppendOne(step.Order);
        if (step.Stock.Count > 0) products!.AppendAll(step.Stock);
        if (step.Voucher is not null) voucher!.AppendOne(step.Voucher);
        if (step.Unit is not null) unit!.AppendOne(step.Unit);
        return ShopOrder.Evolve(order, step.Order)!;
    }

    /// <summary>The buyer's stream under a row lock, when the buyer is a member of this koperasi.</summary>
    internal static async Task<IEventStream<Member>?> LockMember(CommandScope scope, Guid? memberId) =>
        memberId is { } mid && await scope.Session.LoadAsync<Member>(mid) is not null
            ? await scope.Session.Events.FetchForExclusiveWriting<Member>(mid)
            : null;
}
