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
                ReportSheet sheet;
                try
                {
                    sheet = await ListSheets.Build(api, me, list, year, time.GetUtcNow(), http.RequestAborted);
                }
                catch (ApiException e) when (e.StatusCode == 401)
                {
                    http.Response.Redirect("/masuk?habis=1");
                    return;
                }
                catch (ApiException e) when (e.StatusCode is 400 or 403 or 404)
                {
                    await ErrorPages.Write(http, e.StatusCode);
                    return;
                }
                var bytes = ReportXlsx.Render(sheet);
                http.Response.ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"{sheet.FileName}.xlsx\"";
                http.Response.Headers.CacheControl = "no-store";
                await http.Response.Body.WriteAsync(bytes, http.RequestAborted);
            })
            .RequireAuthorization(new AuthorizeAttribute { Roles = "pengurus,kasir,pengawas" }).ExcludeFromDescription();
}
