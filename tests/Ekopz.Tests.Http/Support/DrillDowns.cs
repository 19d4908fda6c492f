using System.Net;
using System.Text.Json.Nodes;

namespace Ekopz.Tests.Http.Support;

/// <summary>
/// Follows the drill-down link of every figure of every ledger report, as an auditor would, and
/// checks that the journal lines behind it add up to the figure (docs/adr/0013). The lines are read
/// page by page and summed here, not taken from the totals the link's answer states (those are
/// checked against the lines too).
/// </summary>
public static class DrillDowns
{
    /// <summary>How a figure is made from its lines' debits and credits.</summary>
    public enum Sum
    {
        DebitMinusCredit,
        CreditMinusDebit,
        Debits,
        Credits,
    }

    /// <summary>
    /// Trial balance and balance sheet on <paramref name="to"/>; income statement, cash flow, changes in
    /// equity and cash book over [<paramref name="from"/>, <paramref name="to"/>]; all as known at
    /// <paramref name="knownAt"/> when given. Returns how many links were followed.
    /// </summary>
    public static async Task<int> CheckEveryReport(TestKoperasi kop, string from, string to, string? knownAt = null)
    {
        var k = knownAt is null ? "" : "&knownAt=" + Uri.EscapeDataString(knownAt);
        var followed = 0;
        async Task Expect(JsonNode? link, decimal figure, Sum sum, string what)
        {
            if (link is null)
            {
                figure.Should().Be(0m, $"{what} has no drill-down, so it must be zero");
                return;
            }
            var url = link.GetValue<string>();
            if (knownAt is not null) url.Should().Contain("knownAt=", $"{what} is as known at {knownAt}, and so must be its lines");
            var (debit, credit) = await Lines(kop, url);
            var behind = sum switch
            {
                Sum.DebitMinusCredit => debit - credit,
                Sum.CreditMinusDebit => credit - debit,
                Sum.Debits => debit,
                _ => credit,
            };
            behind.Should().Be(figure, $"the lines behind {what} ({url}) must add up to it");
            followed++;
        }

        async Task<JsonNode> Report(string path) => (await kop.Pengawas.Get(kop.Url(path + k))).ShouldBe(HttpStatusCode.OK).Json;
        static decimal D(JsonNode? n) => n!.GetValue<decimal>();

        var tb = await Report($"ledger/trial-balance?asOf={to}");
        foreach (var l in tb["lines"]!.AsArray())
            await Expect(l!["drillDown"], D(l["debit"]) - D(l["credit"]), Sum.DebitMinusCredit, $"trial balance {l["accountCode"]}");

        var bs = await Report($"reports/balance-sheet?asOf={to}");
        foreach (var (section, sum) in new[] { ("currentAssets", Sum.DebitMinusCredit), ("nonCurrentAssets", Sum.DebitMinusCredit),
                     ("currentLiabilities", Sum.CreditMinusDebit), ("nonCurrentLiabilities", Sum.CreditMinusDebit), ("equity", Sum.CreditMinusDebit) })
            foreach (var l in bs[section]!["lines"]!.AsArray())
                await Expect(l!["drillDown"], D(l["amount"]), sum, $"balance sheet {section} {l["accountCode"]}");

        var phu = await Report($"reports/income-statement?from={from}&to={to}");
        foreach (var (section, sum) in new[] { ("member.revenues", Sum.CreditMinusDebit), ("member.costOfGoods", Sum.DebitMinusCredit),
                     ("nonMember.revenues", Sum.CreditMinusDebit), ("nonMember.costOfGoods", Sum.DebitMinusCredit),
                     ("operatingExpenses", Sum.DebitMinusCredit), ("incomeTax", Sum.DebitMinusCredit) })
        {
            var node = section.Split('.').Aggregate((JsonNode)phu, (n, part) => n[part]!);
            foreach (var l in node["lines"]!.AsArray())
                await Expect(l!["drillDown"], D(l["amount"]), sum, $"income statement {section} {l["accountCode"]}");
        }

        var cf = await Report($"reports/cash-flow?from={from}&to={to}");
        foreach (var section in new[] { "operating", "investing", "financing" })
            foreach (var l in cf[section]!["lines"]!.AsArray())
            {
                await Expect(l!["drillDown"], D(l["inflow"]), Sum.Debits, $"cash flow {l["category"]} inflow");
                await Expect(l["drillDown"], D(l["outflow"]), Sum.Credits, $"cash flow {l["category"]} outflow");
            }
        await Expect(cf["openingCashDrillDown"], D(cf["openingCash"]), Sum.DebitMinusCredit, "cash flow opening cash");
        await Expect(cf["closingCashDrillDown"], D(cf["closingCash"]), Sum.DebitMinusCredit, "cash flow closing cash");

        var eq = await Report($"reports/equity-changes?from={from}&to={to}");
        foreach (var c in eq["columns"]!.AsArray())
        {
            var name = c!["column"]!.GetValue<string>();
            var links = c["drillDown"]!;
            await Expect(links["opening"], D(c["opening"]), Sum.CreditMinusDebit, $"equity {name} opening");
            await Expect(links["added"], D(c["added"]), Sum.Credits, $"equity {name} added");
            await Expect(links["reduced"], D(c["reduced"]), Sum.Debits, $"equity {name} reduced");
            await Expect(links["distributed"], D(c["distributed"]), Sum.DebitMinusCredit, $"equity {name} distributed");
            await Expect(links["allocatedFromShu"], D(c["allocatedFromShu"]), Sum.CreditMinusDebit, $"equity {name} allocated from SHU");
            await Expect(links["shuOfPeriod"], D(c["shuOfPeriod"]), Sum.CreditMinusDebit, $"equity {name} SHU of the period");
            await Expect(links["closing"], D(c["closing"]), Sum.CreditMinusDebit, $"equity {name} closing");
            foreach (var r in c["reclassifications"]!.AsArray())
                await Expect(r!["drillDown"], D(r["amount"]), r["presentAs"]!.GetValue<string>() == "equity" ? Sum.CreditMinusDebit : Sum.DebitMinusCredit,
                    $"equity {name} reclassified on {r["effectiveFrom"]}");
        }

        var book = await Report($"reports/cash-book?from={from}&to={to}");
        foreach (var a in book["accounts"]!.AsArray())
        {
            var code = a!["accountCode"]!.GetValue<string>();
            var links = a["drillDown"]!;
            await Expect(links["opening"], D(a["openingBalance"]), Sum.DebitMinusCredit, $"cash book {code} opening");
            await Expect(links["in"], D(a["totalIn"]), Sum.Debits, $"cash book {code} in");
            await Expect(links["out"], D(a["totalOut"]), Sum.Credits, $"cash book {code} out");
            await Expect(links["closing"], D(a["closingBalance"]), Sum.DebitMinusCredit, $"cash book {code} closing");
        }
        return followed;
    }

    /// <summary>Every line behind a <c>ledger/lines</c> link, read page by page (at the server's default page size) and summed.</summary>
    public static async Task<(decimal Debit, decimal Credit)> Lines(TestKoperasi kop, string link)
    {
        decimal debit = 0, credit = 0;
        var seen = new HashSet<(string, int)>();
        JsonNode first = null!;
        for (var page = 1; ; page++)
        {
            var reply = (await kop.Pengawas.Get($"{link}&page={page}")).ShouldBe(HttpStatusCode.OK).Json;
            if (page == 1) first = reply;
            var lines = reply["lines"]!.AsArray();
            foreach (var l in lines)
            {
                seen.Add((l!["entryId"]!.GetValue<string>(), l["lineNo"]!.GetValue<int>())).Should().BeTrue("a line appears on one page only");
                debit += l["debit"]!.GetValue<decimal>();
                credit += l["credit"]!.GetValue<decimal>();
            }
            if (lines.Count < reply["pageSize"]!.GetValue<int>()) break;
        }
        seen.Count.Should().Be(first["totalLines"]!.GetValue<int>(), link);
        debit.Should().Be(first["totalDebit"]!.GetValue<decimal>(), link);
        credit.Should().Be(first["totalCredit"]!.GetValue<decimal>(), link);
        return (debit, credit);
    }
}
