using Ekopz.Domain.Common;
using Ekopz.Domain.Koperasi;
using NodaTime;

namespace Ekopz.Domain.Savings;

/// <summary>A sukarela movement on a day: signed amount (deposits positive).</summary>
public sealed record DatedAmount(LocalDate Date, decimal Amount);

/// <summary>A month's interest for one member: the balance it was computed on, gross, tax, net.</summary>
public sealed record InterestFigures(decimal BalanceBasis, decimal Gross, decimal Tax)
{
    public decimal Net => Gross - Tax;
}

/// <summary>
/// Jasa simpanan on simpanan sukarela for one month. Conventions (docs/adr/0008):
/// <list type="bullet">
/// <item><c>daily</c>: gross = Σ over the days of the month of (that day's closing balance × rate ÷ days in the year);
/// the balance basis shown is the average daily closing balance.</item>
/// <item><c>lowest</c>: gross = lowest closing balance of any day of the month × rate ÷ 12.</item>
/// <item>Gross is rounded down to the whole rupiah (a koperasi never pays a fraction it did not earn);
/// tax is 0 when gross ≤ threshold, else rate × gross rounded down to the rupiah (PP 15/2009).</item>
/// </list>
/// </summary>
public static class SukarelaInterest
{
    public static InterestFigures Compute(YearMonth month, decimal openingBalance, IEnumerable<DatedAmount> movements,
        decimal annualRatePercent, string basis, decimal taxThreshold, decimal taxRatePercent)
    {
        if (annualRatePercent < 0 || annualRatePercent > SettingsDefaults.MaxSukarelaInterestRate)
            throw DomainException.Validation("annualRate", $"The rate must be between 0 and {SettingsDefaults.MaxSukarelaInterestRate}% a year.");
        var days = month.ToDateInterval();
        var byDay = movements.Where(m => days.Contains(m.Date)).GroupBy(m => m.Date).ToDictionary(g => g.Key, g => g.Sum(m => m.Amount));
        var closing = new List<decimal>(days.Length);
        var balance = openingBalance;
        foreach (var day in days)
        {
            if (byDay.TryGetValue(day, out var moved)) balance += moved;
            closing.Add(balance);
        }

        var rate = annualRatePercent / 100m;
        decimal basisAmount, exact;
        if (basis == InterestBases.Lowest)
        {
            basisAmount = Math.Max(0m, closing.Min());
            exact = basisAmount * rate / 12m;
        }
        else
        {
            var daysInYear = CalendarSystem.Iso.GetDaysInYear(month.Year);
            var sum = closing.Sum(b => Math.Max(0m, b));
            basisAmount = Money.RoundCents(sum / days.Length);
            exact = sum * rate / daysInYear;
        }

        var gross = Math.Floor(exact);
        var tax = gross <= taxThreshold ? 0m : Math.Floor(gross * taxRatePercent / 100m);
        return new InterestFigures(basisAmount, gross, tax);
    }
}
