using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Ledger;
using Ekopz.Projections.Ledger;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Ekopz.Api.Ledger;

public sealed record LineView(Guid EntryId, int LineNo, string AccountCode, string AccountName, LocalDate BusinessDate, decimal Debit, decimal Credit,
    decimal? Balance, string? Counterparty, string? CashFlow, Guid? MemberId, string? Memo, Guid? EventId, long Sequence, string Source,
    string Actor, Instant RecordedAt, string Description, string Kind, string RuleVersion, Guid? Reference, string Entry);

/// <param name="TotalLines">Lines in the period; <c>lines</c> holds page <c>page</c> of them, each with the balance after it.</param>
public sealed record GeneralLedgerView(string AccountCode, string AccountName, string Class, LocalDate From, LocalDate To, Instant? KnownAt,
    decimal OpeningBalance, decimal TotalDebit, decimal TotalCredit, decimal ClosingBalance, IReadOnlyList<LineView> Lines,
    int Page = 1, int PageSize = 0, long TotalLines = 0);

public sealed record EntryLineView(int LineNo, string AccountCode, string AccountName, decimal Debit, decimal Credit, string? Counterparty,
    string? CashFlow, Guid? MemberId, string? Memo);

public sealed record EntryView(Guid EntryId, Guid? EventId, long Sequence, string Source, string Kind, LocalDate BusinessDate, Instant RecordedAt,
    string Actor, string Description, string RuleVersion, Guid? Reference, decimal TotalDebit, decimal TotalCredit,
    IReadOnlyList<EntryLineView> Lines, string? Event);

/// <param name="TotalEntries">Entries the filter selects over the whole period (counted by the database, not on the page).</param>
/// <param name="TotalDebit">Debit of all lines of those entries; equal to <paramref name="TotalCredit"/>.</param>
public sealed record JournalView(LocalDate From, LocalDate To, string? Account, int Page, int PageSize, int TotalEntries, IReadOnlyList<EntryView> Entries,
    Instant? KnownAt = null, string? CashFlow = null, decimal TotalDebit = 0, decimal TotalCredit = 0);

/// <summary>The journal lines behind a report figure: the filter as understood, totals over all of them, and one page.</summary>
public sealed record LinesView(IReadOnlyList<DateSpan> Dates, Instant? KnownAt, IReadOnlyList<string>? Accounts, IReadOnlyList<string>? Kinds,
    string? CashFlow, string? Side, string? Counterparty, string? Source, string? ExcludeSource,
    long TotalLines, decimal TotalDebit, decimal TotalCredit, int Page, int PageSize, IReadOnlyList<LineView> Lines);

/// <summary>
/// The ledger itself: trial balance, journal, the general ledger of one account, one entry, and the
/// business event behind it. Together they let any report line be traced to the events that made it.
/// </summary>
public static class LedgerEndpoints
{
    /// <summary>Trial balance (neraca saldo)</summary>
    /// <remarks>
    /// Pengurus or pengawas. Every account's debit and credit balance on <c>asOf</c> as known at <c>knownAt</c>;
    /// <c>preClosing</c> leaves the year-end closing entries out. JSON, or CSV with <c>Accept: text/csv</c>.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/ledger/trial-balance", OperationId = "getTrialBalance")]
    [Authorize(Policy = Policies.BoardRead)]
    [Tags("Books")]
    [ProducesResponseType<TrialBalanceView>(200)]
    public static async Task<IResult> TrialBalance(string kop, string? asOf, string? knownAt, bool? preClosing, HttpContext http, IDocumentStore store,
        IClock clock, LedgerQueries ledger)
    {
        var ctx = await ReportContext.Load(store, clock, kop, http.RequestAborted);
        var date = ctx.AsOf(asOf);
        var known = QueryParams.Instant(knownAt, "knownAt");
        // preClosing: on 31 December, the trial balance before that year's closing entry (what December's seal covers).
        var pre = preClosing ?? false;
        var lines = await TrialBalances.Load(ledger, kop, date, known, pre, http.RequestAborted);
        // A line filter cannot leave out only the last day's closing entry, so the pre-closing view has no
        // drill-down links rather than links whose lines would not add up to the row.
        var view = TrialBalances.View(ctx.Chart, date, known, lines,
            pre ? null : code => ctx.LinesLink(LineFilter.Between(null, date, known, [code])));
        return Csv.Wanted(http)
            ? Csv.Result($"trial-balance-{date:yyyy-MM-dd}.csv", ["accountCode", "accountName", "class", "debit", "credit"],
                view.Lines.Select(l => (IReadOnlyList<object?>)[l.AccountCode, l.AccountName, l.Class, l.Debit, l.Credit])
                    .Append(["", "TOTAL", "", view.TotalDebit, view.TotalCredit]))
            : Results.Json(view, ApiJson.Options);
    }

    /// <summary>Journal lines behind a report figure</summary>
    /// <remarks>
    /// The journal lines behind any report figure (every drill-down link points here): by accounts, business dates (<c>from</c>
    /// defaults to the first posting, <c>to</c> to today), knownAt, entry kind, cash flow category, side, counterparty and source
    /// event type. Totals cover every selected line; <c>lines</c> is one page; CSV holds them all.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/ledger/lines", OperationId = "getLedgerLines")]
    [Authorize(Policy = Policies.BoardRead)]
    [Tags("Books")]
    [ProducesResponseType<LinesView>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    public static async Task<IResult> Lines(string kop, string? accounts, string? from, string? to, string? dates, string? knownAt, string? kind,
        string? cashFlow, string? side, string? counterparty, string? source, string? excludeSource, int? page, int? pageSize, HttpContext http,
        IDocumentStore store, IClock clock, LedgerLines lines, ReportLimits limits)
    {
        var ctx = await ReportContext.Load(store, clock, kop, http.RequestAborted);
        var filter = LineFilter.Parse(ctx.Today, accounts, from, to, dates, knownAt, kind, cashFlow, side, counterparty, source, excludeSource);
        if (filter.Accounts?.FirstOrDefault(c => ctx.Chart.Find(c) is null) is { } unknown)
            throw DomainException.Validation("accounts", $"There is no account {unknown}.");
        if (Csv.Wanted(http))
            return Csv.Stream("ledger-lines.csv",
                ["businessDate", "entryId", "lineNo", "eventId", "source", "description", "accountCode", "accountName", "debit", "credit", "cashFlow",
                    "counterparty", "actor", "recordedAt"],
                Rows(lines.Stream(kop, filter, http.RequestAborted), r => [r.BusinessDate, r.EntryId, r.LineNo, r.EventId, r.Source, r.Description,
                    r.AccountCode, ctx.NameOf(r.AccountCode, r.BusinessDate), r.Debit, r.Credit, r.CashFlow, r.Counterparty, r.Actor, r.RecordedAt]));
        var (p, size) = limits.Paging(page, pageSize);
        var totals = await lines.Totals(kop, filter, http.RequestAborted);
        var rows = await lines.Page(kop, filter, p, size, http.RequestAborted);
        return Results.Json(new LinesView(filter.Dates, filter.KnownAt, filter.Accounts, filter.Kinds, filter.CashFlow, filter.Side, filter.Counterparty,
            filter.Source, filter.ExcludeSource, totals.Count, totals.Debit, totals.Credit, p, size,
            rows.Select(r => View(ctx, r.Row, null)).ToList()), ApiJson.Options);
    }

    /// <summary>General ledger of one account (buku besar)</summary>
    /// <remarks>
    /// Pengurus or pengawas. The account's lines in <c>from</c>..<c>to</c> as known at <c>knownAt</c>, with opening and running
    /// balance, paged. JSON or CSV.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/ledger/accounts/{code}/lines", OperationId = "getGeneralLedger")]
    [Authorize(Policy = Policies.BoardRead)]
    [Tags("Books")]
    [ProducesResponseType<GeneralLedgerView>(200)]
    public static async Task<IResult> GeneralLedger(string kop, string code, string? from, string? to, string? knownAt, int? page, int? pageSize,
        HttpContext http, IDocumentStore store, IClock clock, LedgerQueries ledger, LedgerLines lines, ReportLimits limits)
    {
        var ctx = await ReportContext.Load(store, clock, kop, http.RequestAborted);
        var account = ctx.Chart.Find(code) ?? throw DomainException.NotFound($"Account {code}");
        var (start, end) = ctx.Period(from, to);
        var known = QueryParams.Instant(knownAt, "knownAt");
        var sign = account.Definition.DebitNormal ? 1 : -1;
        var openingTotals = await ledger.Totals(kop, null, start.PlusDays(-1), known, LedgerQueries.AllKinds, false, http.RequestAborted);
        var opening = sign * openingTotals.Where(t => t.Code == code).Sum(t => t.DebitBalance);
        var filter = LineFilter.Between(start, end, known, [code]);
        if (Csv.Wanted(http))
        {
            var balance = opening;
            return Csv.Stream($"ledger-{code}-{start:yyyy-MM-dd}-{end:yyyy-MM-dd}.csv",
                ["businessDate", "entryId", "eventId", "sequence", "description", "debit", "credit", "balance", "actor", "recordedAt"],
                Rows(lines.Stream(kop, filter, http.RequestAborted), r =>
                {
                    balance += sign * (r.Debit - r.Credit);
                    return [r.BusinessDate, r.EntryId, r.EventId, r.Sequence, r.Description, r.Debit, r.Credit, balance, r.Actor, r.RecordedAt];
                }));
        }
        var (p, size) = limits.Paging(page, pageSize);
        var totals = await lines.Totals(kop, filter, http.RequestAborted);
        var rows = await lines.Page(kop, filter, p, size, http.RequestAborted);
        var view = new GeneralLedgerView(code, account.NameAt(end), account.Class.ToString().ToLowerInvariant(), start, end, known, opening,
            totals.Debit, totals.Credit, opening + sign * (totals.Debit - totals.Credit),
            rows.Select(r => View(ctx, r.Row, opening + sign * r.Running)).ToList(), p, size, totals.Count);
        return Results.Json(view, ApiJson.Options);
    }

    /// <summary>The journal (jurnal)</summary>
    /// <remarks>
    /// Pengurus or pengawas. Journal entries in <c>from</c>..<c>to</c> with their lines, optionally touching one <c>account</c>
    /// or one cash flow category, as known at <c>knownAt</c>; paged. JSON or CSV.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/ledger/journal", OperationId = "getJournal")]
    [Authorize(Policy = Policies.BoardRead)]
    [Tags("Books")]
    [ProducesResponseType<JournalView>(200)]
    public static async Task<IResult> Journal(string kop, string? from, string? to, string? account, string? cashFlow, string? knownAt, int? page,
        int? pageSize, HttpContext http, IDocumentStore store, IClock clock, LedgerLines lines, ReportLimits limits)
    {
        var ctx = await ReportContext.Load(store, clock, kop, http.RequestAborted);
        var (start, end) = ctx.Period(from, to);
        var known = QueryParams.Instant(knownAt, "knownAt");
        LineFilter.CheckCashFlow(cashFlow);
        // Entries with at least one line on the account (and in the category), each shown whole.
        var filter = new LineFilter([new DateSpan(start, end)], known, account is null ? null : [account], CashFlow: cashFlow);
        if (Csv.Wanted(http))
            return Csv.Stream($"journal-{start:yyyy-MM-dd}-{end:yyyy-MM-dd}.csv",
                ["businessDate", "entryId", "eventId", "source", "description", "accountCode", "accountName", "debit", "credit", "actor", "recordedAt"],
                Rows(lines.StreamEntries(kop, filter, http.RequestAborted), r => [r.BusinessDate, r.EntryId, r.EventId, r.Source, r.Description,
                    r.AccountCode, ctx.NameOf(r.AccountCode, r.BusinessDate), r.Debit, r.Credit, r.Actor, r.RecordedAt]));
        var (p, size) = limits.Paging(page, pageSize);
        var totals = await lines.EntryTotals(kop, filter, http.RequestAborted);
        var rows = await lines.EntryPage(kop, filter, p, size, http.RequestAborted);
        var entries = rows.GroupBy(r => r.EntryId).Select(g => Entry(ctx, g.ToList(), null)).ToList();
        return Results.Json(new JournalView(start, end, account, p, size, checked((int)totals.Count), entries, known, cashFlow, totals.Debit, totals.Credit),
            ApiJson.Options);
    }

    /// <summary>CSV rows mapped one by one from a database stream.</summary>
    internal static async IAsyncEnumerable<IReadOnlyList<object?>> Rows(IAsyncEnumerable<LedgerLineRow> rows, Func<LedgerLineRow, IReadOnlyList<object?>> map)
    {
        await foreach (var r in rows) yield return map(r);
    }

    /// <summary>Read one journal entry</summary>
    /// <remarks>
    /// Pengurus or pengawas. The entry's lines, its posting rule version, and the event that made it (with who, when, channel).
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/ledger/entries/{entryId}", OperationId = "getJournalEntry")]
    [Authorize(Policy = Policies.BoardRead)]
    [Tags("Books")]
    [ProducesResponseType<EntryView>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> GetEntry(string kop, Guid entryId, HttpContext http, IDocumentStore store, IClock clock, LedgerLines lines)
    {
        var ctx = await ReportContext.Load(store, clock, kop, http.RequestAborted);
        var rows = await lines.OfEntry(kop, entryId, http.RequestAborted);
        if (rows.Count == 0) return Problems.Result(http, ErrorCodes.NotFound, "No such journal entry.");
        return Results.Json(Entry(ctx, rows, rows[0].EventId is { } e ? ctx.Link($"events/{e}") : null), ApiJson.Options);
    }

    /// <summary>Journal entries posted by an event</summary>
    /// <remarks>
    /// The other way round: from a business event to the journal entries it posted (none for events that move no money).
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/events/{eventId}/entries", OperationId = "getEventEntries")]
    [Authorize(Policy = Policies.BoardRead)]
    [Tags("Books")]
    [ProducesResponseType<IReadOnlyList<EntryView>>(200)]
    public static async Task<IResult> EntriesOfEvent(string kop, Guid eventId, HttpContext http, IDocumentStore store, IClock clock, LedgerLines lines)
    {
        var ctx = await ReportContext.Load(store, clock, kop, http.RequestAborted);
        var rows = await lines.OfEvent(kop, eventId, http.RequestAborted);
        var entries = rows.GroupBy(r => r.EntryId).Select(g => Entry(ctx, g.ToList(), null)).ToList();
        return Results.Json(entries, ApiJson.Options);
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
