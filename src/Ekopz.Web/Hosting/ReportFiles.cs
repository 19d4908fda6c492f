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
        ReportSheet sheet;
        try
        {
            sheet = await ReportSheets.Build(api, me, report, values, time.GetUtcNow(), http.RequestAborted);
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
        var bytes = pdf ? ReportPdf.Render(sheet) : ReportXlsx.Render(sheet);
        http.Response.ContentType = pdf ? "application/pdf" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{sheet.FileName}.{(pdf ? "pdf" : "xlsx")}\"";
        http.Response.Headers.CacheControl = "no-store";
        await http.Response.Body.WriteAsync(bytes, http.RequestAborted);
    }
}
