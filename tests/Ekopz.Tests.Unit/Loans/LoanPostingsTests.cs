using Ekopz.Domain.Common;
using Ekopz.Domain.Ledger;
using Ekopz.Domain.Loans;
using Ekopz.Domain.Members;
using Ekopz.Domain.Savings;
using NodaTime;

namespace Ekopz.Tests.Unit.Loans;

public class LoanPostingsTests
{
    private static readonly Chart Chart = Ekopz.Domain.Ledger.Chart.Evolve(null, new ChartOpened(ChartTemplate.Default, Meta()))!;
    private static readonly Guid MemberId = Guid.NewGuid();
    private static readonly Guid LoanId = Guid.NewGuid();

    private static EventMeta Meta(string channel = Channels.Counter) =>
        new("kasir", new LocalDate(2026, 3, 10), Instant.FromUtc(2026, 3, 10, 2, 0), channel, "c");

    private static IReadOnlyList<JournalLine> Lines(IDomainEvent e) =>
        PostingRuleBook.Post(e, new EventRef(Guid.NewGuid(), 7), Chart).Should().ContainSingle().Subject.Lines;

    private static IEnumerable<(string, decimal, decimal, string?)> Short(IReadOnlyList<JournalLine> lines) =>
        lines.Select(l => (l.AccountCode, l.Debit, l.Credit, l.CashFlow));

    private static LoanDisbursed Disbursed(FeeCollection collection, string cashPoint = CashPoints.Kas) =>
        new(LoanId, MemberId, Guid.NewGuid(), 10_000_000m, 100_000m, 25_000m, collection,
            [new ScheduledInstallment(1, new LocalDate(2026, 4, 10), 10_000_000m, 150_000m)], CounterpartyClass.Member, cashPoint, Meta());

    [Fact]
    public void ADisbursementWithNettedFees_PaysOutTheNet_AndBooksTheFees() =>
        Short(Lines(Disbursed(FeeCollection.Netted))).Should().Equal(
            ("1-1100", 10_000_000m, 0m, null),
            ("1-1000", 0m, 9_875_000m, CashFlows.LoansDisbursed),
            ("4-1100", 0m, 125_000m, null));

    [Fact]
    public void FeesPaidSeparately_ComeInAsCash() =>
        Short(Lines(Disbursed(FeeCollection.Separate, CashPoints.Bank))).Should().Equal(
            ("1-1100", 10_000_000m, 0m, null),
            ("1-1010", 0m, 10_000_000m, CashFlows.LoansDisbursed),
            ("1-1010", 125_000m, 0m, CashFlows.LoanIncome),
            ("4-1100", 0m, 125_000m, null));

    [Fact]
    public void APayment_SplitsCashIntoRepaidPrincipalAndIncome_AndNamesTheMemberOnEveryRevenueLine()
    {
        var lines = Lines(new LoanPaymentReceived(LoanId, MemberId, Guid.NewGuid(), 1_190_000m, 10_000m, 180_000m, 1_000_000m, [], false, 0m,
            CounterpartyClass.Member, CashPoints.Kas, Meta()));
        Short(lines).Should().Equal(
            ("1-1000", 1_000_000m, 0m, CashFlows.LoansRepaid),
            ("1-1000", 190_000m, 0m, CashFlows.LoanIncome),
            ("1-1100", 0m, 1_000_000m, null),
            ("4-1000", 0m, 180_000m, null),
            ("4-1200", 0m, 10_000m, null));
        lines.Where(l => l.AccountCode.StartsWith("4-")).Should().OnlyContain(l => l.Counterparty == CounterpartyClass.Member && l.MemberId == MemberId);
    }

    [Fact]
    public void AllowanceBookingsAndReleases_MoveTheExpense() 
    {
        Short(Lines(new LoanAllowanceBooked(Guid.NewGuid(), 60_000m, 60_000m, 0m, null, Meta()))).Should().Equal(
            ("5-2100", 60_000m, 0m, null), ("1-1190", 0m, 60_000m, null));
        Short(Lines(new LoanAllowanceBooked(Guid.NewGuid(), -10_000m, 50_000m, 60_000m, null, Meta()))).Should().Equal(
            ("5-2100", 0m, 10_000m, null), ("1-1190", 10_000m, 0m, null));
    }

    [Fact]
    public void AWriteOff_UsesTheAllowance_AndARecoveryIsIncome()
    {
        Short(Lines(new LoanWrittenOff(LoanId, MemberId, Guid.NewGuid(), 4_000_000m, 200, "macet", CounterpartyClass.Member, Meta()))).Should().Equal(
            ("1-1190", 4_000_000m, 0m, null), ("1-1100", 0m, 4_000_000m, null));
        var recovery = Lines(new LoanRecoveryReceived(LoanId, MemberId, Guid.NewGuid(), 500_000m, CounterpartyClass.Member, CashPoints.Kas, Meta()));
        Short(recovery).Should().Equal(("1-1000", 500_000m, 0m, CashFlows.LoanIncome), ("4-1300", 0m, 500_000m, null));
        recovery[1].MemberId.Should().Be(MemberId);
    }

    [Fact]
    public void TheExitNetsTheLoan_ThroughTheOffsetsRoles()
    {
        var exit = new MemberExited(MemberId, Guid.NewGuid(), false, "pindah", "Budi", new SavingsBalances(100_000m, 300_000m, 2_000_000m),
            [new RefundOffset(AccountRoles.LoanReceivable, LoanId, 1_500_000m), new RefundOffset(AccountRoles.LoanInterestIncome, LoanId, 30_000m)],
            CounterpartyClass.Member, CashPoints.Kas, Meta());
        var lines = Lines(exit);
        lines.Should().ContainEquivalentOf(new JournalLine("4-1000", 0m, 30_000m, CounterpartyClass.Member, null, MemberId, "Potongan loan.interest_income"));
        lines.Should().ContainEquivalentOf(new JournalLine("1-1100", 0m, 1_500_000m, CounterpartyClass.Member, null, MemberId, "Potongan loan.receivable"));
        // Settling the loan's stream posts nothing more: the exit entry already did.
        PostingRuleBook.Post(new LoanSettledAtExit(LoanId, MemberId, exit.TransactionId, 0m, 30_000m, 1_500_000m, [], 0m, Meta()),
            new EventRef(Guid.NewGuid(), 8), Chart).Should().BeEmpty();
    }
}
