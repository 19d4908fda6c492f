using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Shop;

/// <summary>Marketplace orders enter the same books through the same order code, once each, all or nothing.</summary>
public class when_marketplace_orders_are_imported
{
    [Fact]
    public async Task an_import_places_and_pays_each_order_once_and_a_refused_order_refuses_the_whole_file()
    {
        var kop = await TestKoperasi.Create();
        var member = await kop.ActiveMember("Dewi");
        var rice = await kop.Product("BRS-MP", 60_000m, 65_000m);
        await kop.Receive("2025-03-01", rice, 10m, 50_000m);
        object Import(params object[] orders) => new { marketplace = "tokopedia", orders };

        var first = (await kop.Pengurus.Post(kop.Url("shop/marketplace-imports"), Import(
            new { externalId = "INV/001", lines = new[] { new { sku = "brs-mp", quantity = 2, unitPrice = 63_000 } } },
            new { externalId = "INV/002", memberId = member, lines = new[] { new { sku = "BRS-MP", quantity = 1 } } }))).ShouldBe(HttpStatusCode.OK);
        first.Json["imported"]!.AsArray().Select(o => (o!["externalId"]!.GetValue<string>(), o["total"]!.GetValue<decimal>(), o["status"]!.GetValue<string>()))
            .Should().Equal(("INV/001", 126_000m, "paid"), ("INV/002", 60_000m, "paid"));

        var again = (await kop.Pengurus.Post(kop.Url("shop/marketplace-imports"), Import(
            new { externalId = "INV/002", memberId = member, lines = new[] { new { sku = "BRS-MP", quantity = 1 } } },
            new { externalId = "INV/003", lines = new[] { new { sku = "BRS-MP", quantity = 1 } } }))).ShouldBe(HttpStatusCode.OK);
        again.Json["skipped"]!.AsArray().Single()!["externalId"]!.GetValue<string>().Should().Be("INV/002");
        again.Json["imported"]!.AsArray().Single()!["externalId"]!.GetValue<string>().Should().Be("INV/003");

        var today = (await kop.Pengurus.Get(kop.Url("settings"))).String("asOf");
        var before = (await kop.Pengawas.Get(kop.Url($"ledger/trial-balance?asOf={today}"))).Text;
        var refused = (await kop.Pengurus.Post(kop.Url("shop/marketplace-imports"), Import(
            new { externalId = "INV/004", lines = new[] { new { sku = "BRS-MP", quantity = 1 } } },
            new { externalId = "INV/005", lines = new[] { new { sku = "BRS-MP", quantity = 99 } } })))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "insufficient_stock");
        refused.Json["errors"]!.AsObject().Select(e => e.Key).Should().ContainSingle().Which.Should().StartWith("orders[1]");
        (await kop.Pengawas.Get(kop.Url($"ledger/trial-balance?asOf={today}"))).Text.Should().Be(before);
        (await kop.Pengurus.Post(kop.Url("shop/marketplace-imports"), Import(new { externalId = "INV/006", lines = new[] { new { sku = "NOPE", quantity = 1 } } })))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed").Json["errors"]!["orders[0].lines[0].productId"].Should().NotBeNull();

        var tb = await BookChecks.TrialBalance(kop, today);
        (tb.Of("4-2000"), tb.Of("4-2100"), tb.Of("1-1010")).Should().Be((-60_000m, -(126_000m + 65_000m), 60_000m + 126_000m + 65_000m));
        var orders = (await kop.Pengawas.Get(kop.Url("shop/orders?status=paid"))).Json.AsArray();
        orders.Should().HaveCount(3).And.OnlyContain(o => o!["channel"]!.GetValue<string>() == "marketplace");
        // Imported orders ship and deliver like any other; the marketplace's courier costs the koperasi nothing.
        var id = first.Json["imported"]![0]!["orderId"]!.GetValue<Guid>();
        (await kop.Pengurus.Post(kop.Url($"shop/orders/{id}/ship"), new { trackingNumber = "TKP-9", courier = "GoSend" })).ShouldBe(HttpStatusCode.OK)
            .Json["shipment"]!["cost"]!.GetValue<decimal>().Should().Be(0m);
        await kop.CheckInventoryAgainstBooks(today);
        await BookChecks.CheckInvariants(kop, [member], today);
    }
}
