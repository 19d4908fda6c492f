using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Api.Ledger;
using Ekopz.Domain.Common;
using Ekopz.Projections.Ledger;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Ekopz.Api.Reports;

/// <summary>The journal lines behind each figure of a cash account's book.</summary>
public sealed record CashBookDrillDown(string Opening, string In, string Out, string Closing);

/// <param name="TotalLines">Movements in the period; <c>lines</c> holds page <c>page</c> of them with the balance after each.</param>
public sealed record CashBookAccount(string AccountCode, string AccountName, decimal OpeningBalance, decimal TotalIn, decimal TotalOut,
    decimal ClosingBalance, IReadOnlyList<LineView> Lines, long TotalLines = 0, CashBookDrillDown? DrillDown = null);

/// <param name="Page">The page of every account's lines shown (page size <paramref name="PageSize"/>, per account).</param>
public sealed record CashBookView(LocalDate From, LocalDate To, Instant? KnownAt, IReadOnlyList<CashBookAccount> Accounts, decimal OpeningBalance,
    decimal ClosingBalance, int Page = 1, int PageSize = 0);

/// <summary>
/// Buku kas: every movement of each cash account (kas, bank) in a period, with running balances.
/// Opening balances come from the daily totals, period totals from a SQL sum over the lines, and the
/// movements are paged per account (page N of each account's book); CSV holds every movement.
/// </summary>
public static class CashBookEndpoint
{
    /// <summary>Cash book (buku kas)</summary>
    /// <remarks>
    /// Kasir, pengurus or pengawas. Every movement of each cash account (kas, bank) in <c>from</c>..<c>to</c> with running
    /// balances, optionally of one <c>account</c>; the movements are paged per account. CSV holds every movement.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/reports/cash-book", OperationId = "getCashBook")]
    [Authorize(Policy = Policies.CounterRead)]
    [Tags("Reports")]
    [ProducesResponseType<CashBookView>(200)]
    public static async Task<IResult> Get(string kop, string? from, string? to, string? account, string? knownAt, int? page, int? pageSize,
        HttpContext http, IDocumentStore store, IClock clock, LedgerQueries ledger, LedgerLines lines, ReportLimits limits)
    {
        var ctx = await ReportContext.Load(store, clock, kop, http.RequestAborted);
        var (start, end) = ctx.Period(from, to);
        var known = QueryParams.Instant(knownAt, "knownAt");
        var cash = ctx.CashAccounts();
        if (account is not null && !cash.Contains(account)) throw DomainException.Validation("account", $"{account} is not a cash account.");
        var accounts = account is null ? cash : [account];
        var opening = await ledger.Balances(kop, start.PlusDays(-1), known, http.RequestAborted);
        decimal Opening(string code) => opening.GetValueOrDefault(code)?.DebitBalance ?? 0m;
        LineFilter Movements(string code) => LineFilter.Between(start, end, known, [code]);

        if (Csv.Wanted(http))
            return Csv.Stream($"cash-book-{start:yyyy-MM-dd}-{end:yyyy-MM-dd}.csv",
                ["accountCode", "businessDate", "entryId", "eventId", "description", "in", "out", "balance", "actor"],
                CsvRows(accounts, code => lines.Stream(kop, Movements(code), http.RequestAborted), Opening));

        var (p, size) = limits.Paging(page, pageSize);
        var totals = (await lines.SumByAccount(kop, LineFilter.Between(start, end, known, accounts), http.RequestAborted)).ToDictionary(t => t.Key);
        var books = new List<CashBookAccount>();
        foreach (var code in accounts)
        {
            var start0 = Opening(code);
            var t = totals.GetValueOrDefault(code) ?? new KeyTotals(code, 0m, 0m, 0);
            var rows = await lines.Page(kop, Movements(code), p, size, http.RequestAborted);
            var drill = new CashBookDrillDown(
                ctx.LinesLink(LineFilter.Between(null, start.PlusDays(-1), known, [code])),
                ctx.LinesLink(Movements(code) with { Side = LineFilter.Debit }),
                ctx.LinesLink(Movements(code) with { Side = LineFilter.Credit }),
                ctx.LinesLink(LineFilter.Between(null, end, known, [code])));
            books.Add(new CashBookAccount(code, ctx.NameOf(code, end), start0, t.Debit, t.Credit, start0 + t.Debit - t.Credit,
                rows.Select(r => LedgerEndpoints.View(ctx, r.Row, start0 + r.Running)).ToList(), t.Count, drill));
        }
        return Results.Json(new CashBookView(start, end, known, books, books.Sum(b => b.OpeningBalance), books.Sum(b => b.ClosingBalance), p, size),
            ApiJson.Options);
    }

    /// <summary>Each account's movements in turn, with its running balance.</summary>
    private static async IAsyncEnumerable<IReadOnlyList<object?>> CsvRows(IEnumerable<string> accounts,
        Func<string, IAsyncEnumerable<LedgerLineRow>> movements, Func<string, decimal> opening)
    {
        foreach (var code in accounts)
        {
            var balance = opening(code);
            await foreach (var l in movements(code))
            {
                balance += l.Debit - l.Credit;
                yield return [code, l.BusinessDate, l.EntryId, l.EventId, l.Description, l.Debit, l.Credit, balance, l.Actor];
            }
        }
    }
}
