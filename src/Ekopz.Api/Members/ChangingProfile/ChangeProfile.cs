using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Members;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Marten;

namespace Ekopz.Api.Members.ChangingProfile;

public sealed record ChangeProfileRequest(string? Name, string? Nik, string? Phone, string? Address);

/// <summary>
/// Profile corrections are events too: the member's history shows who changed what, when. No money moves, so the member's
/// stream is fetched optimistically (docs/adr/0037): a correction racing a deposit fails its version check at commit and
/// <see cref="ConflictRetry"/> decides it again on the fresh member.
/// </summary>
public static class ChangeProfileEndpoint
{
    /// <summary>The command's context, before the endpoint runs (docs/adr/0025).</summary>
    public static Task<CommandScope> LoadAsync(string kop, HttpContext http, IDocumentSession session, KoperasiContextCache contexts,
        IClock clock) => WritePath.Scope(kop, http, session, contexts, clock);

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
    public static async Task<IResult> Patch(Guid memberId, ChangeProfileRequest request, HttpContext http, CommandScope scope,
        [WriteAggregate("memberId", Required = false)] IEventStream<Member> member)
    {
        var key = IdempotencyKeys.Of(http, scope.Caller, request);
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;

        var (changed, response) = Decide(scope, request, member.Aggregate);
        // A friendly answer for the common case; the unique index on the NIK answers the racing one.
        if (changed.Nik is { } nik && nik != member.Aggregate!.Nik
            && await scope.Session.Query<Member>().AnyAsync(m => m.Nik == nik && m.Id != memberId, http.RequestAborted))
            throw new DomainException(ErrorCodes.Conflict, "A member with this NIK is already registered in this koperasi.",
                new Dictionary<string, string[]> { ["nik"] = ["This NIK is already registered."] });
        member.AppendOne(changed);
        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Ok(response), scope.Now);
    }

    /// <summary>The correction, pure: the rules are <see cref="MemberDecider.ChangeProfile"/>; the answer is the member after it.</summary>
    public static (MemberProfileChanged Event, MemberView Response) Decide(CommandScope scope, ChangeProfileRequest request, Member? member)
    {
        var changed = MemberDecider.ChangeProfile(new ChangeProfile(request.Name, request.Nik, request.Phone, request.Address),
            member, scope.Meta(scope.Today, Channels.Web));
        return (changed, MemberView.For(scope.Caller, Member.Evolve(member, changed)!));
    }
}
