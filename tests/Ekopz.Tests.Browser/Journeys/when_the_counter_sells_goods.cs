using Ekopz.Tests.Browser.Support;

namespace Ekopz.Tests.Browser.Journeys;

/// <summary>A counter sale: find goods by SKU or name, a member pays member prices, a walk-in public prices; each ends on a receipt.</summary>
public sealed class when_the_counter_sells_goods : IAsyncLifetime
{
    private ConsoleKoperasi _kop = default!;
    private string _rice = "";

    public async Task InitializeAsync()
    {
        _kop = await ConsoleKoperasi.Create("Koperasi Konsumen Sejahtera");
        await _kop.ActiveMember("Dewi Lestari");
        _rice = (await _kop.Post(_kop.Pengurus, "shop/products", new { sku = "BRS-5", name = "Beras 5 kg", memberPrice = 70_000m, publicPrice = 75_000m }))["productId"]!.GetValue<string>();
        var oil = (await _kop.Post(_kop.Pengurus, "shop/products", new { sku = "MYK-1", name = "Minyak goreng 1 L", memberPrice = 17_000m, publicPrice = 18_500m }))["productId"]!.GetValue<string>();
        await _kop.Post(_kop.Pengurus, "shop/stock-receipts", new
        {
            supplier = "Toko Grosir",
            lines = new object[] { new { productId = _rice, quantity = 10m, unitCost = 60_000m }, new { productId = oil, quantity = 20m, unitCost = 15_000m } },
        });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task a_member_pays_member_prices_and_a_walk_in_public_prices()
    {
        await using var browser = await ConsoleBrowser.Open();
        var page = browser.Page;
        await browser.SignIn(_kop.Kasir);
        await page.GetByRole(AriaRole.Link, new() { Name = "Penjualan toko" }).ClickAsync();
        await browser.Fill("Cari barang (SKU atau nama)", "BRS-5");
        await browser.Press("Cari");
        await page.GetByTestId("products-found").GetByRole(AriaRole.Button, new() { Name = "Tambah" }).ClickAsync();
        await browser.Fill("Cari barang (SKU atau nama)", "minyak");
        await browser.Press("Cari");
        await page.GetByTestId("products-found").GetByRole(AriaRole.Button, new() { Name = "Tambah" }).ClickAsync();
        await browser.Fill("Jumlah Minyak goreng 1 L", "2");
        await browser.Fill("Nomor anggota atau NIK pembeli", "000001");
        await browser.Press("Hitung ulang");
        await Assertions.Expect(page.GetByTestId("cart-total")).ToHaveTextAsync("Rp 104.000");
        await browser.Screenshot("jual-keranjang");
        await browser.Press("Lanjutkan");
        await Assertions.Expect(page.GetByTestId("check-answers")).ToContainTextAsync("Dewi Lestari");
        await browser.Press("Bayar tunai dan cetak kwitansi");
        await Assertions.Expect(page.GetByTestId("receipt-total")).ToHaveTextAsync("Rp 104.000");
        await Assertions.Expect(page.GetByTestId("receipt-words")).ToHaveTextAsync("Seratus empat ribu rupiah");
        await Assertions.Expect(page.GetByTestId("receipt")).ToContainTextAsync("Beras 5 kg × 1");

        // A walk-in buyer: public price; an unknown member number is refused beside the field first.
        await page.GotoAsync("/kasir/penjualan");
        await browser.Fill("Cari barang (SKU atau nama)", "beras");
        await browser.Press("Cari");
        await page.GetByTestId("products-found").GetByRole(AriaRole.Button, new() { Name = "Tambah" }).ClickAsync();
        await browser.Fill("Nomor anggota atau NIK pembeli", "999999");
        await browser.Press("Lanjutkan");
        await Assertions.Expect(page.Locator("#member-error")).ToContainTextAsync("Tidak ada anggota aktif");
        await browser.Fill("Nomor anggota atau NIK pembeli", "");
        await browser.Press("Lanjutkan");
        await browser.Press("Bayar tunai dan cetak kwitansi");
        await Assertions.Expect(page.GetByTestId("receipt-total")).ToHaveTextAsync("Rp 75.000");

        var inventory = await _kop.Get(_kop.Pengawas, "shop/inventory");
        inventory["products"]!.AsArray().Single(p => p!["productId"]!.GetValue<string>() == _rice)!["onHand"]!.GetValue<decimal>().Should().Be(8m);
        browser.ConsoleErrors.Should().BeEmpty();
    }
}
