using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Api.Ledger;
using Ekopz.Domain.Ledger;
using Ekopz.Domain.Savings;
using Ekopz.Domain.Shu;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Ekopz.Api.Reports;

/// <summary>Where each figure of a column comes from: a <c>ledger/lines</c> link, null where the row does not apply to the column.</summary>
public sealed record EquityDrillDown(string? Opening, string? Added, string? Reduced, string? Distributed, string? AllocatedFromShu, string? ShuOfPeriod,
    string? Closing);

/// <summary>
/// Pokok or wajib changed presentation on <paramref name="EffectiveFrom"/>: its balance the day before moved into
/// equity (<paramref name="Amount"/> positive, <c>presentAs</c> equity) or out of it to liabilities (negative).
/// </summary>
public sealed record EquityReclassification(LocalDate EffectiveFrom, string PresentAs, decimal Amount, string DrillDown);

/// <param name="Added">Credits to the column's accounts in the period (deposits, grants, manual entries), SHU allocation aside.</param>
/// <param name="Reduced">Debits to them (withdrawals, refunds), SHU allocation aside.</param>
/// <param name="Distributed">The SHU column only: what the RAT allocation took out of undistributed SHU.</param>
/// <param name="ShuOfPeriod">The SHU column only: the period's result (revenues less expenses).</param>
/// <param name="AllocatedFromShu">Other columns: what the RAT allocation put into them (reserves); the rest of the SHU distributed went to liabilities.</param>
/// <param name="Reclassified">Pokok and wajib only: the net of <paramref name="Reclassifications"/>.</param>
public sealed record EquityColumn(string Column, IReadOnlyList<string> Accounts, decimal Opening, decimal Added, decimal Reduced, decimal Distributed,
    decimal ShuOfPeriod, decimal Closing, decimal AllocatedFromShu, decimal Reclassified, IReadOnlyList<EquityReclassification> Reclassifications,
    EquityDrillDown DrillDown);

public sealed record EquityChangesView(LocalDate From, LocalDate To, Instant? KnownAt, IReadOnlyList<EquityColumn> Columns, decimal OpeningTotal,
    decimal ClosingTotal);

/// <summary>
/// Laporan perubahan ekuitas: columns pokok, wajib, SHU, general reserve, risk reserve, other equity;
/// rows opening, added, reduced, SHU distributed, SHU allocated to reserves, reclassified, SHU of the
/// period, closing (docs/adr/0013). In each column opening + added − reduced − distributed +
/// allocatedFromShu + reclassified + shuOfPeriod = closing, and the closings are the balance sheet's
/// equity on the last day. The SHU column holds SHU tahun berjalan, SHU of earlier years not yet
/// shared, and this year's unclosed result; the year-end closing and opening entries move amounts
/// inside it and so show in no row. Pokok and wajib count as equity only on the days the savings
/// classification presents them so; a change moves their balance in or out as a reclassification.
/// Every total is summed by PostgreSQL (daily totals, and the lines of the few RAT allocation entries).
/// </summary>
public static class EquityChangesEndpoint
{
    /// <summary>The event whose entry shares out a year's SHU (ShuPostings): its lines are the distributed and allocated rows.</summary>
    public const string Allocation = nameof(ShuAllocationApproved);

    /// <summary>Statement of changes in equity</summary>
    /// <remarks>
    /// Pengurus or pengawas. For <c>from</c>..<c>to</c>, columns pokok, wajib, SHU, general reserve, risk reserve and other
    /// equity; rows opening, added, reduced, SHU distributed, allocated to reserves, reclassified, SHU of the period and closing.
    /// The closings equal the balance sheet's equity. JSON or CSV.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/reports/equity-changes", OperationId = "getEquityChanges")]
    [Authorize(Policy = Policies.BoardRead)]
    [Tags("Reports")]
    [ProducesResponseType<EquityChangesView>(200)]
    public static async Task<IResult> Get(string kop, string? from, string? to, string? knownAt, HttpContext http, IDocumentStore store, IClock clock,
        LedgerQueries ledger, LedgerLines lines)
    {
        var ctx = await ReportContext.Load(store, clock, kop, http.RequestAborted);
        var (start, end) = ctx.Period(from, to);
        var known = QueryParams.Instant(knownAt, "knownAt");
        var view = await Compute(ctx, start, end, known, ledger, lines, http.RequestAborted);
        if (!Csv.Wanted(http)) return Results.Json(view, ApiJson.Options);
        return Csv.Result($"equity-changes-{start:yyyy-MM-dd}-{end:yyyy-MM-dd}.csv",
            ["column", "opening", "added", "reduced", "distributed", "allocatedFromShu", "reclassified", "shuOfPeriod", "closing"],
            view.Columns.Select(c => (IReadOnlyList<object?>)[c.Column, c.Opening, c.Added, c.Reduced, c.Distributed, c.AllocatedFromShu, c.Reclassified,
                c.ShuOfPeriod, c.Closing]));
    }

    /// <summary>The report, from the daily totals and the allocation lines (also what the benchmark times).</summary>
    public static async Task<EquityChangesView> Compute(ReportContext ctx, LocalDate start, LocalDate end, Instant? known, LedgerQueries ledger,
        LedgerLines lines, CancellationToken ct)
    {
        var balances = new Dictionary<LocalDate, Dictionary<string, AccountTotals>>();
        async Task<IReadOnlyDictionary<string, AccountTotals>> BalanceAt(LocalDate d)
        {
            if (!balances.TryGetValue(d, out var b)) balances[d] = b = await ledger.Balances(ctx.Tenant, d, known, ct);
            return b;
        }
        var movements = new Dictionary<string, Movements>();
        async Task<Movements> MovementsIn(IReadOnlyList<DateSpan> spans)
        {
            var key = string.Join(',', spans);
            if (movements.TryGetValue(key, out var m)) return m;
            var regular = new Dictionary<string, (decimal Debit, decimal Credit)>();
            foreach (var s in spans)
                foreach (var t in await ledger.Totals(ctx.Tenant, s.From, s.To, known, LedgerQueries.RegularOnly, false, ct))
                    regular[t.Code] = (regular.GetValueOrDefault(t.Code).Debit + t.Debit, regular.GetValueOrDefault(t.Code).Credit + t.Credit);
            var allocation = (await lines.SumByAccount(ctx.Tenant, AllocationLines(spans, known, null), ct))
                .ToDictionary(x => x.Key, x => (x.Debit, x.Credit));
            return movements[key] = new Movements(regular, allocation);
        }

        var columns = new List<EquityColumn>();
        foreach (var c in Columns(ctx.Chart, start, end))
        {
            var opening = c.OpenAsEquity ? -Sum(await BalanceAt(start.PlusDays(-1)), c.BalanceAccounts) : 0m;
            var closing = c.CloseAsEquity ? -Sum(await BalanceAt(end), c.BalanceAccounts) : 0m;
            var reclassifications = new List<EquityReclassification>();
            foreach (var (date, presentAs) in c.Changes)
            {
                var sign = presentAs == AccountClass.Equity ? 1 : -1;
                reclassifications.Add(new EquityReclassification(date, presentAs.ToString().ToLowerInvariant(),
                    sign * -Sum(await BalanceAt(date.PlusDays(-1)), c.Accounts),
                    ctx.LinesLink(LineFilter.Between(null, date.PlusDays(-1), known, c.Accounts))));
            }
            columns.Add(Build(ctx, c, known, opening, closing, c.Spans.Count == 0 ? null : await MovementsIn(c.Spans), reclassifications));
        }
        return new EquityChangesView(start, end, known, columns, columns.Sum(c => c.Opening), columns.Sum(c => c.Closing));
    }

    /// <summary>Regular debit and credit per account in the column's spans, and the part of them made by SHU allocation entries.</summary>
    public sealed record Movements(IReadOnlyDictionary<string, (decimal Debit, decimal Credit)> Regular,
        IReadOnlyDictionary<string, (decimal Debit, decimal Credit)> Allocation);

    /// <param name="Accounts">The column's own accounts (rows added, reduced, distributed, allocated).</param>
    /// <param name="BalanceAccounts">What its opening and closing sum: for SHU also the revenue and expense accounts not yet closed.</param>
    /// <param name="Spans">The days of the period on which the column is equity (all of it but for reclassified pokok/wajib).</param>
    /// <param name="Changes">Days on which pokok/wajib changed presentation, and to what.</param>
    public sealed record ColumnPlan(string Name, LocalDate Start, LocalDate End, IReadOnlyList<string> Accounts, IReadOnlyList<string> BalanceAccounts,
        bool Shu, IReadOnlyList<string> ProfitAndLoss, bool OpenAsEquity, bool CloseAsEquity, IReadOnlyList<DateSpan> Spans,
        IReadOnlyList<(LocalDate Date, AccountClass PresentAs)> Changes);

    public static IReadOnlyList<ColumnPlan> Columns(Chart chart, LocalDate start, LocalDate end)
    {
        var pokok = chart.CodeFor(AccountRoles.SavingsPokok, end);
        var wajib = chart.CodeFor(AccountRoles.SavingsWajib, end);
        var shuCodes = new[] { chart.CodeFor(AccountRoles.ShuCurrentYear, end), chart.CodeFor(AccountRoles.ShuPriorYears, end) };
        var general = chart.CodeFor(AccountRoles.ShuReserve, end);
        var risk = chart.Accounts.Where(a => a.Definition.HasTag(AccountTags.Reserve) && a.Code != general).Select(a => a.Code).ToList();
        var profitAndLoss = chart.ProfitAndLossAccounts();
        var whole = new[] { new DateSpan(start, end) };
        var plans = new List<ColumnPlan>();
        foreach (var (name, code, kind) in new[] { ("pokok", pokok, SavingsKind.Pokok), ("wajib", wajib, SavingsKind.Wajib) })
            if (Savings(name, code, kind) is { } plan) plans.Add(plan);
        plans.Add(new ColumnPlan("shu", start, end, shuCodes, [.. shuCodes, .. profitAndLoss], true, profitAndLoss, true, true, whole, []));
        plans.Add(Plain("general_reserve", [general]));
        plans.Add(Plain("risk_reserve", risk));
        var named = plans.SelectMany(c => c.Accounts).Append(pokok).Append(wajib).ToHashSet();
        plans.Add(Plain("other_equity", chart.Accounts.Where(a => a.Class == AccountClass.Equity && !named.Contains(a.Code)).Select(a => a.Code).ToList()));
        return plans;

        ColumnPlan Plain(string name, IReadOnlyList<string> codes) => new(name, start, end, codes, codes, false, [], true, true, whole, []);

        // Pokok and wajib are equity only on the days they are presented as equity (ADR 13): the
        // period splits where the classification changes, and only the equity stretches count.
        ColumnPlan? Savings(string name, string code, SavingsKind kind)
        {
            bool EquityOn(LocalDate d) => chart.PresentedClass(code, d) == AccountClass.Equity;
            var changes = chart.Classifications.Where(c => c.Kind == kind && c.EffectiveFrom >= start && c.EffectiveFrom <= end)
                .Select(c => c.EffectiveFrom).Distinct().Order()
                .Where(d => EquityOn(d) != EquityOn(d.PlusDays(-1)))
                .Select(d => (d, EquityOn(d) ? AccountClass.Equity : AccountClass.Liability)).ToList();
            var spans = new List<DateSpan>();
            var from = start;
            foreach (var boundary in changes.Select(c => c.d).Append(end.PlusDays(1)))
            {
                if (boundary > from && EquityOn(from)) spans.Add(new DateSpan(from, boundary.PlusDays(-1)));
                from = boundary;
            }
            var open = EquityOn(start.PlusDays(-1));
            if (!open && spans.Count == 0) return null;
            return new ColumnPlan(name, start, end, [code], [code], false, [], open, EquityOn(end), spans, changes);
        }
    }

    /// <summary>One column from its balances and movements; pure.</summary>
    public static EquityColumn Build(ReportContext ctx, ColumnPlan c, Instant? known, decimal opening, decimal closing, Movements? m,
        IReadOnlyList<EquityReclassification> reclassifications)
    {
        decimal Credit(IReadOnlyDictionary<string, (decimal Debit, decimal Credit)>? d, IEnumerable<string> codes) =>
            d is null ? 0m : codes.Sum(x => d.GetValueOrDefault(x).Credit);
        decimal Debit(IReadOnlyDictionary<string, (decimal Debit, decimal Credit)>? d, IEnumerable<string> codes) =>
            d is null ? 0m : codes.Sum(x => d.GetValueOrDefault(x).Debit);

        var allocatedCredit = Credit(m?.Allocation, c.Accounts);
        var allocatedDebit = Debit(m?.Allocation, c.Accounts);
        var added = Credit(m?.Regular, c.Accounts) - allocatedCredit;
        var reduced = Debit(m?.Regular, c.Accounts) - allocatedDebit;
        var distributed = c.Shu ? allocatedDebit - allocatedCredit : 0m;
        var allocated = c.Shu ? 0m : allocatedCredit - allocatedDebit;
        var ofPeriod = c.Shu ? Credit(m?.Regular, c.ProfitAndLoss) - Debit(m?.Regular, c.ProfitAndLoss) : 0m;

        // Links only where the row applies to the column and the column has accounts; a null link stands for 0.
        var hasAccounts = c.Accounts.Count > 0;
        string? Balance(LocalDate day) => hasAccounts ? ctx.LinesLink(LineFilter.Between(null, day, known, c.BalanceAccounts)) : null;
        string? Moves(Func<LineFilter, LineFilter> refine) =>
            hasAccounts && c.Spans.Count > 0 ? ctx.LinesLink(refine(new LineFilter(c.Spans, known, c.Accounts, [EntryKinds.Regular]))) : null;
        var drill = new EquityDrillDown(
            Opening: c.OpenAsEquity ? Balance(c.Start.PlusDays(-1)) : null,
            Added: Moves(f => f with { Side = LineFilter.Credit, ExcludeSource = Allocation }),
            Reduced: Moves(f => f with { Side = LineFilter.Debit, ExcludeSource = Allocation }),
            Distributed: c.Shu ? Moves(f => f with { Source = Allocation }) : null,
            AllocatedFromShu: c.Shu ? null : Moves(f => f with { Source = Allocation }),
            ShuOfPeriod: c.Shu ? ctx.LinesLink(new LineFilter(c.Spans, known, c.ProfitAndLoss, [EntryKinds.Regular])) : null,
            Closing: c.CloseAsEquity ? Balance(c.End) : null);
        return new EquityColumn(c.Name, c.Accounts, opening, added, reduced, distributed, ofPeriod, closing, allocated,
            reclassifications.Sum(r => r.Amount), reclassifications, drill);
    }

    private static LineFilter AllocationLines(IReadOnlyList<DateSpan> spans, Instant? known, IReadOnlyList<string>? accounts) =>
        new(spans, known, accounts, [EntryKinds.Regular], Source: Allocation);

    private static decimal Sum(IReadOnlyDictionary<string, AccountTotals> balances, IEnumerable<string> codes) =>
        codes.Sum(c => balances.GetValueOrDefault(c)?.DebitBalance ?? 0m);
}
