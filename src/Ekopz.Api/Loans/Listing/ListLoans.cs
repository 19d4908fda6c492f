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

/// <summary>One page of the koperasi's loans as of a date.</summary>
/// <param name="Total">How many loans match in all, counted over the store (not over this page): page on until you have them all.</param>
public sealed record LoanListView(LocalDate AsOf, string? Status, int Page, int PageSize, long Total, IReadOnlyList<LoanSummaryView> Loans);

/// <summary>Loan lists: the koperasi's (staff; e.g. <c>status=applied</c> is the approval queue) and a member's own.</summary>
public static class ListLoansEndpoint
{
    /// <summary>List the koperasi's loans</summary>
    /// <remarks>
    /// Paged, in application order, with the total count. Nothing is capped: every loan applied for by the date is either on some
    /// page or counted. As of today (or later) the store filters by status and counts; as of a past date the status comes from
    /// each loan's dated history, so every loan applied by then is read one by one (streamed) and only the page is kept.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/loans", OperationId = "listLoans")]
    [Authorize(Policy = Policies.CounterRead)]
    [Tags("Loans")]
    [ProducesResponseType<LoanListView>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    public static async Task<IResult> List(string kop, string? status, string? asOf, int? page, int? pageSize, HttpContext http, IDocumentStore store,
        IClock clock)
    {
        var ct = http.RequestAborted;
        var (p, size) = QueryParams.Paging(page, pageSize);
        await using var session = store.QuerySession(kop);
        var reads = await LoanReadContext.Open(session, clock, kop, ct);
        var date = reads.AsOf(asOf);
        var settings = reads.SettingsAt(date);
        LoanStatus? wanted = status is null ? null : LoanNames.Parse<LoanStatus>(status, "status");
        var key = date.Key();
        var query = session.Query<Loan>().Where(l => l.AppliedOnKey <= key).OrderBy(l => l.AppliedTicks).ThenBy(l => l.Id);
        var skip = (p - 1) * size;

        long total;
        var views = new List<LoanSummaryView>(size);
        if (wanted is null || date >= reads.Today)
        {
            // No business date is ever in the future and a loan's status changes are dated in order, so its status on or
            // after today is the current one: the store can filter and count it.
            var filtered = Current(session, date, wanted).OrderBy(l => l.AppliedTicks).ThenBy(l => l.Id);
            total = await filtered.CountAsync(ct);
            views.AddRange((await filtered.Skip(skip).Take(size).ToListAsync(ct)).Select(l => LoanSummaryView.Of(l, date, settings)));
        }
        else
        {
            total = 0;
            await foreach (var loan in query.ToAsyncEnumerable(ct))
            {
                if (loan.StatusOn(date) != wanted) continue;
                if (total++ >= skip && views.Count < size) views.Add(LoanSummaryView.Of(loan, date, settings));
            }
        }
        return Results.Json(new LoanListView(date, wanted?.Name(), p, size, total, views), ApiJson.Options);
    }

    /// <summary>
    /// Loans applied for by <paramref name="date"/> whose status now is <paramref name="status"/> (null: any): the list's
    /// query from today on, and the dashboard's count of applications waiting for approval (<c>applied</c>).
    /// </summary>
    public static IQueryable<Loan> Current(IQuerySession session, LocalDate date, LoanStatus? status)
    {
        var key = date.Key();
        var query = session.Query<Loan>().Where(l => l.AppliedOnKey <= key);
        return status is { } w ? query.Where(l => l.Status == w) : query;
    }

    /// <summary>List a member's loans</summary>
    /// <remarks>
    /// Staff, or an anggota for their own member. The member's loans as of <c>asOf</c>, each with status and outstanding
    /// principal.
    /// </remarks>
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
