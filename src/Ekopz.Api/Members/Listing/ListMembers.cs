using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Members;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Ekopz.Api.Members.Listing;

public sealed record MemberListView(int Page, int PageSize, long Total, IReadOnlyList<MemberView> Members);

/// <summary>The koperasi's members by number, for staff; <c>q</c> matches name, number or NIK.</summary>
public static class ListMembersEndpoint
{
    [WolverineGet("/api/v1/koperasi/{kop}/members", OperationId = "listMembers")]
    [Authorize(Policy = Policies.StaffRead)]
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
        return Results.Json(new MemberListView(p, size, total, members.Select(MemberView.Of).ToList()), ApiJson.Options);
    }
}
