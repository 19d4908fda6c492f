using Ekopz.Tests.Browser.Support;

namespace Ekopz.Tests.Browser.Journeys.Books;

/// <summary>
/// The pengawas (supervisor) reads every report and page of the books and finds nothing that writes:
/// no journal form, no close, no approval. A close posted anyway is refused, and the page says so.
/// </summary>
public sealed class when_a_pengawas_reads_the_books : IAsyncLifetime
{
    private ConsoleKoperasi _kop = default!;
    private Guid _waiting;
    private DateOnly _today;

    public async Task InitializeAsync()
    {
        _kop = await ConsoleKoperasi.Create("Koperasi Diawasi");
        _today = await _kop.SomeBooks();
        _waiting = await _kop.Adjust(_today, "Sewa kantor", approve: false, ("5-3100", 300_000m, 0m), ("1-1000", 0m, 300_000m));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task every_report_shows_and_nothing_writes()
    {
        await using var browser = await ConsoleBrowser.Open();
        var page = browser.Page;
        var browserErrors = await browser.SignInToBooks(_kop.Pengawas);
        var entry = (await _kop.Get(_kop.Pengawas, "ledger/journal"))["entries"]![0]!["entryId"]!.GetValue<string>();

        foreach (var (path, heading) in new[]
                 {
                     ("/laporan", "Buku & laporan"),
                     ("/laporan/neraca", "Neraca"),
                     ("/laporan/neraca-saldo", "Neraca saldo"),
                     ("/laporan/phu", "Perhitungan hasil usaha"),
                     ("/laporan/arus-kas", "Arus kas"),
                     ("/laporan/perubahan-ekuitas", "Perubahan ekuitas"),
                     ("/laporan/buku-kas", "Buku kas"),
                     ("/laporan/jurnal", "Jurnal"),
                     ("/laporan/buku-besar", "Buku besar"),
                     ("/laporan/buku-besar/1-1000", "Buku besar: 1-1000 Kas"),
                     ("/laporan/baris?accounts=1-1000", "Baris jurnal"),
                     ($"/laporan/entri/{entry}", "Entri jurnal"),
                     ("/laporan/penyesuaian", "Jurnal penyesuaian"),
                     ($"/laporan/penyesuaian/{_waiting}", "Jurnal penyesuaian"),
                     ("/laporan/penyesuaian/baru", "Ajukan jurnal penyesuaian"),
                     ("/laporan/tutup-buku", "Tutup buku"),
                     ("/laporan/tutup-tahun", "Tutup tahun buku"),
                 })
        {
            var response = await page.GotoAsync(path);
            response!.Status.Should().Be(200, path);
            (await browser.Heading()).Should().Be(heading, path);
            // The only form that posts is signing out.
            (await page.Locator("main form[method=post]").CountAsync()).Should().Be(0, $"{path} offers a pengawas nothing that writes");
            (await page.Locator("form[method=post]:not([action='/keluar'])").CountAsync()).Should().Be(0, path);
            foreach (var button in new[] { "Tutup buku", "Setujui", "Tolak", "Ajukan jurnal", "Lanjutkan" })
                (await page.GetByRole(AriaRole.Button, new() { Name = button }).CountAsync()).Should().Be(0, $"{path} has no {button} button");
        }
        await Assertions.Expect(page.GetByTestId("read-only")).ToContainTextAsync("Hanya pengurus");
        await browser.Screenshot("laporan-pengawas-tutup-buku");

        // A close posted anyway (the form forged with the session's own antiforgery token) is refused by the API.
        var lastMonth = new DateOnly(_today.Year, _today.Month, 1).AddMonths(-1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var token = await page.Locator("input[name=__RequestVerificationToken]").First.InputValueAsync();
        await page.RunAndWaitForNavigationAsync(() => page.EvaluateAsync(@"fields => {
            const f = document.createElement('form');
            f.method = 'post';
            f.action = '/laporan/tutup-buku';
            for (const [name, value] of Object.entries(fields)) {
                const i = document.createElement('input');
                i.type = 'hidden'; i.name = name; i.value = value; f.appendChild(i);
            }
            document.body.appendChild(f);
            f.submit();
        }", new Dictionary<string, string>
        {
            ["_handler"] = "tutup-simpan", ["f.Period"] = lastMonth, ["f.Key"] = Guid.NewGuid().ToString("N"), ["__RequestVerificationToken"] = token,
        }));
        await Assertions.Expect(page.GetByTestId("error-summary")).ToContainTextAsync("Peran Anda tidak mengizinkan tindakan ini.");
        (await page.Locator("main form[method=post]").CountAsync()).Should().Be(0);
        await browser.Screenshot("laporan-pengawas-ditolak");
        (await _kop.Get(_kop.Pengawas, $"periods/{lastMonth}"))["status"]!.GetValue<string>().Should().Be("open");

        // The same for an approval.
        await page.GotoAsync($"/laporan/penyesuaian/{_waiting}");
        token = await page.Locator("input[name=__RequestVerificationToken]").First.InputValueAsync();
        await page.RunAndWaitForNavigationAsync(() => page.EvaluateAsync(@"fields => {
            const f = document.createElement('form');
            f.method = 'post';
            for (const [name, value] of Object.entries(fields)) {
                const i = document.createElement('input');
                i.type = 'hidden'; i.name = name; i.value = value; f.appendChild(i);
            }
            document.body.appendChild(f);
            f.submit();
        }", new Dictionary<string, string> { ["_handler"] = "setujui", ["s.Key"] = Guid.NewGuid().ToString("N"), ["__RequestVerificationToken"] = token }));
        await Assertions.Expect(page.GetByTestId("error-summary")).ToContainTextAsync("Peran Anda tidak mengizinkan tindakan ini.");
        await Assertions.Expect(page.GetByTestId("adjustment-status")).ToHaveTextAsync("Menunggu");
        (await _kop.Get(_kop.Pengawas, $"ledger/adjustments/{_waiting}"))["status"]!.GetValue<string>().Should().Be("requested");

        browser.ConsoleErrors.Skip(browserErrors).Should().BeEmpty();
    }
}
