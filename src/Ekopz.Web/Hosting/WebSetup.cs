using Ekopz.Web.Api;
using Ekopz.Web.Components;
using Ekopz.Web.Session;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ekopz.Web.Hosting;

/// <summary>
/// Puts the console into a host: Razor components rendered on the server (no interactivity, so no
/// circuit and no WebSocket), the session cookie, the API client, the assets, and the pages' own
/// error and not-found handling. The host decides which requests are the console's: everything that
/// is not the API (<see cref="IsConsole"/>).
/// </summary>
public static class WebSetup
{
    /// <summary>Paths that belong to the API and its documents, never to the console.</summary>
    public static bool IsConsole(PathString path) =>
        !path.StartsWithSegments("/api") && !path.StartsWithSegments("/openapi") && !path.StartsWithSegments("/docs")
        && !path.StartsWithSegments("/health") && !path.StartsWithSegments("/scalar");

    public static void AddEkopzWeb(this IServiceCollection services, Microsoft.AspNetCore.Authentication.AuthenticationBuilder auth)
    {
        services.AddRazorComponents();
        services.AddHttpContextAccessor();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<StaticAssets>();
        services.AddSingleton<Ekopz.Web.Storefront.StoreCart>();
        services.AddSingleton<ApiAddress>();
        services.AddSingleton<ClientAddress>();
        services.AddTransient<ApiHandler>();
        services.AddHttpClient<EkopzApi>((sp, client) =>
            {
                client.BaseAddress = sp.GetRequiredService<ApiAddress>().Base;
                client.Timeout = TimeSpan.FromSeconds(60);
            })
            .AddHttpMessageHandler<ApiHandler>();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "ekopz.af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
        });
        auth.AddCookie(ConsoleSession.Scheme, ConsoleSession.Configure);
        // The session's clock is the host's TimeProvider (a test can move it to check expiry).
        services.AddOptions<CookieAuthenticationOptions>(ConsoleSession.Scheme).Configure<TimeProvider>((o, time) => o.TimeProvider = time);
    }

    /// <summary>Error and not-found pages for the console's paths, and its security headers. Before routing.</summary>
    public static void UseEkopzWeb(this IApplicationBuilder app)
    {
        app.UseWhen(http => IsConsole(http.Request.Path), web =>
        {
            web.Use(async (http, next) =>
            {
                var headers = http.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "same-origin";
                // Only our own files run or style a page; forms post only to us; no page can be framed.
                headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                    + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'; worker-src 'self'; manifest-src 'self'";
                await next(http);
            });
            // Written directly rather than re-executed: a refused POST must not run a page's form handler again.
            web.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = ErrorPages.ForException });
            web.UseStatusCodePages(context => ErrorPages.Write(context.HttpContext, context.HttpContext.Response.StatusCode));
        });
    }

    public static void MapEkopzWeb(this WebApplication app)
    {
        app.Services.GetRequiredService<StaticAssets>().Map(app);
        ReportDownload.Map(app);
        ReportFiles.Map(app);
        RatPackDownload.Map(app);
        LoanDownloads.Map(app);
        ListFiles.Map(app);
        MemberDownloads.Map(app);
        ImportTemplateDownloads.Map(app);
        Pwa.Map(app, app.Services.GetRequiredService<StaticAssets>());
        app.MapRazorComponents<App>();
        // A receipt as a PDF file (A4, or 80 mm wide with ?kertas=80), made from the same API answer as the page.
        app.MapGet("/kwitansi/{number:int}/pdf", async (int number, string? kertas, HttpContext http, EkopzApi api) =>
            {
                var me = ConsoleSession.User(http)!;
                var receipt = await api.GetReceiptAsync(me.Kop, number);
                var pdf = Ekopz.Web.Documents.ReceiptPdf.Render(receipt, me.TimeZone, narrow: kertas == "80");
                return Results.File(pdf, "application/pdf", $"kwitansi-{Ekopz.Web.Documents.ReceiptText.Number(number)}.pdf");
            })
            .RequireAuthorization(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute { Roles = "pengurus,kasir,pengawas,pengelola_toko" })
            .ExcludeFromDescription();
    }
}
