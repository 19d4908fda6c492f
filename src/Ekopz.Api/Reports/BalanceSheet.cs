using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Api.Ledger;
using Ekopz.Domain.Ledger;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Ekopz.Api.Reports;

public sealed record BalanceSheetView(
    LocalDate AsOf, Instant? KnownAt,
    ReportSection CurrentAssets, ReportSection NonCurrentAssets, decimal TotalAssets,
    ReportSection CurrentLiabilities, ReportSection NonCurrentLiabilities, decimal TotalLiabilities,
    ReportSection Equity, decimal ShuTahunBerjalan, decimal TotalEquity,
    decimal TotalLiabilitiesAndEquity, bool Balanced, decimal OwnCapital);

/// <summary>
/// Laporan posisi keuangan (neraca) for any date, as known at any moment. Pokok and wajib appear under
/// equity or liabilities as the savings classification in force on that date says. "SHU tahun berjalan"
/// is its account plus the revenues and expenses not yet closed into it.
/// </summary>
public static class BalanceSheetEndpoint
{
    /// <summary>Balance sheet (laporan posisi keuangan)</summary>
    /// <remarks>
    /// Pengurus or pengawas. Assets, liabilities and equity on <c>asOf</c> as known at <c>knownAt</c>. Pokok and wajib appear
    /// under equity or liabilities as the savings classification in force on that date says; SHU tahun berjalan includes the
    /// revenues and expenses not yet closed. Every figure carries a link to its journal lines. JSON or CSV.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/reports/balance-sheet", OperationId = "getBalanceSheet")]
    [Authorize(Policy = Policies.BoardRead)]
    [Tags("Reports")]
    [ProducesResponseType<BalanceSheetView>(200)]
    public static async Task<IResult> Get(string kop, string? asOf, string? knownAt, HttpContext http, IDocumentStore store, IClock clock,
        LedgerQueries ledger)
    {
        var ctx = await ReportContext.Load(store, clock, kop, http.RequestAborted);
        var date = ctx.AsOf(asOf);
        var known = QueryParams.Instant(knownAt, "knownAt");
        var view = Build(ctx, date, known, await ledger.Balances(kop, date, known, http.RequestAborted));
        if (!Csv.Wanted(http)) return Results.Json(view, ApiJson.Options);
        var sections = new[] { view.CurrentAssets, view.NonCurrentAssets, view.CurrentLiabilities, view.NonCurrentLiabilities, view.Equity };
        return Csv.Result($"balance-sheet-{date:yyyy-MM-dd}.csv", ["section", "accountCode", "accountName", "amount"],
            sections.SelectMany(s => s.Lines.Select(l => (IReadOnlyList<object?>)[s.Name, l.AccountCode, l.AccountName, l.Amount])
                .Append([s.Name, "", "TOTAL", s.Total]))
            .Append(["summary", "", "TOTAL ASSETS", view.TotalAssets])
            .Append(["summary", "", "TOTAL LIABILITIES AND EQUITY", view.TotalLiabilitiesAndEquity]));
    }

    public static BalanceSheetView Build(ReportContext ctx, LocalDate date, Instant? known, IReadOnlyDictionary<string, AccountTotals> balances)
    {
        var chart = ctx.Chart;
        var shuAccount = chart.CodeFor(AccountRoles.ShuCurrentYear, date);
        var currentAssets = new List<ReportLine>();
        var nonCurrentAssets = new List<ReportLine>();
        var currentLiabilities = new List<ReportLine>();
        var nonCurrentLiabilities = new List<ReportLine>();
        var equity = new List<ReportLine>();
        decimal unclosedProfit = 0, ownCapital = 0;
        foreach (var (code, t) in balances.OrderBy(b => b.Key, StringComparer.Ordinal))
        {
            var account = chart.Find(code);
            if (account is null || t.DebitBalance == 0) continue;
            var line = new ReportLine(code, account.NameAt(date), 0m, ctx.LinesLink(LineFilter.Between(null, date, known, [code])));
            var nonCurrent = account.Definition.HasTag(AccountTags.NonCurrent);
            if (account.Definition.HasTag(AccountTags.OwnCapital)) ownCapital -= t.DebitBalance;
            switch (chart.PresentedClass(code, date))
            {
                case AccountClass.Asset:
                    (nonCurrent ? nonCurrentAssets : currentAssets).Add(line with { Amount = t.DebitBalance });
                    break;
                case AccountClass.Liability:
                    (nonCurrent ? nonCurrentLiabilities : currentLiabilities).Add(line with { Amount = -t.DebitBalance });
                    break;
                case AccountClass.Equity when code != shuAccount:
                    equity.Add(line with { Amount = -t.DebitBalance });
                    break;
                default:
                    // SHU tahun berjalan, revenues and expenses: together, this year's result so far.
                    unclosedProfit -= t.DebitBalance;
                    break;
            }
        }

        var shu = unclosedProfit;
        // Its lines: SHU tahun berjalan and every revenue and expense account, closing entries included (they net to nothing).
        equity.Add(new ReportLine(shuAccount, chart.Get(shuAccount).NameAt(date), shu,
            ctx.LinesLink(LineFilter.Between(null, date, known, [shuAccount, .. chart.ProfitAndLossAccounts()]))));
        var sCurrentAssets = Section("Aset lancar", currentAssets);
        var sNonCurrentAssets = Section("Aset tidak lancar", nonCurrentAssets);
        var sCurrentLiabilities = Section("Liabilitas jangka pendek", currentLiabilities);
        var sNonCurrentLiabilities = Section("Liabilitas jangka panjang", nonCurrentLiabilities);
        var sEquity = Section("Ekuitas", equity);
        var totalAssets = sCurrentAssets.Total + sNonCurrentAssets.Total;
        var totalLiabilities = sCurrentLiabilities.Total + sNonCurrentLiabilities.Total;
        return new BalanceSheetView(date, known, sCurrentAssets, sNonCurrentAssets, totalAssets, sCurrentLiabilities, sNonCurrentLiabilities,
            totalLiabilities, sEquity, shu, sEquity.Total, totalLiabilities + sEquity.Total, totalAssets == totalLiabilities + sEquity.Total, ownCapital);
    }

    private static ReportSection Section(string name, List<ReportLine> lines) => new(name, lines, lines.Sum(l => l.Amount));
}
