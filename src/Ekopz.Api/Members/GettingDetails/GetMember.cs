using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Members;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Ekopz.Api.Members.GettingDetails;

/// <summary>A member with status and current balances. An anggota reaches only their own (the gate checks).</summary>
public static class GetMemberEndpoint
{
    /// <summary>Read a member with current balances</summary>
    /// <remarks>
    /// Staff, or an anggota for their own member (another member is 404). The member's status (<c>applicant</c> until pokok is
    /// paid, <c>active</c>, <c>exited</c>), profile and current pokok, wajib and sukarela balances. Personal fields are shown as
    /// the caller's role may see them.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/members/{memberId}", OperationId = "getMember")]
    [Authorize(Policy = Policies.MemberRead)]
    [Tags("Members")]
    [ProducesResponseType<MemberView>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Get(string kop, Guid memberId, HttpContext http, IDocumentStore store)
    {
        await using var session = store.QuerySession(kop);
        var member = await session.LoadAsync<Member>(memberId, http.RequestAborted);
        return member is null
            ? Problems.Result(http, ErrorCodes.NotFound, "No such member.")
            : Results.Json(MemberView.For(Caller.From(http.User), member), ApiJson.Options);
    }
}
