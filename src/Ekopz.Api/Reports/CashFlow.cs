using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Api.Ledger;
using Ekopz.Domain.Ledger;
using Ekopz.Projections.Ledger;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Ekopz.Api.Reports;

/// <param name="DrillDown">The cash account lines of this category in the period (their debits are the inflow, credits the outflow).</param>
public sealed record CashFlowLine(string Category, decimal Inflow, decimal Outflow, decimal Net, string DrillDown);

public sealed record CashFlowSection(string Name, IReadOnlyList<CashFlowLine> Lines, decimal Net);

public sealed record CashFlowView(LocalDate From, LocalDate To, Instant? KnownAt, CashFlowSection Operating, CashFlowSection Investing,
    CashFlowSection Financing, decimal NetChange, decimal OpeningCash, decimal ClosingCash, bool Reconciles,
    string? OpeningCashDrillDown = null, string? ClosingCashDrillDown = null);

/// <summary>
/// Laporan arus kas by the direct method: every movement of a cash account (kas, bank) in the period,
/// grouped by the cash flow category its posting rule gave it. Pokok/wajib and SHU payouts are
/// financing. Opening cash plus the net change equals closing cash (<c>reconciles</c>). The categories
/// are summed by PostgreSQL over the cash account lines (the daily totals do not carry the category),
/// opening and closing cash come from the daily totals (docs/adr/0013).
/// </summary>
public static class CashFlowEndpoint
{
    /// <summary>Cash flow statement (laporan arus kas)</summary>
    /// <remarks>
    /// Pengurus or pengawas. Direct method for <c>from</c>..<c>to</c>: every movement of a cash account grouped by its cash flow
    /// category (operating, investing, financing); opening cash plus the net change equals closing cash (<c>reconciles</c>). JSON
    /// or CSV.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/reports/cash-flow", OperationId = "getCashFlow")]
    [Authorize(Policy = Policies.BoardRead)]
    [Tags("Reports")]
    [ProducesResponseType<CashFlowView>(200)]
    public static async Task<IResult> Get(string kop, string? from, string? to, string? knownAt, HttpContext http, IDocumentStore store, IClock clock,
        LedgerQueries ledger, LedgerLines lines)
    {
        var ctx = await ReportContext.Load(store, clock, kop, http.RequestAborted);
        var (start, end) = ctx.Period(from, to);
        var known = QueryParams.Instant(knownAt, "knownAt");
        var view = await Compute(ctx, start, end, known, ledger, lines, http.RequestAborted);
        if (!Csv.Wanted(http)) return Results.Json(view, ApiJson.Options);
        return Csv.Result($"cash-flow-{start:yyyy-MM-dd}-{end:yyyy-MM-dd}.csv", ["section", "category", "inflow", "outflow", "net"],
            new[] { view.Operating, view.Investing, view.Financing }
                .SelectMany(s => s.Lines.Select(l => (IReadOnlyList<object?>)[s.Name, l.Category, l.Inflow, l.Outflow, l.Net]).Append([s.Name, "TOTAL", null, null, s.Net]))
                .Append(["summary", "opening cash", null, null, view.OpeningCash])
                .Append(["summary", "net change", null, null, view.NetChange])
                .Append(["summary", "closing cash", null, null, view.ClosingCash]));
    }

    /// <summary>The statement from SQL totals (also what the benchmark times). Not named Load: Wolverine would run that before the endpoint.</summary>
    public static async Task<CashFlowView> Compute(ReportContext ctx, LocalDate start, LocalDate end, Instant? known, LedgerQueries ledger, LedgerLines lines,
        CancellationToken ct)
    {
        var cash = ctx.CashAccounts();
        var byCategory = await lines.SumByCashFlow(ctx.Tenant, LineFilter.Between(start, end, known, cash), ct);
        decimal Cash(IReadOnlyDictionary<string, AccountTotals> balances) => cash.Sum(c => balances.GetValueOrDefault(c)?.DebitBalance ?? 0m);
        var opening = Cash(await ledger.Balances(ctx.Tenant, start.PlusDays(-1), known, ct));
        var closing = Cash(await ledger.Balances(ctx.Tenant, end, known, ct));
        return Build(ctx, start, end, known, byCategory, opening, closing);
    }

    public static CashFlowView Build(ReportContext ctx, LocalDate start, LocalDate end, Instant? known, IReadOnlyList<KeyTotals> byCategoryTotals,
        decimal opening, decimal closing)
    {
        var cash = ctx.CashAccounts();
        var period = LineFilter.Between(start, end, known, cash);
        var byCategory = byCategoryTotals
            .Select(g => new CashFlowLine(g.Key, g.Debit, g.Credit, g.Debit - g.Credit, ctx.LinesLink(period with { CashFlow = g.Key })))
            .ToList();
        CashFlowSection Section(string key, string name)
        {
            var lines = byCategory.Where(l => CashFlows.Section(l.Category) == key).OrderBy(l => l.Category, StringComparer.Ordinal).ToList();
            return new CashFlowSection(name, lines, lines.Sum(l => l.Net));
        }
        var operating = Section("operating", "Aktivitas operasi");
        var investing = Section("investing", "Aktivitas investasi");
        var financing = Section("financing", "Aktivitas pendanaan");
        var net = operating.Net + investing.Net + financing.Net;
        return new CashFlowView(start, end, known, operating, investing, financing, net, opening, closing, opening + net == closing,
            ctx.LinesLink(LineFilter.Between(null, start.PlusDays(-1), known, cash)), ctx.LinesLink(LineFilter.Between(null, end, known, cash)));
    }
}
