using Ekopz.Domain.Common;
using Ekopz.Domain.Ledger;
using Ekopz.Domain.Loans;
using Ekopz.Domain.Members;
using Ekopz.Domain.Savings;
using NodaTime;

namespace Ekopz.Tests.Unit.Loans;

/// <summary>Given(events).When(command).Then(events) over a loan's life; no database.</summary>
public class LoanDeciderTests
{
    private static readonly LocalDate Disbursed = new(2026, 1, 10);
    private static readonly Guid LoanId = Guid.NewGuid();
    private static readonly Guid MemberId = Guid.NewGuid();

    private static EventMeta Meta(LocalDate date, string actor = "kasir") => new(actor, date, Instant.FromUtc(2026, 1, 1, 0, 0), Channels.Counter, "c");

    private static readonly Member ActiveMember = new(MemberId, "000001", "Budi", "3201011501800001", null, null, MemberStatus.Active,
        SavingsBalances.Zero, new LocalDate(2025, 1, 1), new LocalDate(2025, 1, 1));

    /// <summary>The worked example: 12,000,000 over 12 months at 18%, with a 0.1%/day penalty after 3 grace days.</summary>
    private static LoanTerms Terms(LoanMethod method = LoanMethod.Flat, decimal penalty = 0.1m, int grace = 3) =>
        LoanTerms.Plain(method, 18m, LoanFrequency.Monthly) with { PenaltyRatePerDay = penalty, PenaltyGraceDays = grace };

    private static Loan Given(params object[] events) => events.Aggregate((Loan?)null, Loan.Evolve)!;

    private static Loan ActiveLoan(LoanTerms? terms = null)
    {
        var applied = LoanDecider.Apply(new ApplyForLoan(LoanId, 12_000_000m, 12, "modal warung", false), ActiveMember, terms ?? Terms(), null, null,
            Meta(Disbursed, "budi"));
        var approved = new LoanApproved(LoanId, MemberId, false, new LendingLimitCheck(100_000_000m, 15m, 15_000_000m, 0m, 12_000_000m), null,
            Meta(Disbursed, "pengurus"));
        var loan = Given(applied, approved);
        var disbursed = LoanDecider.Disburse(loan, ActiveMember, Guid.NewGuid(), CashPoints.Kas, Meta(Disbursed));
        return Given(applied, approved, disbursed);
    }

    private static Loan Paid(Loan loan, LoanPaymentReceived payment) => Loan.Evolve(loan, payment)!;

    private static LoanPaymentReceived Pay(Loan loan, decimal? amount, LocalDate date, bool payoff = false) =>
        LoanDecider.Pay(loan, amount, payoff, Guid.NewGuid(), CashPoints.Kas, Meta(date));

    [Fact]
    public void Disbursement_FixesTheScheduleFromItsOwnDate()
    {
        var loan = ActiveLoan();
        loan.Status.Should().Be(LoanStatus.Active);
        loan.Schedules.Should().ContainSingle().Which.Installments.Should().HaveCount(12);
        loan.Schedules[0].Installments[0].DueDate.Should().Be(new LocalDate(2026, 2, 10));
        loan.Schedules[0].Installments.Sum(i => i.Principal).Should().Be(12_000_000m);
    }

    [Fact]
    public void AnInstallmentPaidOnItsDueDate_PaysInterestThenPrincipal()
    {
        var payment = Pay(ActiveLoan(), 1_180_000m, new LocalDate(2026, 2, 10));
        payment.Should().Match<LoanPaymentReceived>(p => p.Penalty == 0 && p.Interest == 180_000m && p.Principal == 1_000_000m && !p.PaidOff);
        payment.Lines.Should().Equal(new InstallmentAllocation(1, 1, 0m, 180_000m, 1_000_000m));
    }

    [Fact]
    public void APartialPayment_PaysInterestFirst()
    {
        var payment = Pay(ActiveLoan(), 500_000m, new LocalDate(2026, 2, 10));
        (payment.Interest, payment.Principal).Should().Be((180_000m, 320_000m));
        var position = LoanPositions.At(Paid(ActiveLoan(), payment), new LocalDate(2026, 2, 10));
        position.Installments[0].Unpaid.Should().Be(680_000m);
        position.OutstandingPrincipal.Should().Be(11_680_000m);
    }

    [Fact]
    public void PayingBeforeTheDueDate_PaysThatInstallment_NotJustPrincipal()
    {
        var payment = Pay(ActiveLoan(), 1_180_000m, new LocalDate(2026, 2, 7));
        payment.Lines.Should().Equal(new InstallmentAllocation(1, 1, 0m, 180_000m, 1_000_000m));
        LoanPositions.At(Paid(ActiveLoan(), payment), new LocalDate(2026, 3, 1)).DaysPastDue.Should().Be(0);
    }

    [Fact]
    public void ALatePayment_PaysThePenaltyFirst_CountedFromTheEndOfTheGracePeriod()
    {
        // Due 10 Feb, grace 3 days: 14..20 Feb are 7 chargeable days × 0.1% × 1,180,000 = 8,260.
        var loan = ActiveLoan();
        var position = LoanPositions.At(loan, new LocalDate(2026, 2, 20));
        position.DaysPastDue.Should().Be(10);
        position.Installments[0].PenaltyAccrued.Should().Be(8_260m);
        position.DueNow.Should().Be(1_188_260m);
        var payment = Pay(loan, 1_188_260m, new LocalDate(2026, 2, 20));
        (payment.Penalty, payment.Interest, payment.Principal).Should().Be((8_260m, 180_000m, 1_000_000m));
        LoanPositions.At(Paid(loan, payment), new LocalDate(2026, 2, 28)).Installments[0].UnpaidPenalty.Should().Be(0m);
    }

    [Fact]
    public void WithinTheGracePeriod_NoPenalty() =>
        LoanPositions.At(ActiveLoan(), new LocalDate(2026, 2, 13)).Installments[0].PenaltyAccrued.Should().Be(0m);

    [Fact]
    public void APartialLatePayment_LowersThePenaltyBaseFromTheNextDay()
    {
        var loan = ActiveLoan();
        // 14, 15 Feb on 1,180,000 = 2,360; the payment then leaves 592,360 of the installment.
        var first = Pay(loan, 590_000m, new LocalDate(2026, 2, 15));
        (first.Penalty, first.Interest, first.Principal).Should().Be((2_360m, 180_000m, 407_640m));
        loan = Paid(loan, first);
        // 16..20 Feb: 5 days × 0.1% × 592,360 = 2,961.80; the total accrued is rounded once: 5,321.80 → 5,322.
        var position = LoanPositions.At(loan, new LocalDate(2026, 2, 20));
        position.Installments[0].PenaltyAccrued.Should().Be(5_322m);
        position.Installments[0].UnpaidPenalty.Should().Be(2_962m);
    }

    [Fact]
    public void DaysPastDue_CountFromTheOldestUnpaidInstallment_AndSetTheKolektibilitas()
    {
        var loan = ActiveLoan();
        var settings = LoanSettings.Defaults;
        LoanPositions.At(loan, new LocalDate(2026, 2, 10)).DaysPastDue.Should().Be(0);
        LoanPositions.At(loan, new LocalDate(2026, 2, 11)).DaysPastDue.Should().Be(1);
        settings.Classify(LoanPositions.At(loan, new LocalDate(2026, 3, 12)).DaysPastDue).Should().Be(Kolektibilitas.Lancar); // 30
        settings.Classify(LoanPositions.At(loan, new LocalDate(2026, 3, 13)).DaysPastDue).Should().Be(Kolektibilitas.DalamPerhatianKhusus); // 31
        settings.Classify(LoanPositions.At(loan, new LocalDate(2026, 5, 12)).DaysPastDue).Should().Be(Kolektibilitas.KurangLancar); // 91
        settings.Classify(LoanPositions.At(loan, new LocalDate(2026, 6, 11)).DaysPastDue).Should().Be(Kolektibilitas.Diragukan); // 121
        settings.Classify(LoanPositions.At(loan, new LocalDate(2026, 8, 10)).DaysPastDue).Should().Be(Kolektibilitas.Macet); // 181

        // With the first installment paid, the oldest unpaid one is March's.
        loan = Paid(loan, Pay(loan, 1_180_000m, new LocalDate(2026, 2, 10)));
        LoanPositions.At(loan, new LocalDate(2026, 3, 20)).DaysPastDue.Should().Be(10);
    }

    [Fact]
    public void AnEarlyPayoff_PaysOutstandingPrincipal_AndWaivesInterestNotYetDue()
    {
        var loan = ActiveLoan();
        loan = Paid(loan, Pay(loan, 1_180_000m, new LocalDate(2026, 2, 10)));
        var position = LoanPositions.At(loan, new LocalDate(2026, 2, 25));
        position.PayoffAmount.Should().Be(11_000_000m);
        var payoff = Pay(loan, null, new LocalDate(2026, 2, 25), payoff: true);
        payoff.Should().Match<LoanPaymentReceived>(p => p.PaidOff && p.Amount == 11_000_000m && p.Principal == 11_000_000m && p.Interest == 0);
        payoff.InterestWaived.Should().Be(11 * 180_000m);
        Paid(loan, payoff).Status.Should().Be(LoanStatus.PaidOff);
    }

    [Fact]
    public void MoreThanThePayoffAmount_IsRefused_AndExactlyItClosesTheLoan()
    {
        var loan = ActiveLoan();
        var overpay = () => Pay(loan, 12_000_000.01m, new LocalDate(2026, 1, 20));
        overpay.Should().Throw<DomainException>().Which.Errors!.Keys.Should().Contain("amount");
        var wrongPayoff = () => Pay(loan, 11_000_000m, new LocalDate(2026, 1, 20), payoff: true);
        wrongPayoff.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.ValidationFailed);
        Pay(loan, 12_000_000m, new LocalDate(2026, 1, 20)).PaidOff.Should().BeTrue();
    }

    [Fact]
    public void PayingEveryInstallment_ClosesTheLoan()
    {
        var loan = ActiveLoan(Terms(LoanMethod.Anuitas));
        foreach (var i in loan.Schedules[0].Installments)
        {
            var payment = Pay(loan, i.Amount, i.DueDate);
            payment.PaidOff.Should().Be(i.Number == 12);
            loan = Paid(loan, payment);
        }
        loan.Status.Should().Be(LoanStatus.PaidOff);
        loan.Movements.Sum(m => m.Principal).Should().Be(12_000_000m);
        loan.Movements.Sum(m => m.Interest).Should().Be(1_201_920m);
    }

    [Fact]
    public void AClosedLoan_TakesNoPayment()
    {
        var loan = ActiveLoan();
        loan = Paid(loan, Pay(loan, 12_000_000m, new LocalDate(2026, 1, 20)));
        var act = () => Pay(loan, 1_000m, new LocalDate(2026, 1, 21));
        act.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InvalidState);
    }

    [Fact]
    public void APaymentDatedBeforeTheLatestOne_IsRefused()
    {
        var loan = ActiveLoan();
        loan = Paid(loan, Pay(loan, 100_000m, new LocalDate(2026, 2, 10)));
        var act = () => Pay(loan, 100_000m, new LocalDate(2026, 2, 9));
        act.Should().Throw<DomainException>().Which.Errors!.Keys.Should().Contain("businessDate");
    }

    [Fact]
    public void APositionAsOfAPastDate_IgnoresLaterPayments()
    {
        var loan = ActiveLoan();
        loan = Paid(loan, Pay(loan, 1_180_000m, new LocalDate(2026, 2, 10)));
        loan = Paid(loan, Pay(loan, 1_180_000m, new LocalDate(2026, 3, 10)));
        LoanPositions.At(loan, new LocalDate(2026, 2, 28)).OutstandingPrincipal.Should().Be(11_000_000m);
        LoanPositions.At(loan, new LocalDate(2026, 3, 10)).OutstandingPrincipal.Should().Be(10_000_000m);
        LoanPositions.At(loan, new LocalDate(2026, 1, 10)).OutstandingPrincipal.Should().Be(12_000_000m);
        var beforeApplication = () => LoanPositions.At(loan, new LocalDate(2026, 1, 9));
        beforeApplication.Should().Throw<DomainException>().Which.Errors!.Keys.Should().Contain("asOf");
    }

    [Fact]
    public void Application_OnlyForActiveMembers_WithinTheCapAndTheProductsTenor()
    {
        var applicant = ActiveMember with { Status = MemberStatus.Applicant, ActivatedOn = null };
        var exited = ActiveMember with { Status = MemberStatus.Exited };
        var product = Terms() with { MinPeriods = 3, MaxPeriods = 24 };
        DomainException Refusal(Action act) => act.Should().Throw<DomainException>().Which;

        Refusal(() => LoanDecider.Apply(new ApplyForLoan(LoanId, 1_000_000m, 12, null, false), applicant, product, null, null, Meta(Disbursed)))
            .Code.Should().Be(ErrorCodes.InvalidState);
        Refusal(() => LoanDecider.Apply(new ApplyForLoan(LoanId, 1_000_000m, 12, null, false), exited, product, null, null, Meta(Disbursed)))
            .Code.Should().Be(ErrorCodes.InvalidState);
        Refusal(() => LoanDecider.Apply(new ApplyForLoan(LoanId, 1_000_000m, 25, null, false), ActiveMember, product, null, null, Meta(Disbursed)))
            .Errors!.Keys.Should().Contain("periods");
        Refusal(() => LoanDecider.Apply(new ApplyForLoan(LoanId, 0m, 12, null, false), ActiveMember, product, null, null, Meta(Disbursed)))
            .Errors!.Keys.Should().Contain("principal");
        Refusal(() => LoanDecider.Apply(new ApplyForLoan(LoanId, 1_000_000m, 12, null, false), ActiveMember, product with { AnnualRate = 24.5m }, null,
            null, Meta(Disbursed))).Errors!.Keys.Should().Contain("annualRate");
    }

    [Fact]
    public void Approval_NeedsASecondPerson_AndStaysWithinTheLendingLimit()
    {
        var applied = Given(LoanDecider.Apply(new ApplyForLoan(LoanId, 12_000_000m, 12, null, false), ActiveMember, Terms(), null, null,
            Meta(Disbursed, "pengurus1")));
        var settings = LoanSettings.Defaults;

        var same = () => LoanDecider.Approve(applied, ActiveMember, false, 100_000_000m, 0m, settings, null, Meta(Disbursed, "pengurus1"));
        same.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.SameMakerChecker);

        // 15% of 100,000,000 = 15,000,000: 12,000,000 fits alone, not with 3,000,001 already lent.
        LoanDecider.Approve(applied, ActiveMember, false, 100_000_000m, 3_000_000m, settings, null, Meta(Disbursed, "pengurus2"))
            .Limit.Should().Be(new LendingLimitCheck(100_000_000m, 15m, 15_000_000m, 3_000_000m, 15_000_000m));
        var over = () => LoanDecider.Approve(applied, ActiveMember, false, 100_000_000m, 3_000_001m, settings, null, Meta(Disbursed, "pengurus2"));
        over.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.LimitExceeded);
        // An insider (pengurus, pengawas or affiliate) is held to 10%.
        var insider = () => LoanDecider.Approve(applied, ActiveMember, true, 100_000_000m, 0m, settings, null, Meta(Disbursed, "pengurus2"));
        insider.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.LimitExceeded);
    }

    [Fact]
    public void LendingLimit_IsTheApprovalsCheck_RefusingNothing()
    {
        var applied = Given(LoanDecider.Apply(new ApplyForLoan(LoanId, 12_000_000m, 12, null, false), ActiveMember, Terms(), null, null,
            Meta(Disbursed, "pengurus1")));
        var settings = LoanSettings.Defaults;

        var within = LoanDecider.LendingLimit(applied, false, 100_000_000m, 3_000_000m, settings);
        within.Should().Be(LoanDecider.Approve(applied, ActiveMember, false, 100_000_000m, 3_000_000m, settings, null, Meta(Disbursed, "pengurus2")).Limit);
        within.IsWithin().Should().BeTrue();
        // Over the limit it is still answered, where the approval refuses.
        var over = LoanDecider.LendingLimit(applied, false, 100_000_000m, 3_000_001m, settings);
        over.Should().Be(new LendingLimitCheck(100_000_000m, 15m, 15_000_000m, 3_000_001m, 15_000_001m));
        over.IsWithin().Should().BeFalse();
        // Insider by the request, or by the application itself.
        LoanDecider.LendingLimit(applied, true, 100_000_000m, 0m, settings).LimitPercent.Should().Be(10m);
        LoanDecider.LendingLimit(applied with { Insider = true }, false, 100_000_000m, 0m, settings).LimitPercent.Should().Be(10m);
        // Negative own capital lends nothing.
        LoanDecider.LendingLimit(applied, false, -5_000_000m, 0m, settings).Limit.Should().Be(0m);
    }

    [Fact]
    public void Restructuring_ReschedulesTheOutstandingPrincipal_CarryingWhatIsDue_AndKeepsTheOldSchedule()
    {
        var loan = ActiveLoan();
        var date = new LocalDate(2026, 3, 20);
        var before = LoanPositions.At(loan, date);
        before.Installments.Take(2).Sum(i => i.UnpaidInterest).Should().Be(360_000m);
        var penalty = before.Installments.Sum(i => i.UnpaidPenalty);
        penalty.Should().BeGreaterThan(0);

        var restructured = LoanDecider.Restructure(loan, 24, 12m, LoanMethod.Efektif, "usaha terdampak banjir", Meta(date, "pengurus"));
        restructured.Version.Should().Be(2);
        restructured.Principal.Should().Be(12_000_000m);
        restructured.CarriedInterest.Should().Be(360_000m);
        restructured.CarriedPenalty.Should().Be(penalty);
        restructured.Schedule.Sum(i => i.Principal).Should().Be(12_000_000m);
        restructured.Schedule[0].Interest.Should().Be(120_000m + 360_000m);
        restructured.Schedule[0].DueDate.Should().Be(new LocalDate(2026, 4, 20));

        loan = Loan.Evolve(loan, restructured)!;
        loan.Schedules.Should().HaveCount(2);
        var after = LoanPositions.At(loan, date);
        after.DaysPastDue.Should().Be(0);
        after.DueNow.Should().Be(penalty, "the carried penalty is due at once");
        var payment = Pay(loan, penalty + 500_000m, date);
        payment.Lines[0].Should().Be(new InstallmentAllocation(2, 0, penalty, 0m, 0m));
    }

    [Fact]
    public void WriteOff_OnlyForAMacetLoan_AndOnlyAsFarAsTheAllowanceReaches()
    {
        var loan = ActiveLoan();
        var settings = LoanSettings.Defaults;
        var allowance = new LoanAllowance(Guid.Empty, 12_000_000m);
        var early = () => LoanDecider.WriteOff(loan, settings, allowance, "tidak tertagih", Guid.NewGuid(), Meta(new LocalDate(2026, 6, 1), "pengurus"));
        early.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InvalidState);

        var macetDay = new LocalDate(2026, 8, 10);
        var thin = () => LoanDecider.WriteOff(loan, settings, allowance with { Balance = 11_999_999m }, "tidak tertagih", Guid.NewGuid(),
            Meta(macetDay, "pengurus"));
        thin.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InsufficientBalance);

        var (writtenOff, used) = LoanDecider.WriteOff(loan, settings, allowance, "tidak tertagih", Guid.NewGuid(), Meta(macetDay, "pengurus"));
        writtenOff.Principal.Should().Be(12_000_000m);
        writtenOff.DaysPastDue.Should().Be(181);
        used.Amount.Should().Be(12_000_000m);
        loan = Loan.Evolve(loan, writtenOff)!;
        LoanPositions.At(loan, macetDay).OutstandingPrincipal.Should().Be(0m);
        LoanPositions.At(loan, macetDay.PlusDays(-1)).OutstandingPrincipal.Should().Be(12_000_000m);

        var recovery = LoanDecider.Recover(loan, 2_000_000m, Guid.NewGuid(), CashPoints.Kas, Meta(macetDay.PlusDays(30)));
        loan = Loan.Evolve(loan, recovery)!;
        var tooMuch = () => LoanDecider.Recover(loan, 10_000_000.01m, Guid.NewGuid(), CashPoints.Kas, Meta(macetDay.PlusDays(31)));
        tooMuch.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.ValidationFailed);
        var onActive = () => LoanDecider.Recover(ActiveLoan(), 1m, Guid.NewGuid(), CashPoints.Kas, Meta(macetDay));
        onActive.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InvalidState);
    }

    [Fact]
    public void AtExit_WhatIsOwedBecomesRefundOffsets_AndTheSettlementClosesTheLoan()
    {
        var loan = ActiveLoan();
        var date = new LocalDate(2026, 2, 20);
        var offsets = LoanDecider.ExitOffsets(loan, date);
        offsets.Should().Equal(
            new RefundOffset(AccountRoles.LoanReceivable, LoanId, 12_000_000m),
            new RefundOffset(AccountRoles.LoanInterestIncome, LoanId, 180_000m),
            new RefundOffset(AccountRoles.LoanPenaltyIncome, LoanId, 8_260m));
        var settled = LoanDecider.SettleAtExit(loan, Guid.NewGuid(), Meta(date, "pengurus")).Should().BeOfType<LoanSettledAtExit>().Subject;
        (settled.Principal, settled.Interest, settled.Penalty).Should().Be((12_000_000m, 180_000m, 8_260m));
        settled.InterestWaived.Should().Be(11 * 180_000m);
        var closed = Loan.Evolve(loan, settled)!;
        closed.Status.Should().Be(LoanStatus.SettledAtExit);
        LoanPositions.At(closed, date).OutstandingPrincipal.Should().Be(0m);

        var applied = Given(LoanDecider.Apply(new ApplyForLoan(LoanId, 1_000_000m, 12, null, false), ActiveMember, Terms(), null, null, Meta(Disbursed)));
        LoanDecider.ExitOffsets(applied, date).Should().BeEmpty();
        LoanDecider.SettleAtExit(applied, Guid.NewGuid(), Meta(date)).Should().BeOfType<LoanCancelled>();
    }

    [Fact]
    public void AProductsAllocationOrder_IsFollowed()
    {
        var loan = ActiveLoan(Terms() with { AllocationOrder = [AllocationPart.Principal, AllocationPart.Interest, AllocationPart.Penalty] });
        var payment = Pay(loan, 1_000_000m, new LocalDate(2026, 2, 20));
        (payment.Principal, payment.Interest, payment.Penalty).Should().Be((1_000_000m, 0m, 0m));
    }
}
