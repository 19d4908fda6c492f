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

public sealed record CashFlowLine(string Category, decimal Inflow, decimal Outflow, decimal Net, string DrillDown);

public sealed record CashFlowSection(string Name, IReadOnlyList<CashFlowLine> Lines, decimal Net);

public sealed record CashFlowView(LocalDate From, LocalDate To, Instant? KnownAt, CashFlowSection Operating, CashFlowSection Investing,
    CashFlowSection Financing, decimal NetChange, decimal OpeningCash, decimal ClosingCash, bool Reconciles);

/// <summary>
/// Laporan arus kas by the direct method: every movement of a cash account (kas, bank) in the period,
/// grouped by the cash flow category its posting rule gave it. Pokok/wajib and SHU payouts are
/// financing. Opening cash plus the net change equals closing cash (<c>reconciles</c>).
/// </summary>
public static class CashFlowEndpoint
{
    [WolverineGet("/api/v1/koperasi/{kop}/reports/cash-flow", OperationId = "getCashFlow")]
    [Authorize(Policy = Policies.StaffRead)]
    [Tags("Reports")]
    [ProducesResponseType<CashFlowView>(200)]
    public static async Task<IResult> Get(string kop, string? from, string? to, string? knownAt, HttpContext http, IDocumentStore store, IClock clock,
        LedgerQueries ledger)
    {
        var ctx = await ReportContext.Load(store, clock, kop, http.RequestAborted);
        var (start, end) = ctx.Period(from, to);
        var known = QueryParams.Instant(knownAt, "knownAt");
        var cash = ctx.CashAccounts();
        var lines = await ledger.Lines(kop, start, end, known, http.RequestAborted, cash);
        var opening = (await ledger.Balances(kop, start.PlusDays(-1), known, http.RequestAborted)).Values.Where(t => cash.Contains(t.Code)).Sum(t => t.DebitBalance);
        var closing = (await ledger.Balances(kop, end, known, http.RequestAborted)).Values.Where(t => cash.Contains(t.Code)).Sum(t => t.DebitBalance);
        var view = Build(ctx, start, end, known, lines, opening, closing);
        if (!Csv.Wanted(http)) return Results.Json(view, ApiJson.Options);
        return Csv.Result($"cash-flow-{start:yyyy-MM-dd}-{end:yyyy-MM-dd}.csv", ["section", "category", "inflow", "outflow", "net"],
            new[] { view.Operating, view.Investing, view.Financing }
                .SelectMany(s => s.Lines.Select(l => (IReadOnlyList<object?>)[s.Name, l.Category, l.Inflow, l.Outflow, l.Net]).Append([s.Name, "TOTAL", null, null, s.Net]))
                .Append(["summary", "opening cash", null, null, view.OpeningCash])
                .Append(["summary", "net change", null, null, view.NetChange])
                .Append(["summary", "closing cash", null, null, view.ClosingCash]));
    }

    public static CashFlowView Build(ReportContext ctx, LocalDate start, LocalDate end, Instant? known, IReadOnlyList<LedgerLineRow> cashLines,
        decimal opening, decimal closing)
    {
        var byCategory = cashLines.GroupBy(l => l.CashFlow ?? CashFlows.OtherOperating)
            .Select(g => new CashFlowLine(g.Key, g.Sum(l => l.Debit), g.Sum(l => l.Credit), g.Sum(l => l.Debit - l.Credit),
                ctx.Link($"ledger/journal?from={start:yyyy-MM-dd}&to={end:yyyy-MM-dd}")))
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
        return new CashFlowView(start, end, known, operating, investing, financing, net, opening, closing, opening + net == closing);
    }
}
