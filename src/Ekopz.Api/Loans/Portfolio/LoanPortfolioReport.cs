using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Api.Ledger;
using Ekopz.Domain.Common;
using Ekopz.Domain.Ledger;
using Ekopz.Domain.Loans;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Ekopz.Api.Loans.Portfolio;

public sealed record PortfolioClassView(string Kolektibilitas, int Loans, decimal Outstanding, decimal AllowancePercent, decimal RequiredAllowance);

public sealed record PortfolioLoanView(Guid LoanId, Guid MemberId, string MemberNumber, decimal OutstandingPrincipal, int DaysPastDue, string Kolektibilitas);

/// <param name="ProblemLoanRatio">Kurang lancar + diragukan + macet over all outstanding, percent.</param>
/// <param name="RequiredAllowance">PPAPWD for the health report.</param>
/// <param name="BookedAllowance">The accounting allowance (CKPN) in the ledger on the date.</param>
/// <param name="ReceivableControlAccount">The loan receivable account's balance on the date; <c>reconciles</c> says it equals the outstanding principal.</param>
public sealed record LoanPortfolioView(
    LocalDate AsOf, int Loans, decimal Outstanding, IReadOnlyList<PortfolioClassView> ByKolektibilitas, decimal ProblemOutstanding,
    decimal ProblemLoanRatio, decimal RequiredAllowance, decimal BookedAllowance, decimal AllowanceShortfall, decimal ReceivableControlAccount,
    bool Reconciles, IReadOnlyList<PortfolioLoanView> LoanList);

/// <summary>
/// The loan portfolio on any date (staff): outstanding by kolektibilitas, the problem-loan ratio, the
/// required allowance beside the booked one, and the receivable control account beside the loans.
/// </summary>
public static class LoanPortfolioReport
{
    /// <summary>The loan portfolio report</summary>
    /// <remarks>
    /// Pengurus or pengawas. On <c>asOf</c>: outstanding by kolektibilitas, the problem-loan ratio (NPL), the required allowance
    /// beside the booked one, and the receivable control account beside the loans.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/reports/loan-portfolio", OperationId = "getLoanPortfolio")]
    [Authorize(Policy = Policies.BoardRead)]
    [Tags("Reports")]
    [ProducesResponseType<LoanPortfolioView>(200)]
    public static async Task<IResult> Get(string kop, string? asOf, HttpContext http, IDocumentStore store, IClock clock, LedgerQueries ledger)
    {
        await using var session = store.QuerySession(kop);
        var reads = await LoanReadContext.Open(session, clock, kop, http.RequestAborted);
        var date = reads.AsOf(asOf);
        var figures = await Figures(session, reads, date, http.RequestAborted);

        var chart = await session.LoadAsync<Chart>(Chart.StreamId(kop), http.RequestAborted) ?? throw DomainException.NotFound("The chart of accounts");
        var balances = await ledger.Balances(kop, date, null, http.RequestAborted);
        var receivable = balances.GetValueOrDefault(chart.CodeFor(AccountRoles.LoanReceivable, date))?.DebitBalance ?? 0m;
        var allowance = -(balances.GetValueOrDefault(chart.CodeFor(AccountRoles.LoanAllowance, date))?.DebitBalance ?? 0m);

        return Results.Json(new LoanPortfolioView(date, figures.Loans.Count, figures.Outstanding,
            figures.Classes.Select(c => new PortfolioClassView(c.Kolektibilitas.Name(), c.Loans, c.Outstanding, c.AllowancePercent, c.RequiredAllowance))
                .ToList(),
            figures.ProblemOutstanding, figures.ProblemLoanRatio, figures.RequiredAllowance, allowance, Math.Max(0m, figures.RequiredAllowance - allowance),
            receivable, receivable == figures.Outstanding,
            figures.Loans.Select(l => new PortfolioLoanView(l.LoanId, l.MemberId, l.MemberNumber, l.OutstandingPrincipal, l.DaysPastDue,
                l.Kolektibilitas.Name())).ToList()), ApiJson.Options);
    }

    /// <summary>The portfolio's figures on a date, from every loan disbursed by then: this report's, and the dashboard's.</summary>
    public static async Task<PortfolioFigures> Figures(IQuerySession session, LoanReadContext reads, LocalDate date, CancellationToken ct)
    {
        var key = date.Key();
        var loans = await session.Query<Loan>().Where(l => l.DisbursedOnKey > 0 && l.DisbursedOnKey <= key).ToListAsync(ct);
        return LoanPortfolio.At(loans, reads.SettingsAt(date), date);
    }
}
