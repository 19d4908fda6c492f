using Ekopz.Domain.Common;
using Ekopz.Domain.Koperasi;
using Ekopz.Domain.Members;
using NodaTime;
using NodaTime.Text;

namespace Ekopz.Domain.Savings;

/// <summary>What a month's run pays on: the month, its last day (the date of every credit), rate, basis and the tax rules.</summary>
public sealed record InterestRunPlan(YearMonth Month, LocalDate MonthEnd, decimal AnnualRate, string Basis, decimal TaxThreshold, decimal TaxRate)
{
    public string Key => Month.ToString("yyyy-MM", null);
}

/// <summary>A member's sukarela before the month and the month's movements, as the savings lines hold them.</summary>
public sealed record SukarelaHistory(decimal Opening, IReadOnlyList<DatedAmount> Movements);

/// <summary>One member's interest for the month, before the member is looked at.</summary>
public sealed record InterestDue(Guid MemberId, InterestFigures Figures);

/// <summary>
/// The monthly jasa simpanan run's checks and decisions (docs/adr/0008, 0038), without a database: which month, whether it may
/// be paid now, at which rate and basis, who earns what, and the events. The endpoint loads the history and locks the members.
/// </summary>
public static class InterestRunDecider
{
    public static YearMonth ParseMonth(string? month)
    {
        var parsed = YearMonthPattern.Iso.Parse(month ?? "");
        if (!parsed.Success) throw DomainException.Validation("month", "The month is yyyy-MM, for example 2026-10.");
        return parsed.Value;
    }

    /// <summary>
    /// The month must have ended; the rate and basis default to the settings on its last day (settings only speak from the day
    /// they are changed, so a month run late names what the pengurus decided).
    /// </summary>
    public static InterestRunPlan Plan(YearMonth month, decimal? annualRate, string? basis, LocalDate today, KoperasiSettings settings)
    {
        var monthEnd = month.OnDayOfMonth(month.Calendar.GetDaysInMonth(month.Year, month.Month));
        if (monthEnd >= today)
            throw DomainException.InvalidState($"{month.ToString("yyyy-MM", null)} has not ended yet; interest is paid after the month closes.");
        var version = settings.At(monthEnd);
        var rate = annualRate ?? version.SukarelaInterestRate;
        if (rate <= 0 || rate > SettingsDefaults.MaxSukarelaInterestRate || decimal.Round(rate, 4) != rate)
            throw DomainException.Validation("annualRate",
                $"The rate must be above 0 and at most {SettingsDefaults.MaxSukarelaInterestRate}% a year (set sukarelaInterestRate or send annualRate).");
        var chosen = basis ?? version.InterestBasis;
        if (!InterestBases.IsValid(chosen))
            throw DomainException.Validation("basis", "The basis is daily (daily closing balances) or lowest (the month's lowest balance).");
        return new InterestRunPlan(month, monthEnd, rate, chosen, version.InterestTaxThreshold, version.InterestTaxRate);
    }

    /// <summary>Who earns interest this month, in member-id order (the order their rows are locked in).</summary>
    public static IReadOnlyList<InterestDue> Due(InterestRunPlan plan, IReadOnlyDictionary<Guid, SukarelaHistory> history) =>
        history.OrderBy(h => h.Key)
            .Select(h => new InterestDue(h.Key, SukarelaInterest.Compute(plan.Month, h.Value.Opening, h.Value.Movements, plan.AnnualRate, plan.Basis,
                plan.TaxThreshold, plan.TaxRate)))
            .Where(d => d.Figures.Gross > 0)
            .ToList();

    /// <summary>
    /// The credits (one per member still in the koperasi; a member who left earns nothing more) and the run that records them.
    /// </summary>
    public static (IReadOnlyList<SavingsInterestCredited> Credits, InterestRunCompleted Completed) Credit(InterestRunPlan plan,
        IReadOnlyList<InterestDue> due, IReadOnlyDictionary<Guid, Member?> members, Func<Guid> newTransactionId, EventMeta meta)
    {
        var credits = new List<SavingsInterestCredited>();
        var lines = new List<InterestRunLine>();
        foreach (var (memberId, figures) in due)
        {
            if (members.GetValueOrDefault(memberId) is not { HasLeft: false } member) continue;
            credits.Add(new SavingsInterestCredited(memberId, newTransactionId(), plan.Key, plan.Basis, plan.AnnualRate, figures.BalanceBasis,
                figures.Gross, figures.Tax, meta));
            lines.Add(new InterestRunLine(memberId, member.MemberNumber, figures.BalanceBasis, figures.Gross, figures.Tax));
        }
        return (credits, new InterestRunCompleted(plan.Key, plan.AnnualRate, plan.Basis, plan.TaxThreshold, plan.TaxRate, lines, meta));
    }
}
