using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Api.Shop.Credit;
using Ekopz.Domain.Common;
using Ekopz.Domain.Members;
using Ekopz.Domain.Shop;
using JasperFx.Events;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

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
/// </summary>
public static class OrderActionEndpoints
{
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
    public static Task<IResult> Pay(string kop, Guid orderId, PayOrderRequest request, HttpContext http, CommandRunner runner) =>
        runner.Run(http, kop, request, scope => PayCore(scope, orderId, request));

    public static async Task<CommandResult> PayCore(CommandScope scope, Guid orderId, PayOrderRequest request)
    {
        var (stream, order) = await LoadOrder(scope, orderId);
        ShopAccess.Sell(scope.Caller, await ShopAccess.Unit(scope.Session, order.UnitId));
        var method = order.Channel == Channels.Marketplace ? "marketplace" : request.Method?.Trim().ToLowerInvariant()
            ?? (order.Channel == Channels.Counter ? "cash" : "transfer");
        var cashPoint = ShopAccess.CashPoint(method, order.Channel);
        var date = scope.BusinessDate(request.BusinessDate);
        var products = await LockedProducts.Fetch(scope.Session, order.Lines.Select(l => (Guid?)l.ProductId));
        if (cashPoint == ShopPayments.Credit)
        {
            // On the member's account: only while they are an active member, decided under their lock (exit nets the debt).
            ShopOrderDecider.RequirePayable(order);
            var member = order.MemberId is { } mid && await scope.Session.LoadAsync<Member>(mid) is not null
                ? (await scope.Session.Events.FetchForExclusiveWriting<Member>(mid)).Aggregate : null;
            MemberCreditDecider.RequireCanBuyOnCredit(order, member);
        }
        var percent = (await ShopAccess.Settings(scope.Session, scope.Tenant, date)).CommissionPercent;
        var meta = scope.Meta(date, order.Channel);
        var after = await PayLoaded(scope, stream, order, method, cashPoint, percent, products, meta);
        return CommandResult.Ok(OrderView.Of(after));
    }

    /// <summary>The pay step on an order already loaded (shared with the marketplace import).</summary>
    public static async Task<ShopOrder> PayLoaded(CommandScope scope, IEventStream<ShopOrder>? stream, ShopOrder order, string method, string cashPoint,
        decimal commissionPercent, LockedProducts products, EventMeta meta)
    {
        var (paid, sold) = ShopOrderDecider.Pay(order, method, cashPoint, commissionPercent, products.States, meta);
        if (stream is null) scope.Session.Events.Append(order.Id, paid);
        else stream.AppendOne(paid);
        products.AppendAll(sold);
        var after = ShopOrder.Evolve(order, paid)!;
        // A seller's counter sale is handed over now: its money is the seller's, less the commission.
        if (paid.Completed && order.UnitKind == UnitKind.Seller) await Settle(scope, after, paid.CommissionPercent, meta);
        return after;
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
    public static Task<IResult> Ship(string kop, Guid orderId, ShipOrderRequest request, HttpContext http, CommandRunner runner, IShippingRates shipping) =>
        runner.Run(http, kop, request, scope => ShipCore(scope, orderId, request, shipping, http.RequestAborted));

    public static async Task<CommandResult> ShipCore(CommandScope scope, Guid orderId, ShipOrderRequest request, IShippingRates shipping,
        CancellationToken ct)
    {
        var (stream, order) = await LoadOrder(scope, orderId);
        ShopAccess.Manage(scope.Caller, await ShopAccess.Unit(scope.Session, order.UnitId));
        var date = scope.BusinessDate(request.BusinessDate);
        var products = await LockedProducts.Fetch(scope.Session, order.Lines.Select(l => (Guid?)l.ProductId));
        var settings = await ShopAccess.Settings(scope.Session, scope.Tenant, date);
        var quote = await shipping.Quote(new ShippingRateRequest(scope.Tenant, order.ShipTo, order.Lines.Sum(l => l.Quantity), order.Goods, settings), ct);
        var cost = request.ShippingCost ?? (order.Channel == Channels.Marketplace ? 0m : quote.Cost);
        var (shipped, stock) = ShopOrderDecider.Ship(order, request.Courier ?? quote.Courier, request.TrackingNumber, cost, products.States,
            scope.Meta(date, order.Channel));
        stream.AppendOne(shipped);
        products.AppendAll(stock);
        return CommandResult.Ok(OrderView.Of(ShopOrder.Evolve(order, shipped)!));
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
    public static Task<IResult> Deliver(string kop, Guid orderId, OrderStepRequest request, HttpContext http, CommandRunner runner) =>
        runner.Run(http, kop, request, scope => DeliverCore(scope, orderId, request));

    public static async Task<CommandResult> DeliverCore(CommandScope scope, Guid orderId, OrderStepRequest request)
    {
        var (stream, order) = await LoadOrder(scope, orderId);
        ShopAccess.Manage(scope.Caller, await ShopAccess.Unit(scope.Session, order.UnitId));
        var date = scope.BusinessDate(request.BusinessDate);
        var percent = (await ShopAccess.Settings(scope.Session, scope.Tenant, date)).CommissionPercent;
        var meta = scope.Meta(date, order.Channel);
        var delivered = ShopOrderDecider.Deliver(order, percent, meta);
        stream.AppendOne(delivered);
        var after = ShopOrder.Evolve(order, delivered)!;
        if (order.UnitKind == UnitKind.Seller) await Settle(scope, after, delivered.CommissionPercent, meta);
        return CommandResult.Ok(OrderView.Of(after));
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
    public static Task<IResult> Complete(string kop, Guid orderId, OrderStepRequest request, HttpContext http, CommandRunner runner) =>
        runner.Run(http, kop, request, async scope =>
        {
            var (stream, order) = await LoadOrder(scope, orderId);
            // The buyer confirms receipt from the app, or the unit closes it.
            if (!scope.Caller.IsMemberOnly) ShopAccess.Sell(scope.Caller, await ShopAccess.Unit(scope.Session, order.UnitId));
            var completed = ShopOrderDecider.Complete(order, scope.Meta(scope.BusinessDate(request.BusinessDate), order.Channel));
            stream.AppendOne(completed);
            return CommandResult.Ok(OrderView.Of(ShopOrder.Evolve(order, completed)!));
        });

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
    public static Task<IResult> Cancel(string kop, Guid orderId, CancelOrderRequest request, HttpContext http, CommandRunner runner,
        MemberCreditLedger credit) =>
        runner.Run(http, kop, request, async scope =>
        {
            var (stream, order) = await LoadOrder(scope, orderId);
            if (scope.Caller.IsMemberOnly)
            {
                // A member may withdraw an unpaid order; a refund is the shop's to make.
                if (order.Status == OrderStatus.Paid)
                    throw new DomainException(ErrorCodes.Forbidden, "The order is paid: ask the shop to cancel and refund it.");
            }
            else ShopAccess.Sell(scope.Caller, await ShopAccess.Unit(scope.Session, order.UnitId));
            var date = scope.BusinessDate(request.BusinessDate);
            var products = await LockedProducts.Fetch(scope.Session, order.Lines.Select(l => (Guid?)l.ProductId));
            IEventStream<ShopVoucher>? voucher = null;
            if (order.VoucherId is { } vid && order.Status is OrderStatus.Placed or OrderStatus.Paid)
                voucher = await scope.Session.Events.FetchForExclusiveWriting<ShopVoucher>(vid);
            string? refundTo = null;
            if (order is { Status: OrderStatus.Paid, CashPoint: ShopPayments.Credit, MemberId: { } mid })
            {
                var (_, owed) = await credit.Lock(scope, mid);
                refundTo = MemberCreditDecider.RefundCashPoint(order.CashPoint, owed, order.Total);
            }
            var (cancelled, stock, released) = ShopOrderDecider.Cancel(order, request.Reason, products.States, voucher?.Aggregate,
                scope.Meta(date, order.Channel), refundTo);
            stream.AppendOne(cancelled);
            products.AppendAll(stock);
            if (released is not null) voucher!.AppendOne(released);
            return CommandResult.Ok(OrderView.Of(ShopOrder.Evolve(order, cancelled)!));
        });

    /// <summary>
    /// The order's stream under a row lock, taken before the products' (the lock order everywhere is
    /// order, products, voucher, unit). Two steps racing on one order then take turns, and the second
    /// is decided on what the first did: paying twice at once is one sale and one <c>invalid_state</c>.
    /// </summary>
    public static async Task<(IEventStream<ShopOrder> Stream, ShopOrder Order)> LoadOrder(CommandScope scope, Guid orderId)
    {
        ShopAccess.Visible(scope.Caller, await scope.Session.LoadAsync<ShopOrder>(orderId));
        var stream = await scope.Session.Events.FetchForExclusiveWriting<ShopOrder>(orderId);
        return (stream, ShopAccess.Visible(scope.Caller, stream.Aggregate));
    }

    /// <summary>A seller's order reached its buyer: the goods money joins the seller's balance, less the commission.</summary>
    public static async Task Settle(CommandScope scope, ShopOrder order, decimal commissionPercent, EventMeta meta)
    {
        var unit = await ShopAccess.LockUnit(scope, order.UnitId);
        unit.AppendOne(ShopUnitDecider.Settle(unit.Aggregate!, order.Id, order.Goods, commissionPercent, meta));
    }
}
