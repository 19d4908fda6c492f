using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Ekopz.Api.Ledger;

public sealed record LineView(Guid EntryId, int LineNo, string AccountCode, string AccountName, LocalDate BusinessDate, decimal Debit, decimal Credit,
    decimal? Balance, string? Counterparty, string? CashFlow, Guid? MemberId, string? Memo, Guid? EventId, long Sequence, string Source,
    string Actor, Instant RecordedAt, string Description, string Kind, string RuleVersion, Guid? Reference, string Entry);

public sealed record GeneralLedgerView(string AccountCode, string AccountName, string Class, LocalDate From, LocalDate To, Instant? KnownAt,
    decimal OpeningBalance, decimal TotalDebit, decimal TotalCredit, decimal ClosingBalance, IReadOnlyList<LineView> Lines);

public sealed record EntryLineView(int LineNo, string AccountCode, string AccountName, decimal Debit, decimal Credit, string? Counterparty,
    string? CashFlow, Guid? MemberId, string? Memo);

public sealed record EntryView(Guid EntryId, Guid? EventId, long Sequence, string Source, string Kind, LocalDate BusinessDate, Instant RecordedAt,
    string Actor, string Description, string RuleVersion, Guid? Reference, decimal TotalDebit, decimal TotalCredit,
    IReadOnlyList<EntryLineView> Lines, string? Event);

public sealed record JournalView(LocalDate From, LocalDate To, string? Account, int Page, int PageSize, int TotalEntries, IReadOnlyList<EntryView> Entries);

/// <summary>
/// The ledger itself: trial balance, journal, the general ledger of one account, one entry, and the
/// business event behind it. Together they let any report line be traced to the events that made it.
/// </summary>
public static class LedgerEndpoints
{
    [WolverineGet("/api/v1/koperasi/{kop}/ledger/trial-balance", OperationId = "getTrialBalance")]
    [Authorize(Policy = Policies.StaffRead)]
    [Tags("Books")]
    [ProducesResponseType<TrialBalanceView>(200)]
    public static async Task<IResult> TrialBalance(string kop, string? asOf, string? knownAt, bool? preClosing, HttpContext http, IDocumentStore store,
        IClock clock, LedgerQueries ledger)
    {
        var ctx = await ReportContext.Load(store, clock, kop, http.RequestAborted);
        var date = ctx.AsOf(asOf);
        var known = QueryParams.Instant(knownAt, "knownAt");
        // preClosing: on 31 December, the trial balance before that year's closing entry (what December's seal covers).
        var lines = await TrialBalances.Load(ledger, kop, date, known, preClosing ?? false, http.RequestAborted);
        var view = TrialBalances.View(ctx.Chart, date, known, lines);
        return Csv.Wanted(http)
            ? Csv.Result($"trial-balance-{date:yyyy-MM-dd}.csv", ["accountCode", "accountName", "class", "debit", "credit"],
                view.Lines.Select(l => (IReadOnlyList<object?>)[l.AccountCode, l.AccountName, l.Class, l.Debit, l.Credit])
                    .Append(["", "TOTAL", "", view.TotalDebit, view.TotalCredit]))
            : Results.Json(view, ApiJson.Options);
    }

    [WolverineGet("/api/v1/koperasi/{kop}/ledger/accounts/{code}/lines", OperationId = "getGeneralLedger")]
    [Authorize(Policy = Policies.StaffRead)]
    [Tags("Books")]
    [ProducesResponseType<GeneralLedgerView>(200)]
    public static async Task<IResult> GeneralLedger(string kop, string code, string? from, string? to, string? knownAt, HttpContext http,
        IDocumentStore store, IClock clock, LedgerQueries ledger)
    {
        var ctx = await ReportContext.Load(store, clock, kop, http.RequestAborted);
        var account = ctx.Chart.Find(code) ?? throw DomainException.NotFound($"Account {code}");
        var (start, end) = ctx.Period(from, to);
        var known = QueryParams.Instant(knownAt, "knownAt");
        var sign = account.Definition.DebitNormal ? 1 : -1;
        var openingTotals = await ledger.Totals(kop, null, start.PlusDays(-1), known, LedgerQueries.AllKinds, false, http.RequestAborted);
        var opening = sign * openingTotals.Where(t => t.Code == code).Sum(t => t.DebitBalance);
        var rows = await ledger.Lines(kop, start, end, known, http.RequestAborted, [code]);
        var running = opening;
        var lines = rows.Select(r =>
        {
            running += sign * (r.Debit - r.Credit);
            return View(ctx, r, running);
        }).ToList();
        var view = new GeneralLedgerView(code, account.NameAt(end), account.Class.ToString().ToLowerInvariant(), start, end, known, opening,
            rows.Sum(r => r.Debit), rows.Sum(r => r.Credit), running, lines);
        return Csv.Wanted(http)
            ? Csv.Result($"ledger-{code}-{start:yyyy-MM-dd}-{end:yyyy-MM-dd}.csv",
                ["businessDate", "entryId", "eventId", "sequence", "description", "debit", "credit", "balance", "actor", "recordedAt"],
                lines.Select(l => (IReadOnlyList<object?>)[l.BusinessDate, l.EntryId, l.EventId, l.Sequence, l.Description, l.Debit, l.Credit,
                    l.Balance, l.Actor, l.RecordedAt]))
            : Results.Json(view, ApiJson.Options);
    }

    [WolverineGet("/api/v1/koperasi/{kop}/ledger/journal", OperationId = "getJournal")]
    [Authorize(Policy = Policies.StaffRead)]
    [Tags("Books")]
    [ProducesResponseType<JournalView>(200)]
    public static async Task<IResult> Journal(string kop, string? from, string? to, string? account, string? knownAt, int? page, int? pageSize,
        HttpContext http, IDocumentStore store, IClock clock, LedgerQueries ledger)
    {
        var ctx = await ReportContext.Load(store, clock, kop, http.RequestAborted);
        var (start, end) = ctx.Period(from, to);
        var (p, size) = QueryParams.Paging(page, pageSize, defaultSize: 100);
        var known = QueryParams.Instant(knownAt, "knownAt");
        var rows = await ledger.Lines(kop, start, end, known, http.RequestAborted);
        var entries = rows.GroupBy(r => r.EntryId)
            .Where(g => account is null || g.Any(r => r.AccountCode == account))
            .Select(g => Entry(ctx, g.ToList(), null)).ToList();
        if (Csv.Wanted(http))
            return Csv.Result($"journal-{start:yyyy-MM-dd}-{end:yyyy-MM-dd}.csv",
                ["businessDate", "entryId", "eventId", "source", "description", "accountCode", "accountName", "debit", "credit", "actor", "recordedAt"],
                entries.SelectMany(e => e.Lines.Select(l => (IReadOnlyList<object?>)[e.BusinessDate, e.EntryId, e.EventId, e.Source, e.Description,
                    l.AccountCode, l.AccountName, l.Debit, l.Credit, e.Actor, e.RecordedAt])));
        return Results.Json(new JournalView(start, end, account, p, size, entries.Count, entries.Skip((p - 1) * size).Take(size).ToList()),
            ApiJson.Options);
    }

    [WolverineGet("/api/v1/koperasi/{kop}/ledger/entries/{entryId}", OperationId = "getJournalEntry")]
    [Authorize(Policy = Policies.StaffRead)]
    [Tags("Books")]
    [ProducesResponseType<EntryView>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> GetEntry(string kop, Guid entryId, HttpContext http, IDocumentStore store, IClock clock, LedgerQueries ledger)
    {
        var ctx = await ReportContext.Load(store, clock, kop, http.RequestAborted);
        var rows = await ledger.Lines(kop, LocalDate.MinIsoValue, LocalDate.MaxIsoValue, null, http.RequestAborted, entryId: entryId);
        if (rows.Count == 0) return Problems.Result(http, ErrorCodes.NotFound, "No such journal entry.");
        return Results.Json(Entry(ctx, rows, rows[0].EventId is { } e ? ctx.Link($"events/{e}") : null), ApiJson.Options);
    }

    internal static LineView View(ReportContext ctx, LedgerLineRow r, decimal? balance) => new(r.EntryId, r.LineNo, r.AccountCode,
        ctx.NameOf(r.AccountCode, r.BusinessDate), r.BusinessDate, r.Debit, r.Credit, balance, r.Counterparty, r.CashFlow, r.MemberId, r.Memo,
        r.EventId, r.Sequence, r.Source, r.Actor, r.RecordedAt, r.Description, r.Kind, r.RuleVersion, r.Reference, ctx.Link($"ledger/entries/{r.EntryId}"));

    private static EntryView Entry(ReportContext ctx, IReadOnlyList<LedgerLineRow> lines, string? eventLink)
    {
        var f = lines[0];
        return new EntryView(f.EntryId, f.EventId, f.Sequence, f.Source, f.Kind, f.BusinessDate, f.RecordedAt, f.Actor, f.Description, f.RuleVersion,
            f.Reference, lines.Sum(l => l.Debit), lines.Sum(l => l.Credit),
            lines.OrderBy(l => l.LineNo).Select(l => new EntryLineView(l.LineNo, l.AccountCode, ctx.NameOf(l.AccountCode, l.BusinessDate), l.Debit,
                l.Credit, l.Counterparty, l.CashFlow, l.MemberId, l.Memo)).ToList(),
            eventLink ?? (f.EventId is { } e ? ctx.Link($"events/{e}") : null));
    }
}
