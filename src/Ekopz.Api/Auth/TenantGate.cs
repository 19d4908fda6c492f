using Ekopz.Api.Infrastructure;
using Ekopz.Api.Platform;
using Ekopz.Domain.Common;

namespace Ekopz.Api.Auth;

/// <summary>
/// The tenancy and ownership rules that hold for every route, before any endpoint runs:
/// a koperasi route for a koperasi that does not exist, or that the caller does not belong to,
/// answers 404 (never 403, so existence does not leak); an anggota asking for another member's
/// data also gets 404. Role rules are the endpoints' authorization policies.
/// </summary>
public sealed class TenantGate(RequestDelegate next, KoperasiDirectory directory)
{
    public async Task Invoke(HttpContext http)
    {
        var routeValues = http.Request.RouteValues;
        // The public storefront (docs/adr/0023) is open to anyone, signed in elsewhere or not: its endpoints answer 404 for
        // an unknown koperasi themselves and read a token only when it is an anggota's of that very koperasi.
        if (http.Request.Path.StartsWithSegments("/api/v1/public"))
        {
            await next(http);
            return;
        }
        // Anonymous callers are answered 401 by authorization before anything about a koperasi is revealed.
        if (http.User.Identity?.IsAuthenticated == true && routeValues.TryGetValue("kop", out var kopValue) && kopValue is string kop)
        {
            if (!await directory.ExistsAsync(kop, http.RequestAborted))
            {
                await Problems.Write(http, ErrorCodes.NotFound, "No such koperasi.");
                return;
            }

            {
                var caller = Caller.From(http.User);
                if (!caller.IsAdmin && caller.Koperasi != kop)
                {
                    await Problems.Write(http, ErrorCodes.NotFound, "No such koperasi.");
                    return;
                }

                if (caller.IsMemberOnly && routeValues.TryGetValue("memberId", out var memberValue)
                    && (!Guid.TryParse(memberValue as string, out var memberId) || memberId != caller.MemberId))
                {
                    await Problems.Write(http, ErrorCodes.NotFound, "No such member.");
                    return;
                }
            }
        }

        await next(http);
    }
}
