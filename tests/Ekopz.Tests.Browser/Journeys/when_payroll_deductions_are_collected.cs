using Ekopz.Tests.Browser.Support;
using Microsoft.Playwright;

namespace Ekopz.Tests.Browser.Journeys;

/// <summary>
/// Collecting in bulk (docs/adr/0036): the kasir opens "Potong gaji" from the counter, downloads the template, uploads the
/// company's deduction list, sees each line accepted or refused with its reason, applies the batch after a check, and the
/// batch report shows the one amount the bank received; the members' savings have it.
/// </summary>
public sealed class when_payroll_deductions_are_collected : IAsyncLifetime
{
    private ConsoleKoperasi _kop = default!;

    public async Task InitializeAsync() => _kop = await ConsoleKoperasi.Create("Koperasi Karyawan");

    public Task DisposeAsync() => Task.CompletedTask;

    private static FilePayload Csv(string name, string text) => new() { Name = name, MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(text) };

    [Fact]
    public async Task the_kasir_checks_the_list_applies_it_and_sees_the_batch_report()
    {
        var sari = await _kop.ActiveMember("Sari Karyawati");
        var joko = await _kop.ActiveMember("Joko Karyawan");
        var sariNik = (await _kop.Get(_kop.Pengawas, $"members/{sari}"))["nik"]!.GetValue<string>();
        var jokoNik = (await _kop.Get(_kop.Pengawas, $"members/{joko}"))["nik"]!.GetValue<string>();
        var list = "NIK / No. Anggota;Nama;Simpanan Wajib;Simpanan Sukarela;Kunci Baris\n"
            + $"{sariNik};Sari Karyawati;50.000;100.000;jan-sari\n"
            + $"{jokoNik};Joko Karyawan;50.000;;jan-joko\n"
            + "3273991501809999;Orang Lain;50.000;;jan-lain\n";

        await using var browser = await ConsoleBrowser.Open();
        var page = browser.Page;
        await browser.SignIn(_kop.Kasir);
        await page.GotoAsync("/kasir");
        await page.Locator("a.tile[href='/kasir/potong-gaji']").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Potong gaji");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("collection-template").ClickAsync());
        download.SuggestedFilename.Should().Be("templat-potong-gaji.xlsx");
        (await File.ReadAllBytesAsync(await download.PathAsync())).Take(2).Should().Equal("PK"u8.ToArray());

        await browser.Fill("Kode batch", "potong-gaji-januari");
        await page.GetByLabel("Berkas potong gaji (xlsx atau CSV)").SetInputFilesAsync(Csv("potong-gaji-januari.csv", list));
        await browser.Press("Periksa (tanpa mencatat)");
        await Assertions.Expect(page.GetByTestId("collection-dry-run")).ToContainTextAsync("2 baris diterima, 1 baris ditolak");
        await Assertions.Expect(page.GetByTestId("collection-lines")).ToContainTextAsync("tidak ditemukan");
        await Assertions.Expect(page.GetByTestId("collection-total")).ToContainTextAsync("Rp 200.000");
        (await _kop.Get(_kop.Pengawas, $"members/{sari}/statement"))["balances"]!["wajib"]!.GetValue<decimal>().Should().Be(0, "a dry run records nothing");
        (await browser.SeriousAccessibilityProblems()).Should().BeEmpty();
        await browser.Screenshot("potong-gaji-periksa");

        await browser.Press("Terapkan");
        await Assertions.Expect(page.Locator("#confirm-error")).ToBeVisibleAsync();
        await page.Locator("#confirm").CheckAsync();
        await browser.Press("Terapkan");
        await Assertions.Expect(page.GetByTestId("collection-applied")).ToContainTextAsync("Rp 200.000");
        await Assertions.Expect(page.GetByTestId("collection-applied")).ToContainTextAsync("Bank");
        await browser.Screenshot("potong-gaji-laporan");

        var statement = await _kop.Get(_kop.Pengawas, $"members/{sari}/statement");
        statement["balances"]!["wajib"]!.GetValue<decimal>().Should().Be(50_000m);
        statement["balances"]!["sukarela"]!.GetValue<decimal>().Should().Be(100_000m);
        var journal = await _kop.Get(_kop.Pengawas, "ledger/journal?from=2000-01-01&to=2099-12-31&pageSize=1000");
        journal["entries"]!.AsArray().Count(e => e!["source"]!.GetValue<string>() == "CollectionBatchApplied").Should().Be(1);

        // The same list again: nothing recorded twice, the earlier batch's report shown.
        await page.GotoAsync("/kasir/potong-gaji");
        await browser.Fill("Kode batch", "potong-gaji-januari");
        await page.GetByLabel("Berkas potong gaji (xlsx atau CSV)").SetInputFilesAsync(Csv("potong-gaji-januari.csv", list));
        await browser.Press("Periksa (tanpa mencatat)");
        await Assertions.Expect(page.GetByTestId("collection-replayed")).ToBeVisibleAsync();

        // Later: the page lists the batches applied; the report opens from the list, as the apply showed it.
        await page.GotoAsync("/kasir/potong-gaji");
        var batches = page.GetByTestId("collection-batch");
        await Assertions.Expect(batches).ToHaveCountAsync(1);
        await Assertions.Expect(batches.First).ToContainTextAsync("potong-gaji-januari");
        await Assertions.Expect(batches.First).ToContainTextAsync("Rp 200.000");
        await browser.Screenshot("potong-gaji-daftar");
        await batches.First.GetByRole(AriaRole.Link, new() { Name = "potong-gaji-januari" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Laporan batch potong-gaji-januari");
        await Assertions.Expect(page.GetByTestId("collection-total")).ToContainTextAsync("Rp 200.000");
        await Assertions.Expect(page.GetByTestId("collection-line")).ToHaveCountAsync(3);
        await Assertions.Expect(page.GetByTestId("collection-lines")).ToContainTextAsync("tidak ditemukan");
        (await browser.SeriousAccessibilityProblems()).Should().BeEmpty();
        await browser.Screenshot("potong-gaji-batch");
    }
}
