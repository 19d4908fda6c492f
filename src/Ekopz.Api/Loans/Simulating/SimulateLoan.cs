using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Loans;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Ekopz.Api.Loans.Simulating;

/// <param name="AnnualRate">Percent a year (18), at most 24.</param>
/// <param name="Method"><c>flat</c>, <c>efektif</c> or <c>anuitas</c>.</param>
/// <param name="Frequency"><c>monthly</c> (default), <c>weekly</c> or <c>daily</c>.</param>
/// <param name="RoundingUnit">Installments rounded to a multiple of this (default 1).</param>
/// <param name="ProductId">Simulate a product's terms: its rate, method, frequency, rounding and fees.</param>
/// <param name="StartDate">The disbursement date the due dates count from (default today).</param>
public sealed record SimulateLoanRequest(
    decimal? Principal, int? Periods, decimal? AnnualRate, string? Method, string? Frequency, decimal? RoundingUnit, string? RoundingMode,
    Guid? ProductId, LocalDate? StartDate);

public sealed record SimulatedInstallment(int Number, LocalDate DueDate, decimal Opening, decimal Principal, decimal Interest, decimal Installment,
    decimal Closing);

public sealed record SimulatedFees(decimal Provisi, decimal Administrasi, string Collection, decimal CashPaidOut);

public sealed record SimulationResponse(
    decimal Principal, int Periods, decimal AnnualRate, string Method, string Frequency, decimal RoundingUnit, string RoundingMode,
    IReadOnlyList<SimulatedInstallment> Installments, decimal TotalInterest, decimal TotalPayment, SimulatedFees Fees);

/// <summary>
/// The repayment schedule a loan would have, exact to the rupiah and summing exactly to the principal.
/// Changes nothing. Any staff member or anggota may simulate.
/// </summary>
public static class SimulateLoanEndpoint
{
    /// <summary>Simulate a loan's repayment schedule</summary>
    /// <remarks>
    /// Any role of the koperasi, anggota included. The schedule a loan would have with a product or with given terms, exact to
    /// the rupiah and summing exactly to the principal. Records nothing.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/loans/simulate", OperationId = "simulateLoan")]
    [Authorize(Policy = Policies.KoperasiRead)]
    [Tags("Loans")]
    [ProducesResponseType<SimulationResponse>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    public static async Task<IResult> Post(string kop, SimulateLoanRequest request, HttpContext http, IDocumentStore store, IClock clock)
    {
        await using var session = store.QuerySession(kop);
        var reads = await LoanReadContext.Open(session, clock, kop, http.RequestAborted);
        var start = request.StartDate ?? reads.Today;
        var terms = await LoanTermsResolver.Resolve(session, request.ProductId, request.AnnualRate, request.Method, request.Frequency,
            request.RoundingUnit, request.RoundingMode, start, http.RequestAborted);
        if (request.Principal is null) throw DomainException.Validation("principal", "The principal is required.");
        if (request.Periods is null) throw DomainException.Validation("periods", "The number of periods is required.");
        return Results.Json(Simulate(request.Principal.Value, request.Periods.Value, terms.Terms, start), ApiJson.Options);
    }

    public static SimulationResponse Simulate(decimal principal, int periods, LoanTerms terms, LocalDate start)
    {
        var rows = LoanSchedule.Compute(principal, periods, terms, start);
        var provisi = terms.Provisi.On(principal);
        var administrasi = terms.Administrasi.On(principal);
        var cash = terms.FeeCollection == FeeCollection.Netted ? principal - provisi - administrasi : principal;
        return new SimulationResponse(principal, periods, terms.AnnualRate, terms.Method.Name(), terms.Frequency.Name(), terms.RoundingUnit,
            terms.RoundingMode.Name(),
            rows.Select(r => new SimulatedInstallment(r.Number, r.DueDate, r.Opening, r.Principal, r.Interest, r.Installment, r.Closing)).ToList(),
            rows.Sum(r => r.Interest), rows.Sum(r => r.Installment), new SimulatedFees(provisi, administrasi, terms.FeeCollection.Name(), cash));
    }
}
