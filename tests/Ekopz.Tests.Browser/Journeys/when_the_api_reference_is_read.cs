using Ekopz.Tests.Browser.Support;

namespace Ekopz.Tests.Browser.Journeys;

/// <summary>
/// The API reference (Scalar at /docs) works under its content security policy (docs/adr/0018): it renders the
/// operations, and the browser reports no violation and no failed request.
/// </summary>
public sealed class when_the_api_reference_is_read
{
    [Fact]
    public async Task scalar_renders_the_operations_within_its_content_security_policy()
    {
        await using var browser = await ConsoleBrowser.Open();
        var violations = new List<string>();
        browser.Page.RequestFailed += (_, request) => violations.Add($"failed: {request.Url}");
        var response = await browser.Page.GotoAsync("/docs/");
        response!.Headers["content-security-policy"].Should().Contain("script-src 'self' 'sha256-");
        await Assertions.Expect(browser.Page.GetByText("/api/v1/auth/token").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await browser.Screenshot("api-docs");
        browser.ConsoleErrors.Should().BeEmpty("a blocked script, style or font shows up as a console error");
        violations.Should().BeEmpty();
    }
}
