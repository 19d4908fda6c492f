using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Shop;

/// <summary>
/// An online order from placing to completion: flash sale and voucher shown on the order, shipping
/// quoted by the flat-rate provider, income at payment, the courier's cost at shipping; and a voucher's
/// usage limit holding under a race.
/// </summary>
public class when_orders_ship_with_flash_sales_and_vouchers
{
    [Fact]
    public async Task the_order_shows_what_was_discounted_and_every_step_posts_its_money()
    {
        var kop = await TestKoperasi.Create();
        var member = await kop.ActiveMember("Rina");
        (await kop.Pengurus.Put(kop.Url("shop/settings"), new { flatShippingRate = 12_000, courier = "JNE REG" })).ShouldBe(HttpStatusCode.OK);
        var tea = await kop.Product("TEH-25", 8_000m, 9_000m);
        var milk = await kop.Product("SSU-1L", 18_000m, 20_000m);
        await kop.Receive("2025-03-01", tea, 30m, 6_000m);
        await kop.Receive("2025-03-01", milk, 30m, 15_000m);
        var now = EkopzApp.Clock.GetCurrentInstant().ToDateTimeOffset(); // the API's clock decides whether the sale runs
        (await kop.Pengurus.Post(kop.Url($"shop/products/{tea}/discounts"),
                new { kind = "percent", value = 25, startsAt = now.AddHours(-1).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ"), endsAt = now.AddHours(2).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ"), label = "Flash 11.11" }))
            .ShouldBe(HttpStatusCode.Created);
        var today = (await kop.Pengurus.Get(kop.Url("settings"))).String("asOf");
        (await kop.Pengurus.Post(kop.Url("shop/vouchers"), new { code = "hemat10", kind = "amount", value = 10_000, usageLimit = 5, expiresOn = today, minSpend = 50_000 }))
            .ShouldBe(HttpStatusCode.Created);

        var order = (await kop.Pengurus.Post(kop.Url("shop/orders"), new
        {
            memberId = member, channel = "web", voucherCode = "HEMAT10", shipTo = "Jl. Mawar 7, Bogor",
            lines = new[] { new { productId = tea, quantity = 4 }, new { productId = milk, quantity = 3 } },
        })).ShouldBe(HttpStatusCode.Created);
        // Tea 4 × 8,000 = 32,000 less 25% = 24,000; milk 3 × 18,000 = 54,000; voucher 10,000 spread 24:54.
        (order.Decimal("subtotal"), order.Decimal("flashDiscount"), order.Decimal("voucherDiscount"), order.Decimal("goods"),
            order.Decimal("shippingCharge"), order.Decimal("total")).Should().Be((86_000m, 8_000m, 10_000m, 68_000m, 12_000m, 80_000m));
        var lines = order.Json["lines"]!.AsArray();
        (lines[0]!["discountLabel"]!.GetValue<string>(), lines[0]!["voucherDiscount"]!.GetValue<decimal>(), lines[0]!["net"]!.GetValue<decimal>())
            .Should().Be(("Flash 11.11", 3_076.92m, 20_923.08m));
        lines[1]!["voucherDiscount"]!.GetValue<decimal>().Should().Be(6_923.08m);
        var id = order.Guid("orderId");

        (await kop.Kasir.Post(kop.Url($"shop/orders/{id}/pay"), new { method = "transfer" })).ShouldBe(HttpStatusCode.OK).String("status").Should().Be("paid");
        var tb = await BookChecks.TrialBalance(kop, today);
        (tb.Of("4-2000"), tb.Of("4-2300"), tb.Of("5-1000")).Should().Be((-68_000m, -12_000m, 4 * 6_000m + 3 * 15_000m));

        var shipped = (await kop.Toko.Post(kop.Url($"shop/orders/{id}/ship"), new { trackingNumber = "JNE123" }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        shipped = (await kop.Pengurus.Post(kop.Url($"shop/orders/{id}/ship"), new { trackingNumber = "JNE123" })).ShouldBe(HttpStatusCode.OK);
        (shipped.String("status"), shipped.Json["shipment"]!["courier"]!.GetValue<string>(), shipped.Json["shipment"]!["cost"]!.GetValue<decimal>())
            .Should().Be(("shipped", "JNE REG", 12_000m));
        (await BookChecks.TrialBalance(kop, today)).Of("5-3600").Should().Be(12_000m);

        (await kop.Pengurus.Post(kop.Url($"shop/orders/{id}/deliver"))).ShouldBe(HttpStatusCode.OK).String("status").Should().Be("delivered");
        (await kop.Pengurus.Post(kop.Url($"shop/orders/{id}/complete"))).ShouldBe(HttpStatusCode.OK).String("status").Should().Be("completed");

        // A return of one tea refunds its share of what was paid, shipping not included.
        var ret = (await kop.Kasir.Post(kop.Url($"shop/orders/{id}/returns"),
            new { reason = "rusak", lines = new[] { new { productId = tea, quantity = 1 } } })).ShouldBe(HttpStatusCode.Created);
        ret.Decimal("refund").Should().Be(5_230.77m);
        (await BookChecks.TrialBalance(kop, today)).Of("4-2000").Should().Be(-68_000m + 5_230.77m);

        var voucher = (await kop.Pengawas.Get(kop.Url("shop/vouchers"))).Json.AsArray().Single()!;
        voucher["used"]!.GetValue<int>().Should().Be(1);
        await kop.CheckInventoryAgainstBooks(today);
        await BookChecks.CheckInvariants(kop, [member], today);
    }

    [Fact]
    public async Task a_voucher_with_a_limit_of_two_lets_exactly_two_racing_orders_use_it_and_a_cancel_gives_a_use_back()
    {
        var kop = await TestKoperasi.Create();
        var rice = await kop.Product("BRS-V", 60_000m, 65_000m);
        await kop.Receive("2025-03-01", rice, 50m, 55_000m);
        var today = (await kop.Pengurus.Get(kop.Url("settings"))).String("asOf");
        (await kop.Pengurus.Post(kop.Url("shop/vouchers"), new { code = "DUA", kind = "percent", value = 10, usageLimit = 2, expiresOn = today }))
            .ShouldBe(HttpStatusCode.Created);
        (await kop.Pengurus.Post(kop.Url("shop/vouchers"), new { code = "dua", kind = "percent", value = 5, usageLimit = 9, expiresOn = today }))
            .ShouldBeProblem(HttpStatusCode.Conflict, "conflict");

        var replies = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => kop.Kasir.Post(kop.Url("shop/orders"),
            new { channel = "counter", voucherCode = "dua", lines = new[] { new { productId = rice, quantity = 1 } } })));
        replies.Count(r => r.Status == HttpStatusCode.Created).Should().Be(2);
        replies.Where(r => r.Status != HttpStatusCode.Created).Should().OnlyContain(r => r.Code == "limit_exceeded");
        replies.Where(r => r.Status == HttpStatusCode.Created).Should().OnlyContain(r => r.Decimal("total") == 58_500m);

        (await kop.Kasir.Post(kop.Url($"shop/orders/{replies.First(r => r.Status == HttpStatusCode.Created).Guid("orderId")}/cancel"))).ShouldBe(HttpStatusCode.OK);
        (await kop.Kasir.Post(kop.Url("shop/orders"), new { channel = "counter", voucherCode = "DUA", lines = new[] { new { productId = rice, quantity = 1 } } }))
            .ShouldBe(HttpStatusCode.Created);
        (await kop.Kasir.Post(kop.Url("shop/orders"), new { channel = "counter", voucherCode = "NOPE", lines = new[] { new { productId = rice, quantity = 1 } } }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed").Json["errors"]!["voucherCode"].Should().NotBeNull();
        (await kop.Pengawas.Get(kop.Url($"shop/products/{rice}"))).Decimal("reserved").Should().Be(2m);
    }

    [Fact]
    public async Task cancelling_a_paid_order_refunds_it_and_restocks_at_the_cost_it_left_at()
    {
        var kop = await TestKoperasi.Create();
        var rice = await kop.Product("BRS-C", 60_000m, 65_000m);
        await kop.Receive("2025-03-01", rice, 3m, 50_000m);
        await kop.Receive("2025-03-02", rice, 3m, 56_000m);
        var order = (await kop.PlaceOrder(kop.Pengurus, null, "web", null, (rice, 4m))).ShouldBe(HttpStatusCode.Created);
        var id = order.Guid("orderId");
        (await kop.Kasir.Post(kop.Url($"shop/orders/{id}/pay"))).ShouldBe(HttpStatusCode.OK);
        var today = (await kop.Pengurus.Get(kop.Url("settings"))).String("asOf");
        (await kop.Inventory(today))[rice].Should().Be((2m, 53_000m * 2, 53_000m));
        var product = (await kop.Pengawas.Get(kop.Url($"shop/products/{rice}"))).ShouldBe(HttpStatusCode.OK);
        product.Decimal("awaitingShipment").Should().Be(4m);

        (await kop.Pengurus.Post(kop.Url($"shop/orders/{id}/cancel"), new { reason = "stok rusak" })).ShouldBe(HttpStatusCode.OK);
        (await kop.Inventory(today))[rice].Should().Be((6m, 318_000m, 53_000m));
        var tb = await BookChecks.TrialBalance(kop, today);
        (tb.Of("4-2100"), tb.Of("4-2300"), tb.Of("5-1100"), tb.Of("1-1300")).Should().Be((0m, 0m, 0m, 318_000m));
        (await kop.Pengawas.Get(kop.Url($"shop/products/{rice}"))).Decimal("awaitingShipment").Should().Be(0m);
        await BookChecks.CheckInvariants(kop, [], today);
    }
}
