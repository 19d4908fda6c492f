using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Ekopz.Web.Hosting;

/// <summary>
/// The console's answer when something is not found, refused or broken: a plain page in
/// Indonesian that says what happened and leads back home, never a stack trace or an empty page.
/// </summary>
public static class ErrorPages
{
    /// <summary>
    /// A page that failed to render. A read the API refused becomes the matching page: 404 (not
    /// there, or not this person's to see), 403, or, when the API no longer accepts the session's
    /// token, the sign-in page with "your session ended".
    /// </summary>
    public static Task ForException(HttpContext http)
    {
        var error = http.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Error;
        if (error is Api.ApiException { StatusCode: 401 })
        {
            http.Response.Redirect("/masuk?habis=1");
            return Task.CompletedTask;
        }
        if (error is Api.ApiException { StatusCode: 503 }) http.Response.Headers.RetryAfter = "5";
        return Write(http, error is Api.ApiException { StatusCode: 404 or 403 or 503 } api ? api.StatusCode : 500);
    }

    public static Task Write(HttpContext http, int status)
    {
        var (title, text) = status switch
        {
            404 => (Teks.Galat_404_judul, Teks.Galat_404_isi),
            403 => (Teks.Galat_403_judul, Teks.Galat_403_isi),
            400 => (Teks.Galat_400_judul, Teks.Galat_400_isi),
            503 => (Teks.Galat_503_judul, Teks.Galat_503_isi),
            _ => (Teks.Galat_500_judul, Teks.Galat_500_isi),
        };
        var css = http.RequestServices.GetRequiredService<StaticAssets>().Url("app.css");
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/html; charset=utf-8";
        return http.Response.WriteAsync($"""
            <!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{WebUtility.HtmlEncode(title)} · Ekopz</title><link rel="stylesheet" href="{css}"></head>
            <body><main class="page narrow" id="isi"><h1>{WebUtility.HtmlEncode(title)}</h1><p>{WebUtility.HtmlEncode(text)}</p>
            <p><a class="button" href="/">{WebUtility.HtmlEncode(Teks.Galat_kembali)}</a></p></main></body></html>
            """);
    }
}
