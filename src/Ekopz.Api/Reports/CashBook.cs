using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Api.Ledger;
using Ekopz.Domain.Common;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Ekopz.Api.Reports;

public sealed record CashBookAccount(string AccountCode, string AccountName, decimal OpeningBalance, decimal TotalIn, decimal TotalOut,
    decimal ClosingBalance, IReadOnlyList<LineView> Lines);

public sealed record CashBookView(LocalDate From, LocalDate To, Instant? KnownAt, IReadOnlyList<CashBookAccount> Accounts, decimal OpeningBalance,
    decimal ClosingBalance);

/// <summary>Buku kas: every movement of each cash account (kas, bank) in a period, with running balances.</summary>
public static class CashBookEndpoint
{
    [WolverineGet("/api/v1/koperasi/{kop}/reports/cash-book", OperationId = "getCashBook")]
    [Authorize(Policy = Policies.StaffRead)]
    [Tags("Reports")]
    [ProducesResponseType<CashBookView>(200)]
    public static async Task<IResult> Get(string kop, string? from, string? to, string? account, string? knownAt, HttpContext http,
        IDocumentStore store, IClock clock, LedgerQueries ledger)
    {
        var ctx = await ReportContext.Load(store, clock, kop, http.RequestAborted);
        var (start, end) = ctx.Period(from, to);
        var known = QueryParams.Instant(knownAt, "knownAt");
        var cash = ctx.CashAccounts();
        if (account is not null && !cash.Contains(account)) throw DomainException.Validation("account", $"{account} is not a cash account.");
        var accounts = account is null ? cash : [account];
        var opening = await ledger.Balances(kop, start.PlusDays(-1), known, http.RequestAborted);
        var lines = await ledger.Lines(kop, start, end, known, http.RequestAborted, accounts);
        var books = accounts.Select(code =>
        {
            var balance = opening.GetValueOrDefault(code)?.DebitBalance ?? 0m;
            var start0 = balance;
            var mine = lines.Where(l => l.AccountCode == code).Select(l =>
            {
                balance += l.Debit - l.Credit;
                return LedgerEndpoints.View(ctx, l, balance);
            }).ToList();
            return new CashBookAccount(code, ctx.NameOf(code, end), start0, mine.Sum(l => l.Debit), mine.Sum(l => l.Credit), balance, mine);
        }).ToList();
        var view = new CashBookView(start, end, known, books, books.Sum(b => b.OpeningBalance), books.Sum(b => b.ClosingBalance));
        if (!Csv.Wanted(http)) return Results.Json(view, ApiJson.Options);
        return Csv.Result($"cash-book-{start:yyyy-MM-dd}-{end:yyyy-MM-dd}.csv",
            ["accountCode", "businessDate", "entryId", "eventId", "description", "in", "out", "balance", "actor"],
            books.SelectMany(b => b.Lines.Select(l => (IReadOnlyList<object?>)[b.AccountCode, l.BusinessDate, l.EntryId, l.EventId, l.Description,
                l.Debit, l.Credit, l.Balance, l.Actor])));
    }
}
