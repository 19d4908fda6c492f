using System.Text.Json.Nodes;
using Ekopz.Tests.Browser.Support;

namespace Ekopz.Tests.Browser.Journeys;

/// <summary>
/// The shop dashboard (/toko) as a pengelola toko of one unit: a product is created, stock received and counted (the
/// count's adjustment is shown before it is recorded), a web order placed through the API (as the storefront does) is
/// paid, shipped with a tracking number and delivered; afterwards the inventory report and the inventory account agree.
/// Members' pages stay closed to the pengelola toko.
/// </summary>
public sealed class when_a_pengelola_toko_runs_the_shop : IAsyncLifetime
{
    private ConsoleKoperasi _kop = default!;
    private Guid _buyer;

    public async Task InitializeAsync()
    {
        _kop = await ConsoleKoperasi.Create("Koperasi Toko Makmur");
        var unit = (await _kop.Get(_kop.Pengurus, "shop/units")).AsArray().Single()!["unitId"]!.GetValue<string>();
        await _kop.Post(_kop.Pengurus, $"shop/units/{unit}/managers", new { username = _kop.Toko });
        _buyer = await _kop.ActiveMember("Dewi Lestari");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task a_product_is_stocked_counted_ordered_on_the_web_paid_shipped_and_delivered_and_the_books_agree()
    {
        await using var browser = await ConsoleBrowser.Open();
        var page = browser.Page;
        await browser.SignIn(_kop.Toko);
        page.Url.Should().EndWith("/toko", "a pengelola toko lands on the shop dashboard");
        await Assertions.Expect(page.GetByTestId("unit-name")).ToContainTextAsync("Toko Koperasi");

        // A product.
        await browser.Follow("Produk");
        await browser.Follow("Tambah produk");
        await browser.Fill("Nama produk", "Gula pasir 1 kg");
        await browser.Fill("SKU", "GULA-1");
        await browser.Press("Simpan produk");
        await Assertions.Expect(page.Locator("#memberPrice-error")).ToContainTextAsync("Tulis harga");
        await browser.Fill("Harga anggota", "14.000");
        await browser.Fill("Harga umum", "15.000");
        await browser.Press("Simpan produk");
        await Assertions.Expect(page.GetByTestId("product-name")).ToHaveTextAsync("Gula pasir 1 kg");
        await Assertions.Expect(page.GetByTestId("product-facts")).ToContainTextAsync("Rp 15.000");

        // Stock received: a check step, then the confirmation.
        await browser.Follow("Penerimaan barang");
        await browser.Fill("Pemasok", "PT Sumber Gula");
        await page.GetByLabel("Produk baris 1", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Gula pasir 1 kg (GULA-1)" });
        await browser.Fill("Jumlah baris 1", "10");
        await browser.Fill("Harga beli per satuan baris 1", "12.000");
        await browser.Press("Lanjutkan");
        await Assertions.Expect(page.GetByTestId("receipt-total")).ToHaveTextAsync("Rp 120.000");
        await browser.Screenshot("toko-penerimaan-periksa");
        await browser.Press("Catat penerimaan");
        await Assertions.Expect(page.GetByTestId("receipt-done")).ToContainTextAsync("Rp 120.000");

        // A stock count: one bag missing. The adjustment and its value at the average cost are shown before recording.
        await page.GotoAsync("/toko/opname");
        await browser.Fill("Jumlah dihitung untuk Gula pasir 1 kg", "9");
        await browser.Press("Lanjutkan");
        var check = page.GetByTestId("count-check").Locator("tr[data-sku='GULA-1']");
        await Assertions.Expect(check).ToContainTextAsync("−1");
        await Assertions.Expect(check).ToContainTextAsync("−Rp 12.000");
        await browser.Screenshot("toko-opname-periksa");
        (await _kop.Get(_kop.Pengawas, "shop/inventory"))["totalValue"]!.GetValue<decimal>().Should().Be(120_000m, "nothing is recorded before the check");
        await browser.Press("Catat hasil opname");
        await Assertions.Expect(page.GetByTestId("count-done")).ToContainTextAsync("−Rp 12.000");

        // The storefront places a web order for a member (through the API, as the storefront does).
        var sugar = (await _kop.Get(_kop.Pengawas, "shop/products")).AsArray().Single(p => p!["sku"]!.GetValue<string>() == "GULA-1")!["productId"]!.GetValue<string>();
        var order = await _kop.Post(_kop.Pengurus, "shop/orders", new
        {
            memberId = _buyer, channel = "web", shipTo = "Jl. Kenanga 3, Sleman", lines = new[] { new { productId = sugar, quantity = 2m } },
        });
        var orderId = order["orderId"]!.GetValue<string>();

        await page.GotoAsync("/toko");
        await Assertions.Expect(page.GetByTestId("orders-to-act")).ToHaveTextAsync("1");
        await browser.Screenshot("toko-ringkasan");
        await browser.Follow("Pesanan");
        await Assertions.Expect(page.GetByTestId("order-list")).ToContainTextAsync("Dewi Lestari");
        await browser.Screenshot("toko-pesanan");
        await page.GetByTestId("order-list").GetByRole(AriaRole.Link).First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("order-buyer")).ToContainTextAsync("Dewi Lestari");

        // Paid (by transfer), with a check step.
        await browser.Follow("Tandai sudah dibayar");
        await browser.Choose("Transfer bank");
        await browser.Press("Lanjutkan");
        await Assertions.Expect(page.GetByTestId("check-answers")).ToContainTextAsync("Transfer bank");
        await browser.Press("Tandai sudah dibayar");
        await Assertions.Expect(page.GetByTestId("order-status")).ToHaveTextAsync("Dibayar");

        // Shipped: the tracking number is required beside its field, then recorded.
        await browser.Follow("Kirim pesanan");
        await browser.Fill("Kurir", "JNE");
        await browser.Press("Lanjutkan");
        await Assertions.Expect(page.Locator("#trackingNumber-error")).ToContainTextAsync("nomor resi");
        await browser.Fill("Nomor resi", "JNE0012345678");
        await browser.Press("Lanjutkan");
        await Assertions.Expect(page.GetByTestId("check-answers")).ToContainTextAsync("JNE0012345678");
        await browser.Press("Kirim pesanan");
        await Assertions.Expect(page.GetByTestId("order-status")).ToHaveTextAsync("Dikirim");
        await Assertions.Expect(page.GetByTestId("order-shipment")).ToContainTextAsync("JNE0012345678");

        // Delivered.
        await browser.Follow("Tandai sudah diterima");
        await browser.Press("Lanjutkan");
        await browser.Press("Tandai sudah diterima");
        await Assertions.Expect(page.GetByTestId("order-status")).ToHaveTextAsync("Diterima pembeli");
        await browser.Screenshot("toko-pesanan-diterima");

        // The books agree: the inventory report equals the inventory account, and both are what happened (10 − 1 − 2 at Rp 12.000).
        var inventory = (await _kop.Get(_kop.Pengawas, "shop/inventory"))["totalValue"]!.GetValue<decimal>();
        inventory.Should().Be(84_000m);
        var tb = await _kop.Get(_kop.Pengawas, "ledger/trial-balance");
        var account = tb["lines"]!.AsArray().Single(l => l!["accountCode"]!.GetValue<string>() == "1-1300")!;
        (account["debit"]!.GetValue<decimal>() - account["credit"]!.GetValue<decimal>()).Should().Be(inventory);
        (await _kop.Get(_kop.Pengawas, $"shop/orders/{orderId}"))["status"]!.GetValue<string>().Should().Be("delivered");

        // This month's sales on the dashboard: the delivered web order (2 × Rp 14.000, member price).
        await page.GotoAsync("/toko");
        await Assertions.Expect(page.GetByTestId("sales-month")).ToHaveTextAsync("Rp 28.000");
        browser.ConsoleErrors.Should().BeEmpty();
    }

    [Fact]
    public async Task names_render_as_text_the_pages_are_accessible_and_members_stay_closed()
    {
        await _kop.Post(_kop.Pengurus, "shop/products", new { sku = "XSS-1", name = "Teh <script>alert(1)</script>", memberPrice = 4_000m, publicPrice = 5_000m });
        await using var browser = await ConsoleBrowser.Open();
        var page = browser.Page;
        await browser.SignIn(_kop.Toko);
        await page.GotoAsync("/toko/produk");
        await Assertions.Expect(page.GetByTestId("product-list")).ToContainTextAsync("Teh <script>alert(1)</script>");
        (await page.Locator("main script").CountAsync()).Should().Be(0, "a name is text, never markup");

        var problems = new List<string>();
        foreach (var path in new[] { "/toko", "/toko/produk", "/toko/pesanan", "/toko/opname", "/toko/penerimaan", "/toko/promo", "/toko/saldo" })
        {
            await page.GotoAsync(path);
            problems.AddRange((await browser.SeriousAccessibilityProblems()).Select(p => $"{path}: {p}"));
        }
        problems.Should().BeEmpty();
        browser.ConsoleErrors.Should().BeEmpty();

        foreach (var path in new[] { $"/anggota/{_buyer}", "/anggota", "/laporan", "/pinjaman" })
        {
            var response = await page.GotoAsync(path);
            response!.Status.Should().BeOneOf([403, 404], path);
        }

        // On a phone: the dashboard and the products fit 360 px.
        await using var phone = await ConsoleBrowser.Phone();
        await phone.SignIn(_kop.Toko);
        await phone.Page.GotoAsync("/toko/produk");
        (await phone.Page.EvaluateAsync<int>("document.documentElement.scrollWidth")).Should().BeLessThanOrEqualTo(360);
        await phone.Screenshot("toko-produk-360");
    }
}
