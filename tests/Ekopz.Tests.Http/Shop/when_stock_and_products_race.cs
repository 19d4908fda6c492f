using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Shop;

/// <summary>
/// The catalogue's and the stock's writes on Wolverine's write path (docs/adr/0041): stock corrections of one product take turns on
/// its row lock, so none is lost, and creates of one SKU take turns on an advisory lock, so one product is created.
/// </summary>
public class when_stock_and_products_race
{
    [Fact]
    public async Task ten_adjustments_of_one_product_at_once_are_each_taken_and_the_books_agree()
    {
        var kop = await TestKoperasi.Create();
        var product = await kop.Product("ADJ-RACE", 9_000m, 10_000m);
        await kop.Receive("2025-03-01", product, 20m, 7_000m);

        var replies = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => (i % 2 == 0 ? kop.Pengurus : kop.Pengurus)
            .Post(kop.Url("shop/stock-adjustments"), new { productId = product, quantity = -1m, reason = $"pecah {i}" })));
        replies.Should().OnlyContain(r => r.Status == HttpStatusCode.Created);
        replies.Select(r => r.Decimal("onHand")).Should().BeEquivalentTo(Enumerable.Range(10, 10).Select(n => (decimal)n),
            "each adjustment was decided on what the one before it left");

        var today = (await kop.Pengurus.Get(kop.Url("settings"))).String("asOf");
        (await kop.Inventory(today))[product].Should().Be((10m, 70_000m, 7_000m));
        await kop.CheckInventoryAgainstBooks(today);
    }

    [Fact]
    public async Task a_count_and_an_adjustment_of_one_product_at_once_lose_neither()
    {
        var kop = await TestKoperasi.Create();
        var product = await kop.Product("CNT-RACE", 9_000m, 10_000m);
        await kop.Receive("2025-03-01", product, 20m, 7_000m);

        var count = kop.Pengurus.Post(kop.Url("shop/stock-counts"), new { lines = new[] { new { productId = product, countedQuantity = 15m } } });
        var adjust = kop.Pengurus.Post(kop.Url("shop/stock-adjustments"), new { productId = product, quantity = -1m, reason = "pecah" });
        var (counted, adjusted) = ((await count).ShouldBe(HttpStatusCode.Created), (await adjust).ShouldBe(HttpStatusCode.Created));

        // Whichever went second was decided on what the first left: the count saw the adjustment (and corrected to 15), or the
        // adjustment took one off the counted 15.
        var line = counted.Json["lines"]![0]!;
        var expected = line["expected"]!.GetValue<decimal>();
        expected.Should().BeOneOf(20m, 19m);
        var onHand = expected == 19m ? 15m : 14m;
        var today = (await kop.Pengurus.Get(kop.Url("settings"))).String("asOf");
        (await kop.Inventory(today))[product].OnHand.Should().Be(onHand);
        await kop.CheckInventoryAgainstBooks(today);
    }

    [Fact]
    public async Task two_creates_of_one_sku_at_once_create_one_product_and_the_other_is_a_conflict_on_the_sku()
    {
        var kop = await TestKoperasi.Create();
        var replies = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => kop.Pengurus.Post(kop.Url("shop/products"),
            new { sku = "SAME-SKU", name = $"Produk {i}", memberPrice = 9_000m, publicPrice = 10_000m })));
        replies.Count(r => r.Status == HttpStatusCode.Created).Should().Be(1);
        var loser = replies.Single(r => r.Status != HttpStatusCode.Created);
        loser.ShouldBeProblem(HttpStatusCode.Conflict, "conflict");

        var products = (await kop.Pengurus.Get(kop.Url("shop/products"))).ShouldBe(HttpStatusCode.OK).Json.AsArray();
        products.Count(p => p!["sku"]!.GetValue<string>() == "SAME-SKU").Should().Be(1);
    }

    [Fact]
    public async Task a_create_sent_twice_at_once_with_one_idempotency_key_creates_one_product_and_answers_it_twice()
    {
        var kop = await TestKoperasi.Create();
        var body = new { sku = "KEY-SKU", name = "Produk", memberPrice = 9_000m, publicPrice = 10_000m };
        var replies = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => kop.Pengurus.Post(kop.Url("shop/products"), body, "create-key-sku")));
        replies.Should().OnlyContain(r => r.Status == HttpStatusCode.Created);
        replies.Select(r => r.Guid("productId")).Distinct().Should().ContainSingle();
    }
}
