using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Members;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Ekopz.Api.Members.ChangingProfile;

public sealed record ChangeProfileRequest(string? Name, string? Nik, string? Phone, string? Address);

/// <summary>Profile corrections are events too: the member's history shows who changed what, when.</summary>
public static class ChangeProfileEndpoint
{
    /// <summary>Correct a member's profile</summary>
    /// <remarks>
    /// Kasir or pengurus. Only the fields sent change. The correction is an event: the member's history shows who changed what,
    /// when. Send an <c>Idempotency-Key</c> header to retry safely: a repeat answers the first answer and records nothing twice.
    /// </remarks>
    [WolverinePatch("/api/v1/koperasi/{kop}/members/{memberId}", OperationId = "changeMemberProfile")]
    [Authorize(Policy = Policies.Teller)]
    [Tags("Members")]
    [ProducesResponseType<MemberView>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(409)]
    public static Task<IResult> Patch(string kop, Guid memberId, ChangeProfileRequest request, HttpContext http, CommandRunner runner) =>
        runner.Run(http, kop, request, async scope =>
        {
            var stream = await scope.Session.Events.FetchForWriting<Member>(memberId);
            var changed = MemberDecider.ChangeProfile(new ChangeProfile(request.Name, request.Nik, request.Phone, request.Address),
                stream.Aggregate, scope.Meta(scope.Today, Channels.Web));
            if (changed.Nik is { } nik && nik != stream.Aggregate!.Nik
                && await scope.Session.Query<Member>().AnyAsync(m => m.Nik == nik && m.Id != memberId))
                throw new DomainException(ErrorCodes.Conflict, "A member with this NIK is already registered in this koperasi.",
                    new Dictionary<string, string[]> { ["nik"] = ["This NIK is already registered."] });
            stream.AppendOne(changed);
            return CommandResult.Ok(MemberView.For(scope.Caller, Member.Evolve(stream.Aggregate, changed)!));
        });
}
