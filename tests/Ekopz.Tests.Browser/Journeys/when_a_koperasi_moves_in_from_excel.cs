using Ekopz.Tests.Browser.Support;
using Microsoft.Playwright;

namespace Ekopz.Tests.Browser.Journeys;

/// <summary>
/// Moving in (docs/adr/0033): the pengurus uploads the filled-in templates on "Pindah data", sees the problems by row and
/// column, fixes the file, sees the summary, applies it after a check, and finds a member with their opening balance; with the
/// members come a running loan and the shop's stock (docs/adr/0035), and the loan is then an ordinary running loan.
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
        var loansTemplate = await page.RunAndWaitForDownloadAsync(() => page.Locator("a[href='/pengaturan/pindah-data/templat-pinjaman.xlsx']").ClickAsync());
        loansTemplate.SuggestedFilename.Should().Be("templat-pinjaman.xlsx");
        var productsTemplate = await page.RunAndWaitForDownloadAsync(() => page.Locator("a[href='/pengaturan/pindah-data/templat-persediaan.xlsx']").ClickAsync());
        productsTemplate.SuggestedFilename.Should().Be("templat-persediaan.xlsx");
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

        // Fixed, and with Sulastri's running loan and the shop's stock (the ledger's receivable and inventory are their sums): the
        // summary, then the check step, then applied.
        var fullLedger = ledger + "\n1-1100;Piutang pinjaman;1.200.000;\n1-1300;Persediaan;300.000;\n2-2000;Pinjaman bank;;1.500.000";
        var loans = "NIK;Pokok Awal;Sisa Pokok;Bunga % per Tahun;Metode;Sisa Angsuran;Hari Tunggakan;Tanggal Cair\n" + $"{nik1};2.400.000;1.200.000;18;anuitas;6;45;10/07/2025";
        var products = "Kode Barang;Nama Barang;Satuan;Harga Anggota;Harga Umum;Stok;Harga Pokok Rata-rata\nBRS-PINDAH;Beras 5 kg;sak;68.000;72.000;5;60.000";
        await browser.Fill("Tanggal pindah", "2025-12-31");
        await page.GetByLabel("Berkas anggota (xlsx atau CSV)").SetInputFilesAsync(Csv("anggota.csv", Members(nik2)));
        await page.GetByLabel("Berkas saldo awal akun (xlsx atau CSV)").SetInputFilesAsync(Csv("saldo-awal.csv", fullLedger));
        await page.GetByLabel("Berkas pinjaman berjalan (xlsx atau CSV)").SetInputFilesAsync(Csv("pinjaman.csv", loans));
        await page.GetByLabel("Berkas persediaan barang (xlsx atau CSV)").SetInputFilesAsync(Csv("persediaan.csv", products));
        await browser.Press("Periksa (tanpa mencatat)");
        await Assertions.Expect(page.GetByTestId("import-ok")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("import-summary")).ToContainTextAsync("Rp 2.600.000");
        await Assertions.Expect(page.GetByTestId("import-members")).ToContainTextAsync("Sulastri Pindahan");
        await Assertions.Expect(page.GetByTestId("import-summary")).ToContainTextAsync("Rp 1.200.000");
        await Assertions.Expect(page.GetByTestId("import-loans")).ToContainTextAsync(nik1);
        await Assertions.Expect(page.GetByTestId("import-products")).ToContainTextAsync("BRS-PINDAH");
        // The first loans fit their card on a desktop: the table is no wider than its wrapper.
        (await page.GetByTestId("import-loans").EvaluateAsync<bool>("t => t.scrollWidth <= t.parentElement.clientWidth")).Should().BeTrue();
        await browser.Screenshot("pindah-data-periksa");
        await page.SetViewportSizeAsync(360, 740);
        await browser.Screenshot("pindah-data-periksa-hp");
        await page.SetViewportSizeAsync(1280, 900);
        await browser.Press("Terapkan");
        await Assertions.Expect(page.Locator("#confirm-error")).ToBeVisibleAsync();
        (await _kop.Get(_kop.Pengawas, "members"))["total"]!.GetValue<long>().Should().Be(0, "nothing is applied before the check box is ticked");
        await page.Locator("#confirm").CheckAsync();
        await browser.Press("Terapkan");
        await Assertions.Expect(page.GetByTestId("import-done")).ToContainTextAsync("2 anggota");
        await Assertions.Expect(page.GetByTestId("import-done")).ToContainTextAsync("1 pinjaman");

        var members = (await _kop.Get(_kop.Pengawas, "members?q=Sulastri"))["members"]!.AsArray();
        var id = members.Single()!["memberId"]!.GetValue<string>();
        await page.GotoAsync($"/anggota/{id}");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Rp 1.250.000");
        var tb = await _kop.Get(_kop.Pengawas, "ledger/trial-balance?asOf=2025-12-31");
        tb["balanced"]!.GetValue<bool>().Should().BeTrue();

        // The loan runs like any other: 45 days past due on the cut-over, its page shows the remaining principal.
        var portfolio = await _kop.Get(_kop.Pengawas, "reports/loan-portfolio?asOf=2025-12-31");
        portfolio["reconciles"]!.GetValue<bool>().Should().BeTrue();
        var loan = portfolio["loanList"]!.AsArray().Single()!;
        loan["daysPastDue"]!.GetValue<int>().Should().Be(45);
        var loanId = loan["loanId"]!.GetValue<string>();
        await page.GotoAsync($"/pinjaman/{loanId}");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Rp 1.200.000");
        // Moved in, not applied for here: the balance at the cut-over and the old books' disbursement, no "Diajukan", no fees.
        await Assertions.Expect(page.GetByTestId("loan-opening")).ToContainTextAsync("Saldo awal pindahan");
        await Assertions.Expect(page.GetByTestId("loan-opening")).ToContainTextAsync("per 31 Des 2025: Rp 1.200.000");
        await Assertions.Expect(page.GetByTestId("loan-opening-disbursed")).ToContainTextAsync("10 Jul 2025");
        await Assertions.Expect(page.GetByTestId("loan-opening-disbursed")).ToContainTextAsync("pokok awal Rp 2.400.000");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Rp 2.400.000");
        await Assertions.Expect(page.Locator("dl.summary")).Not.ToContainTextAsync("Diajukan");
        await Assertions.Expect(page.Locator("dl.summary")).Not.ToContainTextAsync("biaya");
        await browser.Screenshot("pindah-data-pinjaman");

        // The same on a phone, and in the member's own portal.
        var login = $"sulastri.{_kop.Slug}";
        await _kop.Post(_kop.Pengurus, "users", new { username = login, password = ConsoleKoperasi.Password, roles = new[] { "anggota" }, memberId = id });
        await using var phone = await ConsoleBrowser.Phone();
        await phone.SignIn(login);
        await phone.Page.GotoAsync($"/saya/pinjaman/{loanId}");
        await Assertions.Expect(phone.Page.GetByTestId("loan-opening")).ToContainTextAsync("per 31 Des 2025: Rp 1.200.000");
        await Assertions.Expect(phone.Page.Locator("dl.summary")).ToContainTextAsync("pokok awal Rp 2.400.000");
        await Assertions.Expect(phone.Page.Locator("dl.summary")).Not.ToContainTextAsync("Diajukan");
        // Not "sudah dicairkan": the koperasi paid it out in the old books, before Ekopz.
        await Assertions.Expect(phone.Page.GetByTestId("loan-status-text")).ToHaveTextAsync(
            "Pinjaman dari pembukuan lama, dipindahkan ke Ekopz per 31 Des 2025, dan sedang berjalan.");
        await phone.Screenshot("pindah-data-pinjaman-anggota");
    }
}
