using System.Net;
using System.Net.Http.Json;
using Ekopz.Domain.Logins;
using Ekopz.Tests.Browser.Support;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Ekopz.Tests.Browser.Journeys;

/// <summary>
/// Signing in that resists attack, as people meet it in the console (docs/adr/0018): anyone signed in changes their
/// own password from the header and stays signed in (the session carries the new tokens); wrong passwords in a row
/// lock the sign-in with a plain Indonesian message; the API records the browser's address and User-Agent, which
/// the console forwards.
/// </summary>
public sealed class when_a_person_guards_their_password : IAsyncLifetime
{
    private ConsoleKoperasi _kop = default!;

    public async Task InitializeAsync() => _kop = await ConsoleKoperasi.Create("Koperasi Sandi Aman");
    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A kasir login of its own, since these journeys change or lock it.</summary>
    private async Task<string> NewKasir()
    {
        var username = $"kasir{Guid.NewGuid().ToString("N")[..6]}.{_kop.Slug}";
        var created = await _kop.Admin.PostAsJsonAsync(_kop.Url("users"), new { username, password = ConsoleKoperasi.Password, roles = new[] { "kasir" } });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return username;
    }

    private static async Task<IReadOnlyList<object>> LoginEvents(ConsoleHost host, string username)
    {
        await using var session = host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return (await session.Events.FetchStreamAsync(LoginRecord.StreamId(username))).Select(e => e.Data).ToList();
    }

    [Fact]
    public async Task a_kasir_changes_their_own_password_and_stays_signed_in()
    {
        var kasir = await NewKasir();
        var host = await ConsoleHost.StartOwn();
        try
        {
            await using var browser = await ConsoleBrowser.Open(host);
            await browser.SignIn(kasir);
            await browser.Follow("Ubah kata sandi");
            (await browser.Heading()).Should().Be("Ubah kata sandi");
            (await browser.SeriousAccessibilityProblems()).Should().BeEmpty();

            // Nothing typed: the summary at the top and a message beside each field.
            await browser.Press("Simpan kata sandi baru");
            await Assertions.Expect(browser.Page.Locator(".error-summary")).ToContainTextAsync("Isi kata sandi Anda sekarang.");
            await Assertions.Expect(browser.Page.Locator("#new-error")).ToContainTextAsync("Isi kata sandi baru.");

            // A wrong current password, then a common new one: each named beside its field, in Indonesian.
            await browser.Fill("Kata sandi sekarang", "bukan-sandi-saya");
            await browser.Fill("Kata sandi baru", "sandi-baru-kasir-7");
            await browser.Fill("Ulangi kata sandi baru", "sandi-baru-kasir-7");
            await browser.Press("Simpan kata sandi baru");
            await Assertions.Expect(browser.Page.Locator("#current-error")).ToContainTextAsync("Kata sandi sekarang salah.");

            await browser.Fill("Kata sandi sekarang", ConsoleKoperasi.Password);
            await browser.Fill("Kata sandi baru", "bismillah");
            await browser.Fill("Ulangi kata sandi baru", "bismillah");
            await browser.Press("Simpan kata sandi baru");
            await Assertions.Expect(browser.Page.Locator("#new-error")).ToContainTextAsync("bukan kata sandi yang umum");
            await browser.Screenshot("kata-sandi-galat");

            await browser.Fill("Kata sandi sekarang", ConsoleKoperasi.Password);
            await browser.Fill("Kata sandi baru", "sandi-baru-kasir-7");
            await browser.Fill("Ulangi kata sandi baru", "sandi-baru-kasir-7");
            await browser.Press("Simpan kata sandi baru");
            await Assertions.Expect(browser.Page.GetByTestId("password-changed")).ToContainTextAsync("Kata sandi Anda sudah diganti");
            await browser.Screenshot("kata-sandi-diganti");

            // Still signed in, also past the API token's hour: the session refreshes with the new tokens (the old
            // refresh token was revoked by the change). Requests every 25 minutes keep the session from idling out.
            await browser.Page.GotoAsync("/kasir");
            (await browser.Heading()).Should().Be("Loket kasir");
            foreach (var step in new[] { 25, 25, 9 })
            {
                host.Time.Advance(TimeSpan.FromMinutes(step));
                await browser.Page.GotoAsync("/kasir");
                (await browser.Heading()).Should().Be("Loket kasir", $"signed in {step} minutes later");
            }

            // Signing out, then in with the old password fails and the new one works.
            await browser.Press("Keluar");
            await Assertions.Expect(browser.Page.GetByTestId("signed-out")).ToContainTextAsync("Anda sudah keluar.");
            await browser.Fill("Nama pengguna", kasir);
            await browser.Fill("Kata sandi", ConsoleKoperasi.Password);
            await browser.Press("Masuk");
            await Assertions.Expect(browser.Page.Locator(".error-summary")).ToContainTextAsync("Nama pengguna atau kata sandi salah.");
            await browser.SignIn(kasir, "sandi-baru-kasir-7");
            (await browser.Heading()).Should().Be("Loket kasir");
            browser.ConsoleErrors.Should().BeEmpty();

            var events = await LoginEvents(host, kasir);
            events.OfType<PasswordChanged>().Should().ContainSingle();
            events.OfType<SignedOut>().Should().ContainSingle("signing out revoked the session's tokens at the API");
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task five_wrong_passwords_lock_the_sign_in_and_the_page_says_so_plainly()
    {
        var kasir = await NewKasir();
        var host = await ConsoleHost.Instance;
        await using var browser = await ConsoleBrowser.Open();
        await browser.Page.GotoAsync("/masuk");
        for (var i = 1; i <= 4; i++)
        {
            await browser.Fill("Nama pengguna", kasir);
            await browser.Fill("Kata sandi", $"salah-sandi-{i}");
            await browser.Press("Masuk");
            await Assertions.Expect(browser.Page.Locator(".error-summary")).ToContainTextAsync("Nama pengguna atau kata sandi salah.");
        }
        await browser.Fill("Nama pengguna", kasir);
        await browser.Fill("Kata sandi", "salah-sandi-5");
        await browser.Press("Masuk");
        await Assertions.Expect(browser.Page.Locator(".error-summary")).ToContainTextAsync("Terlalu banyak percobaan masuk");
        await Assertions.Expect(browser.Page.Locator(".error-summary")).ToContainTextAsync("tunggu 15 menit");
        await browser.Screenshot("masuk-terkunci");

        // The right password too, while locked.
        await browser.Fill("Nama pengguna", kasir);
        await browser.Fill("Kata sandi", ConsoleKoperasi.Password);
        await browser.Press("Masuk");
        await Assertions.Expect(browser.Page.Locator(".error-summary")).ToContainTextAsync("Terlalu banyak percobaan masuk");
        browser.Page.Url.Should().Contain("/masuk");
        (await browser.SeriousAccessibilityProblems()).Should().BeEmpty();

        // The API counted the browser, not the console: its address and its User-Agent are on every event.
        var events = await LoginEvents(host, kasir);
        events.OfType<LoginLockedOut>().Should().ContainSingle();
        var failed = events.OfType<LoginFailed>().ToList();
        failed.Should().HaveCount(5);
        failed.Should().OnlyContain(f => f.Meta.Address == "127.0.0.1" && f.Meta.ForwardedBy == "127.0.0.1"
            && f.Meta.UserAgent != null && f.Meta.UserAgent.Contains("Chrome"));

        // The pengurus sees the lock on the users page, and a reset opens it.
        await using var pengurus = await ConsoleBrowser.Open();
        await pengurus.SignIn(_kop.Pengurus);
        await pengurus.Page.GotoAsync("/pengaturan/pengguna");
        await Assertions.Expect(pengurus.Page.GetByTestId("user-row").Filter(new() { HasText = kasir })).ToContainTextAsync("Terkunci sampai");
        var reset = await (await _kop.Api(_kop.Pengurus)).PostAsJsonAsync(_kop.Url($"users/{kasir}/password"), new { password = "sandi-dari-pengurus-3" });
        reset.StatusCode.Should().Be(HttpStatusCode.OK);
        await browser.SignIn(kasir, "sandi-dari-pengurus-3");
        (await browser.Heading()).Should().Be("Loket kasir");
    }
}
