using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Books;

/// <summary>
/// A host whose page cap is lowered to 5 lines (EKOPZ_REPORT_MAX_PAGE_SIZE): a koperasi with more
/// lines than that still gets whole reports. Totals are summed by the database over every line,
/// lists are pages, exports hold every row; nothing is silently cut off at the cap (ADR 13).
/// </summary>
public class when_reports_span_more_lines_than_a_page
{
    private static readonly Lazy<EkopzApp> SmallPages = new(() =>
    {
        _ = EkopzApp.Instance; // the shared host first: it applies the schema and creates the operator
        var app = new EkopzApp(new Dictionary<string, string> { ["EKOPZ_REPORT_MAX_PAGE_SIZE"] = "5" });
        app.CreateClient().Dispose();
        return app;
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    [Fact]
    public async Task every_report_still_adds_up()
    {
        var made = await TestKoperasi.Create(pokok: 100_000m, wajib: 25_000m);
        var ani = await made.MemberSince("2025-05-02", "Ani");
        var bayu = await made.MemberSince("2025-05-02", "Bayu");
        var sukarela = Enumerable.Range(1, 10).Select(i => 1_000m * i + 0.5m).ToList();
        for (var i = 0; i < sukarela.Count; i++) await made.Deposit(i % 2 == 0 ? ani : bayu, "sukarela", sukarela[i], $"2025-05-{10 + i}");
        for (var m = 0; m < 5; m++) await made.Deposit(m % 2 == 0 ? ani : bayu, "wajib", 25_000m, $"2025-05-{21 + m}", "transfer");
        var kop = made.On(SmallPages.Value);
        const string period = "from=2025-05-01&to=2025-05-31";

        (await kop.Pengawas.Get(kop.Url($"ledger/journal?{period}&pageSize=6"))).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");

        var journal = (await kop.Pengawas.Get(kop.Url($"ledger/journal?{period}"))).ShouldBe(HttpStatusCode.OK);
        journal.Json["entries"]!.AsArray().Should().HaveCount(5, "a page holds at most 5");
        journal.Json["totalEntries"]!.GetValue<int>().Should().Be(17, "2 pokok, 10 sukarela and 5 wajib deposits");

        var cf = (await kop.Pengawas.Get(kop.Url($"reports/cash-flow?{period}"))).ShouldBe(HttpStatusCode.OK);
        cf.Json["reconciles"]!.GetValue<bool>().Should().BeTrue(cf.Text);
        Category(cf, "operating", "operating.savings_sukarela").Should().Be(sukarela.Sum());
        Category(cf, "financing", "financing.member_capital").Should().Be(200_000m + 125_000m);
        cf.Decimal("closingCash").Should().Be(200_000m + 125_000m + sukarela.Sum());

        var eq = (await kop.Pengawas.Get(kop.Url($"reports/equity-changes?{period}"))).ShouldBe(HttpStatusCode.OK);
        BookChecks.EquityColumnsAddUp(eq, "2025-05-31");
        var wajib = eq.Json["columns"]!.AsArray().Single(c => c!["column"]!.GetValue<string>() == "wajib")!;
        wajib["added"]!.GetValue<decimal>().Should().Be(125_000m);

        var book = (await kop.Pengawas.Get(kop.Url($"reports/cash-book?{period}&account=1-1000"))).ShouldBe(HttpStatusCode.OK);
        var kas = book.Json["accounts"]![0]!;
        kas["lines"]!.AsArray().Should().HaveCount(5);
        kas["totalLines"]!.GetValue<int>().Should().Be(12);
        kas["totalIn"]!.GetValue<decimal>().Should().Be(200_000m + sukarela.Sum());
        kas["closingBalance"]!.GetValue<decimal>().Should().Be(200_000m + sukarela.Sum());

        var gl = (await kop.Pengawas.Get(kop.Url($"ledger/accounts/2-1000/lines?{period}"))).ShouldBe(HttpStatusCode.OK);
        gl.Json["totalLines"]!.GetValue<int>().Should().Be(10);
        gl.Decimal("closingBalance").Should().Be(sukarela.Sum());

        var csv = (await kop.Pengawas.Send(HttpMethod.Get, kop.Url($"ledger/journal?{period}"), null, accept: "text/csv")).ShouldBe(HttpStatusCode.OK);
        csv.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(1 + 17 * 2, "the export holds every line");

        // Every figure's lines, read 5 at a time, add up to it.
        (await DrillDowns.CheckEveryReport(kop, "2025-05-01", "2025-05-31")).Should().BeGreaterThan(20);
        await BookChecks.CheckInvariants(made, [ani, bayu], "2025-05-31");
    }

    private static decimal Category(Reply cf, string section, string category) =>
        cf.Json[section]!["lines"]!.AsArray().Single(l => l!["category"]!.GetValue<string>() == category)!["net"]!.GetValue<decimal>();
}
