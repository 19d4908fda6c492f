using Ekopz.Web.Api;
using Ekopz.Web.Session;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Ekopz.Web.Hosting;

/// <summary>
/// "Unduh paket RAT" on the SHU page (docs/adr/0034): the API's zip for the year, fetched with the signed-in person's token
/// and passed on as it comes. The API decides who may have it and refuses a year not closed.
/// </summary>
public static class RatPackDownload
{
    public static string Link(int year) => $"/shu/{year}/paket-rat.zip";

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/shu/{year:int}/paket-rat.zip", async (HttpContext http, int year, EkopzApi api) =>
            {
                var me = ConsoleSession.User(http);
                if (me is null)
                {
                    await ErrorPages.Write(http, 404);
                    return;
                }
                await ConsoleFiles.Relay(http, () => api.GetRatPackAsync(me.Kop, year, http.RequestAborted), "application/zip",
                    $"paket-rat-{me.Kop}-{year}.zip");
            })
            .RequireAuthorization(new AuthorizeAttribute { Roles = "pengurus,pengawas" }).ExcludeFromDescription();
}
