using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Shop;

/// <summary>
/// No overselling: reservations are decided on the product's stream under a row lock, so however
/// the requests interleave, exactly as many orders succeed as there are units.
/// </summary>
public class when_orders_race_for_the_last_units
{
    [Fact]
    public async Task two_orders_for_the_last_unit_give_exactly_one_success_and_one_insufficient_stock()
    {
        var kop = await TestKoperasi.Create();
        var product = await kop.Product("LAST-1", 9_000m, 10_000m);
        await kop.Receive("2025-03-01", product, 1m, 7_000m);

        var replies = await Task.WhenAll(
            kop.PlaceOrder(kop.Kasir, null, "counter", null, (product, 1m)),
            kop.PlaceOrder(kop.Pengurus, null, "web", null, (product, 1m)));

        replies.Count(r => r.Status == HttpStatusCode.Created).Should().Be(1);
        var loser = replies.Single(r => r.Status != HttpStatusCode.Created);
        loser.ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "insufficient_stock");

        var p = (await kop.Pengawas.Get(kop.Url($"shop/products/{product}"))).ShouldBe(HttpStatusCode.OK);
        (p.Decimal("onHand"), p.Decimal("reserved"), p.Decimal("available")).Should().Be((1m, 1m, 0m));
        var orders = (await kop.Pengawas.Get(kop.Url("shop/orders"))).ShouldBe(HttpStatusCode.OK).Json.AsArray();
        orders.Should().ContainSingle("the refused order left nothing behind");
    }

    [Fact]
    public async Task twenty_orders_for_five_units_sell_exactly_five_and_the_books_agree()
    {
        var kop = await TestKoperasi.Create();
        var a = await kop.Product("RACE-A", 9_000m, 10_000m);
        var b = await kop.Product("RACE-B", 4_000m, 5_000m);
        await kop.Receive("2025-03-01", a, 5m, 7_000m);
        await kop.Receive("2025-03-01", b, 100m, 3_000m);

        // Each order takes one A and one B, half of them listing B first: the locks are taken in one order regardless.
        var placed = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => i % 2 == 0
            ? kop.PlaceOrder(kop.Kasir, null, "counter", null, (a, 1m), (b, 1m))
            : kop.PlaceOrder(kop.Pengurus, null, "counter", null, (b, 1m), (a, 1m))));
        placed.Count(r => r.Status == HttpStatusCode.Created).Should().Be(5);
        placed.Where(r => r.Status != HttpStatusCode.Created).Should().OnlyContain(r => r.Code == "insufficient_stock");

        var paid = await Task.WhenAll(placed.Where(r => r.Status == HttpStatusCode.Created)
            .Select(r => kop.Kasir.Post(kop.Url($"shop/orders/{r.Guid("orderId")}/pay"))));
        paid.Should().OnlyContain(r => r.Status == HttpStatusCode.OK);

        var today = (await kop.Pengurus.Get(kop.Url("settings"))).String("asOf");
        var inventory = await kop.Inventory(today);
        inventory[a].Should().Be((0m, 0m, 0m));
        inventory[b].OnHand.Should().Be(95m);
        await kop.CheckInventoryAgainstBooks(today);
        (await BookChecks.TrialBalance(kop, today)).Of("4-2100").Should().Be(-5 * 15_000m);
    }

    [Fact]
    public async Task paying_one_order_twice_at_once_sells_once()
    {
        var kop = await TestKoperasi.Create();
        var product = await kop.Product("PAY-2X", 9_000m, 10_000m);
        await kop.Receive("2025-03-01", product, 3m, 7_000m);
        var order = (await kop.PlaceOrder(kop.Kasir, null, "counter", null, (product, 2m))).ShouldBe(HttpStatusCode.Created).Guid("orderId");

        var replies = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => kop.Kasir.Post(kop.Url($"shop/orders/{order}/pay"))));
        replies.Count(r => r.Status == HttpStatusCode.OK).Should().Be(1);
        replies.Where(r => r.Status != HttpStatusCode.OK).Should().OnlyContain(r => r.Code == "invalid_state");

        var today = (await kop.Pengurus.Get(kop.Url("settings"))).String("asOf");
        var tb = await BookChecks.TrialBalance(kop, today);
        tb.Of("4-2100").Should().Be(-20_000m);
        tb.Of("1-1300").Should().Be(7_000m);
        await BookChecks.CheckInvariants(kop, [], today);
    }

    [Fact]
    public async Task two_cancels_of_one_order_with_a_voucher_at_once_release_its_stock_and_the_voucher_use_once()
    {
        var kop = await TestKoperasi.Create();
        var product = await kop.Product("CNC-2X", 9_000m, 10_000m);
        await kop.Receive("2025-03-01", product, 3m, 7_000m);
        var today = (await kop.Pengurus.Get(kop.Url("settings"))).String("asOf");
        (await kop.Pengurus.Post(kop.Url("shop/vouchers"), new { code = "SATU", kind = "amount", value = 1_000, usageLimit = 1, expiresOn = today }))
            .ShouldBe(HttpStatusCode.Created);
        var order = (await kop.Kasir.Post(kop.Url("shop/orders"),
            new { channel = "web", voucherCode = "SATU", shipTo = "Jl. Mawar 1", lines = new[] { new { productId = product, quantity = 2 } } }))
            .ShouldBe(HttpStatusCode.Created).Guid("orderId");

        var replies = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => kop.Kasir.Post(kop.Url($"shop/orders/{order}/cancel"), new { })));
        replies.Count(r => r.Status == HttpStatusCode.OK).Should().Be(1);
        replies.Where(r => r.Status != HttpStatusCode.OK).Should().OnlyContain(r => r.Code == "invalid_state");

        var p = (await kop.Pengawas.Get(kop.Url($"shop/products/{product}"))).ShouldBe(HttpStatusCode.OK);
        (p.Decimal("onHand"), p.Decimal("reserved"), p.Decimal("available")).Should().Be((3m, 0m, 3m), "the reservation is released once");
        var vouchers = (await kop.Pengurus.Get(kop.Url("shop/vouchers"))).ShouldBe(HttpStatusCode.OK).Json.AsArray();
        vouchers.Single()!["used"]!.GetValue<int>().Should().Be(0, "the one use is given back once, never twice");
        (await kop.Kasir.Post(kop.Url("shop/orders"), new { channel = "counter", voucherCode = "SATU", lines = new[] { new { productId = product, quantity = 1 } } }))
            .ShouldBe(HttpStatusCode.Created);
        (await kop.Kasir.Post(kop.Url("shop/orders"), new { channel = "counter", voucherCode = "SATU", lines = new[] { new { productId = product, quantity = 1 } } }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "limit_exceeded");
    }

    [Fact]
    public async Task paying_and_cancelling_one_order_at_once_leave_one_story_and_the_books_agree()
    {
        var kop = await TestKoperasi.Create();
        var product = await kop.Product("PAY-CNC", 9_000m, 10_000m);
        await kop.Receive("2025-03-01", product, 3m, 7_000m);
        var order = (await kop.PlaceOrder(kop.Kasir, null, "web", null, (product, 2m))).ShouldBe(HttpStatusCode.Created).Guid("orderId");

        // Pays and cancels interleaved: whichever comes first, the order ends cancelled once, paid at most once, and every other
        // step finds it decided.
        var replies = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => i % 2 == 0
            ? kop.Kasir.Post(kop.Url($"shop/orders/{order}/pay"), new { method = "cash" })
            : kop.Pengurus.Post(kop.Url($"shop/orders/{order}/cancel"), new { reason = "race" })));
        var pays = replies.Where((_, i) => i % 2 == 0).ToList();
        var cancels = replies.Where((_, i) => i % 2 == 1).ToList();
        cancels.Count(r => r.Status == HttpStatusCode.OK).Should().Be(1);
        pays.Count(r => r.Status == HttpStatusCode.OK).Should().BeLessThanOrEqualTo(1);
        replies.Where(r => r.Status != HttpStatusCode.OK).Should().OnlyContain(r => r.Code == "invalid_state");

        (await kop.Order(order)).String("status").Should().Be("cancelled");
        var p = (await kop.Pengawas.Get(kop.Url($"shop/products/{product}"))).ShouldBe(HttpStatusCode.OK);
        (p.Decimal("onHand"), p.Decimal("reserved"), p.Decimal("available")).Should().Be((3m, 0m, 3m));
        var today = (await kop.Pengurus.Get(kop.Url("settings"))).String("asOf");
        var tb = await BookChecks.TrialBalance(kop, today);
        tb.Of("4-2100").Should().Be(0m, "a sale, if there was one, is reversed by the cancel");
        tb.Of("1-1300").Should().Be(21_000m, "all three units are back at their cost");
        await kop.CheckInventoryAgainstBooks(today);
        await BookChecks.CheckInvariants(kop, [], today);
    }
}
