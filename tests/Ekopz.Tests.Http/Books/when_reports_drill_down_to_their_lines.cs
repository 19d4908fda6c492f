using System.Net;
using Ekopz.Tests.Http.Loans;
using Ekopz.Tests.Http.Shop;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Books;

/// <summary>
/// Every figure of every ledger report links to exactly the journal lines it is made of (ADR 13):
/// savings, a loan, shop sales to a member and to the public, interest, a grant and manual
/// journals, then corrections recorded later but dated inside the period. The lines behind each link
/// add up to the figure, for the books as they stand and as they stood before the corrections.
/// </summary>
public class when_reports_drill_down_to_their_lines
{
    [Fact]
    public async Task every_report_line_links_to_lines_that_add_up_to_it_now_and_as_known_earlier()
    {
        var kop = await TestKoperasi.Create(pokok: 100_000m, wajib: 25_000m);
        var ani = await kop.MemberSince("2025-02-03", "Ani");
        var bayu = await kop.MemberSince("2025-02-04", "Bayu");
        await kop.Capital(50_000_000m, "2025-02-03");
        await kop.Deposit(ani, "wajib", 25_000m, "2025-02-05", "transfer");
        await kop.Deposit(ani, "sukarela", 1_000_000m, "2025-02-06");
        await kop.Deposit(bayu, "sukarela", 500_000m, "2025-02-07", "transfer");
        var w = (await kop.Kasir.Post(kop.Url($"members/{ani}/savings/sukarela/withdrawals"), new { amount = 300_000, businessDate = "2025-02-10" }))
            .Guid("withdrawalId");
        (await kop.Pengurus.Post(kop.Url($"withdrawals/{w}/approve"), new { businessDate = "2025-02-11" })).ShouldBe(HttpStatusCode.OK);
        (await kop.Pengurus.Post(kop.Url("savings/interest-runs"), new { month = "2025-02", annualRate = 6 })).ShouldBe(HttpStatusCode.Created);
        var loan = await kop.ActiveLoan(bayu, "2025-02-12", 6_000_000m);
        await kop.Pay(loan, 590_000m, "2025-03-12");
        var beras = await kop.Product("BRS-5", 60_000m, 65_000m, since: "2025-02-01");
        await kop.Receive("2025-02-13", beras, 20m, 50_000m);
        await kop.CounterSale("2025-02-14", ani, (beras, 2m));
        await kop.CounterSale("2025-02-15", null, (beras, 3m));
        await kop.Adjust("2025-02-20", "Bunga bank", ("1-1010", 12_345.67m, 0m), ("4-9000", 0m, 12_345.67m));

        var moment = EkopzApp.BetweenText();
        // Recorded after that moment, dated inside the period: cash, savings, equity and the result all move.
        await kop.Deposit(ani, "sukarela", 40_000m, "2025-02-08");
        await kop.Deposit(bayu, "wajib", 25_000m, "2025-02-09", "transfer");
        await kop.Adjust("2025-02-21", "Sewa kantor Februari", ("5-3100", 750_000m, 0m), ("1-1000", 0m, 750_000m));

        var now = await DrillDowns.CheckEveryReport(kop, "2025-01-01", "2025-03-31");
        var then = await DrillDowns.CheckEveryReport(kop, "2025-01-01", "2025-03-31", moment);
        now.Should().BeGreaterThan(40, "every line of six reports was followed");
        then.Should().BeGreaterThan(40);

        // The two readings differ where the late records count, so the links really were as known at that moment.
        var tbNow = await BookChecks.TrialBalance(kop, "2025-03-31");
        var tbThen = await BookChecks.TrialBalance(kop, "2025-03-31", moment);
        (tbNow.Of("2-1000") - tbThen.Of("2-1000")).Should().Be(-40_000m);
        (tbNow.Of("5-3100") - tbThen.Of("5-3100")).Should().Be(750_000m);

        // A report line's link leads to its lines, each to its entry, and the entry to the event behind it.
        var bs = (await kop.Pengawas.Get(kop.Url($"reports/balance-sheet?asOf=2025-03-31&knownAt={moment}"))).ShouldBe(HttpStatusCode.OK);
        var sukarela = bs.Json["currentLiabilities"]!["lines"]!.AsArray().Single(l => l!["accountCode"]!.GetValue<string>() == "2-1000")!;
        var behind = (await kop.Pengawas.Get(sukarela["drillDown"]!.GetValue<string>())).ShouldBe(HttpStatusCode.OK);
        behind.Json["lines"]!.AsArray().Should().NotContain(l => l!["businessDate"]!.GetValue<string>() == "2025-02-08",
            "the deposit recorded after the moment is not part of the books as known then");
        var entry = (await kop.Pengawas.Get(behind.Json["lines"]![0]!["entry"]!.GetValue<string>())).ShouldBe(HttpStatusCode.OK);
        (await kop.Pengawas.Get(entry.String("event"))).ShouldBe(HttpStatusCode.OK);

        await BookChecks.CheckInvariants(kop, [ani, bayu], "2025-02-28", "2025-03-31");
    }

    [Fact]
    public async Task a_lines_link_with_a_bad_filter_is_refused_and_changes_nothing()
    {
        var kop = await TestKoperasi.Create();
        foreach (var query in new[] { "accounts=9-9999", "kind=draft", "side=left", "counterparty=friend", "cashFlow=operating.magic",
                     "from=2025-02-01&to=2025-01-01", "dates=2025-01-01", "dates=2025-01-01..2025-01-31&from=2025-01-01", "knownAt=yesterday",
                     "pageSize=100000", "page=0" })
            (await kop.Pengawas.Get(kop.Url($"ledger/lines?{query}"))).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await kop.Pengawas.Get(kop.Url("ledger/journal?cashFlow=operating.magic"))).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
    }
}
