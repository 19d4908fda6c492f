using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Books;

/// <summary>
/// Deposits recorded after a moment but dated before it: the journal, the general ledger, the cash
/// flow and the changes in equity as known at that moment leave them out; read now, they show them.
/// </summary>
public class when_reports_are_read_as_known_at_a_moment
{
    private const string Period = "from=2025-05-01&to=2025-05-31";

    [Fact]
    public async Task a_late_recorded_correction_shows_only_in_reports_known_after_it()
    {
        var kop = await TestKoperasi.Create(pokok: 100_000m, wajib: 25_000m);
        var m = await kop.MemberSince("2025-05-02");
        await kop.Deposit(m, "sukarela", 200_000m, "2025-05-10");
        await kop.Deposit(m, "wajib", 25_000m, "2025-05-10");
        var moment = EkopzApp.BetweenText();
        await kop.Deposit(m, "sukarela", 40_000m, "2025-05-05"); // recorded later, dated earlier
        await kop.Deposit(m, "wajib", 25_000m, "2025-05-06");
        var then = "&knownAt=" + moment;

        // Journal
        var journalNow = (await kop.Pengawas.Get(kop.Url($"ledger/journal?{Period}"))).ShouldBe(HttpStatusCode.OK);
        var journalThen = (await kop.Pengawas.Get(kop.Url($"ledger/journal?{Period}{then}"))).ShouldBe(HttpStatusCode.OK);
        journalNow.Json["totalEntries"]!.GetValue<int>().Should().Be(5);
        journalThen.Json["totalEntries"]!.GetValue<int>().Should().Be(3);
        journalThen.Decimal("totalDebit").Should().Be(325_000m);
        Dates(journalNow).Should().Contain(["2025-05-05", "2025-05-06"]);
        Dates(journalThen).Should().NotContain(["2025-05-05", "2025-05-06"]);
        var csvThen = (await kop.Pengawas.Send(HttpMethod.Get, kop.Url($"ledger/journal?{Period}{then}"), null, accept: "text/csv")).Text;
        csvThen.Should().NotContain("2025-05-05").And.NotContain("2025-05-06");

        // General ledger per account
        var glNow = (await kop.Pengawas.Get(kop.Url($"ledger/accounts/2-1000/lines?{Period}"))).ShouldBe(HttpStatusCode.OK);
        var glThen = (await kop.Pengawas.Get(kop.Url($"ledger/accounts/2-1000/lines?{Period}{then}"))).ShouldBe(HttpStatusCode.OK);
        glNow.Decimal("closingBalance").Should().Be(240_000m);
        glNow.Json["lines"]!.AsArray().Select(l => l!["balance"]!.GetValue<decimal>()).Should().Equal(40_000m, 240_000m);
        glThen.Decimal("closingBalance").Should().Be(200_000m);
        glThen.Json["totalLines"]!.GetValue<int>().Should().Be(1);
        glThen.Json["lines"]!.AsArray().Single()!["businessDate"]!.GetValue<string>().Should().Be("2025-05-10");
        var kasThen = (await kop.Pengawas.Get(kop.Url($"ledger/accounts/1-1000/lines?{Period}{then}"))).ShouldBe(HttpStatusCode.OK);
        kasThen.Decimal("closingBalance").Should().Be(325_000m);

        // Cash flow
        var cfNow = (await kop.Pengawas.Get(kop.Url($"reports/cash-flow?{Period}"))).ShouldBe(HttpStatusCode.OK);
        var cfThen = (await kop.Pengawas.Get(kop.Url($"reports/cash-flow?{Period}{then}"))).ShouldBe(HttpStatusCode.OK);
        Category(cfNow, "operating", "operating.savings_sukarela").Should().Be(240_000m);
        Category(cfThen, "operating", "operating.savings_sukarela").Should().Be(200_000m);
        Category(cfNow, "financing", "financing.member_capital").Should().Be(150_000m);
        Category(cfThen, "financing", "financing.member_capital").Should().Be(125_000m);
        cfThen.Decimal("closingCash").Should().Be(325_000m);
        cfThen.Json["reconciles"]!.GetValue<bool>().Should().BeTrue(cfThen.Text);
        cfNow.Decimal("closingCash").Should().Be(390_000m);

        // Changes in equity
        var eqNow = (await kop.Pengawas.Get(kop.Url($"reports/equity-changes?{Period}"))).ShouldBe(HttpStatusCode.OK);
        var eqThen = (await kop.Pengawas.Get(kop.Url($"reports/equity-changes?{Period}{then}"))).ShouldBe(HttpStatusCode.OK);
        Column(eqNow, "wajib", "added").Should().Be(50_000m);
        Column(eqNow, "wajib", "closing").Should().Be(50_000m);
        Column(eqThen, "wajib", "added").Should().Be(25_000m);
        Column(eqThen, "wajib", "closing").Should().Be(25_000m);
        eqThen.Decimal("closingTotal").Should().Be(125_000m);
        BookChecks.EquityColumnsAddUp(eqThen, $"2025-05-31 as known at {moment}");
    }

    private static IEnumerable<string> Dates(Reply journal) =>
        journal.Json["entries"]!.AsArray().Select(e => e!["businessDate"]!.GetValue<string>());

    private static decimal Category(Reply cf, string section, string category) =>
        cf.Json[section]!["lines"]!.AsArray().Single(l => l!["category"]!.GetValue<string>() == category)!["net"]!.GetValue<decimal>();

    private static decimal Column(Reply eq, string column, string row) =>
        eq.Json["columns"]!.AsArray().Single(c => c!["column"]!.GetValue<string>() == column)![row]!.GetValue<decimal>();
}
