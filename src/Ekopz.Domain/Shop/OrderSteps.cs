using Ekopz.Domain.Common;
using Ekopz.Domain.Members;

namespace Ekopz.Domain.Shop;

/// <summary>
/// Every event one step of an order decides, stream by stream: the order's own event, the products' stock events, the voucher's
/// (a cancel gives a use back) and the seller unit's (a sale settled or reversed). The slice appends each to its stream; nothing
/// else is appended, so one decision is one transaction (docs/adr/0039).
/// </summary>
public sealed record OrderStep(IDomainEvent Order, IReadOnlyList<IDomainEvent> Stock, VoucherReleased? Voucher, IDomainEvent? Unit)
{
    public static readonly IReadOnlyList<IDomainEvent> NoStock = [];
}

/// <summary>
/// The order's life after it is placed (pay, ship, deliver, complete, cancel, return), each as one pure decision across the
/// streams it touches: the states of the order, its products, its voucher, the buyer (for credit) and the seller unit come in,
/// fetched by the slice under row locks in one fixed order (order → products by id → voucher → member → unit), and every event
/// to append comes out. The per-stream rules stay in <see cref="ShopOrderDecider"/>, <see cref="ShopProductDecider"/>,
/// <see cref="VoucherDecider"/>, <see cref="MemberCreditDecider"/> and <see cref="ShopUnitDecider"/>.
/// </summary>
public static class OrderSteps
{
    /// <summary>How a payment method names its cash point: counter money goes through the kas drawer, everything else through the bank.</summary>
    public static string CashPointOf(string? method, string channel) => method switch
    {
        "cash" => CashPoints.Kas,
        "transfer" or "marketplace" => CashPoints.Bank,
        "credit" => ShopPayments.Credit,
        null => channel == Channels.Counter ? CashPoints.Kas : CashPoints.Bank,
        _ => throw DomainException.Validation("method", "The payment method is cash, transfer or credit (an active member's account)."),
    };

    /// <summary>The payment method of a request: a marketplace pays through the marketplace; otherwise cash at the counter, transfer online.</summary>
    public static string PaymentMethod(ShopOrder order, string? requested) => order.Channel == Channels.Marketplace
        ? "marketplace"
        : requested?.Trim().ToLowerInvariant() ?? (order.Channel == Channels.Counter ? "cash" : "transfer");

    /// <summary>Whether paying completes a seller's sale at once (a counter sale), so the seller unit must be locked and settled.</summary>
    public static bool PaySettlesSeller(ShopOrder order) => order.UnitKind == UnitKind.Seller && !OrderChannels.Ships(order.Channel);

    /// <summary>
    /// Payment: the reserved units are sold; a counter order is complete at once and, for a seller, settled into its balance.
    /// On credit only for an active member's order (<paramref name="creditMember"/>: the buyer's state under lock).
    /// </summary>
    public static OrderStep Pay(ShopOrder? order, string method, string cashPoint, decimal commissionPercent,
        IReadOnlyDictionary<Guid, ShopProduct> products, Member? creditMember, ShopUnit? unit, EventMeta meta)
    {
        if (cashPoint == ShopPayments.Credit)
        {
            // Decided under the member's lock, so an exit (which nets the debt) cannot slip in between.
            var o = ShopOrderDecider.RequirePayable(order);
            MemberCreditDecider.RequireCanBuyOnCredit(o, creditMember);
        }
        var (paid, sold) = ShopOrderDecider.Pay(order, method, cashPoint, commissionPercent, products, meta);
        var settled = paid.Completed && order!.UnitKind == UnitKind.Seller
            ? ShopUnitDecider.Settle(RequireUnit(unit), order.Id, order.Goods, paid.CommissionPercent, meta)
            : null;
        return new OrderStep(paid, sold, null, settled);
    }

    public static OrderStep Ship(ShopOrder? order, string? courier, string? trackingNumber, decimal cost,
        IReadOnlyDictionary<Guid, ShopProduct> products, EventMeta meta)
    {
        var (shipped, stock) = ShopOrderDecider.Ship(order, courier, trackingNumber, cost, products, meta);
        return new OrderStep(shipped, stock, null, null);
    }

    /// <summary>The buyer has the goods; a seller's order is settled into its balance at the commission in force.</summary>
    public static OrderStep Deliver(ShopOrder? order, decimal commissionPercent, ShopUnit? unit, EventMeta meta)
    {
        var delivered = ShopOrderDecider.Deliver(order, commissionPercent, meta);
        var settled = order!.UnitKind == UnitKind.Seller
            ? ShopUnitDecider.Settle(RequireUnit(unit), order.Id, order.Goods, delivered.CommissionPercent, meta)
            : null;
        return new OrderStep(delivered, OrderStep.NoStock, null, settled);
    }

    public static OrderStep Complete(ShopOrder? order, EventMeta meta) =>
        new(ShopOrderDecider.Complete(order, meta), OrderStep.NoStock, null, null);

    /// <summary>
    /// Cancel before shipping: reservations released (or the paid goods restocked), the voucher use given back, and a credit
    /// order's refund back onto the member's account while what they owe (<paramref name="owed"/>, read under their lock) covers it.
    /// </summary>
    public static OrderStep Cancel(ShopOrder? order, string? reason, IReadOnlyDictionary<Guid, ShopProduct> products, ShopVoucher? voucher,
        decimal? owed, EventMeta meta)
    {
        var refundTo = order is { Status: OrderStatus.Paid, CashPoint: ShopPayments.Credit } && owed is { } o
            ? MemberCreditDecider.RefundCashPoint(order.CashPoint, o, order.Total)
            : null;
        var (cancelled, stock, released) = ShopOrderDecider.Cancel(order, reason, products, voucher, meta, refundTo);
        return new OrderStep(cancelled, stock, released, null);
    }

    /// <summary>Where a return's refund goes: the way the order was paid by default, never "credit" by request.</summary>
    public static string RefundCashPoint(ShopOrder order, string? method)
    {
        var m = method?.Trim().ToLowerInvariant();
        if (m == "credit")
            throw DomainException.Validation("method", "A refund is paid in cash or by transfer (a credit order's refund goes back on the account by itself).");
        return m is null ? order.CashPoint ?? CashPoints.Kas : CashPointOf(m, order.Channel);
    }

    /// <summary>
    /// A return after delivery: refund, restock, and for a seller's order the seller gives back the refund and the koperasi the
    /// commission on it. A credit refund goes back onto the account while what the member owes covers it, else out in cash.
    /// </summary>
    public static OrderStep Return(ShopOrder? order, Guid returnId, IReadOnlyList<(Guid? ProductId, decimal? Quantity)>? lines, string? reason,
        bool restock, string cashPoint, IReadOnlyDictionary<Guid, ShopProduct> products, decimal? owed, ShopUnit? unit, EventMeta meta)
    {
        var (returned, stock) = ShopOrderDecider.Return(order, returnId, lines, reason, restock, cashPoint, products, meta);
        if (cashPoint == ShopPayments.Credit && owed is { } o)
        {
            var refundTo = MemberCreditDecider.RefundCashPoint(ShopPayments.Credit, o, returned.Refund);
            if (refundTo != ShopPayments.Credit)
                (returned, stock) = ShopOrderDecider.Return(order, returnId, lines, reason, restock, refundTo, products, meta);
        }
        var reversed = order!.UnitKind == UnitKind.Seller
            ? ShopUnitDecider.Reverse(RequireUnit(unit), order.Id, returned.ReturnId, returned.Refund,
                ShopOrder.CommissionOnReturn(order, returned.Refund), meta)
            : null;
        return new OrderStep(returned, stock, null, reversed);
    }

    private static ShopUnit RequireUnit(ShopUnit? unit) => unit ?? throw DomainException.NotFound("The unit");
}
