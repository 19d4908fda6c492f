using Ekopz.Domain.Common;
using Ekopz.Domain.Ledger;
using Ekopz.Domain.Members;
using Ekopz.Domain.Savings;
using NodaTime;

namespace Ekopz.Tests.Unit.Ledger;

public class PostingRulesTests
{
    private static readonly Chart Chart = Ekopz.Domain.Ledger.Chart.Evolve(null, new ChartOpened(ChartTemplate.Default, Meta()))!;
    private static readonly Guid MemberId = Guid.NewGuid();

    private static EventMeta Meta(string channel = Channels.Counter) =>
        new("kasir", new LocalDate(2026, 3, 10), Instant.FromUtc(2026, 3, 10, 2, 0), channel, "c");

    private static IReadOnlyList<(string Code, decimal Debit, decimal Credit, string? CashFlow)> Lines(IDomainEvent e)
    {
        var entries = PostingRuleBook.Post(e, new EventRef(Guid.NewGuid(), 7), Chart);
        return entries.Should().ContainSingle().Subject.Lines.Select(l => (l.AccountCode, l.Debit, l.Credit, l.CashFlow)).ToList();
    }

    [Theory]
    [InlineData(SavingsKind.Pokok, "3-1000", CashFlows.MemberCapital)]
    [InlineData(SavingsKind.Wajib, "3-1100", CashFlows.MemberCapital)]
    [InlineData(SavingsKind.Sukarela, "2-1000", CashFlows.SavingsSukarela)]
    public void ADeposit_DebitsCashAndCreditsItsKind(SavingsKind kind, string account, string flow) =>
        Lines(new SavingsDeposited(MemberId, Guid.NewGuid(), kind, 25_000m, CounterpartyClass.Member, CashPoints.Kas, null, Meta()))
            .Should().Equal(("1-1000", 25_000m, 0m, flow), (account, 0m, 25_000m, null));

    [Fact]
    public void AWithdrawalByTransfer_CreditsTheBank() =>
        Lines(new SavingsWithdrawn(MemberId, Guid.NewGuid(), Guid.NewGuid(), SavingsKind.Sukarela, 10_000m, CounterpartyClass.Member, CashPoints.Bank,
                "budi", Meta(Channels.Transfer)))
            .Should().Equal(("2-1000", 10_000m, 0m, null), ("1-1010", 0m, 10_000m, CashFlows.SavingsSukarela));

    [Fact]
    public void Interest_ExpensesTheGross_CreditsTheNetAndTheTaxPayable() =>
        Lines(new SavingsInterestCredited(MemberId, Guid.NewGuid(), "2026-02", "daily", 6m, 60_000_000m, 305_753m, 30_575m, Meta(Channels.System)))
            .Should().Equal(("5-2000", 305_753m, 0m, null), ("2-1000", 0m, 275_178m, null), ("2-1300", 0m, 30_575m, null));

    [Fact]
    public void AnExit_RefundsEveryKind_AndSettlesWhatWasOwedFromSukarelaFirst()
    {
        var exit = new MemberExited(MemberId, Guid.NewGuid(), false, "pindah", "Budi", new SavingsBalances(100_000m, 75_000m, 50_000m),
            [new RefundOffset(AccountRoles.LoanReceivable, Guid.NewGuid(), 80_000m)], CounterpartyClass.Member, CashPoints.Kas, Meta());
        Lines(exit).Should().Equal(
            ("3-1000", 100_000m, 0m, null), ("3-1100", 75_000m, 0m, null), ("2-1000", 50_000m, 0m, null),
            ("1-1100", 0m, 80_000m, null),
            ("1-1000", 0m, 145_000m, CashFlows.MemberCapital));
    }

    [Fact]
    public void EventsThatMoveNoMoney_PostNothing() =>
        PostingRuleBook.Post(new MemberActivated(MemberId, Meta()), new EventRef(Guid.NewGuid(), 1), Chart).Should().BeEmpty();

    [Fact]
    public void TheEntryTakesTheEventsIdDateAndActor()
    {
        var eventId = Guid.NewGuid();
        var entry = PostingRuleBook.Post(new SavingsDeposited(MemberId, Guid.NewGuid(), SavingsKind.Wajib, 1m, CounterpartyClass.Member, CashPoints.Kas,
            null, Meta()), new EventRef(eventId, 42), Chart).Single();
        entry.Should().Match<JournalEntry>(e => e.EntryId == eventId && e.EventId == eventId && e.Sequence == 42 && e.Actor == "kasir"
            && e.BusinessDate == new LocalDate(2026, 3, 10) && e.RuleVersion == "v1" && e.Kind == EntryKinds.Regular);
    }

    [Fact]
    public void ARemappedRole_PostsToTheNewAccountFromItsDateOnly()
    {
        var chart = Ekopz.Domain.Ledger.Chart.Evolve(Chart, new AccountAdded(new AccountDefinition("1-1001", "Kas kecil", AccountClass.Asset, false, [], [AccountTags.Cash]),
            new LocalDate(2026, 3, 1), Meta()))!;
        chart = Ekopz.Domain.Ledger.Chart.Evolve(chart, new AccountRoleAssigned(AccountRoles.CashKas, "1-1001", new LocalDate(2026, 3, 11), Meta()))!;
        chart.CodeFor(AccountRoles.CashKas, new LocalDate(2026, 3, 10)).Should().Be("1-1000");
        chart.CodeFor(AccountRoles.CashKas, new LocalDate(2026, 3, 11)).Should().Be("1-1001");
    }

    [Fact]
    public void AnUnbalancedEntry_IsRefused()
    {
        var entry = new JournalEntry(Guid.NewGuid(), null, 0, "x", EntryKinds.Regular, new LocalDate(2026, 1, 1), Instant.MinValue, "a", "d", "v1", null,
            [new JournalLine("1-1000", 10m, 0m), new JournalLine("2-1000", 0m, 9.99m)]);
        var act = () => entry.EnsureValid();
        act.Should().Throw<InvalidOperationException>().WithMessage("*does not balance*");
    }

    [Fact]
    public void Vouchers_MustBalanceAndUseActiveAccounts()
    {
        var date = new LocalDate(2026, 3, 10);
        var ok = VoucherDecider.Request(Guid.NewGuid(), date, "gaji Maret", [new VoucherLine("5-3000", 1_500_000m, 0m, null, null),
            new VoucherLine("1-1010", 0m, 1_500_000m, null, null)], null, false, Chart, Meta());
        ok.Lines.Should().HaveCount(2);
        var unbalanced = () => VoucherDecider.Request(Guid.NewGuid(), date, "x", [new VoucherLine("5-3000", 1m, 0m, null, null),
            new VoucherLine("1-1010", 0m, 2m, null, null)], null, false, Chart, Meta());
        unbalanced.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.ValidationFailed);
        var unknown = () => VoucherDecider.Request(Guid.NewGuid(), date, "x", [new VoucherLine("9-9999", 1m, 0m, null, null),
            new VoucherLine("1-1010", 0m, 1m, null, null)], null, false, Chart, Meta());
        unknown.Should().Throw<DomainException>().Which.Errors!.Keys.Should().Contain("lines[0].accountCode");
    }

    [Fact]
    public void YearEndClosing_ZeroesRevenuesAndExpenses_IntoShu()
    {
        var (lines, shu) = YearEndPostings.ClosingLines([("4-1000", CounterpartyClass.Member, -1_000_000m), ("5-2000", CounterpartyClass.Member, 300_000m),
            ("5-3000", null, 200_000m)], "3-3000");
        shu.Should().Be(500_000m);
        lines.Sum(l => l.Debit).Should().Be(lines.Sum(l => l.Credit));
        lines.Should().ContainEquivalentOf(new JournalLine("3-3000", 0m, 500_000m));
        lines.Should().ContainEquivalentOf(new JournalLine("4-1000", 1_000_000m, 0m, CounterpartyClass.Member));
    }

    [Fact]
    public void TheDigest_DependsOnEveryBalance_AndNotOnOrder()
    {
        TrialBalanceLine[] a = [new("1-1000", 100m, 0m), new("3-1000", 0m, 100m)];
        var digest = LedgerDigest.Compute("2026-02", new LocalDate(2026, 2, 28), a);
        LedgerDigest.Compute("2026-02", new LocalDate(2026, 2, 28), a.Reverse()).Should().Be(digest);
        LedgerDigest.Compute("2026-02", new LocalDate(2026, 2, 28), [new("1-1000", 100.01m, 0m), new("3-1000", 0m, 100.01m)]).Should().NotBe(digest);
        LedgerDigest.Canonical("2026-02", new LocalDate(2026, 2, 28), a)
            .Should().Be("ekopz-trial-balance-v1|2026-02|2026-02-28\n1-1000|100.00|0.00\n3-1000|0.00|100.00\n");
    }
}
