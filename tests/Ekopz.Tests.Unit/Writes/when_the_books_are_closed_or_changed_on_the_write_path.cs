using Ekopz.Api.Ledger;
using Ekopz.Api.Periods;
using Ekopz.Domain.Common;
using Ekopz.Domain.Ledger;
using NodaTime;
using static Ekopz.Tests.Unit.Writes.WriteScopes;

namespace Ekopz.Tests.Unit.Writes;

/// <summary>The closes, manual journals and chart changes, decided without a database (docs/adr/0037).</summary>
public class when_the_books_are_closed_or_changed_on_the_write_path
{
    private static readonly Chart Chart = Ekopz.Domain.Ledger.Chart.Evolve(null, new ChartOpened(ChartTemplate.Default,
        new EventMeta("admin", new LocalDate(2026, 1, 1), Instant.FromUtc(2026, 1, 1, 0, 0), Channels.Web, "c")))!;

    private static HashSet<string> Months(int year) => Enumerable.Range(1, 12).Select(m => $"{year:D4}-{m:D2}").ToHashSet();

    [Fact]
    public void a_month_that_ended_is_sealed_and_answered_as_closed()
    {
        IReadOnlyList<TrialBalanceLine> trialBalance = [];
        var (closed, view) = PeriodWriteEndpoints.DecideClose(Pengurus, new YearMonth(2026, 10), null, true, trialBalance);
        closed.Period.Should().Be("2026-10");
        view.Status.Should().Be("closed");
        view.ClosedBy.Should().Be("pengurus1");
        view.Digest.Should().Be(closed.Digest);
        var running = () => PeriodWriteEndpoints.DecideClose(Pengurus, new YearMonth(2026, 11), null, true, trialBalance);
        running.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InvalidState);
        var outOfOrder = () => PeriodWriteEndpoints.DecideClose(Pengurus, new YearMonth(2026, 10), null, false, trialBalance);
        outOfOrder.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InvalidState);
    }

    [Fact]
    public void a_year_close_moves_revenues_and_expenses_into_shu_dated_31_december()
    {
        var closed = YearCloseDecider.Close(2025, null, Months(2025), Chart,
            [("4-1000", CounterpartyClass.Member, -1_000_000m), ("5-1000", null, 400_000m), ("1-1000", null, 9_999m)],
            new EventMeta("pengurus1", Today, Now, Channels.Web, "c"));
        closed.Shu.Should().Be(600_000m);
        closed.Meta.BusinessDate.Should().Be(new LocalDate(2025, 12, 31));
        closed.ClosingLines.Should().NotContain(l => l.AccountCode == "1-1000", "only revenues and expenses are closed");
        closed.ClosingLines.Should().ContainSingle(l => l.AccountCode == "3-3000").Which.Credit.Should().Be(600_000m);
        closed.ClosingLines.Sum(l => l.Debit).Should().Be(closed.ClosingLines.Sum(l => l.Credit));
    }

    [Fact]
    public void a_year_closes_once_after_its_twelve_months_and_before_the_next_january()
    {
        var meta = new EventMeta("pengurus1", Today, Now, Channels.Web, "c");
        var open = () => YearCloseDecider.EnsureClosable(2025, Months(2025).Where(m => m != "2025-12").ToHashSet());
        open.Should().Throw<DomainException>().Which.Message.Should().Contain("2025-12");
        var late = () => YearCloseDecider.EnsureClosable(2025, Months(2025).Append("2026-01").ToHashSet());
        late.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InvalidState);
        var badYear = () => YearCloseDecider.EnsureClosable(99, Months(99));
        badYear.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.ValidationFailed);
        var twice = () => YearCloseDecider.Close(2025, new FiscalYear(Guid.NewGuid(), 2025, 0m, "x", Now), Months(2025), Chart, [], meta);
        twice.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InvalidState);
    }

    [Fact]
    public void a_manual_journal_is_proposed_approved_by_another_and_refused_in_a_closed_month()
    {
        var request = new AdjustmentRequest(null, "koreksi", [new("1-1000", 5_000m, 0m, null, null), new("4-9000", 0m, 5_000m, null, null)], null);
        var (requested, proposed) = AdjustmentWriteEndpoints.DecideProposal(Pengurus, request, Chart, false);
        proposed.Status.Should().Be("requested");
        proposed.RequestedBy.Should().Be("pengurus1");
        var voucher = JournalVoucher.Evolve(null, requested)!;

        var self = () => AdjustmentWriteEndpoints.DecideApproval(Pengurus, voucher);
        self.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.SameMakerChecker);
        var (_, approved) = AdjustmentWriteEndpoints.DecideApproval(Pengurus2, voucher);
        approved.Status.Should().Be("approved");
        approved.DecidedBy.Should().Be("pengurus2");

        var inClosedMonth = voucher with { EntryDate = new LocalDate(2026, 9, 30) };
        var closed = () => AdjustmentWriteEndpoints.DecideApproval(Pengurus2, inClosedMonth);
        closed.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.PeriodClosed);
        var (_, rejected) = AdjustmentWriteEndpoints.DecideRejection(Pengurus2, new RejectAdjustmentRequest("salah akun"), voucher);
        rejected.Status.Should().Be("rejected");
        var missing = () => AdjustmentWriteEndpoints.DecideApproval(Pengurus2, null);
        missing.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.NotFound);
    }

    [Fact]
    public void chart_changes_start_today_for_names_and_tomorrow_for_roles()
    {
        var (added, view) = ChartWriteEndpoints.DecideAdd(Pengurus, Chart, new AddAccountRequest("1-1001", "Kas kecil", "asset", null, null, null));
        added.EffectiveFrom.Should().Be(Today);
        view.Code.Should().Be("1-1001");
        view.Active.Should().BeTrue();
        var (renamed, _) = ChartWriteEndpoints.DecideRename(Pengurus, Chart, "4-9000", new RenameAccountRequest("Pendapatan lain-lain", null));
        renamed.EffectiveFrom.Should().Be(Today);
        var (assigned, _) = ChartWriteEndpoints.DecideAssignRole(Pengurus, Chart, AccountRoles.OtherIncome, new AssignRoleRequest("4-9000", null));
        assigned.EffectiveFrom.Should().Be(Today.PlusDays(1));
        var (_, classified) = ChartWriteEndpoints.DecideClassify(Pengurus, "wajib", new ClassifySavingsRequest("liability", null));
        classified.Should().BeEquivalentTo(new { kind = "wajib", presentAs = "liability", EffectiveFrom = Today.PlusDays(1) });
        var badKind = () => ChartWriteEndpoints.DecideClassify(Pengurus, "sukarela2", new ClassifySavingsRequest("liability", null));
        badKind.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.ValidationFailed);
    }
}
