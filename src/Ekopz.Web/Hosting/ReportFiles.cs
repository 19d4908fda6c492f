using Ekopz.Web.Api;
using Ekopz.Web.Documents;
using Ekopz.Web.Session;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Ekopz.Web.Hosting;

/// <summary>
/// "Unduh PDF" and "Unduh Excel" on the report pages (docs/adr/0029): the report read from the API with the signed-in
/// person's token, turned into a <see cref="ReportSheet"/>, then drawn by <see cref="ReportPdf"/> or written by
/// <see cref="ReportXlsx"/>. The query takes the API's parameter names, checked as for the CSV download.
/// </summary>
public static class ReportFiles
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/laporan/pdf/{report}", (HttpContext http, string report, EkopzApi api, TimeProvider time) => Download(http, report, api, time, pdf: true))
            .RequireAuthorization(new AuthorizeAttribute { Roles = "pengurus,kasir,pengawas" }).ExcludeFromDescription();
        endpoints.MapGet("/laporan/xlsx/{report}", (HttpContext http, string report, EkopzApi api, TimeProvider time) => Download(http, report, api, time, pdf: false))
            .RequireAuthorization(new AuthorizeAttribute { Roles = "pengurus,kasir,pengawas" }).ExcludeFromDescription();
    }

    /// <summary>The PDF and Excel links beside a report's CSV link, when the report comes as files.</summary>
    public static (string Pdf, string Xlsx)? LinksFor(string? csvUrl)
    {
        const string prefix = "/laporan/unduh/";
        if (csvUrl is null || !csvUrl.StartsWith(prefix, StringComparison.Ordinal)) return null;
        var rest = csvUrl[prefix.Length..];
        var report = rest.Split('?')[0];
        return ReportSheets.Keys.ContainsKey(report) ? ("/laporan/pdf/" + rest, "/laporan/xlsx/" + rest) : null;
    }

    private static async Task Download(HttpContext http, string report, EkopzApi api, TimeProvider time, bool pdf)
    {
        var me = ConsoleSession.User(http);
        if (me is null || !ReportSheets.Keys.TryGetValue(report, out var keys))
        {
            await ErrorPages.Write(http, 404);
            return;
        }
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var value = http.Request.Query[key].ToString();
            if (value.Length == 0) continue;
            if (!ReportDownload.Valid(key, value))
            {
                await ErrorPages.Write(http, 400);
                return;
            }
            values[key] = value;
        }
        await ConsoleFiles.Send(http, async () =>
        {
            var sheet = await ReportSheets.Build(api, me, report, values, time.GetUtcNow(), http.RequestAborted);
            return pdf
                ? new ConsoleFile(ReportPdf.Render(sheet), "application/pdf", sheet.FileName + ".pdf")
                : new ConsoleFile(ReportXlsx.Render(sheet), ConsoleFiles.Xlsx, sheet.FileName + ".xlsx");
        });
    }
}
