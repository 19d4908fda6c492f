using Ekopz.Web.Api;
using Ekopz.Web.Session;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Ekopz.Web.Hosting;

/// <summary>
/// The import templates on "Pindah data" (docs/adr/0033): the API's workbook, fetched with the signed-in pengurus's token
/// and passed on under a name a person recognises.
/// </summary>
public static class ImportTemplateDownloads
{
    private static readonly Dictionary<string, Func<EkopzApi, string, CancellationToken, Task<FileResponse>>> Templates = new(StringComparer.Ordinal)
    {
        ["templat-anggota.xlsx"] = (api, kop, ct) => api.GetMembersImportTemplateAsync(kop, ct),
        ["templat-saldo-awal-akun.xlsx"] = (api, kop, ct) => api.GetLedgerImportTemplateAsync(kop, ct),
        ["templat-pinjaman.xlsx"] = (api, kop, ct) => api.GetLoansImportTemplateAsync(kop, ct),
        ["templat-persediaan.xlsx"] = (api, kop, ct) => api.GetProductsImportTemplateAsync(kop, ct),
    };

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/pengaturan/pindah-data/{file}", Download)
            .RequireAuthorization(new AuthorizeAttribute { Roles = "pengurus" })
            .ExcludeFromDescription();
        // The payroll deduction template on "Potong gaji" (docs/adr/0036).
        endpoints.MapGet("/kasir/potong-gaji/templat-potong-gaji.xlsx", CollectionTemplate)
            .RequireAuthorization(new AuthorizeAttribute { Roles = "pengurus,kasir" })
            .ExcludeFromDescription();
    }

    private static async Task CollectionTemplate(HttpContext http, EkopzApi api)
    {
        var me = ConsoleSession.User(http);
        if (me is null)
        {
            await ErrorPages.Write(http, 404);
            return;
        }
        await ConsoleFiles.Relay(http, () => api.GetCollectionTemplateAsync(me.Kop, http.RequestAborted), ConsoleFiles.Xlsx, "templat-potong-gaji.xlsx");
    }

    private static async Task Download(HttpContext http, string file, EkopzApi api)
    {
        var me = ConsoleSession.User(http);
        if (me is null || !Templates.TryGetValue(file, out var fetch))
        {
            await ErrorPages.Write(http, 404);
            return;
        }
        await ConsoleFiles.Relay(http, () => fetch(api, me.Kop, http.RequestAborted), ConsoleFiles.Xlsx, file);
    }
}
