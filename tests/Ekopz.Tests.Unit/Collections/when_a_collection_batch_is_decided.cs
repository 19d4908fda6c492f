using Ekopz.Domain.Collections;
using Ekopz.Domain.Common;
using Ekopz.Domain.Koperasi;
using Ekopz.Domain.Ledger;
using Ekopz.Domain.Loans;
using Ekopz.Domain.Members;
using Ekopz.Domain.Savings;
using NodaTime;

namespace Ekopz.Tests.Unit.Collections;

/// <summary>The collection batch's decision and its one entry (docs/adr/0036), without a database.</summary>
public class when_a_collection_batch_is_decided
{
    private static readonly LocalDate Day = new(2026, 1, 25);
    private static readonly EventMeta Meta = new("kasir1", Day, Instant.FromUtc(2026, 1, 25, 3, 0), Channels.Payroll, "c-1");
    private static readonly SettingsVersion Settings = new(LocalDate.MinIsoValue, 100_000m, 25_000m);
    private static readonly Chart Chart = Ekopz.Domain.Ledger.Chart.Evolve(null, new ChartOpened(ChartTemplate.Default, Meta))!;

    private static Member Active(string number, string nik, MemberStatus status = MemberStatus.Active) =>
        new(Guid.NewGuid(), number, "Anggota " + number, nik, null, null, status, new SavingsBalances(100_000m, 0m, 0m), new LocalDate(2025, 1, 1),
            new LocalDate(2025, 1, 1));

    private static CollectionDecision Decide(IReadOnlyList<CollectionLineInput> lines, params Member[] members)
    {
        var byRef = members.SelectMany(m => new[] { (m.Nik, m), (m.MemberNumber, m) }).ToDictionary(x => x.Item1, x => x.m);
        return CollectionBatchDecider.Decide(Guid.NewGuid(), "pg-1", CashPoints.Bank, null, null, lines,
            new CollectionContext(byRef, new Dictionary<Guid, Loan>(), new HashSet<string> { "old" }, Settings), Meta);
    }

    [Fact]
    public void each_line_is_applied_or_refused_on_its_own_and_a_member_named_twice_adds_up()
    {
        var ani = Active("000001", "3201011501800001");
        var cici = Active("000003", "3201011501800003", MemberStatus.Applicant);
        var decision = Decide(
        [
            new(2, "a", ani.Nik, 25_000m, 10_000m, 0m, null),
            new(3, "b", "000001", 0m, 5_000m, 0m, null),
            new(4, "c", cici.Nik, 25_000m, 0m, 0m, null),
            new(5, "old", ani.Nik, 25_000m, 0m, 0m, null),
            new(6, "a", ani.Nik, 25_000m, 0m, 0m, null),
            new(7, "d", "nobody", 25_000m, 0m, 0m, null),
            new(8, "e", ani.Nik, 0m, 0m, 5_000m, null),
            new(9, "f", ani.Nik, 1m, 0m, 0m, null, "Baris 9: NIK tertulis sebagai angka dalam notasi ilmiah"),
        ], ani, cici);

        decision.Batch.Collected.Select(l => l.Row).Should().Equal(2, 3);
        decision.Batch.Refused.Select(r => (r.Row, r.Code)).Should().Equal(
            (4, CollectionRefusals.MemberNotActive), (5, CollectionRefusals.LineAlreadyApplied), (6, CollectionRefusals.DuplicateLineKey),
            (7, CollectionRefusals.MemberNotFound), (8, CollectionRefusals.LoanNotFound), (9, CollectionRefusals.Unreadable));
        decision.Batch.Total.Should().Be(40_000m);
        var deposits = decision.Appends.Select(a => a.Event).OfType<SavingsDeposited>().ToList();
        deposits.Should().HaveCount(3).And.OnlyContain(d => d.CollectionBatchId == decision.Batch.BatchId && d.CashPoint == CashPoints.Bank
            && d.Meta.Channel == Channels.Payroll);
        decision.Appends.Should().OnlyContain(a => a.StreamId == ani.Id);
    }

    [Fact]
    public void the_lines_post_nothing_and_the_batch_posts_one_bank_entry()
    {
        var ani = Active("000001", "3201011501800001");
        var budi = Active("000002", "3201011501800002");
        var decision = Decide([new(2, "a", ani.Nik, 25_000m, 10_000m, 0m, null), new(3, "b", budi.Nik, 25_000m, 0m, 0m, null)], ani, budi);

        foreach (var (_, e) in decision.Appends)
            PostingRuleBook.Post(e, new EventRef(Guid.NewGuid(), 1), Chart).Should().BeEmpty();
        var entry = PostingRuleBook.Post(decision.Batch, new EventRef(Guid.NewGuid(), 2), Chart).Should().ContainSingle().Subject;
        entry.Lines.Where(l => l.Debit > 0).Should().OnlyContain(l => l.AccountCode == "1-1010");
        entry.Lines.Sum(l => l.Debit).Should().Be(60_000m);
        entry.Lines.Where(l => l.Credit > 0).Select(l => (l.AccountCode, l.Credit, l.MemberId)).Should().Equal(
            ("3-1100", 25_000m, ani.Id), ("2-1000", 10_000m, ani.Id), ("3-1100", 25_000m, budi.Id));
        entry.Reference.Should().Be(decision.Batch.BatchId);
    }
}
