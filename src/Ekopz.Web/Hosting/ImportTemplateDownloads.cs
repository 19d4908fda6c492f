using Ekopz.Web.Api;
using Ekopz.Web.Session;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Ekopz.Web.Hosting;

/// <summary>
/// The import templates on "Pindah data" (docs/adr/0033): fetched from the API with the signed-in pengurus's token through the
/// typed client's own HttpClient, as <see cref="ReportDownload"/> does, and passed on under a name a person recognises.
/// </summary>
public static class ImportTemplateDownloads
{
    private static readonly Dictionary<string, string> Templates = new(StringComparer.Ordinal)
    {
        ["templat-anggota.xlsx"] = "imports/templates/members.xlsx",
        ["templat-saldo-awal-akun.xlsx"] = "imports/templates/ledger.xlsx",
    };

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/pengaturan/pindah-data/{file}", Download)
            .RequireAuthorization(new AuthorizeAttribute { Roles = "pengurus" })
            .ExcludeFromDescription();

    private static async Task Download(HttpContext http, string file, IHttpClientFactory clients)
    {
        var me = ConsoleSession.User(http);
        if (me is null || !Templates.TryGetValue(file, out var path))
        {
            await ErrorPages.Write(http, 404);
            return;
        }
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/v1/koperasi/{Uri.EscapeDataString(me.Kop)}/{path}");
        var client = clients.CreateClient(nameof(EkopzApi));
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, http.RequestAborted);
        switch ((int)response.StatusCode)
        {
            case 401:
                http.Response.Redirect("/masuk?habis=1");
                return;
            case 403 or 404:
                await ErrorPages.Write(http, (int)response.StatusCode);
                return;
            case < 200 or >= 300:
                await ErrorPages.Write(http, 500);
                return;
        }
        http.Response.ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{file}\"";
        http.Response.Headers.CacheControl = "no-store";
        await using var body = await response.Content.ReadAsStreamAsync(http.RequestAborted);
        await body.CopyToAsync(http.Response.Body, http.RequestAborted);
    }
}
