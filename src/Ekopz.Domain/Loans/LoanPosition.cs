using Ekopz.Domain.Common;
using NodaTime;

namespace Ekopz.Domain.Loans;

/// <summary>One installment as it stood on a date: what was due, what was paid, the penalty accrued.</summary>
/// <param name="CarriedInterest">The part of <paramref name="Interest"/> a restructuring carried into this installment (installment 1 of
/// a restructured schedule): interest already earned, scheduled with this installment but never waived by an early payoff or an exit.</param>
public sealed record InstallmentPosition(
    int Number,
    LocalDate DueDate,
    decimal Principal,
    decimal Interest,
    decimal PrincipalPaid,
    decimal InterestPaid,
    decimal PenaltyAccrued,
    decimal PenaltyPaid,
    LocalDate? PaidOn,
    decimal CarriedInterest = 0m)
{
    public decimal UnpaidPrincipal => Principal - PrincipalPaid;
    public decimal UnpaidInterest => Interest - InterestPaid;
    public decimal UnpaidPenalty => PenaltyAccrued - PenaltyPaid;
    /// <summary>Principal and interest still owed (the base of the penalty and of days past due).</summary>
    public decimal Unpaid => UnpaidPrincipal + UnpaidInterest;
    /// <summary>Carried interest still unpaid: interest paid on the installment pays the carried (oldest) part first.</summary>
    public decimal UnpaidCarriedInterest => Math.Clamp(CarriedInterest - InterestPaid, 0m, UnpaidInterest);

    /// <summary>Interest earned and unpaid on <paramref name="date"/>: all of it once due, before that only the carried part.</summary>
    public decimal InterestEarnedUnpaid(LocalDate date) => DueDate <= date ? UnpaidInterest : UnpaidCarriedInterest;
}

/// <summary>A loan as it stood at the end of a business day.</summary>
/// <param name="CarriedPenaltyUnpaid">Penalty carried over by a restructuring and not yet paid.</param>
/// <param name="DueNow">Everything due and unpaid: penalty, and principal and interest of installments due on or before the date.</param>
/// <param name="PayoffAmount">What closes the loan today: unpaid penalty, earned interest (<paramref name="InterestEarnedUnpaid"/>) and all
/// outstanding principal (interest not yet due is waived).</param>
/// <param name="InterestNotYetDue">Unpaid interest of installments not yet due, less carried interest: what an early payoff waives.</param>
/// <param name="InterestEarnedUnpaid">Interest owed whatever happens next: that of installments due on or before the date, plus interest a
/// restructuring carried into an installment not yet due. A payoff and an exit collect it; a restructuring carries it again.</param>
public sealed record LoanPosition(
    LocalDate AsOf,
    LoanStatus Status,
    ScheduleVersion? Schedule,
    IReadOnlyList<InstallmentPosition> Installments,
    decimal CarriedPenaltyUnpaid,
    decimal OutstandingPrincipal,
    int DaysPastDue,
    decimal DueNow,
    decimal PayoffAmount,
    decimal InterestNotYetDue,
    decimal InterestEarnedUnpaid = 0m)
{
    public bool IsActive => Status == LoanStatus.Active;
}

/// <summary>
/// Reads a loan as of any business date from its dated history (pure). The penalty (denda) is accrued
/// day by day: each day after the due date plus the grace days costs the penalty rate on what was
/// still unpaid of that installment at the start of the day. A payment made on a day therefore pays
/// that day's penalty too. The accrued total per installment is rounded to the whole rupiah.
/// </summary>
public static class LoanPositions
{
    public static LoanPosition At(Loan loan, LocalDate asOf)
    {
        var status = loan.StatusOn(asOf) ?? throw DomainException.Validation("asOf",
            $"The loan was applied for on {loan.AppliedOn:yyyy-MM-dd}; there is nothing to show before that.");
        var schedule = loan.ScheduleOn(asOf);
        var movements = loan.Movements.Where(m => m.On <= asOf).ToList();
        if (schedule is null)
            return new LoanPosition(asOf, status, null, [], 0m, 0m, 0, 0m, 0m, 0m);

        var outstanding = loan.Principal - movements.Sum(m => m.PrincipalReduction);
        // Penalty stops accruing when the loan closes (and for a superseded schedule, at the restructuring).
        var closedOn = status is LoanStatus.Active ? (LocalDate?)null : loan.History.Last(h => h.On <= asOf).On;
        var accrueTo = closedOn is { } c && c < asOf ? c : asOf;

        var installments = new List<InstallmentPosition>(schedule.Installments.Count);
        foreach (var i in schedule.Installments)
        {
            var lines = movements.SelectMany(m => m.Lines.Where(l => l.Version == schedule.Version && l.Number == i.Number).Select(l => (m.On, l))).ToList();
            var principalPaid = lines.Sum(x => x.l.Principal);
            var interestPaid = lines.Sum(x => x.l.Interest);
            var penaltyPaid = lines.Sum(x => x.l.Penalty);
            var penalty = PenaltyAccrued(i, lines.Select(x => (x.On, x.l.Principal + x.l.Interest)).ToList(), loan.Terms, accrueTo);
            LocalDate? paidOn = principalPaid == i.Principal && interestPaid == i.Interest && lines.Count > 0 ? lines.Max(x => x.On) : null;
            // A restructuring puts the interest it carries into the new installment 1 (LoanDecider.Restructure; recorded on the version).
            var carriedInterest = i.Number == 1 ? schedule.CarriedInterest : 0m;
            installments.Add(new InstallmentPosition(i.Number, i.DueDate, i.Principal, i.Interest, principalPaid, interestPaid, penalty, penaltyPaid, paidOn,
                carriedInterest));
        }

        var carriedPaid = movements.SelectMany(m => m.Lines).Where(l => l.Version == schedule.Version && l.Number == 0).Sum(l => l.Penalty);
        var carriedUnpaid = schedule.CarriedPenalty - carriedPaid;

        if (status != LoanStatus.Active)
            return new LoanPosition(asOf, status, schedule, installments, carriedUnpaid, status == LoanStatus.WrittenOff ? 0m : outstanding, 0, 0m, 0m, 0m);

        var oldestUnpaid = installments.FirstOrDefault(i => i.DueDate < asOf && i.Unpaid > 0);
        var dpd = oldestUnpaid is null ? 0 : Period.Between(oldestUnpaid.DueDate, asOf, PeriodUnits.Days).Days;
        var penaltyUnpaid = carriedUnpaid + installments.Sum(i => i.UnpaidPenalty);
        var due = installments.Where(i => i.DueDate <= asOf).ToList();
        var dueNow = penaltyUnpaid + due.Sum(i => i.Unpaid);
        // Carried interest was earned before the restructuring: it is scheduled with installment 1 (so it does not count as overdue
        // before then) but it is owed from the start, so an early payoff or an exit never waives it.
        var earned = installments.Sum(i => i.InterestEarnedUnpaid(asOf));
        var notYetDueInterest = installments.Where(i => i.DueDate > asOf).Sum(i => i.UnpaidInterest - i.UnpaidCarriedInterest);
        var payoff = penaltyUnpaid + earned + outstanding;
        return new LoanPosition(asOf, status, schedule, installments, carriedUnpaid, outstanding, dpd, dueNow, payoff, notYetDueInterest, earned);
    }

    /// <summary>
    /// The penalty accrued on one installment through <paramref name="through"/>: for each chargeable day
    /// (after due date + grace), the rate on what was unpaid at the start of that day.
    /// </summary>
    /// <param name="payments">(date, principal + interest paid) on this installment.</param>
    public static decimal PenaltyAccrued(ScheduledInstallment installment, IReadOnlyList<(LocalDate On, decimal Paid)> payments, LoanTerms terms,
        LocalDate through)
    {
        if (terms.PenaltyRatePerDay == 0) return 0m;
        var firstDay = installment.DueDate.PlusDays(terms.PenaltyGraceDays + 1);
        if (firstDay > through) return 0m;

        var rate = terms.PenaltyRatePerDay / 100m;
        // Payments before the first chargeable day just lower the base.
        var unpaid = installment.Amount - payments.Where(p => p.On < firstDay).Sum(p => p.Paid);
        decimal total = 0m;
        var day = firstDay;
        foreach (var (on, paid) in payments.Where(p => p.On >= firstDay).OrderBy(p => p.On))
        {
            // The base holds through the payment's own day; the payment lowers it from the next day on.
            var end = on < through ? on : through;
            if (end >= day)
            {
                total += unpaid * rate * (Period.Between(day, end, PeriodUnits.Days).Days + 1);
                day = end.PlusDays(1);
            }
            if (on >= through) break;
            unpaid -= paid;
        }
        if (day <= through) total += unpaid * rate * (Period.Between(day, through, PeriodUnits.Days).Days + 1);
        return Money.RoundTo(total, 1m);
    }
}
