using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Ekopz.Api.Hosting;

/// <summary>
/// Security headers on every response of the API, its OpenAPI document and its reference page (the console sets
/// its own in <c>WebSetup.UseEkopzWeb</c>): no content sniffing, no framing, no referrer, and a content security
/// policy. JSON needs none of a page's powers (<c>default-src 'none'</c>). The Scalar page at /docs runs its own
/// script and styles from this host: its one inline script is allowed by its SHA-256, computed from the page as
/// served, so a changed page (a Scalar upgrade) stays allowed and nothing else inline ever runs (docs/adr/0018).
/// </summary>
public sealed partial class ApiSecurityHeaders(RequestDelegate next)
{
    public const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /// <summary>The reference page's policy; <c>{0}</c> is the hashes of its inline scripts.</summary>
    private const string DocsPolicy = "default-src 'self'; script-src 'self' {0}; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
        + "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; frame-ancestors 'none'; base-uri 'none'; object-src 'none'; form-action 'self'";

    [GeneratedRegex(@"<script\b(?![^>]*\bsrc\s*=)[^>]*>(.*?)</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    public async Task Invoke(HttpContext http)
    {
        if (Ekopz.Web.Hosting.WebSetup.IsConsole(http.Request.Path))
        {
            await next(http);
            return;
        }

        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        if (http.Request.IsHttps) headers.StrictTransportSecurity = "max-age=31536000";

        if (!IsDocsPage(http.Request))
        {
            headers.ContentSecurityPolicy = ApiPolicy;
            await next(http);
            return;
        }

        // The reference page is small: hold it, hash its inline scripts, then send it with a policy naming them.
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await next(http);
        }
        finally
        {
            http.Response.Body = original;
        }
        buffer.Position = 0;
        if (http.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
        {
            var html = Encoding.UTF8.GetString(buffer.ToArray());
            var hashes = InlineScript().Matches(html)
                .Select(m => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(m.Groups[1].Value)))}'")
                .Distinct();
            headers.ContentSecurityPolicy = string.Format(DocsPolicy, string.Join(' ', hashes));
        }
        else
        {
            headers.ContentSecurityPolicy = ApiPolicy;
        }
        if (http.Response.ContentLength is not null) http.Response.ContentLength = buffer.Length;
        await buffer.CopyToAsync(original, http.RequestAborted);
    }

    /// <summary>The page of /docs (not its scripts, styles or icon, which are files with an extension).</summary>
    private static bool IsDocsPage(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && request.Path.StartsWithSegments("/docs", out var rest)
        && !Path.HasExtension(rest.Value ?? "");
}
