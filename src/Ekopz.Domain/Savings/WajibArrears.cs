using Ekopz.Domain.Koperasi;
using NodaTime;

namespace Ekopz.Domain.Savings;

/// <summary>One month of simpanan wajib: what was due and whether payments cover it.</summary>
public sealed record WajibMonth(YearMonth Month, decimal Due, bool Paid);

public sealed record WajibStanding(
    LocalDate AsOf,
    IReadOnlyList<WajibMonth> Months,
    decimal TotalDue,
    decimal TotalPaid,
    int MonthsInArrears,
    decimal ArrearsAmount,
    IReadOnlyList<YearMonth> UnpaidMonths);

/// <summary>
/// Simpanan wajib due and unpaid as of a date. Conventions (docs/adr/0008): wajib is due for every
/// month of membership, from the month pokok was completed to the month of <c>asOf</c> (or of exit);
/// the amount of a month is the setting in force on its first day (or on the activation day for the
/// first month). Payments are applied oldest month first; a month is paid only when fully covered.
/// A month is in arrears once it has ended unpaid: the current month is due but not yet late.
/// </summary>
public static class WajibArrears
{
    public static WajibStanding Compute(LocalDate? activatedOn, LocalDate? exitedOn, LocalDate asOf, decimal paidUpToAsOf,
        Func<LocalDate, SettingsVersion> settingsAt)
    {
        var months = new List<WajibMonth>();
        if (activatedOn is { } start && start <= asOf)
        {
            var end = exitedOn is { } exit && exit < asOf ? exit : asOf;
            var remaining = paidUpToAsOf;
            for (var m = start.ToYearMonth(); m <= end.ToYearMonth(); m = m.PlusMonths(1))
            {
                var firstDay = m == start.ToYearMonth() ? start : m.OnDayOfMonth(1);
                var due = settingsAt(firstDay).WajibMonthlyAmount;
                var paid = remaining >= due;
                remaining -= Math.Min(remaining, due);
                months.Add(new WajibMonth(m, due, paid));
            }
        }

        var current = asOf.ToYearMonth();
        var late = months.Where(m => !m.Paid && m.Month < current).ToList();
        var totalDue = months.Sum(m => m.Due);
        return new WajibStanding(asOf, months, totalDue, paidUpToAsOf, late.Count,
            // What is owed on the late months, net of any partial payment sitting on the oldest one.
            Math.Max(0m, months.Where(m => m.Month < current).Sum(m => m.Due) - paidUpToAsOf),
            months.Where(m => !m.Paid).Select(m => m.Month).ToList());
    }
}
