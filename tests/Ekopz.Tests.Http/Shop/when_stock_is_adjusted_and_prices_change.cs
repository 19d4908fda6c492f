using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Shop;

public class when_stock_is_adjusted_and_prices_change
{
    [Fact]
    public async Task breakage_leaves_at_the_average_found_goods_come_in_at_a_cost_and_both_post_to_selisih_persediaan()
    {
        var kop = await TestKoperasi.Create();
        var eggs = await kop.Product("TLR-10", 20_000m, 22_000m, unit: "pack");
        await kop.Receive("2025-04-01", eggs, 3m, 17_000m);
        await kop.Receive("2025-04-02", eggs, 3m, 18_000m);

        var broken = (await kop.Pengurus.Post(kop.Url("shop/stock-adjustments"), new { productId = eggs, quantity = -1, reason = "pecah", businessDate = "2025-04-03" }))
            .ShouldBe(HttpStatusCode.Created);
        (broken.Decimal("valueChange"), broken.Decimal("onHand"), broken.Decimal("value")).Should().Be((-17_500m, 5m, 87_500m));
        var found = (await kop.Pengurus.Post(kop.Url("shop/stock-adjustments"),
            new { productId = eggs, quantity = 2, unitCost = 16_000, reason = "ditemukan di gudang", businessDate = "2025-04-04" })).ShouldBe(HttpStatusCode.Created);
        (found.Decimal("valueChange"), found.Decimal("onHand"), found.Decimal("value")).Should().Be((32_000m, 7m, 119_500m));

        var tb = await BookChecks.TrialBalance(kop, "2025-04-04");
        (tb.Of("1-1300"), tb.Of("5-1200")).Should().Be((119_500m, 17_500m - 32_000m));
        await kop.CheckInventoryAgainstBooks("2025-04-02", "2025-04-03", "2025-04-04");
        var card = (await kop.Pengawas.Get(kop.Url($"shop/products/{eggs}/movements"))).ShouldBe(HttpStatusCode.OK);
        card.Json["movements"]!.AsArray().Select(m => m!["kind"]!.GetValue<string>()).Should().Equal("receipt", "receipt", "adjustment", "adjustment");
        await BookChecks.CheckInvariants(kop, [], "2025-04-04");
    }

    [Fact]
    public async Task a_price_change_takes_effect_from_its_date_and_never_in_the_past()
    {
        var kop = await TestKoperasi.Create();
        var tea = await kop.Product("TEH-P", 8_000m, 9_000m);
        await kop.Receive("2025-04-01", tea, 10m, 6_000m);
        var today = NodaTime.Text.LocalDatePattern.Iso.Parse((await kop.Pengurus.Get(kop.Url("settings"))).String("asOf")).Value;
        (await kop.Pengurus.Post(kop.Url($"shop/products/{tea}/prices"), new { memberPrice = 8_500, publicPrice = 9_500, effectiveFrom = today.PlusDays(-1).ToString("yyyy-MM-dd", null) }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        var changed = (await kop.Pengurus.Post(kop.Url($"shop/products/{tea}/prices"),
            new { memberPrice = 8_500, publicPrice = 9_500, effectiveFrom = today.PlusDays(1).ToString("yyyy-MM-dd", null) })).ShouldBe(HttpStatusCode.OK);
        (changed.Decimal("memberPrice"), changed.Json["prices"]!.AsArray().Count).Should().Be((8_000m, 2));
        (await kop.PlaceOrder(kop.Kasir, null, "counter", null, (tea, 1m))).ShouldBe(HttpStatusCode.Created).Decimal("total").Should().Be(9_000m);
        (await kop.PlaceOrder(kop.Kasir, null, "counter", "2025-04-02", (tea, 1m))).ShouldBe(HttpStatusCode.Created).Decimal("total").Should().Be(9_000m);
    }
}
