using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Loans;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Ekopz.Api.Loans.GettingDetails;

/// <summary>
/// One loan as of any business date (default today): its status, schedule with what was paid when,
/// outstanding principal, days past due and kolektibilitas on that date. Staff see every loan; an
/// anggota only their own (others answer 404).
/// </summary>
public static class GetLoanEndpoint
{
    /// <summary>Read a loan as of any date</summary>
    /// <remarks>
    /// Staff, or an anggota for their own loan (another's is 404). Status, schedule with what was paid when, outstanding
    /// principal, days past due and kolektibilitas on <c>asOf</c> (default today).
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/loans/{loanId}", OperationId = "getLoan")]
    [Authorize(Policy = Policies.MemberRead)]
    [Tags("Loans")]
    [ProducesResponseType<LoanView>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Get(string kop, Guid loanId, string? asOf, HttpContext http, IDocumentStore store, IClock clock)
    {
        await using var session = store.QuerySession(kop);
        var reads = await LoanReadContext.Open(session, clock, kop, http.RequestAborted);
        var loan = LoanReadContext.Visible(await session.LoadAsync<Loan>(loanId, http.RequestAborted), Caller.From(http.User));
        var date = reads.AsOf(asOf);
        return Results.Json(LoanView.Of(loan, date, reads.SettingsAt(date)), ApiJson.Options);
    }
}
