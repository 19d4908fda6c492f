using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Loans;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Ekopz.Api.Loans.Listing;

/// <summary>Loan lists: the koperasi's (staff; e.g. <c>status=applied</c> is the approval queue) and a member's own.</summary>
public static class ListLoansEndpoint
{
    [WolverineGet("/api/v1/koperasi/{kop}/loans", OperationId = "listLoans")]
    [Authorize(Policy = Policies.StaffRead)]
    [Tags("Loans")]
    [ProducesResponseType<IReadOnlyList<LoanSummaryView>>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    public static async Task<IResult> List(string kop, string? status, string? asOf, HttpContext http, IDocumentStore store, IClock clock)
    {
        await using var session = store.QuerySession(kop);
        var reads = await LoanReadContext.Open(session, clock, kop, http.RequestAborted);
        var date = reads.AsOf(asOf);
        LoanStatus? wanted = status is null ? null : LoanNames.Parse<LoanStatus>(status, "status");
        var loans = await session.Query<Loan>().OrderBy(l => l.AppliedTicks).Take(5000).ToListAsync(http.RequestAborted);
        var views = loans.Where(l => l.AppliedOn <= date).Select(l => LoanSummaryView.Of(l, date, reads.SettingsAt(date)))
            .Where(v => wanted is null || v.Status == wanted.Value.Name()).ToList();
        return Results.Json(views, ApiJson.Options);
    }

    [WolverineGet("/api/v1/koperasi/{kop}/members/{memberId}/loans", OperationId = "listMemberLoans")]
    [Authorize(Policy = Policies.MemberRead)]
    [Tags("Loans")]
    [ProducesResponseType<IReadOnlyList<LoanSummaryView>>(200)]
    public static async Task<IResult> ListForMember(string kop, Guid memberId, string? asOf, HttpContext http, IDocumentStore store, IClock clock)
    {
        await using var session = store.QuerySession(kop);
        var reads = await LoanReadContext.Open(session, clock, kop, http.RequestAborted);
        var date = reads.AsOf(asOf);
        var loans = await session.Query<Loan>().Where(l => l.MemberId == memberId).OrderBy(l => l.AppliedTicks).ToListAsync(http.RequestAborted);
        return Results.Json(loans.Where(l => l.AppliedOn <= date).Select(l => LoanSummaryView.Of(l, date, reads.SettingsAt(date))).ToList(),
            ApiJson.Options);
    }
}
