using Ekopz.Domain.Common;
using NodaTime;

namespace Ekopz.Domain.Loans;

/// <summary>Loan quality by days past due of the oldest unpaid installment (domain rules, section 3).</summary>
public enum Kolektibilitas
{
    Lancar,
    DalamPerhatianKhusus,
    KurangLancar,
    Diragukan,
    Macet,
}

public static class KolektibilitasNames
{
    public static string Name(this Kolektibilitas k) => k switch
    {
        Kolektibilitas.Lancar => "lancar",
        Kolektibilitas.DalamPerhatianKhusus => "dalam_perhatian_khusus",
        Kolektibilitas.KurangLancar => "kurang_lancar",
        Kolektibilitas.Diragukan => "diragukan",
        _ => "macet",
    };

    /// <summary>Kurang lancar, diragukan and macet: the ministry's health score reads their share of all loans.</summary>
    public static bool IsProblem(this Kolektibilitas k) => k >= Kolektibilitas.KurangLancar;
}

/// <summary>
/// The koperasi's loan settings in force from one date on. The defaults are those of the domain rules:
/// thresholds used by Indonesian KSP software (not confirmed by regulation), the common required
/// allowance percentages (dalam perhatian khusus takes lancar's 0.5%: the regulation's four-class
/// scheme has no such class), and the lending limit as a share of own capital.
/// </summary>
/// <param name="LancarMaxDays">Lancar up to this many days past due; dalam perhatian khusus above.</param>
public sealed record LoanSettingsVersion(
    LocalDate EffectiveFrom,
    decimal LendingLimitPercent = 15m,
    decimal InsiderLendingLimitPercent = 10m,
    int LancarMaxDays = 30,
    int DpkMaxDays = 90,
    int KurangLancarMaxDays = 120,
    int DiragukanMaxDays = 180,
    decimal AllowanceLancar = 0.5m,
    decimal AllowanceDpk = 0.5m,
    decimal AllowanceKurangLancar = 10m,
    decimal AllowanceDiragukan = 50m,
    decimal AllowanceMacet = 100m)
{
    public Kolektibilitas Classify(int daysPastDue) =>
        daysPastDue <= LancarMaxDays ? Kolektibilitas.Lancar
        : daysPastDue <= DpkMaxDays ? Kolektibilitas.DalamPerhatianKhusus
        : daysPastDue <= KurangLancarMaxDays ? Kolektibilitas.KurangLancar
        : daysPastDue <= DiragukanMaxDays ? Kolektibilitas.Diragukan
        : Kolektibilitas.Macet;

    /// <summary>The PPAPWD percent for a class (before collateral, which Ekopz does not record).</summary>
    public decimal AllowancePercent(Kolektibilitas k) => k switch
    {
        Kolektibilitas.Lancar => AllowanceLancar,
        Kolektibilitas.DalamPerhatianKhusus => AllowanceDpk,
        Kolektibilitas.KurangLancar => AllowanceKurangLancar,
        Kolektibilitas.Diragukan => AllowanceDiragukan,
        _ => AllowanceMacet,
    };

    /// <summary>The required allowance on an outstanding amount, to the whole rupiah.</summary>
    public decimal RequiredAllowance(Kolektibilitas k, decimal outstanding) => Money.RoundTo(outstanding * AllowancePercent(k) / 100m, 1m);

    public decimal LimitPercent(bool insider) => insider ? InsiderLendingLimitPercent : LendingLimitPercent;
}

/// <summary>Loan settings changed from a date on; null fields keep their values.</summary>
public sealed record LoanSettingsChanged(
    LocalDate EffectiveFrom,
    decimal? LendingLimitPercent,
    decimal? InsiderLendingLimitPercent,
    int? LancarMaxDays,
    int? DpkMaxDays,
    int? KurangLancarMaxDays,
    int? DiragukanMaxDays,
    decimal? AllowanceLancar,
    decimal? AllowanceDpk,
    decimal? AllowanceKurangLancar,
    decimal? AllowanceDiragukan,
    decimal? AllowanceMacet,
    EventMeta Meta) : IDomainEvent;

/// <summary>What one change named, from its date on (null: not named). Several changes on one date merge, the later winning.</summary>
public sealed record LoanSettingsChange(
    LocalDate EffectiveFrom,
    decimal? LendingLimitPercent = null,
    decimal? InsiderLendingLimitPercent = null,
    int? LancarMaxDays = null,
    int? DpkMaxDays = null,
    int? KurangLancarMaxDays = null,
    int? DiragukanMaxDays = null,
    decimal? AllowanceLancar = null,
    decimal? AllowanceDpk = null,
    decimal? AllowanceKurangLancar = null,
    decimal? AllowanceDiragukan = null,
    decimal? AllowanceMacet = null)
{
    public static LoanSettingsChange Of(LoanSettingsChanged e) => new(e.EffectiveFrom, e.LendingLimitPercent, e.InsiderLendingLimitPercent,
        e.LancarMaxDays, e.DpkMaxDays, e.KurangLancarMaxDays, e.DiragukanMaxDays, e.AllowanceLancar, e.AllowanceDpk, e.AllowanceKurangLancar,
        e.AllowanceDiragukan, e.AllowanceMacet);

    /// <summary>A version as a change naming every field: how a snapshot stored before changes were kept is read.</summary>
    public static LoanSettingsChange Naming(LoanSettingsVersion v) => new(v.EffectiveFrom, v.LendingLimitPercent, v.InsiderLendingLimitPercent,
        v.LancarMaxDays, v.DpkMaxDays, v.KurangLancarMaxDays, v.DiragukanMaxDays, v.AllowanceLancar, v.AllowanceDpk, v.AllowanceKurangLancar,
        v.AllowanceDiragukan, v.AllowanceMacet);

    /// <summary>The fields this change names, laid over <paramref name="v"/>; the rest inherited.</summary>
    public LoanSettingsVersion Over(LoanSettingsVersion v) => new(EffectiveFrom,
        LendingLimitPercent ?? v.LendingLimitPercent, InsiderLendingLimitPercent ?? v.InsiderLendingLimitPercent,
        LancarMaxDays ?? v.LancarMaxDays, DpkMaxDays ?? v.DpkMaxDays, KurangLancarMaxDays ?? v.KurangLancarMaxDays,
        DiragukanMaxDays ?? v.DiragukanMaxDays,
        AllowanceLancar ?? v.AllowanceLancar, AllowanceDpk ?? v.AllowanceDpk, AllowanceKurangLancar ?? v.AllowanceKurangLancar,
        AllowanceDiragukan ?? v.AllowanceDiragukan, AllowanceMacet ?? v.AllowanceMacet);
}

/// <summary>
/// A koperasi's loan settings with their whole history: their own stream (not the koperasi settings),
/// started by the first change. Before any change the defaults apply.
/// </summary>
/// <param name="Versions">The settings in force from each date: derived from <paramref name="Changes"/>.</param>
/// <param name="Changes">Every change with only the fields it named, in the order made. Versions are folded from them so that a
/// change reaches the versions already scheduled for later dates in every field those did not name themselves (docs/adr/0010).
/// Null in a snapshot stored before changes were kept: its versions are then read as changes naming every field.</param>
public sealed record LoanSettings(Guid Id, IReadOnlyList<LoanSettingsVersion> Versions, IReadOnlyList<LoanSettingsChange>? Changes = null)
{
    public static Guid StreamId(string slug) => DeterministicGuid.Create("loan-settings:" + slug);

    public static readonly LoanSettingsVersion Defaults = new(LocalDate.MinIsoValue);

    public LoanSettingsVersion At(LocalDate date)
    {
        LoanSettingsVersion? found = null;
        foreach (var v in Versions)
            if (v.EffectiveFrom <= date && (found is null || v.EffectiveFrom >= found.EffectiveFrom))
                found = v;
        return found ?? Defaults;
    }

    public static LoanSettingsVersion At(LoanSettings? settings, LocalDate date) => settings?.At(date) ?? Defaults;

    public static LoanSettings? Evolve(LoanSettings? state, object @event) => @event switch
    {
        LoanSettingsChanged e => ApplyChange(state ?? new LoanSettings(Guid.Empty, [Defaults], []), e),
        _ => state,
    };

    private static LoanSettings ApplyChange(LoanSettings state, LoanSettingsChanged e)
    {
        var changes = state.Changes ?? state.Versions.Where(v => v.EffectiveFrom != Defaults.EffectiveFrom).Select(LoanSettingsChange.Naming).ToList();
        changes = [.. changes, LoanSettingsChange.Of(e)];
        return state with { Versions = Fold(changes), Changes = changes };
    }

    /// <summary>
    /// The versions from the changes: date by date, each date's changes (merged in the order made, the later winning) laid over the
    /// version before. A change effective today therefore carries into a version scheduled for next month in every field that
    /// version did not name; the fields it named stay as it set them.
    /// </summary>
    private static List<LoanSettingsVersion> Fold(IEnumerable<LoanSettingsChange> changes)
    {
        var versions = new List<LoanSettingsVersion> { Defaults };
        var current = Defaults;
        foreach (var day in changes.GroupBy(c => c.EffectiveFrom).OrderBy(g => g.Key))
        {
            foreach (var change in day) current = change.Over(current);
            versions.Add(current);
        }
        return versions;
    }
}

public sealed record ChangeLoanSettings(
    LocalDate? EffectiveFrom,
    decimal? LendingLimitPercent = null,
    decimal? InsiderLendingLimitPercent = null,
    int? LancarMaxDays = null,
    int? DpkMaxDays = null,
    int? KurangLancarMaxDays = null,
    int? DiragukanMaxDays = null,
    decimal? AllowanceLancar = null,
    decimal? AllowanceDpk = null,
    decimal? AllowanceKurangLancar = null,
    decimal? AllowanceDiragukan = null,
    decimal? AllowanceMacet = null);

public static class LoanSettingsDecider
{
    /// <summary>The last threshold (diragukan) is at most ten years past due: beyond that every loan is macet anyway.</summary>
    public const int MaxDaysPastDue = 3_650;

    /// <summary>A change takes effect today or later: loan quality already reported for a past date keeps its meaning.</summary>
    public static LoanSettingsChanged Change(ChangeLoanSettings c, LoanSettings? state, LocalDate today, EventMeta meta)
    {
        var errors = new Dictionary<string, string[]>();
        var from = c.EffectiveFrom ?? today;
        if (from < today) errors["effectiveFrom"] = [$"A change cannot take effect before today ({today:yyyy-MM-dd})."];
        void Percent(decimal? v, string field)
        {
            if (v is { } p && (p < 0 || p > 100 || decimal.Round(p, 4) != p)) errors[field] = ["A percent from 0 to 100."];
        }
        Percent(c.LendingLimitPercent, "lendingLimitPercent");
        Percent(c.InsiderLendingLimitPercent, "insiderLendingLimitPercent");
        Percent(c.AllowanceLancar, "allowanceLancar");
        Percent(c.AllowanceDpk, "allowanceDpk");
        Percent(c.AllowanceKurangLancar, "allowanceKurangLancar");
        Percent(c.AllowanceDiragukan, "allowanceDiragukan");
        Percent(c.AllowanceMacet, "allowanceMacet");
        if (c is { LendingLimitPercent: null, InsiderLendingLimitPercent: null, LancarMaxDays: null, DpkMaxDays: null, KurangLancarMaxDays: null,
                DiragukanMaxDays: null, AllowanceLancar: null, AllowanceDpk: null, AllowanceKurangLancar: null, AllowanceDiragukan: null,
                AllowanceMacet: null })
            errors["body"] = ["Nothing to change."];

        if (errors.Count > 0) throw new DomainException(ErrorCodes.ValidationFailed, "The loan settings could not be changed.", errors);

        var changed = new LoanSettingsChanged(from, c.LendingLimitPercent, c.InsiderLendingLimitPercent, c.LancarMaxDays, c.DpkMaxDays,
            c.KurangLancarMaxDays, c.DiragukanMaxDays, c.AllowanceLancar, c.AllowanceDpk, c.AllowanceKurangLancar, c.AllowanceDiragukan,
            c.AllowanceMacet, meta);

        // The thresholds must rise in every version the change reaches: its own and the later ones that inherit from it.
        var after = LoanSettings.Evolve(state, changed)!;
        foreach (var v in after.Versions.Where(v => v.EffectiveFrom >= from))
        {
            int[] days = [v.LancarMaxDays, v.DpkMaxDays, v.KurangLancarMaxDays, v.DiragukanMaxDays];
            if (days[0] < 0 || days[3] > MaxDaysPastDue || days.Zip(days.Skip(1)).Any(p => p.First >= p.Second))
                throw new DomainException(ErrorCodes.ValidationFailed, "The loan settings could not be changed.", new Dictionary<string, string[]>
                {
                    ["thresholds"] = [$"Days past due thresholds must rise: 0 ≤ lancarMaxDays < dpkMaxDays < kurangLancarMaxDays < diragukanMaxDays ≤ {MaxDaysPastDue} "
                        + $"(from {v.EffectiveFrom:yyyy-MM-dd} they would be {string.Join(", ", days)})."],
                });
        }
        return changed;
    }
}
