using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Members;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Ekopz.Api.Members.Listing;

public sealed record MemberListView(int Page, int PageSize, long Total, IReadOnlyList<MemberView> Members);

/// <summary>
/// The koperasi's members by number, for the counter and the board; <c>q</c> matches a name (any part), a member number or
/// a whole NIK. A kasir sees each NIK masked (docs/adr/0017), so a NIK typed in finds its member without the list showing it.
/// </summary>
public static class ListMembersEndpoint
{
    /// <summary>The most a lookup answers: one identifier matches one member, so more is never needed.</summary>
    public const int LookupLimit = 5;

    /// <summary>List and search the members</summary>
    /// <remarks>
    /// Kasir, pengurus or pengawas. Members by member number, paged; <c>q</c> matches any part of a name, a member number or a
    /// whole NIK. A kasir sees each NIK masked, so a NIK typed in finds its member without the list showing it.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/members", OperationId = "listMembers")]
    [Authorize(Policy = Policies.CounterRead)]
    [Tags("Members")]
    [ProducesResponseType<MemberListView>(200)]
    public static async Task<IResult> Get(string kop, string? q, int? page, int? pageSize, HttpContext http, IDocumentStore store)
    {
        var (p, size) = QueryParams.Paging(page, pageSize);
        await using var session = store.QuerySession(kop);
        IQueryable<Member> query = session.Query<Member>();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim();
            query = query.Where(m => m.Name.Contains(term, StringComparison.OrdinalIgnoreCase) || m.MemberNumber == term || m.Nik == term);
        }
        var total = await query.CountAsync(http.RequestAborted);
        var members = await query.OrderBy(m => m.MemberNumber).Skip((p - 1) * size).Take(size).ToListAsync(http.RequestAborted);
        var caller = Caller.From(http.User);
        return Results.Json(new MemberListView(p, size, total, members.Select(m => MemberView.For(caller, m)).ToList()), ApiJson.Options);
    }

    /// <summary>Find a buyer by member number or NIK</summary>
    /// <remarks>
    /// Who is this buyer: the member whose number or whole NIK is <c>q</c> (as on a member card or a KTP shown at the till), with
    /// only their id, number, name and status. For every staff role, and the only member read of a pengelola toko, who sells at
    /// member prices but sees no member's NIK, savings or loans (docs/adr/0017). No name search and no partial match, so it
    /// cannot be used to page through the members.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/members/lookup", OperationId = "lookupMembers")]
    [Authorize(Policy = Policies.StaffRead)]
    [Tags("Members")]
    [ProducesResponseType<IReadOnlyList<MemberLookupView>>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    public static async Task<IResult> Lookup(string kop, string? q, HttpContext http, IDocumentStore store)
    {
        var term = q?.Replace(" ", "").Trim();
        if (string.IsNullOrEmpty(term))
            throw DomainException.Validation("q", "Give a member number or a whole NIK.");
        await using var session = store.QuerySession(kop);
        var members = await session.Query<Member>().Where(m => m.MemberNumber == term || m.Nik == term).OrderBy(m => m.MemberNumber)
            .Take(LookupLimit).ToListAsync(http.RequestAborted);
        return Results.Json(members.Select(MemberLookupView.Of).ToList(), ApiJson.Options);
    }
}
