using Ekopz.Domain.Common;
using NodaTime;

namespace Ekopz.Domain.Loans;

/// <summary>One row of a repayment schedule.</summary>
public sealed record ScheduleRow(int Number, LocalDate DueDate, decimal Opening, decimal Principal, decimal Interest, decimal Closing)
{
    public decimal Installment => Principal + Interest;
}

/// <summary>
/// The schedule calculators (domain rules, section 3), pure and exact to the rupiah:
/// <list type="bullet">
/// <item>interest of a period is rounded to the whole rupiah, half away from zero;</item>
/// <item>the rounding unit (and mode) applies to what the method keeps constant: the installment for
/// flat and anuitas, the principal part for efektif;</item>
/// <item>the last installment takes the residue (its principal is whatever is still outstanding), so
/// every schedule sums exactly to the principal.</item>
/// </list>
/// A schedule in which an installment would repay no principal (a rounding unit too coarse for the
/// loan, or a loan too small for its tenor) is refused rather than produced.
/// </summary>
public static class LoanSchedule
{
    public static int PeriodsPerYear(LoanFrequency frequency) => frequency switch
    {
        LoanFrequency.Monthly => 12,
        LoanFrequency.Weekly => 52,
        _ => 365,
    };

    /// <summary>The periodic rate r for an annual nominal rate in percent: 18% monthly is 0.015.</summary>
    public static decimal PeriodicRate(decimal annualRatePercent, LoanFrequency frequency) =>
        annualRatePercent / 100m / PeriodsPerYear(frequency);

    /// <summary>The k-th due date counted from the start (disbursement) date; months keep the start's day where the month has it.</summary>
    public static LocalDate DueDate(LocalDate start, LoanFrequency frequency, int k) => frequency switch
    {
        LoanFrequency.Monthly => start.PlusMonths(k),
        LoanFrequency.Weekly => start.PlusWeeks(k),
        _ => start.PlusDays(k),
    };

    /// <summary>The exact annuity installment A = P·r / (1 − (1+r)^−n), unrounded (P/n when r = 0).</summary>
    public static decimal Annuity(decimal principal, decimal r, int n)
    {
        if (r == 0) return principal / n;
        var growth = 1m;
        for (var i = 0; i < n; i++) growth *= 1 + r;
        // P·r·(1+r)^n / ((1+r)^n − 1): the same value without a negative power.
        return principal * r * growth / (growth - 1);
    }

    public static decimal Round(decimal amount, decimal unit, RoundingMode mode) => mode switch
    {
        RoundingMode.Up => decimal.Ceiling(amount / unit) * unit,
        RoundingMode.Down => decimal.Floor(amount / unit) * unit,
        _ => Money.RoundTo(amount, unit),
    };

    private static decimal RoundInterest(decimal amount) => Money.RoundTo(amount, 1m);

    /// <summary>Checks the inputs a schedule needs; throws validation_failed naming the field.</summary>
    public static void Validate(decimal principal, int periods, decimal annualRate, decimal roundingUnit)
    {
        var errors = new Dictionary<string, string[]>();
        if (principal <= 0) errors["principal"] = ["The principal must be greater than zero."];
        else if (principal > Money.Max) errors["principal"] = ["The principal is too large."];
        else if (decimal.Round(principal, 2) != principal) errors["principal"] = ["The principal may have at most 2 decimals."];
        if (periods < 1 || periods > LoanLimits.MaxPeriods) errors["periods"] = [$"The tenor is 1 to {LoanLimits.MaxPeriods} periods."];
        if (!LoanLimits.IsValidRate(annualRate))
            errors["annualRate"] = [$"The rate is a percent a year from 0 to {LoanLimits.MaxAnnualRate} (the legal cap), with at most 4 decimals."];
        if (!LoanLimits.IsValidRoundingUnit(roundingUnit))
            errors["roundingUnit"] = ["The rounding unit is a positive amount up to Rp100,000 with at most 2 decimals."];
        if (errors.Count > 0) throw new DomainException(ErrorCodes.ValidationFailed, "The loan figures are not valid.", errors);
    }

    /// <summary>The schedule for a loan disbursed (or restructured) on <paramref name="start"/>.</summary>
    public static IReadOnlyList<ScheduleRow> Compute(decimal principal, int periods, decimal annualRate, LoanMethod method,
        LoanFrequency frequency, LocalDate start, decimal roundingUnit = 1m, RoundingMode mode = RoundingMode.Nearest)
    {
        Validate(principal, periods, annualRate, roundingUnit);
        var r = PeriodicRate(annualRate, frequency);
        var rows = new List<ScheduleRow>(periods);
        var opening = principal;

        // What the method holds constant, rounded once.
        var flatInterest = RoundInterest(principal * r);
        var constant = method switch
        {
            LoanMethod.Flat => Round(principal / periods + principal * r, roundingUnit, mode),
            LoanMethod.Efektif => Round(principal / periods, roundingUnit, mode),
            _ => Round(Annuity(principal, r, periods), roundingUnit, mode),
        };

        for (var k = 1; k <= periods; k++)
        {
            var interest = method == LoanMethod.Flat ? flatInterest : RoundInterest(opening * r);
            decimal part;
            if (k == periods) part = opening; // the residue
            else part = method == LoanMethod.Efektif ? constant : constant - interest;

            var closing = opening - part;
            if (part <= 0 || closing < 0)
                throw DomainException.Validation(roundingUnit > 1 ? "roundingUnit" : "principal",
                    roundingUnit > 1
                        ? $"A rounding unit of Rp{roundingUnit:N0} is too coarse for this loan: installment {k} would not repay its principal."
                        : $"The principal is too small for {periods} installments: installment {k} would repay no principal.");
            rows.Add(new ScheduleRow(k, DueDate(start, frequency, k), opening, part, interest, closing));
            opening = closing;
        }
        return rows;
    }

    public static IReadOnlyList<ScheduleRow> Compute(decimal principal, int periods, LoanTerms terms, LocalDate start) =>
        Compute(principal, periods, terms.AnnualRate, terms.Method, terms.Frequency, start, terms.RoundingUnit, terms.RoundingMode);
}
