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

/// <param name="Distributed">SHU shared out (allocation to members and funds) in the period.</param>
/// <param name="ShuOfPeriod">The period's result (revenues less expenses), only in the SHU column.</param>
public sealed record EquityColumn(string Column, IReadOnlyList<string> Accounts, decimal Opening, decimal Added, decimal Reduced, decimal Distributed,
    decimal ShuOfPeriod, decimal Closing);

public sealed record EquityChangesView(LocalDate From, LocalDate To, Instant? KnownAt, IReadOnlyList<EquityColumn> Columns, decimal OpeningTotal,
    decimal ClosingTotal);

/// <summary>
/// Laporan perubahan ekuitas: columns pokok, wajib, SHU, general reserve, risk reserve, other equity;
/// rows opening, added, reduced, SHU distributed, SHU of the period, closing. The SHU column holds
/// SHU tahun berjalan, SHU of earlier years not yet shared, and this year's unclosed result; the
/// year-end closing and opening entries move amounts inside it and so do not show as added or reduced.
/// </summary>
public static class EquityChangesEndpoint
{
    [WolverineGet("/api/v1/koperasi/{kop}/reports/equity-changes", OperationId = "getEquityChanges")]
    [Authorize(Policy = Policies.StaffRead)]
    [Tags("Reports")]
    [ProducesResponseType<EquityChangesView>(200)]
    public static async Task<IResult> Get(string kop, string? from, string? to, string? knownAt, HttpContext http, IDocumentStore store, IClock clock,
        LedgerQueries ledger)
    {
        var ctx = await ReportContext.Load(store, clock, kop, http.RequestAborted);
        var (start, end) = ctx.Period(from, to);
        var known = QueryParams.Instant(knownAt, "knownAt");
        var opening = await ledger.Balances(kop, start.PlusDays(-1), known, http.RequestAborted);
        var closing = await ledger.Balances(kop, end, known, http.RequestAborted);
        var movements = await ledger.Lines(kop, start, end, known, http.RequestAborted);
        var view = Build(ctx, start, end, known, opening, closing, movements);
        if (!Csv.Wanted(http)) return Results.Json(view, ApiJson.Options);
        return Csv.Result($"equity-changes-{start:yyyy-MM-dd}-{end:yyyy-MM-dd}.csv",
            ["column", "opening", "added", "reduced", "distributed", "shuOfPeriod", "closing"],
            view.Columns.Select(c => (IReadOnlyList<object?>)[c.Column, c.Opening, c.Added, c.Reduced, c.Distributed, c.ShuOfPeriod, c.Closing]));
    }

    public static EquityChangesView Build(ReportContext ctx, LocalDate start, LocalDate end, Instant? known,
        IReadOnlyDictionary<string, AccountTotals> opening, IReadOnlyDictionary<string, AccountTotals> closing, IReadOnlyList<LedgerLineRow> lines)
    {
        var chart = ctx.Chart;
        var pokok = chart.CodeFor(AccountRoles.SavingsPokok, end);
        var wajib = chart.CodeFor(AccountRoles.SavingsWajib, end);
        var shuCodes = new[] { chart.CodeFor(AccountRoles.ShuCurrentYear, end), chart.CodeFor(AccountRoles.ShuPriorYears, end) };
        var general = chart.CodeFor(AccountRoles.ShuReserve, end);
        var risk = chart.Accounts.Where(a => a.Definition.HasTag(AccountTags.Reserve) && a.Code != general).Select(a => a.Code).ToList();
        var profitAndLoss = chart.Accounts.Where(a => a.Class is AccountClass.Revenue or AccountClass.Expense).Select(a => a.Code).ToHashSet();
        var equity = chart.Accounts.Where(a => a.Class == AccountClass.Equity).Select(a => a.Code).ToList();
        var columns = new List<(string Name, List<string> Codes, bool Shu)>();
        // Pokok and wajib are equity only while presented as equity.
        if (chart.PresentedClass(pokok, end) == AccountClass.Equity) columns.Add(("pokok", [pokok], false));
        if (chart.PresentedClass(wajib, end) == AccountClass.Equity) columns.Add(("wajib", [wajib], false));
        columns.Add(("shu", [.. shuCodes], true));
        columns.Add(("general_reserve", [general], false));
        columns.Add(("risk_reserve", risk, false));
        var named = columns.SelectMany(c => c.Codes).Append(pokok).Append(wajib).ToHashSet();
        columns.Add(("other_equity", equity.Where(c => !named.Contains(c)).ToList(), false));

        decimal Balance(IReadOnlyDictionary<string, AccountTotals> b, IEnumerable<string> codes) => -codes.Sum(c => b.GetValueOrDefault(c)?.DebitBalance ?? 0m);

        var result = columns.Select(c =>
        {
            var codes = c.Shu ? c.Codes.Concat(profitAndLoss).ToList() : c.Codes;
            var open = Balance(opening, codes);
            var close = Balance(closing, codes);
            var mine = lines.Where(l => codes.Contains(l.AccountCode) && l.Kind == EntryKinds.Regular).ToList();
            var ofPeriod = c.Shu ? mine.Where(l => profitAndLoss.Contains(l.AccountCode)).Sum(l => l.Credit - l.Debit) : 0m;
            var other = mine.Where(l => !profitAndLoss.Contains(l.AccountCode)).ToList();
            var distributed = other.Where(l => l.Source.StartsWith("Shu", StringComparison.Ordinal)).Sum(l => l.Debit - l.Credit);
            var rest = other.Where(l => !l.Source.StartsWith("Shu", StringComparison.Ordinal)).ToList();
            return new EquityColumn(c.Name, c.Codes, open, rest.Sum(l => l.Credit), rest.Sum(l => l.Debit), distributed, ofPeriod, close);
        }).ToList();
        return new EquityChangesView(start, end, known, result, result.Sum(c => c.Opening), result.Sum(c => c.Closing));
    }
}
