using Ekopz.Domain.Common;
using Ekopz.Domain.Loans;
using Ekopz.Domain.Members;
using Ekopz.Domain.Savings;
using FsCheck;
using FsCheck.Xunit;
using NodaTime;

namespace Ekopz.Tests.Unit.Loans;

/// <summary>Random payment histories: nothing owed ever goes negative and every rupiah paid is allocated exactly once.</summary>
public class LoanPaymentProperties
{
    private static readonly LocalDate Start = new(2026, 1, 10);

    private static EventMeta Meta(LocalDate d) => new("kasir", d, Instant.FromUtc(2026, 1, 1, 0, 0), Channels.Counter, "c");

    private static readonly Member Borrower = new(Guid.NewGuid(), "000001", "Budi", "3201011501800001", null, null, MemberStatus.Active,
        SavingsBalances.Zero, new LocalDate(2025, 1, 1), new LocalDate(2025, 1, 1));

    [Property(MaxTest = 200)]
    public bool RandomPayments_NeverOverpayAnything_AndBalancesNeverGoNegative(PositiveInt principalSeed, byte periodsSeed, byte methodSeed,
        byte penaltySeed, NonEmptyArray<(byte Days, ushort Amount)> payments)
    {
        var terms = LoanTerms.Plain((LoanMethod)(methodSeed % 3), 18m, LoanFrequency.Monthly) with
        {
            PenaltyRatePerDay = penaltySeed % 4 * 0.05m,
            PenaltyGraceDays = penaltySeed % 5,
        };
        var principal = 1_000_000m + principalSeed.Get % 50_000_000;
        var periods = 1 + periodsSeed % 24;
        var loan = new[]
        {
            (object)LoanDecider.Apply(new ApplyForLoan(Guid.NewGuid(), principal, periods, null, false), Borrower, terms, null, null, Meta(Start)),
        }.Aggregate((Loan?)null, Loan.Evolve)!;
        loan = Loan.Evolve(loan, new LoanApproved(loan.Id, Borrower.Id, false, new LendingLimitCheck(0, 0, 0, 0, 0), null, Meta(Start)))!;
        loan = Loan.Evolve(loan, LoanDecider.Disburse(loan, Borrower, Guid.NewGuid(), CashPoints.Kas, Meta(Start)))!;

        var date = Start;
        decimal paidIn = 0m;
        var previousOutstanding = principal;
        foreach (var (days, seed) in payments.Get)
        {
            if (loan.Status != LoanStatus.Active) break;
            date = date.PlusDays(days % 45);
            var position = LoanPositions.At(loan, date);
            // Between a token amount and the whole payoff.
            var amount = Math.Min(position.PayoffAmount, 1_000m + seed * 250m);
            var payment = LoanDecider.Pay(loan, amount, false, Guid.NewGuid(), CashPoints.Kas, Meta(date));
            if (payment.Penalty + payment.Interest + payment.Principal != amount) return false;
            paidIn += amount;
            loan = Loan.Evolve(loan, payment)!;

            var after = LoanPositions.At(loan, date);
            if (after.Installments.Any(i => i.UnpaidPrincipal < 0 || i.UnpaidInterest < 0 || i.UnpaidPenalty < 0)) return false;
            if (after.OutstandingPrincipal < 0 || after.OutstandingPrincipal > previousOutstanding) return false;
            if (after.OutstandingPrincipal != principal - loan.Movements.Sum(m => m.Principal)) return false;
            previousOutstanding = after.OutstandingPrincipal;
        }
        return loan.Movements.Sum(m => m.Amount) == paidIn && (loan.Status != LoanStatus.PaidOff || previousOutstanding == 0);
    }

    /// <summary>Paying each installment on its due date repays exactly the schedule, whatever the method.</summary>
    [Property(MaxTest = 100)]
    public bool PayingTheScheduleOnTime_RepaysExactlyIt(PositiveInt principalSeed, byte periodsSeed, byte methodSeed, ushort rateSeed)
    {
        var terms = LoanTerms.Plain((LoanMethod)(methodSeed % 3), rateSeed % 2_401 / 100m, LoanFrequency.Monthly);
        var principal = 1_000_000m + principalSeed.Get % 50_000_000;
        var loan = Loan.Evolve(null, LoanDecider.Apply(new ApplyForLoan(Guid.NewGuid(), principal, 1 + periodsSeed % 36, null, false), Borrower, terms,
            null, null, Meta(Start)))!;
        loan = Loan.Evolve(loan, new LoanApproved(loan.Id, Borrower.Id, false, new LendingLimitCheck(0, 0, 0, 0, 0), null, Meta(Start)))!;
        loan = Loan.Evolve(loan, LoanDecider.Disburse(loan, Borrower, Guid.NewGuid(), CashPoints.Kas, Meta(Start)))!;
        foreach (var i in loan.Schedules[0].Installments)
            loan = Loan.Evolve(loan, LoanDecider.Pay(loan, i.Amount, false, Guid.NewGuid(), CashPoints.Kas, Meta(i.DueDate)))!;
        return loan.Status == LoanStatus.PaidOff
            && loan.Movements.Sum(m => m.Principal) == principal
            && loan.Movements.Sum(m => m.Interest) == loan.Schedules[0].Installments.Sum(i => i.Interest)
            && loan.Movements.All(m => m.Penalty == 0);
    }
}
