using Ekopz.Domain.Common;
using Ekopz.Domain.Members;
using Ekopz.Domain.Shop;
using NodaTime;

namespace Ekopz.Api.Shop;

public sealed record UnitView(Guid UnitId, string Name, string Kind, Guid? OwnerMemberId, IReadOnlyList<string> Managers, LocalDate OpenedOn)
{
    public static UnitView Of(ShopUnit u) => new(u.Id, u.Name, u.Kind.Name(), u.OwnerMemberId, u.Managers, u.OpenedOn);
}

public sealed record PriceView(LocalDate EffectiveFrom, decimal MemberPrice, decimal PublicPrice);

public sealed record DiscountView(Guid DiscountId, string Kind, decimal Value, Instant StartsAt, Instant EndsAt, string? Label);

/// <param name="AverageCost">Value ÷ on hand, to 4 decimals (the value, to the cent, is what the books hold). Cost figures are staff-only: null for a member.</param>
/// <param name="AwaitingShipment">Sold to paid orders, still on the shelf.</param>
/// <param name="Active">False when deactivated: shown to staff, refused in new orders.</param>
public sealed record ProductView(
    Guid ProductId, string Sku, string Name, Guid UnitId, string Unit, bool Consigned, decimal MemberPrice, decimal PublicPrice,
    IReadOnlyList<PriceView> Prices, IReadOnlyList<DiscountView> Discounts, decimal OnHand, decimal Reserved, decimal Available,
    decimal AwaitingShipment, decimal? AverageCost, decimal? Value, bool Active = true)
{
    /// <summary>What a member browsing the catalogue sees: prices and stock, not what the koperasi paid.</summary>
    public ProductView WithoutCost() => this with { AverageCost = null, Value = null };

    public static ProductView Of(ShopProduct p, LocalDate today)
    {
        var price = p.PriceAt(today);
        return new ProductView(p.Id, p.Sku, p.Name, p.UnitId, p.Uom, p.Consigned, price.MemberPrice, price.PublicPrice,
            p.Prices.Select(x => new PriceView(x.EffectiveFrom, x.MemberPrice, x.PublicPrice)).ToList(),
            p.Discounts.Select(d => new DiscountView(d.DiscountId, d.Kind, d.Value, d.StartsAt, d.EndsAt, d.Label)).ToList(),
            p.OnHand, p.Reserved, p.Available, p.AwaitingShipment, p.Position.AverageCost, p.Value, !p.Inactive);
    }
}

public sealed record OrderLineView(int LineNo, Guid ProductId, string Sku, string Name, string Unit, decimal Quantity, string PriceKind, decimal UnitPrice,
    decimal Gross, decimal FlashDiscount, string? DiscountLabel, decimal VoucherDiscount, decimal Net, decimal Returned);

public sealed record ShipmentView(string Courier, string TrackingNumber, decimal Cost, LocalDate? ShippedOn);

public sealed record ReturnView(Guid ReturnId, LocalDate BusinessDate, IReadOnlyList<ReturnLineView> Lines, decimal Refund, string Reason, bool Restocked,
    string By);

public sealed record ReturnLineView(Guid ProductId, decimal Quantity, decimal Refund);

/// <summary>
/// An order as clients see it, with what was discounted: per line the gross, the flash-sale and the
/// voucher part; for the order the subtotal before discounts, each discount total, shipping and total.
/// </summary>
/// <param name="MemberNumber">The buyer's member number, on the order reads (list and one order); null for a walk-in buyer and in the answers of order actions.</param>
/// <param name="MemberName">The buyer's name, as <paramref name="MemberNumber"/>: a pengelola toko sees who bought, never their NIK, savings or loans (docs/adr/0017).</param>
/// <param name="Contact">A storefront order's buyer as they typed it at checkout (name, phone, note), for the courier (docs/adr/0023).</param>
public sealed record OrderView(
    Guid OrderId, Guid UnitId, string Channel, Guid? MemberId, string Buyer, string Status, IReadOnlyList<OrderLineView> Lines,
    decimal Subtotal, decimal FlashDiscount, string? VoucherCode, decimal VoucherDiscount, decimal Goods, decimal ShippingCharge, decimal Total,
    string? ShipTo, string? PaymentMethod, LocalDate? PaidOn, ShipmentView? Shipment, LocalDate? DeliveredOn, LocalDate? CompletedOn,
    LocalDate? CancelledOn, string? CancelReason, IReadOnlyList<ReturnView> Returns, decimal Refunded, string? Marketplace, string? ExternalId,
    LocalDate PlacedOn, Instant PlacedAt, string PlacedBy, string? MemberNumber = null, string? MemberName = null, BuyerContactView? Contact = null)
{
    /// <summary>The order naming its buyer, when the buyer is a member (<paramref name="buyers"/> by id).</summary>
    public OrderView WithBuyer(IReadOnlyDictionary<Guid, Member> buyers) =>
        MemberId is { } id && buyers.TryGetValue(id, out var m) ? this with { MemberNumber = m.MemberNumber, MemberName = m.Name } : this;

    public static OrderView Of(ShopOrder o) => new(
        o.Id, o.UnitId, o.Channel, o.MemberId, o.Buyer == CounterpartyClass.Member ? "member" : "non_member", o.Status.StatusName(),
        o.Lines.Select(l => new OrderLineView(l.LineNo, l.ProductId, l.Sku, l.Name, l.Uom, l.Quantity, l.PriceKind, l.UnitPrice, l.Gross, l.FlashDiscount,
            l.DiscountLabel, l.VoucherDiscount, l.Net, o.ReturnedQuantity(l.LineNo))).ToList(),
        o.Lines.Sum(l => l.Gross), o.Lines.Sum(l => l.FlashDiscount), o.VoucherCode, o.Lines.Sum(l => l.VoucherDiscount), o.Goods, o.ShippingCharge,
        o.Total, o.ShipTo, o.PaymentMethod, o.PaidOn,
        o.TrackingNumber is null ? null : new ShipmentView(o.Courier!, o.TrackingNumber, o.ShippingCost, o.ShippedOn),
        o.DeliveredOn, o.CompletedOn, o.CancelledOn, o.CancelReason,
        (o.Returns ?? []).Select(r => new ReturnView(r.ReturnId, r.On, r.Lines.Select(l => new ReturnLineView(l.ProductId, l.Quantity, l.Refund)).ToList(),
            r.Refund, r.Reason, r.Restocked, r.By)).ToList(),
        o.Refunded, o.Marketplace, o.ExternalId, o.PlacedOn, o.PlacedAt, o.PlacedBy,
        Contact: o.Contact is { } c ? new BuyerContactView(c.Name, c.Phone, c.Note) : null);
}

/// <summary>Who a storefront order goes to, as the buyer typed it.</summary>
public sealed record BuyerContactView(string Name, string Phone, string? Note);
