using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Koperasi;
using Ekopz.Domain.Members;
using Marten;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Ekopz.Api.Auth.Me;

public sealed record MeKoperasi(string Slug, string Name, string TimeZone, LocalDate Today);

public sealed record MeView(string Username, IReadOnlyList<string> Roles, Guid? MemberId, string? MemberName, MeKoperasi? Koperasi);

/// <summary>
/// Who the bearer of a token is: roles, member, and the koperasi with its name, time zone and
/// today's business date. Clients (the web console, mobile apps) show these and date their forms
/// with the koperasi's today rather than the device's.
/// </summary>
public static class GetMeEndpoint
{
    [WolverineGet("/api/v1/me", OperationId = "getMe")]
    [Tags("Auth")]
    [ProducesResponseType<MeView>(200)]
    [ProducesResponseType<ProblemDetails>(401)]
    public static async Task<IResult> Get(HttpContext http, IDocumentStore store, IClock clock)
    {
        var caller = Caller.From(http.User);
        MeKoperasi? koperasi = null;
        string? memberName = null;
        if (caller.Koperasi is { } kop)
        {
            await using var session = store.QuerySession(kop);
            if (await session.LoadAsync<KoperasiSettings>(KoperasiSettings.StreamId(kop), http.RequestAborted) is { } settings)
                koperasi = new MeKoperasi(settings.Slug, settings.Name, settings.TimeZone, settings.Today(clock));
            if (caller.MemberId is { } memberId && await session.LoadAsync<Member>(memberId, http.RequestAborted) is { } member)
                memberName = member.Name;
        }
        return Results.Json(new MeView(caller.Username, caller.Roles.Order().ToList(), caller.MemberId, memberName, koperasi), ApiJson.Options);
    }
}
