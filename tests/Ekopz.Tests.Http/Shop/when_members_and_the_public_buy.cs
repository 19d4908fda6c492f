using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Shop;

/// <summary>Member price only for an active member; the sale then counts toward their SHU. Everyone else pays the public price.</summary>
public class when_members_and_the_public_buy
{
    [Fact]
    public async Task an_active_member_pays_the_member_price_and_an_applicant_or_a_member_who_left_pays_the_public_price()
    {
        var kop = await TestKoperasi.Create();
        var active = await kop.MemberSince("2025-01-02", "Aktif");
        var applicant = await kop.Register("Calon");
        var leaving = await kop.MemberSince("2025-01-02", "Keluar");
        var oil = await kop.Product("MYK-1L", 17_500m, 19_000m);
        await kop.Receive("2025-03-01", oil, 20m, 15_000m);

        var a = (await kop.PlaceOrder(kop.Kasir, active, "counter", null, (oil, 2m))).ShouldBe(HttpStatusCode.Created);
        (a.Decimal("total"), a.String("buyer")).Should().Be((35_000m, "member"));
        a.Json["lines"]![0]!["priceKind"]!.GetValue<string>().Should().Be("member");

        var b = (await kop.PlaceOrder(kop.Kasir, applicant, "counter", null, (oil, 2m))).ShouldBe(HttpStatusCode.Created);
        (b.Decimal("total"), b.String("buyer")).Should().Be((38_000m, "non_member"));

        (await kop.Pengurus.Post(kop.Url($"members/{leaving}/exit"), new { reason = "pindah kota" })).ShouldBe(HttpStatusCode.OK);
        var c = (await kop.PlaceOrder(kop.Kasir, leaving, "counter", null, (oil, 2m))).ShouldBe(HttpStatusCode.Created);
        (c.Decimal("total"), c.String("buyer")).Should().Be((38_000m, "non_member"));

        var walkIn = (await kop.PlaceOrder(kop.Kasir, null, "counter", null, (oil, 1m))).ShouldBe(HttpStatusCode.Created);
        walkIn.Decimal("total").Should().Be(19_000m);

        foreach (var order in new[] { a, b, c, walkIn })
            (await kop.Kasir.Post(kop.Url($"shop/orders/{order.Guid("orderId")}/pay"))).ShouldBe(HttpStatusCode.OK);

        var today = (await kop.Pengurus.Get(kop.Url("settings"))).String("asOf");
        var tb = await BookChecks.TrialBalance(kop, today);
        tb.Of("4-2000").Should().Be(-35_000m);
        tb.Of("4-2100").Should().Be(-(38_000m + 38_000m + 19_000m));
        tb.Of("5-1000").Should().Be(30_000m);
        tb.Of("5-1100").Should().Be(5 * 15_000m);

        var year = today[..4];
        var purchases = (await kop.Pengawas.Get(kop.Url($"shop/purchases?year={year}"))).ShouldBe(HttpStatusCode.OK);
        purchases.Json["members"]!.AsArray().Select(m => (m!["memberId"]!.GetValue<Guid>(), m["net"]!.GetValue<decimal>()))
            .Should().Equal((active, 35_000m));
        await kop.CheckInventoryAgainstBooks(today);
        await BookChecks.CheckInvariants(kop, [active], today);
    }

    [Fact]
    public async Task a_member_orders_for_themselves_from_the_app_and_sees_only_their_own_orders()
    {
        var kop = await TestKoperasi.Create();
        var budi = await kop.ActiveMember("Budi");
        var siti = await kop.ActiveMember("Siti");
        var app = await kop.MemberLogin(budi);
        var soap = await kop.Product("SBN-1", 4_500m, 5_000m);
        await kop.Receive("2025-03-01", soap, 10m, 3_000m);

        var browsed = (await app.Get(kop.Url($"shop/products/{soap}"))).ShouldBe(HttpStatusCode.OK);
        (browsed.Decimal("memberPrice"), browsed.Decimal("available")).Should().Be((4_500m, 10m));
        browsed.Json["averageCost"].Should().BeNull("what the koperasi paid is not the members' business");

        var mine = (await app.Post(kop.Url("shop/orders"), new { channel = "mobile", lines = new[] { new { productId = soap, quantity = 2 } } }))
            .ShouldBe(HttpStatusCode.Created);
        (mine.Guid("memberId"), mine.Decimal("shippingCharge"), mine.Decimal("total")).Should().Be((budi, 15_000m, 24_000m));

        (await app.Post(kop.Url("shop/orders"), new { memberId = siti, channel = "mobile", lines = new[] { new { productId = soap, quantity = 1 } } }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        (await app.Post(kop.Url("shop/orders"), new { channel = "counter", lines = new[] { new { productId = soap, quantity = 1 } } }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");

        var theirs = (await kop.PlaceOrder(kop.Kasir, siti, "counter", null, (soap, 1m))).ShouldBe(HttpStatusCode.Created).Guid("orderId");
        (await app.Get(kop.Url($"shop/orders/{theirs}"))).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
        (await app.Post(kop.Url($"shop/orders/{theirs}/cancel"))).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
        (await app.Get(kop.Url("shop/orders"))).ShouldBe(HttpStatusCode.OK).Json.AsArray().Should().ContainSingle()
            .Which!["orderId"]!.GetValue<Guid>().Should().Be(mine.Guid("orderId"));
        (await app.Get(kop.Url($"shop/members/{siti}/purchases"))).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");

        // The member may withdraw an unpaid order of their own.
        (await app.Post(kop.Url($"shop/orders/{mine.Guid("orderId")}/cancel"))).ShouldBe(HttpStatusCode.OK).String("status").Should().Be("cancelled");
    }
}
