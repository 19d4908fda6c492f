using Ekopz.Domain.Common;
using NodaTime;

namespace Ekopz.Domain.Koperasi;

/// <summary>The values in force from one date on.</summary>
/// <param name="SukarelaInterestRate">Jasa simpanan on sukarela, percent a year (at most 9).</param>
/// <param name="InterestBasis"><c>daily</c> (each day's closing balance) or <c>lowest</c> (the month's lowest closing balance).</param>
/// <param name="InterestTaxThreshold">Monthly interest up to this is not taxed (PP 15/2009: Rp240,000).</param>
/// <param name="InterestTaxRate">Final tax on the whole gross above the threshold, percent (10).</param>
public sealed record SettingsVersion(
    LocalDate EffectiveFrom,
    decimal PokokAmount,
    decimal WajibMonthlyAmount,
    decimal SukarelaInterestRate = 0m,
    string InterestBasis = InterestBases.Daily,
    decimal InterestTaxThreshold = SettingsDefaults.InterestTaxThreshold,
    decimal InterestTaxRate = SettingsDefaults.InterestTaxRate,
    string JasaModalBasis = JasaModalBases.YearEnd);

/// <summary>How a member's capital is measured for jasa modal: at year end (default) or averaged over the year.</summary>
public static class JasaModalBases
{
    public const string YearEnd = "year_end";
    public const string Average = "average";
    public static bool IsValid(string? basis) => basis is YearEnd or Average;
}

public static class InterestBases
{
    public const string Daily = "daily";
    public const string Lowest = "lowest";
    public static bool IsValid(string? basis) => basis is Daily or Lowest;
}

/// <summary>Defaults and legal caps. Caps are law; defaults are conventions a koperasi may change.</summary>
public static class SettingsDefaults
{
    public const decimal InterestTaxThreshold = 240_000m;
    public const decimal InterestTaxRate = 10m;
    /// <summary>Jasa simpanan may not exceed 9% a year (domain rules, section 2).</summary>
    public const decimal MaxSukarelaInterestRate = 9m;
}

/// <summary>
/// A koperasi's settings with their whole history. Values are looked up for a business date
/// (<see cref="At"/>), so a back-dated transaction uses the settings of its own day.
/// </summary>
public sealed record KoperasiSettings(
    Guid Id,
    string Slug,
    string Name,
    string TimeZone,
    IReadOnlyList<SettingsVersion> Versions)
{
    /// <summary>The koperasi's today: the date in its own time zone at the clock's moment (the clock is the caller's).</summary>
    public LocalDate Today(IClock clock) => clock.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb[TimeZone]).Date;

    public static Guid StreamId(string slug) => DeterministicGuid.Create("settings:" + slug);

    /// <summary>The version in force on <paramref name="date"/>: the latest one effective on or before it.</summary>
    public SettingsVersion At(LocalDate date)
    {
        SettingsVersion? found = null;
        foreach (var v in Versions)
            if (v.EffectiveFrom <= date && (found is null || v.EffectiveFrom >= found.EffectiveFrom))
                found = v;
        return found ?? Versions.OrderBy(v => v.EffectiveFrom).First();
    }

    public static KoperasiSettings? Evolve(KoperasiSettings? state, object @event) => @event switch
    {
        KoperasiOpened e => new KoperasiSettings(
            StreamId(e.Slug), e.Slug, e.Name, e.TimeZone,
            // The first version reaches back to the start of time so back-dated history has settings.
            [new SettingsVersion(LocalDate.MinIsoValue, e.PokokAmount, e.WajibMonthlyAmount)]),
        KoperasiSettingsChanged e when state is not null => ApplyChange(state, e),
        _ => state,
    };

    private static KoperasiSettings ApplyChange(KoperasiSettings state, KoperasiSettingsChanged e)
    {
        var current = state.At(e.EffectiveFrom);
        var next = new SettingsVersion(
            e.EffectiveFrom,
            e.PokokAmount ?? current.PokokAmount,
            e.WajibMonthlyAmount ?? current.WajibMonthlyAmount,
            e.SukarelaInterestRate ?? current.SukarelaInterestRate,
            e.InterestBasis ?? current.InterestBasis,
            e.InterestTaxThreshold ?? current.InterestTaxThreshold,
            e.InterestTaxRate ?? current.InterestTaxRate,
            e.JasaModalBasis ?? current.JasaModalBasis);
        // A change effective on the same date as an earlier one replaces it; later versions stay.
        var versions = state.Versions.Where(v => v.EffectiveFrom != e.EffectiveFrom).Append(next)
            .OrderBy(v => v.EffectiveFrom).ToList();
        return state with { Versions = versions, TimeZone = e.TimeZone ?? state.TimeZone };
    }
}
