using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Platform;

/// <summary>
/// Security headers on every answer of the API and its documents, a content security policy for the /docs page that
/// lets Scalar run its own script and nothing else inline, and CORS only for the origins configured in
/// EKOPZ_CORS_ORIGINS (docs/adr/0018).
/// </summary>
public class when_answers_carry_security_headers
{
    private const string App1 = "https://app.koperasi.example";
    private const string App2 = "https://m.koperasi.example";

    private static readonly Lazy<EkopzApp> WithOrigins = new(() => SignIns.Host(new Dictionary<string, string>
    {
        ["EKOPZ_CORS_ORIGINS"] = $"{App1}, {App2}",
        // The console's pages need an API address, which an in-process server does not have.
        ["EKOPZ_API_URL"] = "http://localhost/",
    }), LazyThreadSafetyMode.ExecutionAndPublication);

    private static async Task<HttpResponseMessage> Send(EkopzApp app, HttpMethod method, string path, params (string, string)[] headers)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var request = new HttpRequestMessage(method, path);
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        if (method == HttpMethod.Post) request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        return await client.SendAsync(request);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values)
        : response.Content.Headers.TryGetValues(name, out var content) ? string.Join(",", content) : null;

    [Theory]
    [InlineData("GET", "/api/v1/me")]
    [InlineData("POST", "/api/v1/auth/token")]
    [InlineData("GET", "/api/v1/koperasi/nowhere/members")]
    [InlineData("GET", "/openapi/v1.json")]
    [InlineData("GET", "/health")]
    [InlineData("GET", "/docs/scalar.js")]
    public async Task every_api_answer_forbids_sniffing_framing_and_referrers(string method, string path)
    {
        using var response = await Send(EkopzApp.Instance, new HttpMethod(method), path);
        Header(response, "X-Content-Type-Options").Should().Be("nosniff");
        Header(response, "X-Frame-Options").Should().Be("DENY");
        Header(response, "Referrer-Policy").Should().Be("no-referrer");
        var csp = Header(response, "Content-Security-Policy");
        csp.Should().Contain("default-src 'none'").And.Contain("frame-ancestors 'none'");
    }

    [Fact]
    public async Task the_docs_page_may_run_only_its_own_scripts_from_this_host()
    {
        using var response = await Send(EkopzApp.Instance, HttpMethod.Get, "/docs/");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        var csp = Header(response, "Content-Security-Policy")!;
        Header(response, "X-Frame-Options").Should().Be("DENY");
        csp.Should().Contain("frame-ancestors 'none'").And.Contain("default-src 'self'").And.Contain("connect-src 'self'");

        var scriptSrc = csp.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src"));
        scriptSrc.Should().NotContain("unsafe-inline").And.NotContain("unsafe-eval").And.NotContain("http");
        // Each inline script of the page is allowed by its hash, and only those.
        var inline = Regex.Matches(html, @"<script\b(?![^>]*\bsrc\s*=)[^>]*>(.*?)</script>", RegexOptions.Singleline);
        inline.Should().NotBeEmpty("Scalar starts from an inline module script");
        foreach (Match m in inline)
            scriptSrc.Should().Contain($"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(m.Groups[1].Value)))}'");
        // No fonts or scripts from Scalar's servers: the page is whole from this host.
        html.Should().NotContain("cdn.jsdelivr").And.NotContain("fonts.scalar.com");
    }

    [Fact]
    public async Task the_console_keeps_its_own_policy()
    {
        using var response = await Send(WithOrigins.Value, HttpMethod.Get, "/masuk");
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Header(response, "Content-Security-Policy").Should().Contain("script-src 'self'").And.Contain("form-action 'self'");
        Header(response, "X-Frame-Options").Should().Be("DENY");
    }

    [Fact]
    public async Task a_listed_origin_gets_cross_origin_answers()
    {
        using var preflight = await Send(WithOrigins.Value, HttpMethod.Options, "/api/v1/auth/token",
            ("Origin", App2), ("Access-Control-Request-Method", "POST"), ("Access-Control-Request-Headers", "content-type,idempotency-key"));
        preflight.StatusCode.Should().Be(HttpStatusCode.NoContent);
        Header(preflight, "Access-Control-Allow-Origin").Should().Be(App2);
        Header(preflight, "Access-Control-Allow-Methods").Should().Contain("POST");
        Header(preflight, "Access-Control-Allow-Headers")!.ToLowerInvariant().Should().Contain("idempotency-key").And.Contain("content-type");
        Header(preflight, "Access-Control-Allow-Credentials").Should().BeNull("the API reads bearer tokens, never cookies");

        using var actual = await Send(WithOrigins.Value, HttpMethod.Get, "/api/v1/me", ("Origin", App1));
        actual.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        Header(actual, "Access-Control-Allow-Origin").Should().Be(App1);
        Header(actual, "Access-Control-Expose-Headers")!.Should().Contain("Retry-After").And.Contain("X-Correlation-Id");
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("http://app.koperasi.example")]
    [InlineData("https://app.koperasi.example.evil.example")]
    [InlineData("null")]
    public async Task an_unlisted_origin_gets_no_cross_origin_headers(string origin)
    {
        using var preflight = await Send(WithOrigins.Value, HttpMethod.Options, "/api/v1/auth/token",
            ("Origin", origin), ("Access-Control-Request-Method", "POST"), ("Access-Control-Request-Headers", "content-type"));
        Header(preflight, "Access-Control-Allow-Origin").Should().BeNull();
        Header(preflight, "Access-Control-Allow-Methods").Should().BeNull();

        using var actual = await Send(WithOrigins.Value, HttpMethod.Post, "/api/v1/auth/token", ("Origin", origin));
        Header(actual, "Access-Control-Allow-Origin").Should().BeNull();
    }

    [Fact]
    public async Task without_configured_origins_no_origin_is_allowed()
    {
        using var preflight = await Send(EkopzApp.Instance, HttpMethod.Options, "/api/v1/auth/token",
            ("Origin", App1), ("Access-Control-Request-Method", "POST"));
        Header(preflight, "Access-Control-Allow-Origin").Should().BeNull();
        using var actual = await Send(EkopzApp.Instance, HttpMethod.Get, "/api/v1/me", ("Origin", App1));
        Header(actual, "Access-Control-Allow-Origin").Should().BeNull();
    }

    [Fact]
    public async Task the_console_pages_answer_no_other_origin()
    {
        using var page = await Send(WithOrigins.Value, HttpMethod.Get, "/masuk", ("Origin", App1));
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        Header(page, "Access-Control-Allow-Origin").Should().BeNull();
    }
}
