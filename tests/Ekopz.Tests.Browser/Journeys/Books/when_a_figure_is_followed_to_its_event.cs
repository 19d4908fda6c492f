using System.Globalization;
using Ekopz.Tests.Browser.Support;

namespace Ekopz.Tests.Browser.Journeys.Books;

/// <summary>
/// The pengurus reads the neraca and follows one figure (Simpanan pokok) down to the journal lines that
/// make it, one line to its entry, and the entry to the event with the kasir who recorded it.
/// </summary>
public sealed class when_a_figure_is_followed_to_its_event : IAsyncLifetime
{
    private ConsoleKoperasi _kop = default!;

    public async Task InitializeAsync()
    {
        _kop = await ConsoleKoperasi.Create("Koperasi Buku Terbuka");
        await _kop.SomeBooks();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task the_lines_add_up_to_the_figure_and_the_event_names_the_kasir()
    {
        await using var browser = await ConsoleBrowser.Open();
        var page = browser.Page;
        var browserErrors = await browser.SignInToBooks(_kop.Pengurus);
        await page.GotoAsync("/laporan");
        (await browser.Heading()).Should().Be("Buku & laporan");
        await Assertions.Expect(page.GetByTestId("verification")).ToHaveAttributeAsync("data-ok", "true");
        await browser.Screenshot("laporan-indeks");

        await page.Locator("a.tile[href='/laporan/neraca']").ClickAsync();
        (await browser.Heading()).Should().Be("Neraca");
        await Assertions.Expect(page.GetByTestId("balanced")).ToHaveAttributeAsync("data-ok", "true");
        await browser.Screenshot("laporan-neraca");
        (await browser.SeriousAccessibilityProblems()).Should().BeEmpty();

        // Simpanan pokok: three members, Rp 100.000 each.
        var row = page.Locator("[data-testid=liabilities-equity] tr[data-account='3-1000']");
        await Assertions.Expect(row).ToContainTextAsync("Simpanan pokok");
        var figure = row.Locator("a.figure");
        await Assertions.Expect(figure).ToHaveTextAsync("Rp 300.000");
        await figure.ClickAsync();

        (await browser.Heading()).Should().Be("Baris jurnal");
        await Assertions.Expect(page.GetByTestId("lines-label")).ToContainTextAsync("Simpanan pokok");
        await Assertions.Expect(page.GetByTestId("lines-net")).ToHaveTextAsync("Rp 300.000");
        var lines = page.GetByTestId("line");
        await Assertions.Expect(lines).ToHaveCountAsync(3);
        var credits = await page.Locator("[data-testid=line] td[data-credit]").EvaluateAllAsync<string[]>("cells => cells.map(c => c.dataset.credit)");
        credits.Sum(c => decimal.Parse(c, CultureInfo.InvariantCulture)).Should().Be(300_000m);
        await browser.Screenshot("laporan-baris");
        (await browser.SeriousAccessibilityProblems()).Should().BeEmpty();

        await lines.First.GetByTestId("line-entry").ClickAsync();
        (await browser.Heading()).Should().Be("Entri jurnal");
        await Assertions.Expect(page.GetByTestId("entry-actor")).ToHaveTextAsync(_kop.Kasir);
        await Assertions.Expect(page.GetByTestId("entry-lines")).ToContainTextAsync("3-1000");
        await browser.Screenshot("laporan-entri");

        await page.GetByTestId("entry-event").ClickAsync();
        (await browser.Heading()).Should().Be("Rincian peristiwa");
        await Assertions.Expect(page.GetByTestId("event-actor")).ToHaveTextAsync(_kop.Kasir);
        await Assertions.Expect(page.GetByTestId("event")).ToContainTextAsync("Setoran simpanan");

        browser.ConsoleErrors.Skip(browserErrors).Should().BeEmpty();
    }

    [Fact]
    public async Task every_report_renders_its_figures_as_links_and_downloads_as_csv()
    {
        await using var browser = await ConsoleBrowser.Open();
        var page = browser.Page;
        var browserErrors = await browser.SignInToBooks(_kop.Pengurus);
        var today = await _kop.Today();

        foreach (var (path, heading, shot) in new[]
                 {
                     ("/laporan/neraca-saldo", "Neraca saldo", "laporan-neraca-saldo"),
                     ("/laporan/phu", "Perhitungan hasil usaha", "laporan-phu"),
                     ("/laporan/arus-kas", "Arus kas", "laporan-arus-kas"),
                     ("/laporan/perubahan-ekuitas", "Perubahan ekuitas", "laporan-perubahan-ekuitas"),
                     ("/laporan/buku-kas", "Buku kas", "laporan-buku-kas"),
                     ("/laporan/jurnal", "Jurnal", "laporan-jurnal"),
                     ("/laporan/buku-besar/1-1000", "Buku besar: 1-1000 Kas", "laporan-buku-besar"),
                 })
        {
            await page.GotoAsync(path);
            (await browser.Heading()).Should().Be(heading);
            (await page.Locator("a.figure").CountAsync()).Should().BeGreaterThan(0, $"{path} links its figures to their lines");
            await browser.Screenshot(shot);
            if (path is "/laporan/phu" or "/laporan/jurnal")
                (await browser.SeriousAccessibilityProblems()).Should().BeEmpty(path);
        }

        // The income statement says what the API says, in rupiah as people write it; the electricity bill makes it a loss.
        var phu = await _kop.Get(_kop.Pengawas, "reports/income-statement");
        var shu = phu["shuAfterTax"]!.GetValue<decimal>();
        shu.Should().BeNegative();
        await page.GotoAsync("/laporan/phu");
        await Assertions.Expect(page.GetByTestId("shu-after-tax")).ToContainTextAsync("−Rp " + Math.Abs(shu).ToString("#,0", CultureInfo.GetCultureInfo("id-ID")));
        // The trial balance adds up, and the cash flow reconciles.
        await page.GotoAsync("/laporan/neraca-saldo");
        await Assertions.Expect(page.GetByTestId("balanced")).ToHaveAttributeAsync("data-ok", "true");
        await page.GotoAsync("/laporan/arus-kas");
        await Assertions.Expect(page.GetByTestId("balanced")).ToHaveAttributeAsync("data-ok", "true");

        // CSV through the console: the file name says what and when; the content is the API's.
        await page.GotoAsync("/laporan/neraca");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("csv").ClickAsync());
        download.SuggestedFilename.Should().Be($"neraca-{today.Iso()}.csv");
        var path2 = await download.PathAsync();
        var csv = await File.ReadAllTextAsync(path2!);
        csv.Should().StartWith("section,accountCode,accountName,amount").And.Contain("3-1000");

        // A phone: the report's table scrolls inside its box, the page itself does not.
        await using var phone = await ConsoleBrowser.Phone();
        var phoneErrors = await phone.SignInToBooks(_kop.Pengurus);
        await phone.Page.GotoAsync("/laporan/neraca");
        var width = await phone.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        width.Should().BeLessThanOrEqualTo(360);
        await phone.Screenshot("laporan-neraca-hp");
        await phone.Page.GotoAsync("/laporan/perubahan-ekuitas");
        (await phone.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).Should().BeLessThanOrEqualTo(360);
        await phone.Screenshot("laporan-perubahan-ekuitas-hp");

        browser.ConsoleErrors.Skip(browserErrors).Should().BeEmpty();
        phone.ConsoleErrors.Skip(phoneErrors).Should().BeEmpty();

        // An unknown report or a value of the wrong shape is never passed on to the API.
        (await page.GotoAsync("/laporan/unduh/semuanya"))!.Status.Should().Be(404);
        (await page.GotoAsync("/laporan/unduh/neraca?asOf=kemarin"))!.Status.Should().Be(400);
    }
}
