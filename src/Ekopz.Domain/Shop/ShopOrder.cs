using Ekopz.Domain.Common;
using NodaTime;

namespace Ekopz.Domain.Shop;

/// <summary>The cost at which a line's units left the stock (from the product streams at payment).</summary>
public sealed record LineCost(int LineNo, decimal Cost);

/// <summary>Units of one line coming back: what is refunded for them and the cost they return to stock at.</summary>
public sealed record ReturnLine(int LineNo, Guid ProductId, decimal Quantity, decimal Refund, decimal Cost);

/// <summary>
/// An order was placed: lines priced for the buyer's class (member or not, decided now), discounts
/// shown per line, the shipping charge quoted by the shipping-rate provider. Its stock is reserved
/// on the product streams in the same transaction.
/// </summary>
public sealed record OrderPlaced(
    Guid OrderId,
    Guid UnitId,
    UnitKind UnitKind,
    string Channel,
    Guid? MemberId,
    CounterpartyClass Buyer,
    IReadOnlyList<OrderLine> Lines,
    string? VoucherCode,
    Guid? VoucherId,
    decimal ShippingCharge,
    string? ShipTo,
    string? Marketplace,
    string? ExternalId,
    EventMeta Meta,
    WebBuyer? Contact = null) : IDomainEvent
{
    public decimal Goods => Lines.Sum(l => l.Net);
}

/// <summary>
/// The buyer paid the order total. The sale is recognised now (docs/adr/0011): cash or bank against
/// member or non-member sales and shipping income (for a seller's goods, against saldo toko); the
/// cost of goods sold is posted from the product streams' <see cref="StockSold"/> events.
/// </summary>
/// <param name="Method">cash, transfer or marketplace.</param>
/// <param name="Completed">A counter sale is handed over on the spot: paid is complete.</param>
/// <param name="CommissionPercent">For a completed seller order: the commission settled now.</param>
public sealed record OrderPaid(
    Guid OrderId,
    Guid UnitId,
    UnitKind UnitKind,
    decimal Goods,
    decimal Shipping,
    string Method,
    string CashPoint,
    CounterpartyClass Buyer,
    Guid? MemberId,
    IReadOnlyList<LineCost> Costs,
    bool Completed,
    decimal CommissionPercent,
    EventMeta Meta) : IDomainEvent
{
    public decimal Amount => Goods + Shipping;
}

/// <summary>Handed to the courier; the courier's price (from the shipping-rate provider) is paid now.</summary>
public sealed record OrderShipped(Guid OrderId, string Courier, string TrackingNumber, decimal ShippingCost, string CashPoint, EventMeta Meta) : IDomainEvent;

/// <summary>The buyer has the goods. For a seller's order the goods money becomes the seller's, less the commission.</summary>
public sealed record OrderDelivered(Guid OrderId, decimal CommissionPercent, EventMeta Meta) : IDomainEvent;

public sealed record OrderCompleted(Guid OrderId, EventMeta Meta) : IDomainEvent;

/// <summary>
/// Cancelled before shipping. Unpaid: the reservations are released. Paid: the whole amount is
/// refunded, the sale reversed and the goods (never shipped) restocked at the cost they left at.
/// </summary>
public sealed record OrderCancelled(
    Guid OrderId,
    Guid UnitId,
    UnitKind UnitKind,
    string Reason,
    bool WasPaid,
    decimal Goods,
    decimal Shipping,
    string? CashPoint,
    CounterpartyClass Buyer,
    Guid? MemberId,
    EventMeta Meta) : IDomainEvent
{
    public decimal Refund => WasPaid ? Goods + Shipping : 0m;
}

/// <summary>
/// Goods came back after delivery: what was paid for them is refunded (shipping is not) and the sale
/// reversed against the same sales account it was credited to, so the member's purchases for SHU
/// fall by exactly the refund.
/// </summary>
public sealed record OrderReturned(
    Guid OrderId,
    Guid UnitId,
    UnitKind UnitKind,
    Guid ReturnId,
    IReadOnlyList<ReturnLine> Lines,
    string Reason,
    bool Restocked,
    string CashPoint,
    CounterpartyClass Buyer,
    Guid? MemberId,
    EventMeta Meta) : IDomainEvent
{
    public decimal Refund => Lines.Sum(l => l.Refund);
}

public enum OrderStatus
{
    Placed,
    Paid,
    Shipped,
    Delivered,
    Completed,
    Cancelled,
}

public static class OrderChannels
{
    public static readonly IReadOnlySet<string> All = new HashSet<string> { Channels.Web, Channels.Mobile, Channels.Counter, Channels.Marketplace };

    /// <summary>Orders that reach the buyer by courier (a counter sale is handed over).</summary>
    public static bool Ships(string channel) => channel != Channels.Counter;

    public static string StatusName(this OrderStatus status) => status.ToString().ToLowerInvariant();
}

public sealed record OrderReturnRecord(Guid ReturnId, LocalDate On, IReadOnlyList<ReturnLine> Lines, decimal Refund, string Reason, bool Restocked,
    string By);

/// <summary>An order as the decisions and the views see it. Built only by <see cref="Evolve"/>.</summary>
public sealed record ShopOrder(
    Guid Id,
    Guid UnitId,
    UnitKind UnitKind,
    string Channel,
    Guid? MemberId,
    CounterpartyClass Buyer,
    OrderStatus Status,
    IReadOnlyList<OrderLine> Lines,
    string? VoucherCode,
    Guid? VoucherId,
    decimal ShippingCharge,
    string? ShipTo,
    string? Marketplace,
    string? ExternalId,
    string PlacedBy,
    LocalDate PlacedOn,
    Instant PlacedAt,
    int PlacedDateKey,
    long PlacedTicks,
    string? PaymentMethod = null,
    string? CashPoint = null,
    LocalDate? PaidOn = null,
    IReadOnlyList<LineCost>? Costs = null,
    string? Courier = null,
    string? TrackingNumber = null,
    decimal ShippingCost = 0m,
    LocalDate? ShippedOn = null,
    LocalDate? DeliveredOn = null,
    LocalDate? CompletedOn = null,
    LocalDate? CancelledOn = null,
    string? CancelReason = null,
    decimal CommissionPercent = 0m,
    IReadOnlyList<OrderReturnRecord>? Returns = null,
    decimal CommissionReturned = 0m,
    WebBuyer? Contact = null)
{
    public decimal Goods => Lines.Sum(l => l.Net);
    public decimal Total => Goods + ShippingCharge;
    public decimal Refunded => (Returns ?? []).Sum(r => r.Refund);

    public decimal ReturnedQuantity(int lineNo) => (Returns ?? []).SelectMany(r => r.Lines).Where(l => l.LineNo == lineNo).Sum(l => l.Quantity);
    public decimal ReturnedRefund(int lineNo) => (Returns ?? []).SelectMany(r => r.Lines).Where(l => l.LineNo == lineNo).Sum(l => l.Refund);
    /// <summary>The cost share of units already returned (restocked or not: either way it is no longer this line's to give back).</summary>
    public decimal ReturnedCost(int lineNo) => (Returns ?? []).SelectMany(r => r.Lines).Where(l => l.LineNo == lineNo).Sum(l => l.Cost);
    public decimal CostOf(int lineNo) => (Costs ?? []).Where(c => c.LineNo == lineNo).Sum(c => c.Cost);

    /// <summary>Commission kept on this (seller) order so far: on the goods delivered, less what returns gave back.</summary>
    public decimal Commission => Money.RoundCents(Goods * CommissionPercent / 100m) - CommissionReturned;

    public static ShopOrder? Evolve(ShopOrder? state, object @event) => @event switch
    {
        OrderPlaced e => new ShopOrder(e.OrderId, e.UnitId, e.UnitKind, e.Channel, e.MemberId, e.Buyer, OrderStatus.Placed, e.Lines, e.VoucherCode,
            e.VoucherId, e.ShippingCharge, e.ShipTo, e.Marketplace, e.ExternalId, e.Meta.Actor, e.Meta.BusinessDate, e.Meta.RecordedAt,
            e.Meta.BusinessDate.Key(), e.Meta.RecordedAt.Ticks(), Contact: e.Contact),
        _ when state is null => null,
        OrderPaid e => state with
        {
            Status = e.Completed ? OrderStatus.Completed : OrderStatus.Paid, PaymentMethod = e.Method, CashPoint = e.CashPoint,
            PaidOn = e.Meta.BusinessDate, Costs = e.Costs, CompletedOn = e.Completed ? e.Meta.BusinessDate : null,
            CommissionPercent = e.Completed ? e.CommissionPercent : state.CommissionPercent,
        },
        OrderShipped e => state with
        {
            Status = OrderStatus.Shipped, Courier = e.Courier, TrackingNumber = e.TrackingNumber, ShippingCost = e.ShippingCost, ShippedOn = e.Meta.BusinessDate,
        },
        OrderDelivered e => state with { Status = OrderStatus.Delivered, DeliveredOn = e.Meta.BusinessDate, CommissionPercent = e.CommissionPercent },
        OrderCompleted e => state with { Status = OrderStatus.Completed, CompletedOn = e.Meta.BusinessDate },
        OrderCancelled e => state with { Status = OrderStatus.Cancelled, CancelledOn = e.Meta.BusinessDate, CancelReason = e.Reason },
        OrderReturned e => state with
        {
            Returns = [.. state.Returns ?? [], new OrderReturnRecord(e.ReturnId, e.Meta.BusinessDate, e.Lines, e.Refund, e.Reason, e.Restocked, e.Meta.Actor)],
            CommissionReturned = state.CommissionReturned + CommissionOnReturn(state, e.Refund),
        },
        _ => state,
    };

    /// <summary>The commission a seller gives back on a refund: its share at the settled rate, all that is left when nothing is left to refund.</summary>
    public static decimal CommissionOnReturn(ShopOrder order, decimal refund)
    {
        if (order.UnitKind != UnitKind.Seller || order.CommissionPercent == 0) return 0m;
        var left = order.Commission;
        return order.Refunded + refund >= order.Goods ? left : Math.Min(left, Money.RoundCents(refund * order.CommissionPercent / 100m));
    }
}

/// <summary>What a buyer asked for on one line.</summary>
public sealed record OrderLineRequest(Guid? ProductId, decimal? Quantity, decimal? UnitPrice = null);

/// <summary>An order as asked for, checked and priced, before shipping is quoted and stock reserved.</summary>
public sealed record PricedOrder(Guid OrderId, Guid UnitId, UnitKind UnitKind, string Channel, Guid? MemberId, CounterpartyClass Buyer,
    IReadOnlyList<OrderLine> Lines, ShopVoucher? Voucher, decimal VoucherDiscount, string? ShipTo, string? Marketplace, string? ExternalId)
{
    public decimal Goods => Lines.Sum(l => l.Net);
    public decimal Quantity => Lines.Sum(l => l.Quantity);
}

/// <summary>
/// Pure decisions about orders. Each takes the order and the states of the other streams it
/// touches (products, voucher, unit), all fetched under lock by the slice, and returns every event
/// to append; a refusal throws before anything is appended.
/// </summary>
public static class ShopOrderDecider
{
    public const int MaxLines = 100;

    /// <summary>
    /// Checks the request and prices it. The buyer gets member prices (and the sale counts as a
    /// member's) only when <paramref name="buyer"/> is an active member now; applicants and members who
    /// left pay the public price. All lines must be products of one unit.
    /// </summary>
    public static PricedOrder Price(Guid orderId, string? channel, Guid? memberId, Members.Member? buyer, IReadOnlyList<OrderLineRequest>? lines,
        IReadOnlyDictionary<Guid, ShopProduct> products, string? shipTo, string? marketplace, string? externalId, EventMeta meta)
    {
        var errors = new Dictionary<string, string[]>();
        var ch = channel?.Trim().ToLowerInvariant();
        if (ch is null || !OrderChannels.All.Contains(ch)) errors["channel"] = ["The channel is web, mobile, counter or marketplace."];
        if (memberId is not null && buyer is null) errors["memberId"] = ["No such member in this koperasi."];
        if (shipTo is { Length: > 500 }) errors["shipTo"] = ["At most 500 characters."];
        var wanted = new List<(ShopProduct Product, decimal Quantity, decimal? UnitPrice)>();
        if (lines is null || lines.Count == 0) errors["lines"] = ["An order has at least one line."];
        else if (lines.Count > MaxLines) errors["lines"] = [$"An order has at most {MaxLines} lines."];
        else
        {
            var seen = new HashSet<Guid>();
            for (var i = 0; i < lines.Count; i++)
            {
                var l = lines[i];
                var field = $"lines[{i}]";
                if (l.ProductId is not { } pid || !products.TryGetValue(pid, out var product))
                {
                    errors[$"{field}.productId"] = ["No such product in this koperasi."];
                    continue;
                }
                if (!seen.Add(pid)) { errors[$"{field}.productId"] = ["List each product once."]; continue; }
                if (meta.BusinessDate < product.CreatedOn)
                {
                    errors[$"{field}.productId"] = [$"{product.Sku} was not in the catalogue yet on {meta.BusinessDate:yyyy-MM-dd}."];
                    continue;
                }
                if (product.Inactive)
                {
                    errors[$"{field}.productId"] = [$"{product.Sku} is no longer sold (deactivated)."];
                    continue;
                }
                if (l.Quantity is null) { errors[$"{field}.quantity"] = ["The quantity is required."]; continue; }
                try { Uoms.RequireQuantity(l.Quantity.Value, product.Uom, $"{field}.quantity"); }
                catch (DomainException e) { errors[$"{field}.quantity"] = [e.Message]; continue; }
                if (l.UnitPrice is { } up)
                {
                    if (ch != Channels.Marketplace) { errors[$"{field}.unitPrice"] = ["Only a marketplace import names its own price."]; continue; }
                    try { Money.RequirePositive(up, $"{field}.unitPrice"); }
                    catch (DomainException e) { errors[$"{field}.unitPrice"] = [e.Message]; continue; }
                }
                wanted.Add((product, l.Quantity.Value, l.UnitPrice));
            }
            if (errors.Count == 0 && wanted.Select(w => w.Product.UnitId).Distinct().Count() > 1)
                errors["lines"] = ["All products of one order come from one unit; place one order per unit."];
        }
        if (errors.Count > 0) throw new DomainException(ErrorCodes.ValidationFailed, "The order is not valid.", errors);

        var isMember = buyer is { Status: Members.MemberStatus.Active };
        var priced = OrderPricing.Price(wanted, isMember, meta.BusinessDate, meta.RecordedAt);
        var unitId = wanted[0].Product.UnitId;
        var unitKind = wanted[0].Product.Consigned ? UnitKind.Seller : UnitKind.Own;
        return new PricedOrder(orderId, unitId, unitKind, ch!, memberId, isMember ? CounterpartyClass.Member : CounterpartyClass.NonMember, priced,
            null, 0m, shipTo?.Trim(), marketplace, externalId);
    }

    /// <summary>A voucher takes its discount off the goods (after flash sales), spread over the lines.</summary>
    public static (PricedOrder Order, VoucherRedeemed Redeemed) ApplyVoucher(PricedOrder order, ShopVoucher? voucher, EventMeta meta)
    {
        var (redeemed, discount) = VoucherDecider.Redeem(voucher, order.OrderId, order.UnitId, order.Goods, meta);
        return (order with { Lines = OrderPricing.ApplyVoucher(order.Lines, discount), Voucher = voucher, VoucherDiscount = discount }, redeemed);
    }

    /// <summary>The order is placed and each line's quantity reserved; no stock, no order.</summary>
    public static (OrderPlaced Placed, IReadOnlyList<StockReserved> Reservations) Place(PricedOrder order, decimal shippingCharge,
        IReadOnlyDictionary<Guid, ShopProduct> products, EventMeta meta)
    {
        var reservations = order.Lines.Select(l => ShopProductDecider.Reserve(products[l.ProductId], order.OrderId, l.Quantity, meta)).ToList();
        var placed = new OrderPlaced(order.OrderId, order.UnitId, order.UnitKind, order.Channel, order.MemberId, order.Buyer, order.Lines,
            order.Voucher?.Code, order.Voucher?.Id, shippingCharge, order.ShipTo, order.Marketplace, order.ExternalId, meta);
        return (placed, reservations);
    }

    private static ShopOrder Existing(ShopOrder? order) => order ?? throw DomainException.NotFound("The order");

    private static void RequireNotBefore(LocalDate? earlier, LocalDate date, string what)
    {
        if (earlier is { } d && date < d)
            throw DomainException.Validation("businessDate", $"This cannot be dated before the order was {what} ({d:yyyy-MM-dd}).");
    }

    /// <summary>An order can be paid once, and not after it was cancelled.</summary>
    public static ShopOrder RequirePayable(ShopOrder? order)
    {
        var o = Existing(order);
        if (o.Status == OrderStatus.Cancelled) throw DomainException.InvalidState("The order was cancelled; it cannot be paid.");
        if (o.Status != OrderStatus.Placed) throw DomainException.InvalidState($"The order is already paid ({o.Status.StatusName()}).");
        return o;
    }

    /// <summary>
    /// Payment settles the order total: the reserved units are sold at the moving average of this
    /// moment. A counter order is then complete; any other waits to be shipped.
    /// </summary>
    public static (OrderPaid Paid, IReadOnlyList<StockSold> Sold) Pay(ShopOrder? order, string method, string cashPoint, decimal commissionPercent,
        IReadOnlyDictionary<Guid, ShopProduct> products, EventMeta meta)
    {
        var o = RequirePayable(order);
        RequireNotBefore(o.PlacedOn, meta.BusinessDate, "placed");
        var ships = OrderChannels.Ships(o.Channel);
        var sold = o.Lines.Select(l => ShopProductDecider.Sell(products[l.ProductId], o.Id, l.Quantity, true, ships, o.Buyer, o.MemberId, meta)).ToList();
        var costs = o.Lines.Select((l, i) => new LineCost(l.LineNo, sold[i].Cost)).ToList();
        var completed = !ships;
        return (new OrderPaid(o.Id, o.UnitId, o.UnitKind, o.Goods, o.ShippingCharge, method, cashPoint, o.Buyer, o.MemberId, costs, completed,
            completed && o.UnitKind == UnitKind.Seller ? commissionPercent : 0m, meta), sold);
    }

    public static (OrderShipped Shipped, IReadOnlyList<StockShipped> Stock) Ship(ShopOrder? order, string? courier, string? trackingNumber, decimal cost,
        IReadOnlyDictionary<Guid, ShopProduct> products, EventMeta meta)
    {
        var o = Existing(order);
        if (!OrderChannels.Ships(o.Channel)) throw DomainException.InvalidState("A counter sale is handed over at the counter; it is not shipped.");
        if (o.Status != OrderStatus.Paid)
            throw DomainException.InvalidState(o.Status switch
            {
                OrderStatus.Placed => "The order is not paid yet; it cannot be shipped.",
                OrderStatus.Cancelled => "The order was cancelled; it cannot be shipped.",
                _ => $"The order is already {o.Status.StatusName()}.",
            });
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(trackingNumber) || trackingNumber.Trim().Length > 100) errors["trackingNumber"] = ["The tracking number is required (at most 100 characters)."];
        if (string.IsNullOrWhiteSpace(courier) || courier.Trim().Length > 100) errors["courier"] = ["The courier is required (at most 100 characters)."];
        if (cost < 0 || decimal.Round(cost, 2) != cost || cost > Money.Max) errors["shippingCost"] = ["The shipping cost is at least 0 with at most 2 decimals."];
        if (errors.Count > 0) throw new DomainException(ErrorCodes.ValidationFailed, "The shipment is not valid.", errors);
        RequireNotBefore(o.PaidOn, meta.BusinessDate, "paid");
        var stock = o.Lines.Select(l => ShopProductDecider.Ship(products[l.ProductId], o.Id, l.Quantity, meta)).ToList();
        return (new OrderShipped(o.Id, courier!.Trim(), trackingNumber!.Trim(), cost, CashPoints.Bank, meta), stock);
    }

    /// <summary>The buyer has the goods. For a seller's order, <paramref name="commissionPercent"/> (in force today) is what the koperasi keeps.</summary>
    public static OrderDelivered Deliver(ShopOrder? order, decimal commissionPercent, EventMeta meta)
    {
        var o = Existing(order);
        if (o.Status != OrderStatus.Shipped)
            throw DomainException.InvalidState(o.Status == OrderStatus.Cancelled
                ? "The order was cancelled; it cannot be delivered." : $"Only a shipped order can be delivered; this one is {o.Status.StatusName()}.");
        RequireNotBefore(o.ShippedOn, meta.BusinessDate, "shipped");
        return new OrderDelivered(o.Id, o.UnitKind == UnitKind.Seller ? commissionPercent : 0m, meta);
    }

    public static OrderCompleted Complete(ShopOrder? order, EventMeta meta)
    {
        var o = Existing(order);
        if (o.Status != OrderStatus.Delivered)
            throw DomainException.InvalidState($"Only a delivered order can be completed; this one is {o.Status.StatusName()}.");
        RequireNotBefore(o.DeliveredOn, meta.BusinessDate, "delivered");
        return new OrderCompleted(o.Id, meta);
    }

    /// <summary>
    /// Cancel before shipping. Unpaid: reservations released. Paid: everything refunded through the
    /// cash point it came in by, the goods (still on the shelf) restocked at the cost they left at.
    /// The voucher use is given back either way.
    /// </summary>
    /// <param name="refundCashPoint">Where a refund goes when not back the way it came (a credit order whose account no longer covers it).</param>
    public static (OrderCancelled Cancelled, IReadOnlyList<IDomainEvent> Stock, VoucherReleased? Voucher) Cancel(ShopOrder? order, string? reason,
        IReadOnlyDictionary<Guid, ShopProduct> products, ShopVoucher? voucher, EventMeta meta, string? refundCashPoint = null)
    {
        var o = Existing(order);
        if (o.Status is not (OrderStatus.Placed or OrderStatus.Paid))
            throw DomainException.InvalidState(o.Status == OrderStatus.Cancelled
                ? "The order is already cancelled."
                : $"The order is {o.Status.StatusName()}: only orders not yet shipped can be cancelled; return the goods instead.");
        if (reason is { Length: > 500 }) throw DomainException.Validation("reason", "At most 500 characters.");
        var wasPaid = o.Status == OrderStatus.Paid;
        if (wasPaid) RequireNotBefore(o.PaidOn, meta.BusinessDate, "paid");
        else RequireNotBefore(o.PlacedOn, meta.BusinessDate, "placed");
        IReadOnlyList<IDomainEvent> stock = wasPaid
            ? o.Lines.Select(l => (IDomainEvent)ShopProductDecider.Restock(products[l.ProductId], o.Id, null, l.Quantity, o.CostOf(l.LineNo), false,
                o.Buyer, o.MemberId, meta)).ToList()
            : o.Lines.Select(l => (IDomainEvent)ShopProductDecider.Release(products[l.ProductId], o.Id, l.Quantity, meta)).ToList();
        var cancelled = new OrderCancelled(o.Id, o.UnitId, o.UnitKind, string.IsNullOrWhiteSpace(reason) ? "dibatalkan" : reason.Trim(), wasPaid, o.Goods,
            o.ShippingCharge, wasPaid ? refundCashPoint ?? o.CashPoint : null, o.Buyer, o.MemberId, meta);
        return (cancelled, stock, VoucherDecider.Release(voucher, o.Id, meta));
    }

    /// <summary>
    /// A return after the buyer had the goods: each returned unit is refunded at what was paid for
    /// it and, when restocked, goes back to stock at the cost it left at. The last units of a line take
    /// whatever of its refund and cost is left, so a line returned in parts refunds exactly its net.
    /// </summary>
    public static (OrderReturned Returned, IReadOnlyList<StockRestocked> Stock) Return(ShopOrder? order, Guid returnId,
        IReadOnlyList<(Guid? ProductId, decimal? Quantity)>? lines, string? reason, bool restock, string cashPoint,
        IReadOnlyDictionary<Guid, ShopProduct> products, EventMeta meta)
    {
        var o = Existing(order);
        if (o.Status is not (OrderStatus.Delivered or OrderStatus.Completed))
            throw DomainException.InvalidState(o.Status switch
            {
                OrderStatus.Cancelled => "The order was cancelled; nothing can be returned.",
                OrderStatus.Placed or OrderStatus.Paid => "The buyer does not have the goods yet: cancel the order instead.",
                _ => "Goods can be returned once delivered.",
            });
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 500) errors["reason"] = ["Give the reason for the return (at most 500 characters)."];
        var result = new List<ReturnLine>();
        if (lines is null || lines.Count == 0) errors["lines"] = ["Name at least one product and quantity."];
        else
        {
            for (var i = 0; i < lines.Count; i++)
            {
                var (pid, qty) = lines[i];
                var line = o.Lines.FirstOrDefault(l => l.ProductId == pid);
                if (line is null) { errors[$"lines[{i}].productId"] = ["This product is not in the order."]; continue; }
                if (result.Any(r => r.LineNo == line.LineNo)) { errors[$"lines[{i}].productId"] = ["List each product once."]; continue; }
                if (qty is null) { errors[$"lines[{i}].quantity"] = ["The quantity is required."]; continue; }
                try { Uoms.RequireQuantity(qty.Value, line.Uom, $"lines[{i}].quantity"); }
                catch (DomainException e) { errors[$"lines[{i}].quantity"] = [e.Message]; continue; }
                var remaining = line.Quantity - o.ReturnedQuantity(line.LineNo);
                if (qty > remaining) { errors[$"lines[{i}].quantity"] = [$"Only {remaining} {line.Uom} of {line.Sku} can still be returned."]; continue; }
                var refund = OrderPricing.ShareOf(line.Net, qty.Value, line.Quantity, o.ReturnedRefund(line.LineNo), remaining);
                var cost = OrderPricing.ShareOf(o.CostOf(line.LineNo), qty.Value, line.Quantity, o.ReturnedCost(line.LineNo), remaining);
                result.Add(new ReturnLine(line.LineNo, line.ProductId, qty.Value, refund, cost));
            }
        }
        if (errors.Count > 0) throw new DomainException(ErrorCodes.ValidationFailed, "The return is not valid.", errors);
        RequireNotBefore(o.DeliveredOn ?? o.CompletedOn, meta.BusinessDate, "delivered");
        var stock = restock
            ? result.Select(r => ShopProductDecider.Restock(products[r.ProductId], o.Id, returnId, r.Quantity, r.Cost, true, o.Buyer, o.MemberId, meta)).ToList()
            : [];
        return (new OrderReturned(o.Id, o.UnitId, o.UnitKind, returnId, result, reason!.Trim(), restock, cashPoint, o.Buyer, o.MemberId, meta), stock);
    }
}
