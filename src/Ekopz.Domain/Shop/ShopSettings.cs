using Ekopz.Domain.Common;
using NodaTime;

namespace Ekopz.Domain.Shop;

/// <summary>The shop's own settings from a date on. Null fields are unchanged.</summary>
public sealed record ShopSettingsChanged(LocalDate EffectiveFrom, decimal? CommissionPercent, decimal? FlatShippingRate, string? Courier,
    EventMeta Meta) : IDomainEvent;

/// <param name="CommissionPercent">What the koperasi keeps of a seller unit's delivered sales.</param>
/// <param name="FlatShippingRate">The flat-rate shipping provider's price per parcel.</param>
/// <param name="Courier">The courier the flat-rate provider names.</param>
public sealed record ShopSettingsVersion(LocalDate EffectiveFrom, decimal CommissionPercent, decimal FlatShippingRate, string Courier);

/// <summary>
/// The shop's settings per koperasi, effective-dated like the koperasi settings (a change never
/// rewrites the past). Kept in their own stream so the shop adds nothing to the koperasi settings.
/// A koperasi that never changed them runs on <see cref="Defaults"/>.
/// </summary>
public sealed record ShopSettings(Guid Id, IReadOnlyList<ShopSettingsVersion> Versions)
{
    public const decimal DefaultCommissionPercent = 5m;
    public const decimal DefaultFlatShippingRate = 15_000m;
    public const string DefaultCourier = "Kurir Kopmart";

    /// <summary>Inventory is valued at moving weighted average cost; FIFO is not offered (docs/adr/0011).</summary>
    public const string CostingMethod = "moving_average";

    public static readonly ShopSettingsVersion Defaults = new(LocalDate.MinIsoValue, DefaultCommissionPercent, DefaultFlatShippingRate, DefaultCourier);

    public static Guid StreamId(string slug) => DeterministicGuid.Create("shop-settings:" + slug);

    public ShopSettingsVersion At(LocalDate date) =>
        Versions.Where(v => v.EffectiveFrom <= date).OrderBy(v => v.EffectiveFrom).LastOrDefault() ?? Defaults;

    public static ShopSettingsVersion At(ShopSettings? settings, LocalDate date) => settings?.At(date) ?? Defaults;

    public static ShopSettings? Evolve(ShopSettings? state, object @event)
    {
        if (@event is not ShopSettingsChanged e) return state;
        var versions = state?.Versions ?? [Defaults];
        var current = versions.Where(v => v.EffectiveFrom <= e.EffectiveFrom).OrderBy(v => v.EffectiveFrom).LastOrDefault() ?? Defaults;
        var next = new ShopSettingsVersion(e.EffectiveFrom, e.CommissionPercent ?? current.CommissionPercent,
            e.FlatShippingRate ?? current.FlatShippingRate, e.Courier ?? current.Courier);
        return new ShopSettings(state?.Id ?? Guid.Empty,
            versions.Where(v => v.EffectiveFrom != e.EffectiveFrom).Append(next).OrderBy(v => v.EffectiveFrom).ToList());
    }
}

public static class ShopSettingsDecider
{
    public static ShopSettingsChanged Change(LocalDate? effectiveFrom, decimal? commissionPercent, decimal? flatShippingRate, string? courier,
        LocalDate today, EventMeta meta)
    {
        var errors = new Dictionary<string, string[]>();
        if (effectiveFrom is { } from && from < today)
            errors["effectiveFrom"] = [$"A change cannot take effect before today ({today:yyyy-MM-dd})."];
        if (commissionPercent is { } c && (c < 0 || c > 100 || decimal.Round(c, 2) != c))
            errors["commissionPercent"] = ["The commission is a percent from 0 to 100 with at most 2 decimals."];
        if (flatShippingRate is { } r && (r < 0 || r > 100_000_000m || decimal.Round(r, 2) != r))
            errors["flatShippingRate"] = ["The flat shipping rate is an amount of at least 0 with at most 2 decimals."];
        if (courier is not null && (courier.Trim().Length == 0 || courier.Length > 100))
            errors["courier"] = ["The courier name has 1-100 characters."];
        if (commissionPercent is null && flatShippingRate is null && courier is null)
            errors["body"] = ["Nothing to change."];
        if (errors.Count > 0) throw new DomainException(ErrorCodes.ValidationFailed, "The shop settings could not be changed.", errors);
        return new ShopSettingsChanged(effectiveFrom ?? today, commissionPercent, flatShippingRate, courier?.Trim(), meta);
    }
}
