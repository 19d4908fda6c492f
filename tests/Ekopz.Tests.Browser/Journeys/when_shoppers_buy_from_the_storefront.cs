using System.Text.Json.Nodes;
using Ekopz.Tests.Browser.Support;

namespace Ekopz.Tests.Browser.Journeys;

/// <summary>
/// Kopmart on a phone (docs/adr/0023): a guest buys at public prices, the shop manager pays and ships it in the
/// shop dashboard and the guest follows it to shipped, a member buys at
/// member prices and finds the order among theirs, two shoppers race for the last unit, a product named with a
/// script tag is text, and the books agree with the inventory afterwards.
/// </summary>
public sealed class when_shoppers_buy_from_the_storefront : IAsyncLifetime
{
    private ConsoleKoperasi _kop = default!;
    private string _rice = "";
    private string _sugar = "";
    private Guid _member;
    private string _memberLogin = "";
    private string Store => $"/k/{_kop.Slug}/toko";

    public async Task InitializeAsync()
    {
        _kop = await ConsoleKoperasi.Create("Koperasi Konsumen Makmur");
        _member = await _kop.ActiveMember("Dewi Lestari");
        _memberLogin = $"dewi.{_kop.Slug}";
        var unit = (await _kop.Get(_kop.Pengurus, "shop/units")).AsArray().Single()!["unitId"]!.GetValue<string>();
        await _kop.Post(_kop.Pengurus, $"shop/units/{unit}/managers", new { username = _kop.Toko });
        await _kop.Post(_kop.Pengurus, "users", new { username = _memberLogin, password = ConsoleKoperasi.Password, roles = new[] { "anggota" }, memberId = _member });
        _rice = (await _kop.Post(_kop.Pengurus, "shop/products", new { sku = "BRS-5", name = "Beras 5 kg", memberPrice = 70_000m, publicPrice = 75_000m }))["productId"]!.GetValue<string>();
        _sugar = (await _kop.Post(_kop.Pengurus, "shop/products", new { sku = "GLA-1", name = "Gula 1 kg", memberPrice = 16_000m, publicPrice = 17_500m }))["productId"]!.GetValue<string>();
        var coffee = (await _kop.Post(_kop.Pengurus, "shop/products", new { sku = "KOPI-X", name = "<script>alert('x')</script> Kopi", memberPrice = 20_000m, publicPrice = 22_000m }))["productId"]!.GetValue<string>();
        await _kop.Post(_kop.Pengurus, "shop/stock-receipts", new
        {
            supplier = "Toko Grosir",
            lines = new object[]
            {
                new { productId = _rice, quantity = 10m, unitCost = 60_000m }, new { productId = _sugar, quantity = 1m, unitCost = 14_000m },
                new { productId = coffee, quantity = 5m, unitCost = 15_000m },
            },
        });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task AddToCart(ConsoleBrowser browser, string search, string product, string quantity)
    {
        var page = browser.Page;
        await page.GotoAsync(Store);
        await browser.Fill("Cari produk", search);
        await browser.Press("Cari");
        await browser.Follow(product);
        await Assertions.Expect(page.GetByTestId("product-name")).ToHaveTextAsync(product);
        await browser.Fill("Jumlah (pcs)", quantity);
        await browser.Press("Masukkan ke keranjang");
        await Assertions.Expect(page.GetByTestId("added")).ToBeVisibleAsync();
    }

    private static async Task FillDelivery(ConsoleBrowser browser, string? name)
    {
        if (name is not null) await browser.Fill("Nama penerima", name);
        await browser.Fill("Nomor HP", "0812 3456 7890");
        await browser.Fill("Alamat lengkap", "Jl. Melati 12, RT 03/RW 04\nCibinong, Bogor");
        await browser.Press("Lanjutkan");
        await Assertions.Expect(browser.Page.GetByTestId("check-answers")).ToBeVisibleAsync();
    }

    private async Task NoSeriousProblems(ConsoleBrowser browser, string what) =>
        (await browser.SeriousAccessibilityProblems()).Should().BeEmpty($"axe-core finds nothing serious on {what}");

    [Fact]
    public async Task a_guest_and_a_member_buy_the_order_ships_and_the_books_agree()
    {
        await using var guest = await ConsoleBrowser.Phone();
        var page = guest.Page;
        await page.GotoAsync(Store);
        await Assertions.Expect(page.GetByTestId("store-name")).ToHaveTextAsync("Koperasi Konsumen Makmur");
        await guest.Screenshot("kopmart-katalog");
        await NoSeriousProblems(guest, "the catalogue");
        (await page.ContentAsync()).Should().NotContain("60.000", "no cost price on a public page").And.NotContain("Dewi", "no member on a public page");

        await AddToCart(guest, "beras", "Beras 5 kg", "2");
        await page.GotoAsync($"{Store}/produk/{_rice}");
        await Assertions.Expect(page.GetByTestId("price")).ToContainTextAsync("Rp 75.000");
        await guest.Screenshot("kopmart-produk");
        await NoSeriousProblems(guest, "the product page");

        // Asking for more than is left is refused on the page, in words.
        await guest.Fill("Jumlah (pcs)", "9");
        await guest.Press("Masukkan ke keranjang");
        await Assertions.Expect(page.Locator("#quantity-error")).ToContainTextAsync("Stok tinggal 10 pcs");

        await guest.Follow("Keranjang (1)");
        await Assertions.Expect(page.GetByTestId("total")).ToHaveTextAsync("Rp 165.000");
        await guest.Screenshot("kopmart-keranjang");
        await guest.Follow("Lanjut ke pemesanan");
        await guest.Press("Lanjutkan");
        await Assertions.Expect(page.GetByTestId("error-summary")).ToContainTextAsync("Isi nama penerima");
        await guest.Screenshot("kopmart-checkout-galat");
        await NoSeriousProblems(guest, "the checkout with errors");
        await FillDelivery(guest, "Siti Aminah");
        await Assertions.Expect(page.GetByTestId("shipping")).ToHaveTextAsync("Rp 15.000");
        await Assertions.Expect(page.GetByTestId("total")).ToHaveTextAsync("Rp 165.000");
        await guest.Screenshot("kopmart-periksa");
        await NoSeriousProblems(guest, "the check-your-answers page");
        await guest.Press("Pesan sekarang");
        await Assertions.Expect(page.GetByTestId("confirmation")).ToContainTextAsync("Pesanan diterima");
        await Assertions.Expect(page.GetByTestId("order-status")).ToHaveTextAsync("Dipesan");
        await guest.Screenshot("kopmart-konfirmasi");
        await NoSeriousProblems(guest, "the confirmation");
        var orderId = page.Url.Split("/pesanan/")[1].Split('?')[0];
        var trackingLink = await page.GetByTestId("tracking-link").InnerTextAsync();
        await Assertions.Expect(page.GetByTestId("cart-link")).ToHaveTextAsync("Keranjang (0)");

        // The shop manager's side, in the shop dashboard: the web order is on the board, marked paid by transfer
        // and shipped with a tracking number.
        await using (var manager = await ConsoleBrowser.Open())
        {
            await manager.SignIn(_kop.Toko);
            await manager.Follow("Pesanan");
            await Assertions.Expect(manager.Page.GetByTestId("order-list")).ToContainTextAsync("Siti Aminah");
            await manager.Page.GotoAsync($"/toko/pesanan/{orderId}");
            await Assertions.Expect(manager.Page.GetByTestId("order-buyer")).ToContainTextAsync("Siti Aminah");
            await Assertions.Expect(manager.Page.GetByTestId("order-phone")).ToHaveTextAsync("0812 3456 7890");
            await manager.Screenshot("toko-pesanan-web");
            await manager.Follow("Tandai sudah dibayar");
            await manager.Choose("Transfer bank");
            await manager.Press("Lanjutkan");
            await manager.Press("Tandai sudah dibayar");
            await Assertions.Expect(manager.Page.GetByTestId("order-status")).ToHaveTextAsync("Dibayar");
            await manager.Follow("Kirim pesanan");
            await manager.Fill("Nomor resi", "JNE0001234");
            await manager.Press("Lanjutkan");
            await manager.Press("Kirim pesanan");
            await Assertions.Expect(manager.Page.GetByTestId("order-status")).ToHaveTextAsync("Dikirim");
            manager.ConsoleErrors.Should().BeEmpty();
        }
        await page.GotoAsync(trackingLink);
        await Assertions.Expect(page.GetByTestId("order-status")).ToHaveTextAsync("Dikirim");
        await Assertions.Expect(page.GetByTestId("tracking")).ToContainTextAsync("JNE0001234");
        await guest.Screenshot("kopmart-dikirim");
        var order = await _kop.Get(_kop.Pengawas, $"shop/orders/{orderId}");
        (order["channel"]!.GetValue<string>(), order["buyer"]!.GetValue<string>(), order["total"]!.GetValue<decimal>()).Should().Be(("web", "non_member", 165_000m));

        // A member signed in to the console sees member prices; the order is theirs.
        await using var member = await ConsoleBrowser.Phone();
        await member.SignIn(_memberLogin);
        await member.Page.GotoAsync(Store);
        await Assertions.Expect(member.Page.GetByTestId("member-prices")).ToBeVisibleAsync();
        await AddToCart(member, "beras", "Beras 5 kg", "1");
        await member.Page.GotoAsync($"{Store}/checkout");
        await Assertions.Expect(member.Page.Locator("#buyerName")).ToHaveValueAsync("Dewi Lestari");
        await member.Screenshot("kopmart-anggota-checkout");
        await NoSeriousProblems(member, "the member's checkout");
        await FillDelivery(member, null);
        await Assertions.Expect(member.Page.GetByTestId("total")).ToHaveTextAsync("Rp 85.000");
        await member.Press("Pesan sekarang");
        await Assertions.Expect(member.Page.GetByTestId("confirmation")).ToBeVisibleAsync();
        var memberOrderId = member.Page.Url.Split("/pesanan/")[1].Split('?')[0];
        await member.Follow("Pesanan saya");
        await Assertions.Expect(member.Page.GetByTestId("my-orders")).ToContainTextAsync(memberOrderId[..8].ToUpperInvariant());
        await member.Screenshot("kopmart-pesanan-saya");
        var memberOrder = await _kop.Get(_kop.Pengawas, $"shop/orders/{memberOrderId}");
        (memberOrder["memberId"]!.GetValue<Guid>(), memberOrder["buyer"]!.GetValue<string>(), memberOrder["goods"]!.GetValue<decimal>())
            .Should().Be((_member, "member", 70_000m));

        // Inventory and the books agree: the inventory report's value is the inventory account's balance.
        var inventory = await _kop.Get(_kop.Pengawas, "shop/inventory");
        inventory["products"]!.AsArray().Single(p => p!["productId"]!.GetValue<string>() == _rice)!["onHand"]!.GetValue<decimal>().Should().Be(8m);
        var asOf = inventory["asOf"]?.GetValue<string>() ?? (await _kop.Get(_kop.Pengurus, "settings"))["asOf"]!.GetValue<string>();
        var tb = await _kop.Get(_kop.Pengawas, $"ledger/trial-balance?asOf={asOf}");
        var account = tb["lines"]!.AsArray().Single(l => l!["accountCode"]!.GetValue<string>() == "1-1300")!;
        (account["debit"]!.GetValue<decimal>() - account["credit"]!.GetValue<decimal>()).Should().Be(inventory["totalValue"]!.GetValue<decimal>());
        guest.ConsoleErrors.Should().BeEmpty();
        member.ConsoleErrors.Should().BeEmpty();
    }

    [Fact]
    public async Task two_shoppers_race_for_the_last_unit_and_one_is_told_why()
    {
        await using var first = await ConsoleBrowser.Phone();
        await using var second = await ConsoleBrowser.Phone();
        foreach (var (shopper, name) in new[] { (first, "Andi"), (second, "Rina") })
        {
            await AddToCart(shopper, "gula", "Gula 1 kg", "1");
            await shopper.Page.GotoAsync($"{Store}/checkout");
            await FillDelivery(shopper, name);
        }
        await Task.WhenAll(first.Press("Pesan sekarang"), second.Press("Pesan sekarang"));
        await Task.WhenAll(first.Page.WaitForLoadStateAsync(), second.Page.WaitForLoadStateAsync());
        var outcomes = new List<bool>();
        foreach (var shopper in new[] { first, second })
        {
            var confirmed = shopper.Page.GetByTestId("confirmation").Or(shopper.Page.GetByTestId("error-summary"));
            await Assertions.Expect(confirmed).ToBeVisibleAsync();
            outcomes.Add(await shopper.Page.GetByTestId("confirmation").IsVisibleAsync());
        }
        outcomes.Count(x => x).Should().Be(1, "exactly one shopper gets the last unit");
        var loser = outcomes[0] ? second : first;
        await Assertions.Expect(loser.Page.GetByTestId("error-summary")).ToContainTextAsync("Maaf, stok Gula 1 kg sudah habis.");
        (await loser.Page.GetByTestId("error-summary").Locator("p, li").CountAsync()).Should().Be(1, "one clear message");
        await Assertions.Expect(loser.Page.Locator("#buyerName")).ToHaveValueAsync(outcomes[0] ? "Rina" : "Andi");
        await loser.Screenshot("kopmart-balapan-kalah");
        var orders = (await _kop.Get(_kop.Pengawas, "shop/orders")).AsArray()
            .Where(o => o!["lines"]!.AsArray().Any(l => l!["productId"]!.GetValue<string>() == _sugar)).ToList();
        orders.Should().HaveCount(1, "no overselling from the storefront");
    }

    [Fact]
    public async Task a_product_named_with_a_script_tag_is_shown_as_text()
    {
        await using var browser = await ConsoleBrowser.Phone();
        var dialogs = 0;
        browser.Page.Dialog += async (_, d) => { dialogs++; await d.DismissAsync(); };
        await browser.Page.GotoAsync($"{Store}?q=kopi");
        var link = browser.Page.GetByTestId("product").GetByRole(AriaRole.Link);
        await Assertions.Expect(link).ToHaveTextAsync("<script>alert('x')</script> Kopi");
        await link.ClickAsync();
        await Assertions.Expect(browser.Page.GetByTestId("product-name")).ToHaveTextAsync("<script>alert('x')</script> Kopi");
        await browser.Screenshot("kopmart-skrip-sebagai-teks");
        (await browser.Page.Locator("main script").CountAsync()).Should().Be(0);
        dialogs.Should().Be(0, "no script from a product name runs");
        var unknown = await browser.Page.GotoAsync("/k/tidak-ada-koperasi/toko");
        unknown!.Status.Should().Be(404, "an unknown koperasi has no shop");
    }
}
