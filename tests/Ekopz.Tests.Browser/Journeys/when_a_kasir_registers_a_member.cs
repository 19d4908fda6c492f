using System.Text.RegularExpressions;
using Ekopz.Tests.Browser.Support;

namespace Ekopz.Tests.Browser.Journeys;

/// <summary>A kasir at the counter: signs in, registers a member, takes simpanan pokok; the member becomes active.</summary>
public sealed class when_a_kasir_registers_a_member : IAsyncLifetime
{
    private ConsoleKoperasi _kop = default!;

    public async Task InitializeAsync() => _kop = await ConsoleKoperasi.Create("Koperasi Sejahtera Bersama");
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task the_member_pays_pokok_and_becomes_active()
    {
        await using var browser = await ConsoleBrowser.Open();
        var page = browser.Page;
        await browser.SignIn(_kop.Kasir);
        (await browser.Heading()).Should().Be("Loket kasir");
        await browser.Screenshot("kasir-loket");

        await page.GetByRole(AriaRole.Link, new() { Name = "Anggota baru" }).ClickAsync();
        await browser.Fill("Nama lengkap", "Rina Wati");
        await browser.Fill("NIK", ConsoleKoperasi.NewNik());
        await browser.Fill("Nomor HP (tidak wajib)", "081299990005");
        await browser.Press("Lanjutkan");
        (await browser.Heading()).Should().Be("Periksa sebelum disimpan");
        await Assertions.Expect(page.GetByTestId("check-answers")).ToContainTextAsync("Rina Wati");
        await browser.Press("Daftarkan");

        await Assertions.Expect(page.GetByTestId("registered")).ToContainTextAsync("Anggota terdaftar");
        await Assertions.Expect(page.Locator("[data-status]").First).ToHaveTextAsync("Calon anggota");
        var memberId = Guid.Parse(Regex.Match(page.Url, "/anggota/([0-9a-f-]{36})").Groups[1].Value);

        await browser.Follow("Terima simpanan pokok");
        (await browser.Heading()).Should().Be("Setor simpanan");
        await Assertions.Expect(page.GetByLabel("Simpanan pokok", new() { Exact = true })).ToBeCheckedAsync();
        (await page.GetByLabel("Jumlah", new() { Exact = true }).InputValueAsync()).Should().Be("100000");
        await browser.Screenshot("kasir-setoran");
        await browser.Press("Lanjutkan");
        await Assertions.Expect(page.GetByTestId("check-answers")).ToContainTextAsync("Seratus ribu rupiah");
        await browser.Screenshot("kasir-setoran-periksa");
        await browser.Press("Simpan dan cetak kwitansi");

        // The kwitansi: koperasi, number, member, what was paid, the amount in figures and in words, kasir.
        await Assertions.Expect(page.GetByTestId("recorded")).ToBeVisibleAsync();
        var receipt = page.GetByTestId("receipt");
        await Assertions.Expect(receipt).ToContainTextAsync("Koperasi Sejahtera Bersama");
        await Assertions.Expect(page.GetByTestId("receipt-number")).ToHaveTextAsync("KW-000001");
        await Assertions.Expect(receipt).ToContainTextAsync("Rina Wati");
        await Assertions.Expect(receipt).ToContainTextAsync("Setoran simpanan pokok");
        await Assertions.Expect(page.GetByTestId("receipt-total")).ToHaveTextAsync("Rp 100.000");
        await Assertions.Expect(page.GetByTestId("receipt-words")).ToHaveTextAsync("Seratus ribu rupiah");
        await Assertions.Expect(receipt).ToContainTextAsync(_kop.Kasir);
        await browser.Screenshot("kwitansi");

        // Downloaded as PDF, and read back: the same figures and words.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Unduh PDF" }).ClickAsync());
        var pdfPath = Path.Combine(Path.GetTempPath(), $"kwitansi-{Guid.NewGuid():N}.pdf");
        await download.SaveAsAsync(pdfPath);
        using (var pdf = UglyToad.PdfPig.PdfDocument.Open(pdfPath))
        {
            var text = string.Join(" ", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
            text.Should().Contain("KW-000001").And.Contain("100.000").And.Contain("Seratus").And.Contain("Rina");
        }

        // The narrow print view for a 58 mm receipt printer.
        await page.GotoAsync("/kwitansi/1/cetak?kertas=58&tanpa-cetak=1");
        await page.SetViewportSizeAsync(220, 700);
        await Assertions.Expect(page.GetByTestId("receipt-words")).ToHaveTextAsync("Seratus ribu rupiah");
        await browser.Screenshot("kwitansi-58mm");
        await page.SetViewportSizeAsync(1280, 900);

        // The member page (and the API) now say active, with pokok paid.
        await page.GotoAsync($"/anggota/{memberId}");
        await Assertions.Expect(page.Locator("[data-status]").First).ToHaveTextAsync("Aktif");
        await Assertions.Expect(page.GetByTestId("balance-pokok")).ToHaveTextAsync("Rp 100.000");
        await Assertions.Expect(page.GetByTestId("statement-line")).ToHaveCountAsync(1);
        await browser.Screenshot("anggota-halaman");
        var member = await _kop.Get(_kop.Kasir, $"members/{memberId}");
        member["status"]!.GetValue<string>().Should().Be("active");
        member["balances"]!["pokok"]!.GetValue<decimal>().Should().Be(100_000m);

        browser.ConsoleErrors.Should().BeEmpty();
    }

    [Fact]
    public async Task a_zero_amount_or_a_bad_nik_shows_the_summary_and_keeps_the_form()
    {
        await using var browser = await ConsoleBrowser.Open();
        var page = browser.Page;
        await browser.SignIn(_kop.Kasir);

        await page.GotoAsync("/anggota/baru");
        await browser.Fill("Nama lengkap", "Joko <b>Tingkir</b>");
        await browser.Fill("NIK", "12345");
        await browser.Press("Lanjutkan");
        await Assertions.Expect(page.GetByTestId("error-summary")).ToContainTextAsync("NIK harus 16 angka sesuai KTP.");
        await Assertions.Expect(page.Locator("#nik-error")).ToContainTextAsync("NIK harus 16 angka");
        (await page.GetByLabel("Nama lengkap", new() { Exact = true }).InputValueAsync()).Should().Be("Joko <b>Tingkir</b>");
        (await page.GetByLabel("NIK", new() { Exact = true }).InputValueAsync()).Should().Be("12345");
        await browser.Screenshot("galat-nik");

        var memberId = await _kop.ActiveMember("Sri Rahayu");
        await page.GotoAsync($"/kasir/setoran/{memberId}?jenis=sukarela");
        await browser.Fill("Jumlah", "0");
        await browser.Press("Lanjutkan");
        await Assertions.Expect(page.GetByTestId("error-summary")).ToContainTextAsync("Jumlah harus lebih dari Rp 0");
        (await page.GetByLabel("Jumlah", new() { Exact = true }).InputValueAsync()).Should().Be("0");
        await Assertions.Expect(page.GetByLabel("Simpanan sukarela", new() { Exact = true })).ToBeCheckedAsync();
        await browser.Screenshot("galat-jumlah");

        // Three decimals pass the page's own check only if typed oddly; the API refuses and the page says so beside the field.
        await browser.Fill("Jumlah", "1500,5");
        await browser.Press("Lanjutkan");
        await browser.Press("Simpan dan cetak kwitansi");
        await Assertions.Expect(page.GetByTestId("receipt-words")).ToHaveTextAsync("Seribu lima ratus rupiah lima puluh sen");
        (await _kop.Get(_kop.Kasir, $"members/{memberId}"))["balances"]!["sukarela"]!.GetValue<decimal>().Should().Be(1500.5m);
    }
}
