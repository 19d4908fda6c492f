using System.Text.RegularExpressions;
using Ekopz.Domain.Common;
using NodaTime;

namespace Ekopz.Domain.Shop;

/// <summary>A voucher code: a percent or an amount off an order's goods, a number of uses, a last day.</summary>
/// <param name="UnitId">Only orders of this unit may use it (null: any unit).</param>
public sealed record VoucherCreated(Guid VoucherId, string Code, string Kind, decimal Value, int UsageLimit, LocalDate ExpiresOn, decimal MinSpend,
    Guid? UnitId, EventMeta Meta) : IDomainEvent;

/// <summary>An order used the voucher (counted against the limit until the order is cancelled).</summary>
public sealed record VoucherRedeemed(Guid VoucherId, Guid OrderId, decimal Discount, EventMeta Meta) : IDomainEvent;

/// <summary>The order was cancelled: the use is given back.</summary>
public sealed record VoucherReleased(Guid VoucherId, Guid OrderId, EventMeta Meta) : IDomainEvent;

/// <summary>
/// A voucher and the orders using it. One stream per code (its id is derived from the code), locked
/// while an order redeems it, so a usage limit of N lets exactly N orders through under any race.
/// </summary>
public sealed record ShopVoucher(Guid Id, string Code, string Kind, decimal Value, int UsageLimit, LocalDate ExpiresOn, decimal MinSpend,
    Guid? UnitId, IReadOnlyList<Guid> Redemptions, string CreatedBy, LocalDate CreatedOn)
{
    public int Used => Redemptions.Count;

    public static Guid StreamId(string slug, string code) => DeterministicGuid.Create($"voucher:{slug}:{Normalize(code)}");

    public static string Normalize(string code) => code.Trim().ToUpperInvariant();

    /// <summary>The discount on a goods subtotal: a percent of it, or the amount (never more than the subtotal).</summary>
    public decimal DiscountFor(decimal subtotal) => Kind == DiscountKinds.Percent
        ? Money.RoundCents(subtotal * Value / 100m)
        : Math.Min(Value, subtotal);

    public static ShopVoucher? Evolve(ShopVoucher? state, object @event) => @event switch
    {
        VoucherCreated e => new ShopVoucher(e.VoucherId, e.Code, e.Kind, e.Value, e.UsageLimit, e.ExpiresOn, e.MinSpend, e.UnitId, [], e.Meta.Actor,
            e.Meta.BusinessDate),
        _ when state is null => null,
        VoucherRedeemed e => state with { Redemptions = [.. state.Redemptions, e.OrderId] },
        VoucherReleased e => state with { Redemptions = state.Redemptions.Where(o => o != e.OrderId).ToList() },
        _ => state,
    };
}

public static partial class VoucherDecider
{
    [GeneratedRegex("^[A-Z0-9][A-Z0-9_-]{2,31}$")]
    private static partial Regex CodePattern();

    public static VoucherCreated Create(Guid id, string? code, string? kind, decimal? value, int? usageLimit, LocalDate? expiresOn, decimal? minSpend,
        Guid? unitId, LocalDate today, EventMeta meta)
    {
        var errors = new Dictionary<string, string[]>();
        var normalized = code is null ? null : ShopVoucher.Normalize(code);
        if (normalized is null || !CodePattern().IsMatch(normalized)) errors["code"] = ["The code is 3-32 letters, digits, dashes or underscores."];
        if (!DiscountKinds.IsValid(kind)) errors["kind"] = ["The kind is 'percent' or 'amount'."];
        if (value is null || value <= 0 || decimal.Round(value.Value, 2) != value || value > Money.Max)
            errors["value"] = ["The value is greater than zero with at most 2 decimals."];
        else if (kind == DiscountKinds.Percent && value >= 100) errors["value"] = ["A percent voucher is below 100."];
        if (usageLimit is null or < 1 or > 1_000_000) errors["usageLimit"] = ["The usage limit is from 1 to 1,000,000 orders."];
        if (expiresOn is null) errors["expiresOn"] = ["The last day the voucher can be used is required."];
        else if (expiresOn < today) errors["expiresOn"] = [$"The voucher would already have expired (today is {today:yyyy-MM-dd})."];
        if (minSpend is { } m && (m < 0 || m > Money.Max || decimal.Round(m, 2) != m)) errors["minSpend"] = ["The minimum spend is at least 0 with at most 2 decimals."];
        if (errors.Count > 0) throw new DomainException(ErrorCodes.ValidationFailed, "The voucher could not be created.", errors);
        return new VoucherCreated(id, normalized!, kind!, value!.Value, usageLimit!.Value, expiresOn!.Value, minSpend ?? 0m, unitId, meta);
    }

    /// <summary>An order uses the voucher: it must be for the right unit, not expired, not used up, and the goods must reach the minimum.</summary>
    public static (VoucherRedeemed Redeemed, decimal Discount) Redeem(ShopVoucher? voucher, Guid orderId, Guid unitId, decimal subtotal, EventMeta meta)
    {
        if (voucher is null) throw DomainException.Validation("voucherCode", "No such voucher code.");
        if (voucher.UnitId is { } u && u != unitId) throw DomainException.Validation("voucherCode", $"Voucher {voucher.Code} is for another unit.");
        if (meta.BusinessDate > voucher.ExpiresOn)
            throw DomainException.InvalidState($"Voucher {voucher.Code} expired on {voucher.ExpiresOn:yyyy-MM-dd}.");
        if (voucher.Used >= voucher.UsageLimit)
            throw new DomainException(ErrorCodes.LimitExceeded, $"Voucher {voucher.Code} has been used {voucher.UsageLimit} times, its limit.");
        if (subtotal < voucher.MinSpend)
            throw DomainException.InvalidState($"Voucher {voucher.Code} needs goods of at least Rp{voucher.MinSpend:N2}; this order has Rp{subtotal:N2}.");
        var discount = voucher.DiscountFor(subtotal);
        return (new VoucherRedeemed(voucher.Id, orderId, discount, meta), discount);
    }

    public static VoucherReleased? Release(ShopVoucher? voucher, Guid orderId, EventMeta meta) =>
        voucher is not null && voucher.Redemptions.Contains(orderId) ? new VoucherReleased(voucher.Id, orderId, meta) : null;
}
