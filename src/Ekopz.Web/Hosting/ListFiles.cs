using Ekopz.Web.Api;
using Ekopz.Web.Documents;
using Ekopz.Web.Session;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Ekopz.Web.Hosting;

/// <summary>
/// "Unduh Excel" on the lists (docs/adr/0034): members, loans, wajib arrears, SHU per member, each a workbook written by
/// <see cref="ReportXlsx"/> from <see cref="ListSheets"/>. <c>?tahun=</c> names the SHU's year.
/// </summary>
public static class ListFiles
{
    public static string Link(string list, int? year = null) => $"/daftar/xlsx/{list}" + (year is { } y ? $"?tahun={y}" : "");

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/daftar/xlsx/{list}", async (HttpContext http, string list, EkopzApi api, TimeProvider time) =>
            {
                var me = ConsoleSession.User(http);
                int? year = int.TryParse(http.Request.Query["tahun"], out var y) && y is >= 1900 and <= 9999 ? y : null;
                if (me is null || !ListSheets.Names.Contains(list) || (list == "shu" && year is null))
                {
                    await ErrorPages.Write(http, 404);
                    return;
                }
                await ConsoleFiles.Send(http, async () =>
                {
                    var sheet = await ListSheets.Build(api, me, list, year, time.GetUtcNow(), http.RequestAborted);
                    return new ConsoleFile(ReportXlsx.Render(sheet), ConsoleFiles.Xlsx, sheet.FileName + ".xlsx");
                });
            })
            .RequireAuthorization(new AuthorizeAttribute { Roles = "pengurus,kasir,pengawas" }).ExcludeFromDescription();
}
