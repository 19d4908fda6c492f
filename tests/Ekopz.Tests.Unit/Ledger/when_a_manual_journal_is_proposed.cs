using Ekopz.Domain.Common;
using Ekopz.Domain.Ledger;
using NodaTime;

namespace Ekopz.Tests.Unit.Ledger;

public class when_a_manual_journal_is_proposed
{
    private static readonly LocalDate Day = new(2026, 3, 10);
    private static readonly Chart Chart = Ekopz.Domain.Ledger.Chart.Evolve(null, new ChartOpened(ChartTemplate.Default, Meta()))!;

    private static EventMeta Meta() => new("pengurus", Day, Instant.FromUtc(2026, 3, 10, 2, 0), Channels.Web, "c");

    private static VoucherLine L(string code, decimal debit, decimal credit, string? cashFlow = null) => new(code, debit, credit, cashFlow, null);

    private static JournalVoucherRequested Propose(params VoucherLine[] lines) =>
        VoucherDecider.Request(Guid.NewGuid(), Day, "jurnal", lines, null, false, Chart, Meta());

    private static string? FlowOf(JournalVoucherRequested r, string code) => r.Lines.Single(l => l.AccountCode == code).CashFlow;

    [Theory]
    [InlineData("3-1300", CashFlows.OtherFinancing)] // hibah: equity
    [InlineData("3-1200", CashFlows.OtherFinancing)] // modal penyertaan
    [InlineData("2-2000", CashFlows.OtherFinancing)] // pinjaman dari bank: long-term liability
    [InlineData("1-2000", CashFlows.Investing)] // aset tetap
    [InlineData("4-9000", CashFlows.OtherOperating)] // pendapatan lain
    [InlineData("2-1300", CashFlows.OtherOperating)] // utang pajak: a current liability
    public void a_cash_line_without_a_category_gets_one_from_its_counter_accounts(string counter, string expected)
    {
        var inflow = Propose(L("1-1010", 1_000_000m, 0m), L(counter, 0m, 1_000_000m));
        FlowOf(inflow, "1-1010").Should().Be(expected);
        FlowOf(inflow, counter).Should().BeNull("only cash lines carry a cash flow category");
        var outflow = Propose(L(counter, 1_000_000m, 0m), L("1-1000", 0m, 1_000_000m));
        FlowOf(outflow, "1-1000").Should().Be(expected);
    }

    [Fact]
    public void counter_accounts_of_mixed_kinds_are_operating()
    {
        var r = Propose(L("1-1000", 1_500_000m, 0m), L("3-1300", 0m, 1_000_000m), L("4-9000", 0m, 500_000m));
        FlowOf(r, "1-1000").Should().Be(CashFlows.OtherOperating);
        var assetAndEquity = Propose(L("1-2000", 2_000_000m, 0m), L("1-1010", 0m, 1_000_000m), L("3-1300", 0m, 1_000_000m));
        FlowOf(assetAndEquity, "1-1010").Should().Be(CashFlows.OtherOperating);
    }

    [Fact]
    public void an_explicit_category_wins_and_a_transfer_between_cash_accounts_is_operating()
    {
        var r = Propose(L("1-1010", 1_000_000m, 0m, CashFlows.OtherOperating), L("3-1300", 0m, 1_000_000m));
        FlowOf(r, "1-1010").Should().Be(CashFlows.OtherOperating);
        var transfer = Propose(L("1-1010", 300_000m, 0m), L("1-1000", 0m, 300_000m));
        transfer.Lines.Should().OnlyContain(l => l.CashFlow == CashFlows.OtherOperating);
    }

    [Fact]
    public void the_inferred_category_is_what_the_approved_journal_posts()
    {
        var requested = Propose(L("1-1010", 5_000_000m, 0m), L("3-1300", 0m, 5_000_000m));
        var voucher = JournalVoucher.Evolve(null, requested)!;
        var approved = VoucherDecider.Approve(voucher, Meta() with { Actor = "pengurus2" });
        var entry = PostingRuleBook.Post(approved, new EventRef(Guid.NewGuid(), 1), Chart).Single();
        entry.Lines.Single(l => l.AccountCode == "1-1010").CashFlow.Should().Be(CashFlows.OtherFinancing);
    }

    [Fact]
    public void a_correction_must_name_an_existing_entry()
    {
        var wrong = Guid.NewGuid();
        var act = () => VoucherDecider.Request(Guid.NewGuid(), Day, "koreksi", [L("5-3100", 10m, 0m), L("1-1000", 0m, 10m)], wrong, false, Chart, Meta());
        var error = act.Should().Throw<DomainException>().Which;
        error.Code.Should().Be(ErrorCodes.ValidationFailed);
        error.Errors!.Keys.Should().Equal("corrects");
        VoucherDecider.Request(Guid.NewGuid(), Day, "koreksi", [L("5-3100", 10m, 0m), L("1-1000", 0m, 10m)], wrong, true, Chart, Meta())
            .Corrects.Should().Be(wrong);
    }
}
