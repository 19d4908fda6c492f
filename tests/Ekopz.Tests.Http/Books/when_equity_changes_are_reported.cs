using System.Net;
using System.Text.Json.Nodes;
using Ekopz.Tests.Http.Loans;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Books;

/// <summary>
/// Laporan perubahan ekuitas (domain rules, section 5; ADR 13): the RAT allocation takes SHU out of the
/// SHU column (distributed) and shows what went to reserves as allocated from SHU, never as a negative
/// distribution; pokok presented as a liability from a date leaves equity as a reclassification. Each
/// column adds up from opening to closing, and closes at the balance sheet's equity lines.
/// </summary>
public class when_equity_changes_are_reported
{
    private static readonly object[] Buckets =
    [
        new { name = "Cadangan", percent = 40, kind = "reserve" },
        new { name = "Jasa modal", percent = 40, kind = "jasa_modal" },
        new { name = "Dana pendidikan", percent = 20, kind = "fund" },
    ];

    [Fact]
    public async Task the_rat_allocation_is_distributed_from_shu_and_allocated_to_reserves()
    {
        var kop = await TestKoperasi.Create(pokok: 100_000m, wajib: 25_000m);
        var ani = await kop.MemberSince("2025-01-02", "Ani");
        var budi = await kop.MemberSince("2025-01-02", "Budi");
        await kop.Deposit(ani, "wajib", 300_000m, "2025-01-03");
        await kop.Deposit(budi, "wajib", 100_000m, "2025-01-03");
        await kop.Capital(50_000_000m, "2025-01-02");
        var loan = await kop.ActiveLoan(ani, "2025-01-10", 6_000_000m);
        await kop.Pay(loan, 590_000m, "2025-02-10");
        await kop.Pay(loan, 590_000m, "2025-03-10");
        await kop.Adjust("2025-06-30", "Bunga bank", ("1-1010", 100_000m, 0m), ("4-9000", 0m, 100_000m));
        for (var m = 1; m <= 12; m++) (await kop.Pengurus.Post(kop.Url($"periods/2025-{m:D2}/close"))).ShouldBe(HttpStatusCode.OK);
        var shu = (await kop.Pengurus.Post(kop.Url("years/2025/close"))).ShouldBe(HttpStatusCode.OK).Decimal("shu");
        shu.Should().BeGreaterThan(0);

        // The year in which SHU was earned: all of it is SHU of the period, nothing is distributed yet.
        var year = await Equity(kop, "2025-01-01", "2025-12-31");
        Row(year, "shu", "shuOfPeriod").Should().Be(shu);
        Row(year, "shu", "closing").Should().Be(shu);
        await ClosesAtTheBalanceSheet(kop, year, "2025-12-31");

        (await kop.Pengurus.Post(kop.Url("shu/2025/approve"), new { buckets = Buckets, businessDate = "2026-03-14" })).ShouldBe(HttpStatusCode.OK);
        var tb = await BookChecks.TrialBalance(kop, "2026-03-31");
        var toReserve = -tb.Of("3-2000");
        toReserve.Should().BeGreaterThan(0);

        var rat = await Equity(kop, "2026-01-01", "2026-03-31");
        Row(rat, "shu", "opening").Should().Be(shu);
        Row(rat, "shu", "distributed").Should().Be(shu, "the RAT shared out the whole of 2025's SHU");
        Row(rat, "general_reserve", "allocatedFromShu").Should().Be(toReserve);
        Row(rat, "general_reserve", "closing").Should().Be(toReserve);
        foreach (var c in rat["columns"]!.AsArray().Where(c => c!["column"]!.GetValue<string>() != "shu"))
        {
            c!["distributed"]!.GetValue<decimal>().Should().Be(0m, $"{c["column"]}: reserves receive SHU, they do not distribute it");
            c["added"]!.GetValue<decimal>().Should().Be(0m, $"{c["column"]}: nothing was paid in during the quarter");
        }
        // What left the SHU column went to reserves (equity) and to members and funds (liabilities), nowhere else.
        var allocated = rat["columns"]!.AsArray().Sum(c => c!["allocatedFromShu"]!.GetValue<decimal>());
        (allocated - tb.Where(b => b.Key.StartsWith("2-14")).Sum(b => b.Value)).Should().Be(shu);
        await ClosesAtTheBalanceSheet(kop, rat, "2026-03-31");

        (await DrillDowns.CheckEveryReport(kop, "2025-01-01", "2025-12-31")).Should().BeGreaterThan(20);
        (await DrillDowns.CheckEveryReport(kop, "2026-01-01", "2026-03-31")).Should().BeGreaterThan(20);
        await BookChecks.CheckInvariants(kop, [ani, budi], "2025-12-31", "2026-03-31");
    }

    [Fact]
    public async Task pokok_presented_as_a_liability_from_a_date_leaves_equity_as_a_reclassification()
    {
        var kop = await TestKoperasi.Create(pokok: 100_000m, wajib: 25_000m);
        var from = LoanKit.DaysAgo(40);
        var ani = await kop.MemberSince(LoanKit.DaysAgo(50), "Ani");
        var budi = await kop.MemberSince(LoanKit.DaysAgo(20), "Budi");
        await kop.Deposit(budi, "wajib", 25_000m, LoanKit.DaysAgo(19));
        var changed = (await kop.Pengurus.Put(kop.Url("ledger/savings-classification/pokok"), new { presentAs = "liability" })).ShouldBe(HttpStatusCode.OK);
        var effective = changed.String("effectiveFrom");
        effective.Should().Be(LoanKit.Plus(LoanKit.Today, days: 1), "presentation changes take effect tomorrow at the earliest");

        // Up to today pokok is equity throughout.
        var untilToday = await Equity(kop, from, LoanKit.Today);
        Row(untilToday, "pokok", "opening").Should().Be(100_000m);
        Row(untilToday, "pokok", "added").Should().Be(100_000m);
        Row(untilToday, "pokok", "closing").Should().Be(200_000m);
        Row(untilToday, "pokok", "reclassified").Should().Be(0m);
        await ClosesAtTheBalanceSheet(kop, untilToday, LoanKit.Today);

        // Through the day of the change: its balance leaves equity for liabilities that day.
        var through = await Equity(kop, from, effective);
        Row(through, "pokok", "opening").Should().Be(100_000m);
        Row(through, "pokok", "added").Should().Be(100_000m);
        Row(through, "pokok", "reclassified").Should().Be(-200_000m);
        Row(through, "pokok", "closing").Should().Be(0m);
        var move = Column(through, "pokok")["reclassifications"]!.AsArray().Single()!;
        move["effectiveFrom"]!.GetValue<string>().Should().Be(effective);
        move["presentAs"]!.GetValue<string>().Should().Be("liability");
        var bs = (await kop.Pengawas.Get(kop.Url($"reports/balance-sheet?asOf={effective}"))).ShouldBe(HttpStatusCode.OK);
        bs.Json["currentLiabilities"]!["lines"]!.AsArray().Single(l => l!["accountCode"]!.GetValue<string>() == "3-1000")!["amount"]!
            .GetValue<decimal>().Should().Be(200_000m);
        await ClosesAtTheBalanceSheet(kop, through, effective);

        // After the change pokok is no column at all.
        var after = await Equity(kop, LoanKit.Plus(effective, days: 1), LoanKit.Plus(effective, days: 1));
        after["columns"]!.AsArray().Should().NotContain(c => c!["column"]!.GetValue<string>() == "pokok");

        await DrillDowns.CheckEveryReport(kop, from, effective);
        await BookChecks.CheckInvariants(kop, [ani, budi], LoanKit.Today);
    }

    private static async Task<JsonNode> Equity(TestKoperasi kop, string from, string to)
    {
        var reply = (await kop.Pengawas.Get(kop.Url($"reports/equity-changes?from={from}&to={to}"))).ShouldBe(HttpStatusCode.OK);
        BookChecks.EquityColumnsAddUp(reply, $"{from}..{to}");
        return reply.Json;
    }

    /// <summary>Each column's closing is the balance sheet's equity on the last day, line for line; the opening is the day before the first.</summary>
    private static async Task ClosesAtTheBalanceSheet(TestKoperasi kop, JsonNode eq, string to)
    {
        var bs = (await kop.Pengawas.Get(kop.Url($"reports/balance-sheet?asOf={to}"))).ShouldBe(HttpStatusCode.OK);
        var lines = bs.Json["equity"]!["lines"]!.AsArray().ToDictionary(l => l!["accountCode"]!.GetValue<string>(), l => l!["amount"]!.GetValue<decimal>());
        foreach (var c in eq["columns"]!.AsArray())
        {
            var accounts = c!["accounts"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
            c["closing"]!.GetValue<decimal>().Should().Be(accounts.Sum(a => lines.GetValueOrDefault(a)),
                $"{c["column"]} closes at the balance sheet's {string.Join(", ", accounts)} on {to}");
        }
        eq["closingTotal"]!.GetValue<decimal>().Should().Be(bs.Decimal("totalEquity"));
        var from = eq["from"]!.GetValue<string>();
        var dayBefore = LoanKit.Plus(from, days: -1);
        var before = (await kop.Pengawas.Get(kop.Url($"reports/balance-sheet?asOf={dayBefore}"))).ShouldBe(HttpStatusCode.OK);
        eq["openingTotal"]!.GetValue<decimal>().Should().Be(before.Decimal("totalEquity"), $"the opening is the balance sheet's equity on {dayBefore}");
    }

    private static JsonNode Column(JsonNode eq, string column) =>
        eq["columns"]!.AsArray().Single(c => c!["column"]!.GetValue<string>() == column)!;

    private static decimal Row(JsonNode eq, string column, string row) => Column(eq, column)[row]!.GetValue<decimal>();
}
