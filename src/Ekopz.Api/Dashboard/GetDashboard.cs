using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Api.Ledger;
using Ekopz.Api.Loans;
using Ekopz.Api.Loans.Listing;
using Ekopz.Api.Loans.Portfolio;
using Ekopz.Api.Savings.Arrears;
using Ekopz.Api.Savings.Reversing;
using Ekopz.Api.Savings.Withdrawing;
using Ekopz.Api.Shop.Units;
using Ekopz.Domain.Common;
using Ekopz.Domain.Koperasi;
using Ekopz.Domain.Ledger;
using Ekopz.Domain.Loans;
using Ekopz.Domain.Shop;
using Ekopz.Projections.Members;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Ekopz.Api.Dashboard;

/// <param name="InToday">Debits to kas and bank dated <c>asOf</c>; <paramref name="OutToday"/> the credits.</param>
/// <param name="Balance">Kas and bank at the end of <c>asOf</c>.</param>
public sealed record DashboardCash(decimal InToday, decimal OutToday, decimal Balance);

/// <summary>Members by where they stood at the end of <c>asOf</c> (by their registration, activation and exit dates).</summary>
public sealed record DashboardMembers(int Active, int Applicants, int Exited, int Deceased);

public sealed record DashboardSavings(decimal Pokok, decimal Wajib, decimal Sukarela);

/// <param name="Month">yyyy-MM; the balances at its end (for the month of <c>asOf</c>, at <c>asOf</c>).</param>
public sealed record DashboardSavingsMonth(string Month, decimal Pokok, decimal Wajib, decimal Sukarela);

public sealed record DashboardLoanClass(string Kolektibilitas, int Count, decimal Outstanding);

/// <param name="NplRatio">Kurang lancar + diragukan + macet over all outstanding, percent: the loan portfolio's <c>problemLoanRatio</c>.</param>
public sealed record DashboardLoans(int Count, decimal Outstanding, decimal NplRatio, IReadOnlyList<DashboardLoanClass> ByKolektibilitas);

/// <summary>What waits for a pengurus now (whatever <c>asOf</c> says): the lengths of the approval queues.</summary>
public sealed record DashboardPending(int Withdrawals, int Loans, int Reversals, int Adjustments, int Payouts, int Total);

/// <param name="Members">Members with at least one month of wajib ended unpaid on <c>asOf</c>; <paramref name="Amount"/> what they owe for those months.</param>
public sealed record DashboardArrears(int Members, decimal Amount);

public sealed record DashboardSalesMonth(string Month, decimal Amount);

/// <param name="SalesThisMonth">Net sales (member and non-member sales less returns) from the 1st of <c>asOf</c>'s month to <c>asOf</c>.</param>
public sealed record DashboardShop(decimal SalesThisMonth, IReadOnlyList<DashboardSalesMonth> SalesByMonth);

public sealed record DashboardView(
    LocalDate AsOf, string KoperasiName, DashboardCash Cash, DashboardMembers Members, DashboardSavings Savings,
    IReadOnlyList<DashboardSavingsMonth> SavingsByMonth, DashboardLoans Loans, DashboardPending PendingApprovals, DashboardArrears WajibArrears,
    DashboardShop Shop);

/// <summary>
/// The board's home page (beranda) in one read. Every figure comes from the query behind its own report, so the two
/// always agree (docs/adr/0015): money from the ledger's daily totals (cash as the cash book, savings as the trial
/// balance's control accounts, sales as the income statement's sales accounts), loans from the loan portfolio's
/// figures, arrears from the wajib arrears list's standings, pending counts from the approval queues' own queries.
/// Nothing loops over members' events: the largest reads are SQL sums and one row per member for arrears.
/// </summary>
public static class GetDashboardEndpoint
{
    private const int Months = 12;

    /// <summary>The board's dashboard (beranda)</summary>
    /// <remarks>
    /// Pengurus or pengawas. In one read on <c>asOf</c>: cash today, members, savings, loans and NPL, approvals waiting, wajib
    /// arrears and shop sales. Every figure comes from the query behind its own report, so the two always agree.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/dashboard", OperationId = "getDashboard")]
    [Authorize(Policy = Policies.BoardRead)]
    [Tags("Dashboard")]
    [ProducesResponseType<DashboardView>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    public static async Task<IResult> Get(string kop, string? asOf, HttpContext http, IDocumentStore store, IClock clock, LedgerQueries ledger,
        ReadDb db) =>
        Results.Json(await Compute(store, clock, ledger, db, kop, asOf, http.RequestAborted), ApiJson.Options);

    /// <summary>The dashboard of <paramref name="kop"/> on <paramref name="asOf"/> (default: its today), without HTTP (the bench times it).</summary>
    public static async Task<DashboardView> Compute(IDocumentStore store, IClock clock, LedgerQueries ledger, ReadDb db, string kop, string? asOf,
        CancellationToken ct)
    {
        var ctx = await ReportContext.Load(store, clock, kop, ct);
        var date = ctx.AsOf(asOf);
        await using var session = store.QuerySession(kop);
        var settings = await session.LoadAsync<KoperasiSettings>(KoperasiSettings.StreamId(kop), ct) ?? throw DomainException.NotFound("The koperasi");

        var chart = ctx.Chart;
        string? CodeOf(string role) => chart.Roles.Where(r => r.Role == role && r.EffectiveFrom <= date).OrderBy(r => r.EffectiveFrom).LastOrDefault()?.Code;
        // Kas and bank: the accounts the cash book reads (tagged cash), and any account holding the kas or bank role.
        var cash = ctx.CashAccounts()
            .Union(chart.Roles.Where(r => r.Role is AccountRoles.CashKas or AccountRoles.CashBank && r.EffectiveFrom <= date).Select(r => r.Code))
            .ToHashSet();
        var (pokok, wajib, sukarela) = (CodeOf(AccountRoles.SavingsPokok), CodeOf(AccountRoles.SavingsWajib), CodeOf(AccountRoles.SavingsSukarela));
        var sales = new[] { CodeOf(AccountRoles.ShopSalesMember), CodeOf(AccountRoles.ShopSalesNonMember), CodeOf(AccountRoles.ShopSalesReturns) }
            .OfType<string>().Distinct().ToList();
        var window = Enumerable.Range(0, Months).Select(i => date.ToYearMonth().PlusMonths(i - Months + 1)).ToList();

        // The SQL reads are independent: run them side by side, each on its own connection, while the session reads documents.
        var balancesTask = ledger.Balances(kop, date, null, ct);
        var dayTask = ledger.Totals(kop, date, date, null, LedgerQueries.AllKinds, false, ct);
        var savingsTask = ledger.MonthlyTotals(kop, null, date, new[] { pokok, wajib, sukarela }.OfType<string>().Distinct().ToList(),
            LedgerQueries.AllKinds, ct);
        // Sales as the income statement reads them: regular entries only (the year-end closing entry would zero December).
        var salesTask = ledger.MonthlyTotals(kop, window[0].OnDayOfMonth(1), date, sales, LedgerQueries.RegularOnly, ct);
        var membersTask = CountMembers(db, kop, date, ct);
        var arrearsTask = GetWajibArrearsEndpoint.Standings(db, kop, settings, date, ct);

        var reads = await LoanReadContext.Open(session, clock, kop, ct);
        var portfolio = await LoanPortfolioReport.Figures(session, reads, date, ct);
        // The queues as they stand now, counted by the queries their lists use.
        var pending = new[]
        {
            await ListWithdrawalsEndpoint.Query(session, "requested").CountAsync(ct),
            await ListLoansEndpoint.Current(session, reads.Today, LoanStatus.Applied).CountAsync(ct),
            await ReverseDepositEndpoints.Query(session, "requested").CountAsync(ct),
            await AdjustmentEndpoints.Query(session, "requested").CountAsync(ct),
            (await ListPayoutsEndpoint.Read(session, PayoutStatuses.Requested, ct)).Count,
        };

        var balances = await balancesTask;
        var day = await dayTask;
        var savingsMonths = await savingsTask;
        var salesMonths = await salesTask;
        var members = await membersTask;
        var late = (await arrearsTask).Where(m => m.Standing.MonthsInArrears > 0).ToList();

        // Savings are credit balances of their control accounts: the trial balance's figures with the sign turned.
        decimal Held(string? code) => code is null ? 0m : -(balances.GetValueOrDefault(code)?.DebitBalance ?? 0m);
        decimal HeldThrough(string? code, YearMonth month) => -savingsMonths.Where(t => t.Code == code && t.Month <= month).Sum(t => t.DebitBalance);
        var salesByMonth = window.Select(m => new DashboardSalesMonth(Month(m), -salesMonths.Where(t => t.Month == m).Sum(t => t.DebitBalance))).ToList();

        return new DashboardView(
            date,
            settings.Name,
            new DashboardCash(day.Where(t => cash.Contains(t.Code)).Sum(t => t.Debit), day.Where(t => cash.Contains(t.Code)).Sum(t => t.Credit),
                balances.Values.Where(t => cash.Contains(t.Code)).Sum(t => t.DebitBalance)),
            members,
            new DashboardSavings(Held(pokok), Held(wajib), Held(sukarela)),
            window.Select(m => new DashboardSavingsMonth(Month(m), HeldThrough(pokok, m), HeldThrough(wajib, m), HeldThrough(sukarela, m))).ToList(),
            new DashboardLoans(portfolio.Loans.Count, portfolio.Outstanding, portfolio.ProblemLoanRatio,
                portfolio.Classes.Select(c => new DashboardLoanClass(c.Kolektibilitas.Name(), c.Loans, c.Outstanding)).ToList()),
            new DashboardPending(pending[0], pending[1], pending[2], pending[3], pending[4], pending.Sum()),
            new DashboardArrears(late.Count, late.Sum(m => m.Standing.ArrearsAmount)),
            new DashboardShop(salesByMonth[^1].Amount, salesByMonth));
    }

    private static string Month(YearMonth m) => m.ToString("yyyy-MM", null);

    /// <summary>Members by where they stood at the end of the date (<see cref="MemberQueries.CountByStanding"/>).</summary>
    private static async Task<DashboardMembers> CountMembers(ReadDb db, string kop, LocalDate date, CancellationToken ct)
    {
        var counts = await MemberQueries.CountByStanding(db.DataSource, kop, date, ct);
        return new DashboardMembers(counts.Active, counts.Applicants, counts.Exited, counts.Deceased);
    }
}
