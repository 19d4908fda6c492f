using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Shop;

/// <summary>
/// A member-owned seller on consignment: the koperasi holds the goods without owning them, collects
/// the money, keeps its commission on delivery and pays the rest out when a pengurus approves.
/// </summary>
public class when_a_seller_sells_through_the_shop
{
    [Fact]
    public async Task delivered_orders_build_the_sellers_balance_less_commission_and_a_second_person_approves_the_payout()
    {
        var kop = await TestKoperasi.Create();
        var owner = await kop.ActiveMember("Bu Siti");
        var buyer = await kop.ActiveMember("Pak Agus");
        (await kop.Pengurus.Put(kop.Url("shop/settings"), new { commissionPercent = 7.5 })).ShouldBe(HttpStatusCode.OK);
        var unit = (await kop.Pengurus.Post(kop.Url("shop/units"), new { name = "Keripik Bu Siti", kind = "seller", ownerMemberId = owner }))
            .ShouldBe(HttpStatusCode.Created).Guid("unitId");
        await kop.AssignToko(unit);
        var chips = await kop.Product("KRP-200", 14_000m, 15_000m, unitId: unit, by: kop.Toko);
        (await kop.Toko.Post(kop.Url("shop/stock-receipts"), new { supplier = "Bu Siti", lines = new[] { new { productId = chips, quantity = 40 } } }))
            .ShouldBe(HttpStatusCode.Created).Decimal("total").Should().Be(0m, "consigned goods are not bought");

        var order = (await kop.PlaceOrder(kop.Toko, buyer, "web", null, (chips, 10m))).ShouldBe(HttpStatusCode.Created).Guid("orderId");
        (await kop.Toko.Post(kop.Url($"shop/orders/{order}/pay"))).ShouldBe(HttpStatusCode.OK);
        var today = (await kop.Pengurus.Get(kop.Url("settings"))).String("asOf");
        var tb = await BookChecks.TrialBalance(kop, today);
        (tb.Of("2-1250"), tb.Of("4-2000"), tb.Of("4-2300"), tb.Of("1-1300")).Should().Be((-140_000m, 0m, -15_000m, 0m));
        var balance = (await kop.Pengawas.Get(kop.Url($"shop/units/{unit}/balance"))).ShouldBe(HttpStatusCode.OK);
        (balance.Decimal("pending"), balance.Decimal("available")).Should().Be((140_000m, 0m));
        (await kop.Toko.Post(kop.Url($"shop/units/{unit}/payouts"), new { amount = 1 })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "insufficient_balance");

        (await kop.Toko.Post(kop.Url($"shop/orders/{order}/ship"), new { trackingNumber = "SICEPAT-1" })).ShouldBe(HttpStatusCode.OK);
        (await kop.Toko.Post(kop.Url($"shop/orders/{order}/deliver"))).ShouldBe(HttpStatusCode.OK);
        balance = (await kop.Pengawas.Get(kop.Url($"shop/units/{unit}/balance"))).ShouldBe(HttpStatusCode.OK);
        (balance.Decimal("pending"), balance.Decimal("earned"), balance.Decimal("commission"), balance.Decimal("available"))
            .Should().Be((0m, 140_000m, 10_500m, 129_500m));
        tb = await BookChecks.TrialBalance(kop, today);
        (tb.Of("2-1250"), tb.Of("4-2400")).Should().Be((-129_500m, -10_500m));

        // A return after delivery: the seller gives back the refund, the koperasi its commission on it.
        (await kop.Kasir.Post(kop.Url($"shop/orders/{order}/returns"), new { reason = "remuk", lines = new[] { new { productId = chips, quantity = 2 } } }))
            .ShouldBe(HttpStatusCode.Created).Decimal("refund").Should().Be(28_000m);
        balance = (await kop.Pengawas.Get(kop.Url($"shop/units/{unit}/balance"))).ShouldBe(HttpStatusCode.OK);
        (balance.Decimal("earned"), balance.Decimal("commission"), balance.Decimal("available")).Should().Be((112_000m, 8_400m, 103_600m));

        (await kop.Toko.Post(kop.Url($"shop/units/{unit}/payouts"), new { amount = 103_600.01m }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "insufficient_balance");
        var requested = (await kop.Pengurus.Post(kop.Url($"shop/units/{unit}/payouts"), new { amount = 100_000, note = "pencairan minggu 1" }))
            .ShouldBe(HttpStatusCode.Accepted).Guid("payoutId");
        (await kop.Toko.Post(kop.Url($"shop/units/{unit}/payouts"), new { amount = 3_600.01m }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "insufficient_balance");
        (await kop.Pengurus.Post(kop.Url($"shop/units/{unit}/payouts/{requested}/approve"))).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "same_maker_checker");
        (await kop.Toko.Post(kop.Url($"shop/units/{unit}/payouts/{requested}/approve"))).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        (await kop.Pengurus2.Post(kop.Url($"shop/units/{unit}/payouts/{requested}/approve"), new { channel = "transfer" }))
            .ShouldBe(HttpStatusCode.OK).String("status").Should().Be("paid");

        balance = (await kop.Pengawas.Get(kop.Url($"shop/units/{unit}/balance"))).ShouldBe(HttpStatusCode.OK);
        (balance.Decimal("paidOut"), balance.Decimal("available")).Should().Be((100_000m, 3_600m));
        tb = await BookChecks.TrialBalance(kop, today);
        (tb.Of("2-1250"), tb.Of("4-2400")).Should().Be((-3_600m, -8_400m));
        var inventory = await kop.Inventory(today);
        inventory[chips].Should().Be((32m, 0m, 0m));
        await kop.CheckInventoryAgainstBooks(today);
        await BookChecks.CheckInvariants(kop, [owner, buyer], today);
    }

    [Fact]
    public async Task the_koperasis_own_unit_has_no_balance_to_pay_out()
    {
        var kop = await TestKoperasi.Create();
        var main = await kop.MainUnit();
        var balance = (await kop.Pengawas.Get(kop.Url($"shop/units/{main}/balance"))).ShouldBe(HttpStatusCode.OK);
        (balance.String("kind"), balance.Json["payable"]!.GetValue<bool>()).Should().Be(("own", false));
        (await kop.Pengurus.Post(kop.Url($"shop/units/{main}/payouts"), new { amount = 1 })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state");
    }
}
