using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Api.Ledger;
using Ekopz.Domain.Common;
using Ekopz.Domain.Koperasi;
using Ekopz.Domain.Ledger;
using Ekopz.Domain.Loans;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Ekopz.Api.Loans.Approving;

/// <summary>What the lending limit of one loan is measured against on a date: read once, for the approval and for the check alike.</summary>
/// <param name="OwnCapital">Modal sendiri from the ledger at the end of the date.</param>
/// <param name="OtherExposure">The borrower's other loans: approved ones at their principal, running ones at what is outstanding.</param>
public sealed record LendingLimitInputs(decimal OwnCapital, decimal OtherExposure, LoanSettingsVersion Settings)
{
    /// <summary>
    /// The one reading of the inputs: <see cref="DecideLoanEndpoint.ApproveCore"/> calls it inside its transaction (after taking
    /// the borrower's lock), <see cref="CheckLendingLimitEndpoint"/> in a read session. Both then call
    /// <see cref="LoanDecider.LendingLimit"/>, so the check shown before an approval is the one the approval makes.
    /// </summary>
    public static async Task<LendingLimitInputs> Read(IQuerySession session, LedgerQueries ledger, string tenant, Loan loan, LocalDate date,
        CancellationToken ct)
    {
        var chart = await session.LoadAsync<Chart>(Chart.StreamId(tenant), ct) ?? throw DomainException.NotFound("The chart of accounts");
        var ownCapital = await Members.Exiting.OwnCapital.At(ledger, chart, tenant, date, ct);
        var others = await session.Query<Loan>().Where(l => l.MemberId == loan.MemberId && l.Id != loan.Id).ToListAsync(ct);
        var settings = LoanSettings.At(await session.LoadAsync<LoanSettings>(LoanSettings.StreamId(tenant), ct), date);
        return new LendingLimitInputs(ownCapital, others.Sum(DecideLoanEndpoint.Exposure), settings);
    }
}

/// <param name="Insider">The insider limit applies: asked for with <c>insider=true</c>, or said by the application.</param>
/// <param name="OtherExposure">The borrower's existing exposure: other approved loans at their principal, running ones at what is outstanding.</param>
/// <param name="ThisLoan">This loan's principal.</param>
/// <param name="Exposure">Other exposure plus this loan: what must stay within <paramref name="Limit"/>.</param>
/// <param name="Within">Would the approval pass the limit on this date? (Its other rules, such as a second pengurus, are not checked here.)</param>
public sealed record LendingLimitView(
    Guid LoanId, Guid MemberId, string Status, LocalDate BusinessDate, bool Insider, decimal OwnCapital, decimal LimitPercent, decimal Limit,
    decimal OtherExposure, decimal ThisLoan, decimal Exposure, bool Within);

/// <summary>
/// The lending-limit check an approval of the loan would make on a date, made now and recorded nowhere: for the
/// pengurus before approving, and for the pengawas checking an approval (docs/adr/0015).
/// </summary>
public static class CheckLendingLimitEndpoint
{
    /// <summary>Check a loan against the lending limit</summary>
    /// <remarks>
    /// Pengurus or pengawas. The lending-limit check an approval would make on <c>businessDate</c> (default today): own capital,
    /// the limit percent (lower for <c>insider</c>), the borrower's other exposure and the exposure with this loan. Made now and
    /// recorded nowhere.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/loans/{loanId}/lending-limit", OperationId = "checkLendingLimit")]
    [Authorize(Policy = Policies.ApprovalRead)]
    [Tags("Loans")]
    [ProducesResponseType<LendingLimitView>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Get(string kop, Guid loanId, string? businessDate, bool? insider, HttpContext http, IDocumentStore store,
        IClock clock, LedgerQueries ledger)
    {
        var ct = http.RequestAborted;
        await using var session = store.QuerySession(kop);
        var loan = await session.LoadAsync<Loan>(loanId, ct) ?? throw DomainException.NotFound("The loan");
        var koperasi = await session.LoadAsync<KoperasiSettings>(KoperasiSettings.StreamId(kop), ct) ?? throw DomainException.NotFound("The koperasi");
        var today = koperasi.Today(clock);
        var date = QueryParams.Date(businessDate, "businessDate") ?? today;
        // As the approval refuses it: own capital of a day that has not happened is not known.
        if (date > today)
            throw DomainException.Validation("businessDate", $"The business date cannot be after today ({today:yyyy-MM-dd} in {koperasi.TimeZone}).");

        var inputs = await LendingLimitInputs.Read(session, ledger, kop, loan, date, ct);
        var check = LoanDecider.LendingLimit(loan, insider ?? false, inputs.OwnCapital, inputs.OtherExposure, inputs.Settings);
        return Results.Json(new LendingLimitView(loan.Id, loan.MemberId, loan.Status.Name(), date, (insider ?? false) || loan.Insider, check.OwnCapital,
            check.LimitPercent, check.Limit, check.OtherExposure, loan.Principal, check.Exposure, check.IsWithin()), ApiJson.Options);
    }
}
