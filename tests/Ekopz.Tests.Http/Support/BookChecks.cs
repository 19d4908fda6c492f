using System.Net;
using System.Text.Json.Nodes;

namespace Ekopz.Tests.Http.Support;

/// <summary>
/// The accounting invariants, checked through the API as an auditor would: every entry balances,
/// the balance sheet balances, the income statement equals the change in SHU tahun berjalan, the cash
/// flow equals the change in cash, the savings control accounts equal the members' balances, the loan
/// receivable equals the loans' outstanding principal, and the
/// ledger rebuilt from the events equals the live one.
/// </summary>
public static class BookChecks
{
    public static async Task<Dictionary<string, decimal>> TrialBalance(TestKoperasi kop, string asOf, string? knownAt = null)
    {
        var tb = (await kop.Pengawas.Get(kop.Url($"ledger/trial-balance?asOf={asOf}" + (knownAt is null ? "" : $"&knownAt={knownAt}"))))
            .ShouldBe(HttpStatusCode.OK);
        tb.Json["balanced"]!.GetValue<bool>().Should().BeTrue(tb.Text);
        return tb.Json["lines"]!.AsArray().ToDictionary(l => l!["accountCode"]!.GetValue<string>(),
            l => l!["debit"]!.GetValue<decimal>() - l["credit"]!.GetValue<decimal>());
    }

    public static decimal Of(this Dictionary<string, decimal> tb, string code) => tb.GetValueOrDefault(code);

    public static async Task CheckInvariants(TestKoperasi kop, IEnumerable<Guid> members, params string[] dates)
    {
        var memberList = members.ToList();
        foreach (var date in dates)
        {
            // Every entry balances (and so does the journal as a whole).
            var journal = (await kop.Pengawas.Get(kop.Url($"ledger/journal?from=2000-01-01&to={date}&pageSize=1000"))).ShouldBe(HttpStatusCode.OK);
            foreach (var e in journal.Json["entries"]!.AsArray())
                e!["totalDebit"]!.GetValue<decimal>().Should().Be(e["totalCredit"]!.GetValue<decimal>(), e.ToJsonString());

            var bs = (await kop.Pengawas.Get(kop.Url($"reports/balance-sheet?asOf={date}"))).ShouldBe(HttpStatusCode.OK);
            bs.Json["balanced"]!.GetValue<bool>().Should().BeTrue(bs.Text);
            bs.Decimal("totalAssets").Should().Be(bs.Decimal("totalLiabilitiesAndEquity"));

            // Control accounts: pokok, wajib and sukarela equal the sum of the members' balances on that date.
            var tb = await TrialBalance(kop, date);
            decimal pokok = 0, wajib = 0, sukarela = 0;
            foreach (var m in memberList)
            {
                var s = (await kop.Pengawas.Get(kop.Url($"members/{m}/statement?asOf={date}"))).ShouldBe(HttpStatusCode.OK).Json["balances"]!;
                pokok += s["pokok"]!.GetValue<decimal>();
                wajib += s["wajib"]!.GetValue<decimal>();
                sukarela += s["sukarela"]!.GetValue<decimal>();
            }
            (-tb.Of("3-1000")).Should().Be(pokok, $"pokok control account on {date}");
            (-tb.Of("3-1100")).Should().Be(wajib, $"wajib control account on {date}");
            (-tb.Of("2-1000")).Should().Be(sukarela, $"sukarela control account on {date}");

            // Loans: the receivable control account equals the outstanding principal of the loans on that date.
            var portfolio = (await kop.Pengawas.Get(kop.Url($"reports/loan-portfolio?asOf={date}"))).ShouldBe(HttpStatusCode.OK);
            portfolio.Json["reconciles"]!.GetValue<bool>().Should().BeTrue($"loan receivable control account on {date}: {portfolio.Text}");

            // Within the year: the income statement equals the change in SHU tahun berjalan; cash flow equals the change in cash.
            var year = date[..4];
            var yearStart = $"{year}-01-01";
            var phu = (await kop.Pengawas.Get(kop.Url($"reports/income-statement?from={yearStart}&to={date}"))).ShouldBe(HttpStatusCode.OK);
            // SHU tahun berjalan at the start of the year, before 1 January's own result (after a year close's
            // opening transfer, or carrying an earlier year that was never closed).
            var atStart = (await kop.Pengawas.Get(kop.Url($"reports/balance-sheet?asOf={yearStart}"))).ShouldBe(HttpStatusCode.OK);
            var firstDay = (await kop.Pengawas.Get(kop.Url($"reports/income-statement?from={yearStart}&to={yearStart}"))).ShouldBe(HttpStatusCode.OK);
            var baseline = atStart.Decimal("shuTahunBerjalan") - firstDay.Decimal("shuAfterTax");
            phu.Decimal("shuAfterTax").Should().Be(bs.Decimal("shuTahunBerjalan") - baseline, $"PHU = ΔSHU tahun berjalan to {date}");

            var cf = (await kop.Pengawas.Get(kop.Url($"reports/cash-flow?from={yearStart}&to={date}"))).ShouldBe(HttpStatusCode.OK);
            cf.Json["reconciles"]!.GetValue<bool>().Should().BeTrue(cf.Text);
            (cf.Decimal("closingCash") - cf.Decimal("openingCash")).Should().Be(cf.Decimal("netChange"));
            cf.Decimal("closingCash").Should().Be(tb.Of("1-1000") + tb.Of("1-1010"));

            var eq = (await kop.Pengawas.Get(kop.Url($"reports/equity-changes?from={yearStart}&to={date}"))).ShouldBe(HttpStatusCode.OK);
            EquityColumnsAddUp(eq, date);
            // The changes in equity run from the balance sheet's equity before the period to its equity at the end.
            eq.Decimal("closingTotal").Should().Be(bs.Decimal("totalEquity"), $"equity changes closing = balance sheet equity on {date}");
            var dayBefore = NodaTime.Text.LocalDatePattern.Iso.Format(NodaTime.Text.LocalDatePattern.Iso.Parse(yearStart).Value.PlusDays(-1));
            var before = (await kop.Pengawas.Get(kop.Url($"reports/balance-sheet?asOf={dayBefore}"))).ShouldBe(HttpStatusCode.OK);
            eq.Decimal("openingTotal").Should().Be(before.Decimal("totalEquity"), $"equity changes opening = balance sheet equity on {dayBefore}");
        }

        var verification = (await kop.Pengawas.Get(kop.Url("ledger/verification"))).ShouldBe(HttpStatusCode.OK);
        verification.Json["ledgerMatchesEvents"]!.GetValue<bool>().Should().BeTrue(verification.Text);
        verification.Json["allPeriodsMatch"]!.GetValue<bool>().Should().BeTrue(verification.Text);
        verification.Json["dailyTotalsMatchLines"]!.GetValue<bool>().Should().BeTrue(verification.Text);
    }

    /// <summary>In every column: opening + added − reduced − distributed + allocated from SHU + reclassified + SHU of the period = closing.</summary>
    public static void EquityColumnsAddUp(Reply equityChanges, string what)
    {
        foreach (var c in equityChanges.Json["columns"]!.AsArray())
        {
            decimal V(string name) => c![name]!.GetValue<decimal>();
            (V("opening") + V("added") - V("reduced") - V("distributed") + V("allocatedFromShu") + V("reclassified") + V("shuOfPeriod"))
                .Should().Be(V("closing"), $"equity column {c!["column"]} to {what}");
        }
    }
}
