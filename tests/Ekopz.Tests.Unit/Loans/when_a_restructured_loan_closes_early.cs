using Ekopz.Domain.Common;
using Ekopz.Domain.Ledger;
using Ekopz.Domain.Loans;
using Ekopz.Domain.Members;
using Ekopz.Domain.Savings;
using NodaTime;

namespace Ekopz.Tests.Unit.Loans;

/// <summary>
/// Interest a restructuring carries into the new installment 1 was earned before it: collected with that
/// installment, but owed at once by a payoff, an exit or another restructuring, never waived.
/// </summary>
public class when_a_restructured_loan_closes_early
{
    private static readonly LocalDate Disbursed = new(2026, 1, 10);
    // Installments of 10 Feb and 10 Mar unpaid: 2 × 180,000 interest carried; the new installment 1 is due 20 Apr.
    private static readonly LocalDate Restructured = new(2026, 3, 20);
    private static readonly LocalDate BeforeFirstNewDueDate = new(2026, 3, 25);
    private static readonly Guid LoanId = Guid.NewGuid();
    private static readonly Guid MemberId = Guid.NewGuid();

    private static readonly Member Borrower = new(MemberId, "000001", "Budi", "3201011501800001", null, null, MemberStatus.Active,
        SavingsBalances.Zero, new LocalDate(2025, 1, 1), new LocalDate(2025, 1, 1));

    private static EventMeta Meta(LocalDate date, string actor = "kasir") => new(actor, date, Instant.FromUtc(2026, 1, 1, 0, 0), Channels.Counter, "c");

    /// <summary>12,000,000 flat 18% over 12 months, no penalty, never paid, restructured on 20 Mar to 24 months efektif at 12%.</summary>
    private static Loan RestructuredLoan(IReadOnlyList<AllocationPart>? order = null, int periods = 24)
    {
        var terms = LoanTerms.Plain(LoanMethod.Flat, 18m, LoanFrequency.Monthly);
        if (order is not null) terms = terms with { AllocationOrder = order };
        var applied = LoanDecider.Apply(new ApplyForLoan(LoanId, 12_000_000m, 12, null, false), Borrower, terms, null, null, Meta(Disbursed, "budi"));
        var loan = Loan.Evolve(null, applied)!;
        loan = Loan.Evolve(loan, new LoanApproved(LoanId, MemberId, false, new LendingLimitCheck(100_000_000m, 15m, 15_000_000m, 0m, 12_000_000m), null,
            Meta(Disbursed, "pengurus")))!;
        loan = Loan.Evolve(loan, LoanDecider.Disburse(loan, Borrower, Guid.NewGuid(), CashPoints.Kas, Meta(Disbursed)))!;
        var restructured = LoanDecider.Restructure(loan, periods, 12m, LoanMethod.Efektif, "usaha terdampak banjir", Meta(Restructured, "pengurus"));
        restructured.CarriedInterest.Should().Be(360_000m);
        return Loan.Evolve(loan, restructured)!;
    }

    private static LoanPaymentReceived Pay(Loan loan, decimal? amount, LocalDate date, bool payoff = false) =>
        LoanDecider.Pay(loan, amount, payoff, Guid.NewGuid(), CashPoints.Kas, Meta(date));

    [Fact]
    public void the_payoff_amount_includes_the_carried_interest_before_the_first_new_due_date()
    {
        var position = LoanPositions.At(RestructuredLoan(), BeforeFirstNewDueDate);
        position.DaysPastDue.Should().Be(0, "the carried interest is collected with the new installment 1, it is not overdue");
        position.DueNow.Should().Be(0m);
        position.InterestEarnedUnpaid.Should().Be(360_000m);
        position.PayoffAmount.Should().Be(12_000_000m + 360_000m);
        position.InterestNotYetDue.Should().Be(position.Installments.Sum(i => i.Interest) - 360_000m);
    }

    [Fact]
    public void an_early_payoff_pays_the_carried_interest_and_waives_only_the_new_interest()
    {
        var loan = RestructuredLoan();
        var newInterest = loan.Schedules[1].Installments.Sum(i => i.Interest) - 360_000m;

        var payoff = Pay(loan, null, BeforeFirstNewDueDate, payoff: true);
        payoff.PaidOff.Should().BeTrue();
        (payoff.Amount, payoff.Interest, payoff.Principal).Should().Be((12_360_000m, 360_000m, 12_000_000m));
        payoff.Lines.Should().Contain(new InstallmentAllocation(2, 1, 0m, 360_000m, 500_000m));
        payoff.InterestWaived.Should().Be(newInterest);

        var tooLittle = () => Pay(loan, 12_000_000m, BeforeFirstNewDueDate, payoff: true);
        tooLittle.Should().Throw<DomainException>().Which.Errors!.Keys.Should().Contain("amount");
    }

    [Fact]
    public void carried_interest_partly_paid_leaves_only_the_rest_to_pay_off()
    {
        var loan = RestructuredLoan();
        var part = Pay(loan, 100_000m, new LocalDate(2026, 3, 22));
        part.Lines.Should().Equal(new InstallmentAllocation(2, 1, 0m, 100_000m, 0m));
        loan = Loan.Evolve(loan, part)!;
        LoanPositions.At(loan, BeforeFirstNewDueDate).PayoffAmount.Should().Be(12_000_000m + 260_000m);
        Pay(loan, null, BeforeFirstNewDueDate, payoff: true).Interest.Should().Be(260_000m);
    }

    [Fact]
    public void at_exit_the_carried_interest_is_an_offset_and_the_settlement_collects_it()
    {
        var loan = RestructuredLoan();
        LoanDecider.ExitOffsets(loan, BeforeFirstNewDueDate).Should().Equal(
            new RefundOffset(AccountRoles.LoanReceivable, LoanId, 12_000_000m),
            new RefundOffset(AccountRoles.LoanInterestIncome, LoanId, 360_000m));
        var settled = LoanDecider.SettleAtExit(loan, Guid.NewGuid(), Meta(BeforeFirstNewDueDate, "pengurus"))
            .Should().BeOfType<LoanSettledAtExit>().Subject;
        (settled.Principal, settled.Interest, settled.Penalty).Should().Be((12_000_000m, 360_000m, 0m));
        settled.InterestWaived.Should().Be(loan.Schedules[1].Installments.Sum(i => i.Interest) - 360_000m);
    }

    [Fact]
    public void a_second_restructuring_before_the_first_new_due_date_carries_the_interest_again()
    {
        var loan = RestructuredLoan();
        var again = LoanDecider.Restructure(loan, 36, 12m, LoanMethod.Efektif, "masih sulit", Meta(BeforeFirstNewDueDate, "pengurus"));
        again.CarriedInterest.Should().Be(360_000m);
        again.Schedule[0].Interest.Should().Be(120_000m + 360_000m);
        LoanPositions.At(Loan.Evolve(loan, again)!, BeforeFirstNewDueDate).PayoffAmount.Should().Be(12_360_000m);
    }

    [Fact]
    public void paying_all_principal_first_does_not_close_the_loan_while_carried_interest_is_unpaid()
    {
        // A product that takes principal first, restructured into one installment: paying the principal alone used to close the
        // loan and waive the carried interest with the rest of "interest not yet due".
        var loan = RestructuredLoan([AllocationPart.Principal, AllocationPart.Interest, AllocationPart.Penalty], periods: 1);
        var principalOnly = Pay(loan, 12_000_000m, BeforeFirstNewDueDate);
        principalOnly.PaidOff.Should().BeFalse();
        principalOnly.InterestWaived.Should().Be(0m);
        loan = Loan.Evolve(loan, principalOnly)!;
        var position = LoanPositions.At(loan, BeforeFirstNewDueDate);
        position.OutstandingPrincipal.Should().Be(0m);
        position.PayoffAmount.Should().Be(360_000m);
        var rest = Pay(loan, 360_000m, BeforeFirstNewDueDate);
        rest.PaidOff.Should().BeTrue();
        rest.Interest.Should().Be(360_000m);
        rest.InterestWaived.Should().Be(120_000m);
    }
}
