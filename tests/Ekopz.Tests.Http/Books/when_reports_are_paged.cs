using System.Net;
using System.Text.Json.Nodes;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Books;

/// <summary>
/// The journal, the general ledger and the cash book list their lines a page at a time (ADR 13):
/// totals are the database's over the whole period, and the pages together are exactly the whole.
/// </summary>
public class when_reports_are_paged
{
    private static readonly decimal[] Sukarela = [10_000m, 20_000.5m, 30_000m, 40_000m, 50_000.25m, 60_000m, 70_000m, 80_000m, 90_000m, 100_000m, 110_000m];

    [Fact]
    public async Task totals_cover_every_page_and_the_pages_together_are_the_whole()
    {
        var kop = await TestKoperasi.Create(pokok: 100_000m, wajib: 25_000m);
        var members = new List<Guid>();
        for (var i = 0; i < 3; i++) members.Add(await kop.MemberSince($"2025-04-0{i + 1}", $"Anggota {i}"));
        for (var i = 0; i < Sukarela.Length; i++)
            await kop.Deposit(members[i % 3], "sukarela", Sukarela[i], $"2025-04-{10 + i / 2}", i % 2 == 0 ? "counter" : "transfer"); // two a day
        const string period = "from=2025-04-01&to=2025-04-30";

        // The journal: 3 pokok + 11 sukarela entries, 4 to a page.
        var whole = (await kop.Pengawas.Get(kop.Url($"ledger/journal?{period}&pageSize=1000"))).ShouldBe(HttpStatusCode.OK);
        var wholeIds = Ids(whole.Json["entries"]!, "entryId");
        wholeIds.Should().HaveCount(14);
        var paged = new List<string>();
        for (var page = 1; page <= 4; page++)
        {
            var reply = (await kop.Pengawas.Get(kop.Url($"ledger/journal?{period}&page={page}&pageSize=4"))).ShouldBe(HttpStatusCode.OK);
            reply.Json["totalEntries"]!.GetValue<int>().Should().Be(14, "the total counts every entry, not those on the page");
            reply.Decimal("totalDebit").Should().Be(3 * 100_000m + Sukarela.Sum());
            reply.Decimal("totalCredit").Should().Be(reply.Decimal("totalDebit"));
            reply.Json["entries"]!.AsArray().Should().HaveCount(page < 4 ? 4 : 2);
            paged.AddRange(Ids(reply.Json["entries"]!, "entryId"));
        }
        paged.Should().Equal(wholeIds, "the pages, in order, are the whole journal");
        var bank = (await kop.Pengawas.Get(kop.Url($"ledger/journal?{period}&account=1-1010&pageSize=2"))).ShouldBe(HttpStatusCode.OK);
        bank.Json["totalEntries"]!.GetValue<int>().Should().Be(5, "five deposits were transfers");

        // The general ledger of simpanan sukarela, 3 lines to a page: running balances continue across pages.
        var gl = new List<JsonNode>();
        for (var page = 1; page <= 4; page++)
        {
            var reply = (await kop.Pengawas.Get(kop.Url($"ledger/accounts/2-1000/lines?{period}&page={page}&pageSize=3"))).ShouldBe(HttpStatusCode.OK);
            reply.Json["totalLines"]!.GetValue<int>().Should().Be(11);
            reply.Decimal("totalCredit").Should().Be(Sukarela.Sum());
            reply.Decimal("closingBalance").Should().Be(Sukarela.Sum());
            gl.AddRange(reply.Json["lines"]!.AsArray().Select(l => l!));
        }
        gl.Select(l => l["credit"]!.GetValue<decimal>()).Should().Equal(Sukarela);
        var running = 0m;
        foreach (var l in gl)
        {
            running += l["credit"]!.GetValue<decimal>() - l["debit"]!.GetValue<decimal>();
            l["balance"]!.GetValue<decimal>().Should().Be(running, "each line's balance counts the lines on earlier pages");
        }

        // The cash book, 2 lines of each account to a page.
        var kasLines = new List<JsonNode>();
        for (var page = 1; ; page++)
        {
            var reply = (await kop.Pengawas.Get(kop.Url($"reports/cash-book?{period}&page={page}&pageSize=2"))).ShouldBe(HttpStatusCode.OK);
            var kas = reply.Json["accounts"]!.AsArray().Single(a => a!["accountCode"]!.GetValue<string>() == "1-1000")!;
            kas["totalLines"]!.GetValue<int>().Should().Be(9, "3 pokok and 6 counter deposits");
            kas["totalIn"]!.GetValue<decimal>().Should().Be(300_000m + Sukarela.Where((_, i) => i % 2 == 0).Sum());
            kas["closingBalance"]!.GetValue<decimal>().Should().Be(kas["openingBalance"]!.GetValue<decimal>() + kas["totalIn"]!.GetValue<decimal>()
                - kas["totalOut"]!.GetValue<decimal>());
            var lines = kas["lines"]!.AsArray();
            kasLines.AddRange(lines.Select(l => l!));
            if (lines.Count < 2) break;
        }
        kasLines.Should().HaveCount(9);
        kasLines[^1]["balance"]!.GetValue<decimal>().Should().Be(300_000m + Sukarela.Where((_, i) => i % 2 == 0).Sum());

        // CSV is every row, not a page.
        var csv = (await kop.Pengawas.Send(HttpMethod.Get, kop.Url($"ledger/journal?{period}&pageSize=1"), null, accept: "text/csv"))
            .ShouldBe(HttpStatusCode.OK);
        csv.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(1 + 14 * 2);
    }

    private static List<string> Ids(JsonNode array, string field) => array.AsArray().Select(e => e![field]!.GetValue<string>()).ToList();
}
