using Ekopz.Domain.Common;
using NodaTime;

namespace Ekopz.Domain.Shop;

/// <summary>
/// One priced line of an order, with everything that was discounted on it. Gross is quantity × unit
/// price; the flash-sale discount and the line's share of the voucher come off it; Net is what the
/// buyer pays for the line and what the sale posts.
/// </summary>
/// <param name="PriceKind"><c>member</c>, <c>public</c>, or <c>marketplace</c> (the price the marketplace sold at).</param>
public sealed record OrderLine(
    int LineNo,
    Guid ProductId,
    string Sku,
    string Name,
    string Uom,
    decimal Quantity,
    string PriceKind,
    decimal UnitPrice,
    decimal Gross,
    decimal FlashDiscount,
    Guid? DiscountId,
    string? DiscountLabel,
    decimal VoucherDiscount,
    decimal Net);

public static class PriceKinds
{
    public const string Member = "member";
    public const string Public = "public";
    public const string Marketplace = "marketplace";
}

/// <summary>Pure pricing of an order: list prices for the buyer's class, flash sales, then the voucher spread over the lines.</summary>
public static class OrderPricing
{
    /// <summary>
    /// Prices each line at the member or public price in force on <paramref name="date"/> (or the
    /// price given, for marketplace imports) and takes off the best flash sale running at <paramref name="moment"/>.
    /// </summary>
    public static IReadOnlyList<OrderLine> Price(IReadOnlyList<(ShopProduct Product, decimal Quantity, decimal? UnitPrice)> lines, bool memberPrice,
        LocalDate date, Instant moment)
    {
        var priced = new List<OrderLine>();
        for (var i = 0; i < lines.Count; i++)
        {
            var (product, quantity, given) = lines[i];
            var prices = product.PriceAt(date);
            var (kind, unitPrice) = given is { } p ? (PriceKinds.Marketplace, p)
                : memberPrice ? (PriceKinds.Member, prices.MemberPrice) : (PriceKinds.Public, prices.PublicPrice);
            var gross = Money.RoundCents(quantity * unitPrice);
            var flash = given is null ? product.BestDiscountAt(moment, unitPrice) : null;
            var discount = flash is null ? 0m : Math.Min(gross, Money.RoundCents(quantity * flash.PerUnit(unitPrice)));
            priced.Add(new OrderLine(i + 1, product.Id, product.Sku, product.Name, product.Uom, quantity, kind, unitPrice, gross, discount,
                flash?.DiscountId, flash?.Label, 0m, gross - discount));
        }
        return priced;
    }

    /// <summary>
    /// Spreads an order-level discount over the lines in proportion to their net, to the cent, the
    /// cents left over going to the lines with the largest remainders: the shares sum exactly to the
    /// discount, and each line knows what it was sold for (a return refunds exactly that).
    /// </summary>
    public static IReadOnlyList<OrderLine> ApplyVoucher(IReadOnlyList<OrderLine> lines, decimal discount)
    {
        var total = lines.Sum(l => l.Net);
        if (discount <= 0 || total <= 0) return lines;
        if (discount > total) throw new InvalidOperationException("A voucher cannot discount more than the goods.");
        var exact = lines.Select(l => discount * l.Net / total).ToList();
        var shares = exact.Select(x => decimal.Floor(x * 100m) / 100m).ToList();
        var residue = discount - shares.Sum();
        foreach (var i in Enumerable.Range(0, lines.Count).OrderByDescending(i => exact[i] - shares[i]).ThenBy(i => i))
        {
            if (residue <= 0) break;
            shares[i] += 0.01m;
            residue -= 0.01m;
        }
        return lines.Select((l, i) => l with { VoucherDiscount = shares[i], Net = l.Net - shares[i] }).ToList();
    }

    /// <summary>The share of <paramref name="whole"/> that <paramref name="part"/> of <paramref name="of"/> units carry; all of what is left for the last ones.</summary>
    public static decimal ShareOf(decimal whole, decimal part, decimal of, decimal alreadyTaken, decimal remainingUnits) =>
        part >= remainingUnits ? whole - alreadyTaken : Math.Min(whole - alreadyTaken, Money.RoundCents(whole * part / of));
}
