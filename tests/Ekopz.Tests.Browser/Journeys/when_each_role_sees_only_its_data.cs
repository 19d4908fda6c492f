using Ekopz.Tests.Browser.Support;

namespace Ekopz.Tests.Browser.Journeys;

/// <summary>
/// Least data per role in the console (docs/adr/0017): the kasir sees a member's NIK masked and reads the cash book but
/// no other book; a pengelola toko still sells to a member at member prices, found by member number, without browsing
/// members. Pages whose read the API refuses show "not allowed", never an error.
/// </summary>
public sealed class when_each_role_sees_only_its_data : IAsyncLifetime
{
    private const string Forbidden = "Anda tidak berhak membuka halaman ini";
    private ConsoleKoperasi _kop = default!;
    private Guid _member;
    private string _nik = "";
    private string _number = "";

    public async Task InitializeAsync()
    {
        _kop = await ConsoleKoperasi.Create("Koperasi Data Secukupnya");
        _nik = ConsoleKoperasi.NewNik();
        var member = await _kop.Post(_kop.Kasir, "members", new { name = "Sari Melati", nik = _nik, phone = "081298765432", address = "Jl. Kenanga 3" });
        _member = Guid.Parse(member["memberId"]!.GetValue<string>());
        _number = member["memberNumber"]!.GetValue<string>();
        await _kop.Post(_kop.Kasir, $"members/{_member}/savings/pokok/deposits", new { amount = 100_000m });
        await _kop.Post(_kop.Kasir, $"members/{_member}/savings/sukarela/deposits", new { amount = 40_000m });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private string Masked => new string('*', 12) + _nik[^4..];

    [Fact]
    public async Task a_kasir_sees_the_nik_masked_and_reads_the_cash_book_but_no_other_book()
    {
        await using var browser = await ConsoleBrowser.Open();
        var page = browser.Page;
        var failed = Failures(page);
        await browser.SignIn(_kop.Kasir);
        var nav = await page.Locator("nav").InnerTextAsync();
        nav.Should().Contain("Buku kas").And.Contain("Anggota").And.Contain("Pinjaman").And.NotContain("Buku & laporan");

        // Found at the counter by the whole NIK typed in; the member page shows it masked, the phone and address whole.
        await page.GotoAsync($"/kasir?q={_nik}");
        await Assertions.Expect(page.GetByTestId("counter-member")).ToHaveCountAsync(1);
        await page.GotoAsync($"/anggota/{_member}?tab=data");
        await Assertions.Expect(page.GetByTestId("member-nik")).ToHaveTextAsync(Masked);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("081298765432");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Jl. Kenanga 3");
        (await page.ContentAsync()).Should().NotContain(_nik);
        await browser.Screenshot("anggota-nik-tersamar");

        // Correcting the phone leaves the NIK as it was: the masked value shown is not sent back.
        await page.GotoAsync($"/anggota/{_member}/ubah");
        (await page.GetByLabel("NIK", new() { Exact = true }).InputValueAsync()).Should().Be(Masked);
        await browser.Fill("Nomor HP (tidak wajib)", "081200001111");
        await browser.Press("Simpan perubahan");
        await Assertions.Expect(page.GetByTestId("member-nik")).ToHaveTextAsync(Masked);
        var stored = await _kop.Get(_kop.Pengurus, $"members/{_member}");
        stored["nik"]!.GetValue<string>().Should().Be(_nik);
        stored["phone"]!.GetValue<string>().Should().Be("081200001111");

        // The cash book for the drawer, without links into the ledger; the other books are not the kasir's.
        await page.GetByRole(AriaRole.Link, new() { Name = "Buku kas", Exact = true }).ClickAsync();
        (await browser.Heading()).Should().Be("Buku kas");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Rp 140.000");
        (await page.Locator("main a[href^='/laporan/']:not([download])").CountAsync()).Should().Be(0, "the kasir cannot follow a figure into the ledger");
        // The cash book itself may be taken away as a file (CSV, PDF, Excel): the API decides what the kasir reads.
        var pdfHref = await page.GetByTestId("pdf").GetAttributeAsync("href");
        var pdf = await page.APIRequest.GetAsync(new Uri(new Uri(page.Url), pdfHref).ToString());
        pdf.Status.Should().Be(200);
        (await pdf.BodyAsync()).Take(5).Should().Equal("%PDF-"u8.ToArray());

        // Loans: the list to disburse and take installments from, without the board's portfolio figures.
        await page.GotoAsync("/pinjaman");
        (await browser.Heading()).Should().Be("Pinjaman");
        await Assertions.Expect(page.GetByTestId("portfolio-outstanding")).ToHaveCountAsync(0);
        failed.Should().BeEmpty();
        browser.ConsoleErrors.Should().BeEmpty();

        foreach (var path in new[] { "/laporan", "/laporan/neraca", "/laporan/jurnal", "/beranda", "/persetujuan" })
        {
            var response = await page.GotoAsync(path);
            response!.Status.Should().Be(403, path);
            (await browser.Heading()).Should().Be(Forbidden, path);
        }
    }

    [Fact]
    public async Task a_pengelola_toko_sells_to_a_member_by_number_at_member_prices_without_browsing_members()
    {
        var unit = (await _kop.Get(_kop.Pengurus, "shop/units")).AsArray().Single()!["unitId"]!.GetValue<string>();
        await _kop.Post(_kop.Pengurus, $"shop/units/{unit}/managers", new { username = _kop.Toko });
        var soap = (await _kop.Post(_kop.Pengurus, "shop/products", new { sku = "SBN-1", name = "Sabun mandi", memberPrice = 4_000m, publicPrice = 5_000m }))["productId"]!.GetValue<string>();
        await _kop.Post(_kop.Pengurus, "shop/stock-receipts", new { supplier = "Toko Grosir", lines = new[] { new { productId = soap, quantity = 10m, unitCost = 3_000m } } });

        await using var browser = await ConsoleBrowser.Open();
        var page = browser.Page;
        var failed = Failures(page);
        await browser.SignIn(_kop.Toko);
        page.Url.Should().EndWith("/toko", "a pengelola toko lands on the shop dashboard");
        await browser.Follow("Penjualan toko");
        page.Url.Should().EndWith("/kasir/penjualan");
        await browser.Fill("Cari barang (SKU atau nama)", "SBN-1");
        await browser.Press("Cari");
        await page.GetByTestId("products-found").GetByRole(AriaRole.Button, new() { Name = "Tambah" }).ClickAsync();
        await browser.Fill("Jumlah Sabun mandi", "3");
        await browser.Fill("Nomor anggota atau NIK pembeli", _number);
        await browser.Press("Hitung ulang");
        await Assertions.Expect(page.GetByTestId("cart-total")).ToHaveTextAsync("Rp 12.000");
        await browser.Press("Lanjutkan");
        await Assertions.Expect(page.GetByTestId("check-answers")).ToContainTextAsync($"Sari Melati ({_number})");
        await browser.Press("Bayar tunai dan cetak kwitansi");
        await Assertions.Expect(page.GetByTestId("receipt-total")).ToHaveTextAsync("Rp 12.000");
        await Assertions.Expect(page.GetByTestId("receipt")).ToContainTextAsync("Sari Melati");
        (await page.ContentAsync()).Should().NotContain(_nik);
        (await page.Locator($"a[href='/anggota/{_member}']").CountAsync()).Should().Be(0, "the shop does not open member pages");
        await browser.Screenshot("toko-jual-anggota");

        // By the whole NIK too, and the buyer is named; the member's pages and the receipt book stay closed.
        await page.GotoAsync("/kasir/penjualan");
        await browser.Fill("Cari barang (SKU atau nama)", "SBN-1");
        await browser.Press("Cari");
        await page.GetByTestId("products-found").GetByRole(AriaRole.Button, new() { Name = "Tambah" }).ClickAsync();
        await browser.Fill("Nomor anggota atau NIK pembeli", _nik);
        await browser.Press("Lanjutkan");
        await Assertions.Expect(page.GetByTestId("check-answers")).ToContainTextAsync("Sari Melati");
        failed.Should().BeEmpty();
        browser.ConsoleErrors.Should().BeEmpty();
        foreach (var path in new[] { $"/anggota/{_member}", "/anggota", "/kwitansi", "/laporan/buku-kas", "/pinjaman" })
        {
            var response = await page.GotoAsync(path);
            response!.Status.Should().Be(403, path);
            (await browser.Heading()).Should().Be(Forbidden, path);
        }
    }

    /// <summary>Every answer of 400 or more the page receives, to say which one when there is one.</summary>
    private static List<string> Failures(IPage page)
    {
        var failed = new List<string>();
        page.Response += (_, r) => { if (r.Status >= 400) failed.Add($"{r.Status} {r.Url}"); };
        return failed;
    }
}
