using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Koperasi;
using Ekopz.Domain.Members;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Ekopz.Api.Platform.Users;

/// <param name="Today">The koperasi's business date now: the injected clock's moment in the koperasi's time zone.</param>
public sealed record MeKoperasiView(string Slug, string Name, string TimeZone, LocalDate Today);

/// <param name="Koperasi">The one koperasi this login belongs to; null for the platform operator.</param>
/// <param name="MemberName">The member's name for an anggota login.</param>
public sealed record MeView(string Username, IReadOnlyList<string> Roles, Guid? MemberId, string? MemberName, MeKoperasiView? Koperasi);

/// <summary>
/// Who the bearer of the token is, for a client deciding what to show: roles, member, and the koperasi with its
/// today. Read from the login itself rather than the token, so a login disabled since the token was issued answers
/// 401 here (the console signs out) though the token still reads other routes for the rest of its hour.
/// </summary>
public static class GetMeEndpoint
{
    /// <summary>Who the token's bearer is</summary>
    /// <remarks>
    /// Any signed-in user. Username, roles, the member an anggota login belongs to, and the koperasi with its business date
    /// today. Read from the login itself rather than the token, so a login disabled since the token was issued answers 401 here
    /// (a client signs out).
    /// </remarks>
    [WolverineGet("/api/v1/me", OperationId = "getMe")]
    [Authorize]
    [Tags("Auth")]
    [ProducesResponseType<MeView>(200)]
    [ProducesResponseType<ProblemDetails>(401)]
    public static async Task<IResult> Get(HttpContext http, IDocumentStore store, IClock clock)
    {
        var ct = http.RequestAborted;
        var caller = Caller.From(http.User);
        UserAccount? user;
        await using (var global = store.QuerySession())
            user = await global.LoadAsync<UserAccount>(caller.Username, ct);
        if (user is null || user.Disabled)
            return Problems.Result(http, "unauthorized", "This login no longer exists or is disabled.", status: 401);

        MeKoperasiView? koperasi = null;
        string? memberName = null;
        if (user.Koperasi is { } slug)
        {
            await using var session = store.QuerySession(slug);
            if (await session.LoadAsync<KoperasiSettings>(KoperasiSettings.StreamId(slug), ct) is { } settings)
                koperasi = new MeKoperasiView(slug, settings.Name, settings.TimeZone, settings.Today(clock));
            if (user.MemberId is { } memberId)
                memberName = (await session.LoadAsync<Member>(memberId, ct))?.Name;
        }
        return Results.Json(new MeView(user.Id, user.Roles, user.MemberId, memberName, koperasi), ApiJson.Options);
    }
}
