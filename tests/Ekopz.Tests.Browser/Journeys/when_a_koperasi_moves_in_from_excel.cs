using Ekopz.Tests.Browser.Support;
using Microsoft.Playwright;

namespace Ekopz.Tests.Browser.Journeys;

/// <summary>
/// Moving in (docs/adr/0033): the pengurus uploads the filled-in templates on "Pindah data", sees the problems by row and
/// column, fixes the file, sees the summary, applies it after a check, and finds a member with their opening balance.
/// </summary>
public sealed class when_a_koperasi_moves_in_from_excel : IAsyncLifetime
{
    private ConsoleKoperasi _kop = default!;

    public async Task InitializeAsync() => _kop = await ConsoleKoperasi.Create("Koperasi Pindahan");

    public Task DisposeAsync() => Task.CompletedTask;

    private static FilePayload Csv(string name, string text) => new() { Name = name, MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(text) };

    [Fact]
    public async Task the_pengurus_checks_the_files_applies_them_and_sees_a_members_balance()
    {
        var (nik1, nik2) = (ConsoleKoperasi.NewNik(), ConsoleKoperasi.NewNik());
        var ledger = "Kode Akun;Nama Akun;Debit;Kredit\n1-1000;Kas;2.600.000;\n3-1000;Simpanan pokok;;200.000\n3-1100;Simpanan wajib;;1.150.000\n2-1000;Simpanan sukarela;;1.250.000";
        string Members(string secondNik) => "Nama;NIK;No. HP;Alamat;Tanggal Masuk;Simpanan Pokok;Simpanan Wajib;Simpanan Sukarela\n"
            + $"Sulastri Pindahan;{nik1};081234567890;Jl. Kenanga 3;15/03/2019;100.000;900.000;1.250.000\n"
            + $"Darto Pindahan;{secondNik};;;01/07/2024;100.000;250.000;0";

        await using var browser = await ConsoleBrowser.Open();
        var page = browser.Page;
        await browser.SignIn(_kop.Pengurus);
        await page.GotoAsync("/pengaturan");
        await page.Locator("a[href='/pengaturan/pindah-data']").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Pindah data dari Excel");
        // The members template comes as a workbook under the name the page promises.
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("a[href='/pengaturan/pindah-data/templat-anggota.xlsx']").ClickAsync());
        download.SuggestedFilename.Should().Be("templat-anggota.xlsx");
        var template = await File.ReadAllBytesAsync(await download.PathAsync());
        template.Take(2).Should().Equal("PK"u8.ToArray());
        await browser.Fill("Tanggal pindah", "2025-12-31");

        // A NIK Excel turned into 3,2E+15: the report names the row and the column, and nothing is recorded.
        await page.GetByLabel("Berkas anggota (xlsx atau CSV)").SetInputFilesAsync(Csv("anggota.csv", Members("3,20115E+15")));
        await page.GetByLabel("Berkas saldo awal akun (xlsx atau CSV)").SetInputFilesAsync(Csv("saldo-awal.csv", ledger));
        await browser.Press("Periksa (tanpa mencatat)");
        var problems = page.GetByTestId("import-problems");
        await Assertions.Expect(problems).ToContainTextAsync("NIK (B)");
        await Assertions.Expect(problems).ToContainTextAsync("notasi ilmiah");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Terapkan", Exact = true })).ToHaveCountAsync(0);
        (await _kop.Get(_kop.Pengawas, "members"))["total"]!.GetValue<long>().Should().Be(0);

        // Fixed: the summary, then the check step, then applied.
        await browser.Fill("Tanggal pindah", "2025-12-31");
        await page.GetByLabel("Berkas anggota (xlsx atau CSV)").SetInputFilesAsync(Csv("anggota.csv", Members(nik2)));
        await page.GetByLabel("Berkas saldo awal akun (xlsx atau CSV)").SetInputFilesAsync(Csv("saldo-awal.csv", ledger));
        await browser.Press("Periksa (tanpa mencatat)");
        await Assertions.Expect(page.GetByTestId("import-ok")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("import-summary")).ToContainTextAsync("Rp 2.600.000");
        await Assertions.Expect(page.GetByTestId("import-members")).ToContainTextAsync("Sulastri Pindahan");
        await browser.Screenshot("pindah-data-periksa");
        await browser.Press("Terapkan");
        await Assertions.Expect(page.Locator("#confirm-error")).ToBeVisibleAsync();
        (await _kop.Get(_kop.Pengawas, "members"))["total"]!.GetValue<long>().Should().Be(0, "nothing is applied before the check box is ticked");
        await page.Locator("#confirm").CheckAsync();
        await browser.Press("Terapkan");
        await Assertions.Expect(page.GetByTestId("import-done")).ToContainTextAsync("2 anggota");

        var members = (await _kop.Get(_kop.Pengawas, "members?q=Sulastri"))["members"]!.AsArray();
        var id = members.Single()!["memberId"]!.GetValue<string>();
        await page.GotoAsync($"/anggota/{id}");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Rp 1.250.000");
        var tb = await _kop.Get(_kop.Pengawas, "ledger/trial-balance?asOf=2025-12-31");
        tb["balanced"]!.GetValue<bool>().Should().BeTrue();
    }
}
