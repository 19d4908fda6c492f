using System.Net.Http.Json;
using Ekopz.Tests.Browser.Support;

namespace Ekopz.Tests.Browser.Journeys;

/// <summary>
/// Sessions end: after 30 minutes without a request, and within minutes of a pengurus disabling the
/// login. Runs on a host with its own clock, moved forward instead of waited for.
/// </summary>
public sealed class when_a_session_ends : IAsyncLifetime
{
    private ConsoleKoperasi _kop = default!;
    private ConsoleHost _host = default!;

    public async Task InitializeAsync()
    {
        _kop = await ConsoleKoperasi.Create("Koperasi Jam Sendiri");
        _host = await ConsoleHost.StartOwn();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task an_idle_session_ends_after_thirty_minutes_and_the_sign_in_page_says_so()
    {
        await using var browser = await ConsoleBrowser.Open(_host);
        await browser.SignIn(_kop.Kasir);
        _host.Time.Advance(TimeSpan.FromMinutes(20));
        await browser.Page.GotoAsync("/kasir");
        (await browser.Heading()).Should().Be("Loket kasir", "20 minutes idle is within the session");

        _host.Time.Advance(TimeSpan.FromMinutes(31));
        await browser.Page.GotoAsync("/kasir");
        (await browser.Heading()).Should().Be("Masuk ke Ekopz");
        await Assertions.Expect(browser.Page.GetByTestId("session-expired")).ToContainTextAsync("Sesi Anda telah berakhir");
        browser.Page.Url.Should().Contain("kembali=%2Fkasir");
        await browser.Screenshot("sesi-berakhir");
    }

    [Fact]
    public async Task a_disabled_login_is_signed_out_within_minutes()
    {
        await using var browser = await ConsoleBrowser.Open(_host);
        await browser.SignIn(_kop.Kasir);
        var pengurus = await _kop.Api(_kop.Pengurus);
        (await pengurus.PostAsJsonAsync(_kop.Url($"users/{_kop.Kasir}/disable"), new { })).EnsureSuccessStatusCode();

        _host.Time.Advance(ConsoleSessionRecheck + TimeSpan.FromSeconds(30));
        await browser.Page.GotoAsync("/kasir");
        (await browser.Heading()).Should().Be("Masuk ke Ekopz");
        await Assertions.Expect(browser.Page.GetByTestId("session-expired")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task signing_out_ends_the_session()
    {
        await using var browser = await ConsoleBrowser.Open(_host);
        await browser.SignIn(_kop.Pengawas);
        await browser.Press("Keluar");
        await browser.Page.WaitForURLAsync(u => u.Contains("/masuk"));
        await browser.Page.GotoAsync("/beranda");
        (await browser.Heading()).Should().Be("Masuk ke Ekopz");
        await Assertions.Expect(browser.Page.GetByTestId("session-expired")).ToHaveCountAsync(0);
    }

    private static readonly TimeSpan ConsoleSessionRecheck = Ekopz.Web.Session.ConsoleSession.RecheckEvery;
}
