using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Books;

public class when_savings_are_posted_to_the_books
{
    [Fact]
    public async Task every_savings_movement_posts_a_balanced_entry_that_names_its_event()
    {
        var kop = await TestKoperasi.Create(pokok: 100_000m, wajib: 25_000m);
        var a = await kop.MemberSince("2025-03-03", "Ani");
        var b = await kop.MemberSince("2025-03-04", "Bayu");
        await kop.Deposit(a, "wajib", 25_000m, "2025-03-05", "transfer");
        await kop.Deposit(a, "sukarela", 1_000_000m, "2025-03-06");
        await kop.Deposit(b, "sukarela", 500_000m, "2025-04-01", "transfer");
        var w = (await kop.Kasir.Post(kop.Url($"members/{a}/savings/sukarela/withdrawals"), new { amount = 300_000, businessDate = "2025-04-02" })).Guid("withdrawalId");
        (await kop.Pengurus.Post(kop.Url($"withdrawals/{w}/approve"), new { businessDate = "2025-04-03" })).ShouldBe(HttpStatusCode.OK);
        (await kop.Pengurus.Post(kop.Url("savings/interest-runs"), new { month = "2025-04", annualRate = 6 })).ShouldBe(HttpStatusCode.Created);

        var tb = await BookChecks.TrialBalance(kop, "2025-04-30");
        tb.Of("1-1000").Should().Be(200_000m + 1_000_000m - 300_000m);
        tb.Of("1-1010").Should().Be(25_000m + 500_000m);
        tb.Of("3-1000").Should().Be(-200_000m);
        tb.Of("3-1100").Should().Be(-25_000m);
        // April interest at 6% on daily balances: Ani 1,000,000 (2 days) then 700,000 (28 days); Bayu 500,000 (30 days).
        // Ani: (2,000,000 + 19,600,000) × 0.06 ÷ 365 = 3,550.68 → 3,550; Bayu: 15,000,000 × 0.06 ÷ 365 = 2,465.75 → 2,465.
        tb.Of("5-2000").Should().Be(3_550m + 2_465m);
        tb.Of("2-1000").Should().Be(-(700_000m + 500_000m + 3_550m + 2_465m));

        // Drill down: the balance sheet's kas line → the journal lines on 1-1000 up to that day → an entry → the event behind it.
        var bs = (await kop.Pengawas.Get(kop.Url("reports/balance-sheet?asOf=2025-04-30"))).ShouldBe(HttpStatusCode.OK);
        var kas = bs.Json["currentAssets"]!["lines"]!.AsArray().Single(l => l!["accountCode"]!.GetValue<string>() == "1-1000")!;
        kas["amount"]!.GetValue<decimal>().Should().Be(900_000m);
        var gl = (await kop.Pengawas.Get(kas["drillDown"]!.GetValue<string>())).ShouldBe(HttpStatusCode.OK);
        (gl.Decimal("totalDebit") - gl.Decimal("totalCredit")).Should().Be(900_000m);
        var withdrawal = gl.Json["lines"]!.AsArray().Single(l => l!["source"]!.GetValue<string>() == "SavingsWithdrawn")!;
        withdrawal["credit"]!.GetValue<decimal>().Should().Be(300_000m);
        withdrawal["actor"]!.GetValue<string>().Should().Be(kop.Pengurus.Username);
        var entry = (await kop.Pengawas.Get(withdrawal["entry"]!.GetValue<string>())).ShouldBe(HttpStatusCode.OK);
        entry.Decimal("totalDebit").Should().Be(entry.Decimal("totalCredit"));
        var evt = (await kop.Pengawas.Get(entry.String("event"))).ShouldBe(HttpStatusCode.OK);
        evt.String("type").Should().Be("savings_withdrawn");
        evt.String("actor").Should().Be(kop.Pengurus.Username);
        evt.String("businessDate").Should().Be("2025-04-03");
        evt.Json["data"]!["amount"]!.GetValue<decimal>().Should().Be(300_000m);

        await BookChecks.CheckInvariants(kop, [a, b], "2025-03-31", "2025-04-15", "2025-04-30");
    }

    [Fact]
    public async Task many_parallel_postings_lose_nothing()
    {
        var kop = await TestKoperasi.Create();
        var members = new List<Guid>();
        for (var i = 0; i < 4; i++) members.Add(await kop.ActiveMember($"Paralel {i}"));
        var amounts = Enumerable.Range(1, 48).Select(i => 1_000m * i + 0.5m).ToList();
        var replies = await Task.WhenAll(amounts.Select((a, i) =>
            kop.Kasir.Post(kop.Url($"members/{members[i % 4]}/savings/sukarela/deposits"), new { amount = a, channel = i % 3 == 0 ? "transfer" : "counter" })));
        replies.Should().OnlyContain(r => r.Status == HttpStatusCode.Created);
        var today = (await kop.Pengurus.Get(kop.Url("settings"))).String("asOf");
        var tb = await BookChecks.TrialBalance(kop, today);
        (-tb.Of("2-1000")).Should().Be(amounts.Sum());
        (tb.Of("1-1000") + tb.Of("1-1010")).Should().Be(amounts.Sum() + 4 * 100_000m);
        var journal = (await kop.Pengawas.Get(kop.Url($"ledger/journal?from={today}&to={today}&account=2-1000&pageSize=1000"))).ShouldBe(HttpStatusCode.OK);
        journal.Json["totalEntries"]!.GetValue<int>().Should().Be(48);
        await BookChecks.CheckInvariants(kop, members, today);
    }

    [Fact]
    public async Task a_trial_balance_known_at_an_earlier_moment_leaves_out_what_was_recorded_later()
    {
        var kop = await TestKoperasi.Create();
        var m = await kop.MemberSince("2025-06-02");
        await kop.Deposit(m, "sukarela", 100_000m, "2025-06-10");
        var moment = EkopzApp.BetweenText();
        await kop.Deposit(m, "sukarela", 40_000m, "2025-06-05"); // recorded later, dated earlier

        (await BookChecks.TrialBalance(kop, "2025-06-30")).Of("2-1000").Should().Be(-140_000m);
        (await BookChecks.TrialBalance(kop, "2025-06-30", moment)).Of("2-1000").Should().Be(-100_000m);
        var bs = (await kop.Pengawas.Get(kop.Url($"reports/balance-sheet?asOf=2025-06-30&knownAt={moment}"))).ShouldBe(HttpStatusCode.OK);
        bs.Json["balanced"]!.GetValue<bool>().Should().BeTrue();
        bs.Decimal("totalAssets").Should().Be(200_000m);
    }

    [Fact]
    public async Task reports_come_as_csv_when_asked()
    {
        var kop = await TestKoperasi.Create();
        var m = await kop.ActiveMember();
        var today = (await kop.Pengurus.Get(kop.Url("settings"))).String("asOf");
        foreach (var path in new[] { $"ledger/trial-balance?asOf={today}", "reports/balance-sheet", "reports/income-statement", "reports/cash-flow",
                     "reports/equity-changes", "reports/cash-book", "ledger/journal", "ledger/accounts/1-1000/lines" })
        {
            var csv = (await kop.Pengawas.Send(HttpMethod.Get, kop.Url(path), null, accept: "text/csv")).ShouldBe(HttpStatusCode.OK);
            csv.ContentType.Should().Be("text/csv", path);
            csv.Text.Split('\n')[0].Should().Contain(",", path);
        }
        var tb = (await kop.Pengawas.Send(HttpMethod.Get, kop.Url($"ledger/trial-balance?asOf={today}"), null, accept: "text/csv")).Text;
        tb.Should().Contain("1-1000,Kas,asset,100000.00,0.00");
        _ = m;
    }
}
