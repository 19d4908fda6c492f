using Ekopz.Domain.Common;
using NodaTime;

namespace Ekopz.Domain.Koperasi;

/// <summary>The values in force from one date on.</summary>
public sealed record SettingsVersion(LocalDate EffectiveFrom, decimal PokokAmount, decimal WajibMonthlyAmount);

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
            e.WajibMonthlyAmount ?? current.WajibMonthlyAmount);
        // A change effective on the same date as an earlier one replaces it; later versions stay.
        var versions = state.Versions.Where(v => v.EffectiveFrom != e.EffectiveFrom).Append(next)
            .OrderBy(v => v.EffectiveFrom).ToList();
        return state with { Versions = versions, TimeZone = e.TimeZone ?? state.TimeZone };
    }
}
