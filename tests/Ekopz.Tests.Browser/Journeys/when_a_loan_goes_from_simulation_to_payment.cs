using System.Text.RegularExpressions;
using Ekopz.Tests.Browser.Support;

namespace Ekopz.Tests.Browser.Journeys;

/// <summary>
/// A loan through the console: simulated, applied for by one pengurus, approved by a second one (the
/// first sees no approve button for their own), disbursed by the kasir and paid once.
/// </summary>
public sealed class when_a_loan_goes_from_simulation_to_payment : IAsyncLifetime
{
    private ConsoleKoperasi _kop = default!;
    private Guid _member;

    public async Task InitializeAsync()
    {
        _kop = await ConsoleKoperasi.Create("Koperasi Simpan Pinjam Maju");
        _member = await _kop.ActiveMember("Budi Santoso");
        // Own capital large enough for the lending limit: a grant, proposed by one pengurus and approved by the other.
        var adjustment = await _kop.Post(_kop.Pengurus, "ledger/adjustments", new
        {
            description = "Hibah pemerintah daerah",
            lines = new object[] { new { accountCode = "1-1010", debit = 200_000_000m, credit = 0m }, new { accountCode = "3-1300", debit = 0m, credit = 200_000_000m } },
        });
        await _kop.Post(_kop.Pengurus2, $"ledger/adjustments/{adjustment["adjustmentId"]!.GetValue<string>()}/approve", new { });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task it_is_approved_by_a_second_pengurus_disbursed_and_paid()
    {
        await using var pengurus = await ConsoleBrowser.Open();
        var page = pengurus.Page;
        await pengurus.SignIn(_kop.Pengurus);

        await page.GotoAsync("/pinjaman/simulasi");
        await pengurus.Fill("Besar pinjaman", "12.000.000");
        await pengurus.Fill("Lama pinjaman", "12");
        await pengurus.Fill("Bunga (jasa) per tahun, dalam persen", "18");
        await pengurus.Choose("Anuitas");
        await pengurus.Press("Hitung");
        // The domain doc's worked example: 1,100,160 a month by anuitas, 1,180,000 flat.
        await Assertions.Expect(page.GetByTestId("simulation-compare")).ToContainTextAsync("Rp 1.100.160");
        await Assertions.Expect(page.GetByTestId("simulation-compare")).ToContainTextAsync("Rp 1.180.000");
        await Assertions.Expect(page.GetByTestId("schedule").Locator("tbody tr")).ToHaveCountAsync(12);
        await pengurus.Screenshot("pinjaman-simulasi");

        await pengurus.Follow("Ajukan pinjaman dengan angka ini");
        await pengurus.Fill("Untuk anggota siapa? Cari nama, nomor atau NIK", "Budi");
        await pengurus.Press("Cari");
        await page.GetByRole(AriaRole.Link, new() { Name = "Budi Santoso" }).ClickAsync();
        (await page.GetByLabel("Besar pinjaman", new() { Exact = true }).InputValueAsync()).Should().Be("12.000.000");
        await pengurus.Fill("Keperluan (tidak wajib)", "Modal warung");
        await pengurus.Press("Lanjutkan");
        await Assertions.Expect(page.GetByTestId("check-answers")).ToContainTextAsync("Rp 1.100.160");
        await pengurus.Press("Ajukan");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Pinjaman diajukan");
        var loanId = Regex.Match(page.Url, "/pinjaman/([0-9a-f-]{36})").Groups[1].Value;
        // The one who applied cannot approve their own application.
        await Assertions.Expect(page.GetByTestId("own-request")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Periksa dan setujui" })).ToHaveCountAsync(0);

        await using var bendahara = await ConsoleBrowser.Open();
        await bendahara.SignIn(_kop.Pengurus2);
        await bendahara.Page.GotoAsync($"/pinjaman/{loanId}");
        await bendahara.Follow("Periksa dan setujui");
        await Assertions.Expect(bendahara.Page.GetByTestId("limit-verdict")).ToContainTextAsync("Masih di dalam batas pinjaman");
        await bendahara.Screenshot("pinjaman-persetujuan");
        await bendahara.Press("Setujui");
        await Assertions.Expect(bendahara.Page.GetByTestId("loan-done")).ToContainTextAsync("Pinjaman disetujui");

        await using var kasir = await ConsoleBrowser.Open();
        await kasir.SignIn(_kop.Kasir);
        await kasir.Page.GotoAsync($"/pinjaman/{loanId}");
        await kasir.Follow("Cairkan pinjaman");
        await kasir.Press("Cairkan");
        await Assertions.Expect(kasir.Page.GetByTestId("loan-done")).ToContainTextAsync("Pinjaman dicairkan");
        await Assertions.Expect(kasir.Page.GetByTestId("schedule").Locator("tbody tr")).ToHaveCountAsync(12);

        await kasir.Follow("Bayar angsuran");
        await kasir.Fill("Jumlah", "1.100.160");
        await kasir.Press("Lanjutkan");
        await Assertions.Expect(kasir.Page.GetByTestId("check-answers")).ToContainTextAsync("Satu juta seratus ribu seratus enam puluh rupiah");
        await kasir.Press("Simpan dan cetak kwitansi");
        // The receipt splits the payment into interest and principal.
        await Assertions.Expect(kasir.Page.GetByTestId("receipt")).ToContainTextAsync("Angsuran pokok pinjaman");
        await Assertions.Expect(kasir.Page.GetByTestId("receipt")).ToContainTextAsync("Rp 920.160");
        await Assertions.Expect(kasir.Page.GetByTestId("receipt")).ToContainTextAsync("Rp 180.000");

        var loan = await _kop.Get(_kop.Pengawas, $"loans/{loanId}");
        loan["status"]!.GetValue<string>().Should().Be("active");
        loan["totalPaid"]!["principal"]!.GetValue<decimal>().Should().Be(920_160m);
        loan["outstandingPrincipal"]!.GetValue<decimal>().Should().Be(12_000_000m - 920_160m);
        await kasir.Page.GotoAsync($"/pinjaman/{loanId}");
        await Assertions.Expect(kasir.Page.GetByTestId("loan-payments")).ToContainTextAsync("Rp 1.100.160");
        await Assertions.Expect(kasir.Page.GetByTestId("loan-outstanding")).ToHaveTextAsync("Rp 11.079.840");
        await kasir.Screenshot("pinjaman-halaman");
    }
}
