using System.Net;
using System.Text.Json.Nodes;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Shop;

/// <summary>
/// Kopmart's public API (docs/adr/0023): anyone reads the catalogue and checks out as a guest, an anggota's token
/// gives member prices and makes the order theirs, nothing about costs, stock value or members is ever in an
/// answer, an unknown koperasi is 404, and what a shopper types is bounded.
/// </summary>
public class when_the_public_shops_at_the_storefront
{
    private static string Store(TestKoperasi kop, string path) => $"/api/v1/public/{kop.Slug}/store/{path}";

    private static readonly string[] Forbidden =
        ["averageCost", "\"value\"", "cost", "onHand", "reserved", "awaitingShipment", "memberId", "memberNumber", "memberName", "nik", "tokenHash", "placedBy"];

    /// <summary>No public answer names a cost, a stock value, a member or the tracking secret's hash.</summary>
    private static void NothingPrivate(Reply reply)
    {
        foreach (var word in Forbidden) reply.Text.Should().NotContainEquivalentOf(word, $"a public answer never carries {word}: {reply.Text}");
    }

    private static object Checkout(Guid product, decimal quantity, string? voucherCode = null) => new
    {
        lines = new[] { new { productId = product, quantity } }, buyerName = "Siti Aminah", phone = "0812-3456-7890",
        shipTo = "Jl. Melati 12, RT 03/RW 04, Cibinong, Bogor", note = "Titip di warung depan", voucherCode,
    };

    [Fact]
    public async Task a_guest_buys_at_public_prices_and_follows_the_order_to_shipped_and_the_books_agree()
    {
        var kop = await TestKoperasi.Create();
        (await kop.Pengurus.Put(kop.Url("shop/settings"), new { flatShippingRate = 10_000, courier = "JNE REG" })).ShouldBe(HttpStatusCode.OK);
        var rice = await kop.Product("BRS-5", 70_000m, 75_000m);
        var oil = await kop.Product("MYK-1", 17_000m, 18_500m);
        await kop.Receive("2025-03-01", rice, 10m, 60_000m);
        await kop.Receive("2025-03-01", oil, 4m, 15_000m);
        var guest = ApiUser.Anonymous();

        var catalogue = (await guest.Get(Store(kop, "products"))).ShouldBe(HttpStatusCode.OK);
        NothingPrivate(catalogue);
        catalogue.Json["memberPrices"]!.GetValue<bool>().Should().BeFalse();
        catalogue.Decimal("total").Should().Be(2);
        var riceItem = catalogue.Json["items"]!.AsArray().Single(i => i!["sku"]!.GetValue<string>() == "BRS-5")!;
        (riceItem["price"]!.GetValue<decimal>(), riceItem["priceKind"]!.GetValue<string>(), riceItem["available"]!.GetValue<decimal>())
            .Should().Be((75_000m, "public", 10m));
        var found = (await guest.Get(Store(kop, "products?q=produk%20myk&pageSize=1"))).ShouldBe(HttpStatusCode.OK);
        (found.Decimal("total"), found.Json["items"]!.AsArray().Single()!["sku"]!.GetValue<string>()).Should().Be((1m, "MYK-1"));
        NothingPrivate((await guest.Get(Store(kop, $"products/{rice}"))).ShouldBe(HttpStatusCode.OK));

        var quote = (await guest.Post(Store(kop, "quote"), new { lines = new[] { new { productId = rice, quantity = 2 } }, shipTo = "Bogor" }))
            .ShouldBe(HttpStatusCode.OK);
        NothingPrivate(quote);
        (quote.Decimal("goods"), quote.Decimal("shippingCharge"), quote.Decimal("total"), quote.String("courier")).Should().Be((150_000m, 10_000m, 160_000m, "JNE REG"));
        (await kop.Pengawas.Get(kop.Url($"shop/products/{rice}"))).Decimal("reserved").Should().Be(0, "a quote reserves nothing");

        // Checkout twice with one key: one order.
        var placed = (await guest.Post(Store(kop, "checkout"), Checkout(rice, 2), idempotencyKey: "kopmart-1")).ShouldBe(HttpStatusCode.Created);
        var again = (await guest.Post(Store(kop, "checkout"), Checkout(rice, 2), idempotencyKey: "kopmart-1")).ShouldBe(HttpStatusCode.Created);
        again.Guid("orderId").Should().Be(placed.Guid("orderId"));
        again.Headers.Should().ContainKey("Idempotent-Replayed");
        NothingPrivate(placed);
        var id = placed.Guid("orderId");
        var token = placed.String("trackingToken");
        placed.String("number").Should().Be(id.ToString("N")[..8].ToUpperInvariant());
        (placed.Json["order"]!["status"]!.GetValue<string>(), placed.Json["order"]!["total"]!.GetValue<decimal>()).Should().Be(("placed", 160_000m));
        (await kop.Pengawas.Get(kop.Url($"shop/products/{rice}"))).Decimal("available").Should().Be(8, "the order reserves its units");

        // The shop sees a web order from a non-member with the buyer's contact, for the courier.
        var staffView = await kop.Order(id);
        (staffView.String("channel"), staffView.String("buyer"), staffView.Json["contact"]!["phone"]!.GetValue<string>(), staffView.Json["memberId"])
            .Should().Be(("web", "non_member", "0812-3456-7890", (JsonNode?)null));
        staffView.Text.Should().NotContain("tokenHash");

        // Tracking: the id and the secret; a wrong or missing secret is 404.
        var tracked = (await guest.Get(Store(kop, $"orders/{id}?token={token}"))).ShouldBe(HttpStatusCode.OK);
        NothingPrivate(tracked);
        (tracked.String("status"), tracked.String("buyerName"), tracked.String("note")).Should().Be(("placed", "Siti Aminah", "Titip di warung depan"));
        (await guest.Get(Store(kop, $"orders/{id}?token=x{token}"))).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
        (await guest.Get(Store(kop, $"orders/{id}"))).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");

        // The shop manager is paid by transfer and ships; the buyer sees the tracking number.
        (await kop.Kasir.Post(kop.Url($"shop/orders/{id}/pay"), new { method = "transfer" })).ShouldBe(HttpStatusCode.OK);
        (await kop.Pengurus.Post(kop.Url($"shop/orders/{id}/ship"), new { trackingNumber = "JNE0001234" })).ShouldBe(HttpStatusCode.OK);
        tracked = (await guest.Get(Store(kop, $"orders/{id}?token={token}"))).ShouldBe(HttpStatusCode.OK);
        (tracked.String("status"), tracked.String("courier"), tracked.String("trackingNumber")).Should().Be(("shipped", "JNE REG", "JNE0001234"));
        NothingPrivate(tracked);

        var today = (await kop.Pengurus.Get(kop.Url("settings"))).String("asOf");
        (await kop.Inventory(today))[rice].OnHand.Should().Be(8m);
        await kop.CheckInventoryAgainstBooks(today);
        (await BookChecks.TrialBalance(kop, today)).Of("4-2100").Should().Be(-150_000m, "non-member sales, net");
    }

    [Fact]
    public async Task an_anggota_token_gives_member_prices_and_the_order_is_theirs()
    {
        var kop = await TestKoperasi.Create();
        var rice = await kop.Product("BRS-5", 70_000m, 75_000m);
        await kop.Receive("2025-03-01", rice, 10m, 60_000m);
        var member = await kop.ActiveMember("Budi Santoso");
        var anggota = await kop.MemberLogin(member);
        var other = await TestKoperasi.Create();
        var outsider = await other.MemberLogin(await other.ActiveMember("Orang Lain"));

        var catalogue = (await anggota.Get(Store(kop, "products"))).ShouldBe(HttpStatusCode.OK);
        catalogue.Json["memberPrices"]!.GetValue<bool>().Should().BeTrue();
        catalogue.Json["items"]![0]!["price"]!.GetValue<decimal>().Should().Be(70_000m);
        NothingPrivate(catalogue);
        // A member of another koperasi is a guest here, not refused.
        (await outsider.Get(Store(kop, "products"))).ShouldBe(HttpStatusCode.OK).Json["items"]![0]!["price"]!.GetValue<decimal>().Should().Be(75_000m);

        var placed = (await anggota.Post(Store(kop, "checkout"), Checkout(rice, 1))).ShouldBe(HttpStatusCode.Created);
        var id = placed.Guid("orderId");
        placed.Json["order"]!["priceKind"]!.GetValue<string>().Should().Be("member");
        var staffView = await kop.Order(id);
        (staffView.Guid("memberId"), staffView.String("buyer"), staffView.String("channel"), staffView.Decimal("goods")).Should().Be((member, "member", "web", 70_000m));

        // The member follows their own order without the secret, and lists their storefront orders; nobody else does.
        (await anggota.Get(Store(kop, $"orders/{id}"))).ShouldBe(HttpStatusCode.OK).String("status").Should().Be("placed");
        (await outsider.Get(Store(kop, $"orders/{id}"))).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
        var mine = (await anggota.Get(Store(kop, "my-orders"))).ShouldBe(HttpStatusCode.OK);
        mine.Json.AsArray().Select(o => o!["orderId"]!.GetValue<Guid>()).Should().Equal(id);
        NothingPrivate(mine);
        (await ApiUser.Anonymous().Get(Store(kop, "my-orders"))).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");

        // Paid, it counts for the member's SHU purchases.
        (await kop.Kasir.Post(kop.Url($"shop/orders/{id}/pay"), new { method = "transfer" })).ShouldBe(HttpStatusCode.OK);
        var year = (await kop.Pengurus.Get(kop.Url("settings"))).String("asOf")[..4];
        var purchases = (await kop.Pengawas.Get(kop.Url($"shop/members/{member}/purchases?year={year}"))).ShouldBe(HttpStatusCode.OK);
        purchases.Text.Should().Contain("70000");
    }

    [Fact]
    public async Task a_deactivated_product_leaves_the_catalogue_and_comes_back_when_reactivated()
    {
        var kop = await TestKoperasi.Create();
        var rice = await kop.Product("BRS-5", 70_000m, 75_000m);
        var oil = await kop.Product("MYK-1", 17_000m, 18_500m);
        await kop.Receive("2025-03-01", rice, 10m, 60_000m);
        var guest = ApiUser.Anonymous();

        (await kop.Pengurus.Post(kop.Url($"shop/products/{oil}/deactivate"), new { })).ShouldBe(HttpStatusCode.OK);
        var catalogue = (await guest.Get(Store(kop, "products"))).ShouldBe(HttpStatusCode.OK);
        catalogue.Json["items"]!.AsArray().Select(i => i!["sku"]!.GetValue<string>()).Should().Equal("BRS-5");
        (await guest.Get(Store(kop, $"products/{oil}"))).ShouldBe(HttpStatusCode.NotFound);
        (await guest.Post(Store(kop, "checkout"), Checkout(oil, 1), idempotencyKey: "kopmart-inactive")).Status
            .Should().NotBe(HttpStatusCode.Created, "no new order may take a deactivated product");

        (await kop.Pengurus.Post(kop.Url($"shop/products/{oil}/reactivate"), new { })).ShouldBe(HttpStatusCode.OK);
        (await guest.Get(Store(kop, "products"))).Decimal("total").Should().Be(2);
        (await guest.Get(Store(kop, $"products/{oil}"))).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task an_unknown_koperasi_is_404_and_what_a_shopper_types_is_bounded()
    {
        var kop = await TestKoperasi.Create();
        var rice = await kop.Product("BRS-5", 70_000m, 75_000m);
        await kop.Receive("2025-03-01", rice, 2m, 60_000m);
        var guest = ApiUser.Anonymous();
        foreach (var path in new[] { "products", $"products/{rice}", $"orders/{Guid.NewGuid()}?token=abc" })
            (await guest.Get($"/api/v1/public/tidak-ada-{Guid.NewGuid():N}/store/{path}")).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
        (await guest.Post($"/api/v1/public/tidak-ada-x/store/checkout", Checkout(rice, 1))).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
        (await guest.Get(Store(kop, $"products/{Guid.NewGuid()}"))).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");

        async Task Refused(object body, string field)
        {
            var reply = (await guest.Post(Store(kop, "checkout"), body)).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
            reply.Json["errors"]!.AsObject().Select(e => e.Key).Should().Contain(field, reply.Text);
        }

        var address = "Jl. Melati 12, Bogor";
        await Refused(new { lines = new[] { new { productId = rice, quantity = 1_001 } }, buyerName = "Siti", phone = "081234567890", shipTo = address }, "lines[0].quantity");
        await Refused(new { lines = new[] { new { productId = rice, quantity = 1.5 } }, buyerName = "Siti", phone = "081234567890", shipTo = address }, "lines[0].quantity");
        await Refused(new { lines = new[] { new { productId = rice, quantity = 0 } }, buyerName = "Siti", phone = "081234567890", shipTo = address }, "lines[0].quantity");
        await Refused(new { lines = Enumerable.Range(0, 31).Select(_ => new { productId = Guid.NewGuid(), quantity = 1 }).ToArray(), buyerName = "Siti", phone = "081234567890", shipTo = address }, "lines");
        await Refused(new { lines = Array.Empty<object>(), buyerName = "Siti", phone = "081234567890", shipTo = address }, "lines");
        await Refused(new { lines = new[] { new { productId = rice, quantity = 1 } }, buyerName = "", phone = "081234567890", shipTo = address }, "buyerName");
        await Refused(new { lines = new[] { new { productId = rice, quantity = 1 } }, buyerName = new string('x', 101), phone = "081234567890", shipTo = address }, "buyerName");
        await Refused(new { lines = new[] { new { productId = rice, quantity = 1 } }, buyerName = "Siti\u0001", phone = "081234567890", shipTo = address }, "buyerName");
        await Refused(new { lines = new[] { new { productId = rice, quantity = 1 } }, buyerName = "Siti", phone = "12ab", shipTo = address }, "phone");
        await Refused(new { lines = new[] { new { productId = rice, quantity = 1 } }, buyerName = "Siti", phone = "081234567890", shipTo = new string('x', 501) }, "shipTo");
        await Refused(new { lines = new[] { new { productId = rice, quantity = 1 } }, buyerName = "Siti", phone = "081234567890", shipTo = address, note = new string('x', 501) }, "note");
        await Refused(new { lines = new[] { new { productId = rice, quantity = 1 } }, buyerName = "Siti", phone = "081234567890", shipTo = address, voucherCode = "TIDAKADA" }, "voucherCode");

        // More than is left: 422 naming the line, nothing reserved.
        var short_ = (await guest.Post(Store(kop, "checkout"), Checkout(rice, 3))).ShouldBeProblem((HttpStatusCode)422, "insufficient_stock");
        short_.Json["errors"]!.AsObject().Select(e => e.Key).Should().Equal("lines[0].quantity");
        (await kop.Pengawas.Get(kop.Url($"shop/products/{rice}"))).Decimal("reserved").Should().Be(0);
        (await kop.Pengawas.Get(kop.Url("shop/orders"))).Json.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task a_running_flash_sale_and_a_voucher_show_in_the_catalogue_and_the_quote()
    {
        var kop = await TestKoperasi.Create();
        var tea = await kop.Product("TEH-25", 8_000m, 10_000m);
        await kop.Receive("2025-03-01", tea, 20m, 6_000m);
        var now = EkopzApp.Clock.GetCurrentInstant().ToDateTimeOffset(); // the API's clock decides whether the sale runs
        (await kop.Pengurus.Post(kop.Url($"shop/products/{tea}/discounts"), new
        {
            kind = "percent", value = 20, label = "Flash 12.12",
            startsAt = now.AddHours(-1).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ"), endsAt = now.AddHours(2).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ"),
        })).ShouldBe(HttpStatusCode.Created);
        var today = (await kop.Pengurus.Get(kop.Url("settings"))).String("asOf");
        (await kop.Pengurus.Post(kop.Url("shop/vouchers"), new { code = "HEMAT5", kind = "amount", value = 5_000, usageLimit = 1, expiresOn = today, minSpend = 20_000 }))
            .ShouldBe(HttpStatusCode.Created);
        var guest = ApiUser.Anonymous();

        var item = (await guest.Get(Store(kop, $"products/{tea}"))).ShouldBe(HttpStatusCode.OK);
        (item.Decimal("price"), item.Decimal("salePrice"), item.String("saleLabel")).Should().Be((10_000m, 8_000m, "Flash 12.12"));
        var quote = (await guest.Post(Store(kop, "quote"), new { lines = new[] { new { productId = tea, quantity = 3 } }, voucherCode = "hemat5" }))
            .ShouldBe(HttpStatusCode.OK);
        (quote.Decimal("subtotal"), quote.Decimal("flashDiscount"), quote.Decimal("voucherDiscount"), quote.Decimal("goods")).Should().Be((30_000m, 6_000m, 5_000m, 19_000m));
        (await guest.Post(Store(kop, "quote"), new { lines = new[] { new { productId = tea, quantity = 2 } }, voucherCode = "HEMAT5" }))
            .ShouldBeProblem((HttpStatusCode)422, "invalid_state");
        (await guest.Post(Store(kop, "checkout"), Checkout(tea, 3, "HEMAT5"))).ShouldBe(HttpStatusCode.Created);
        (await guest.Post(Store(kop, "quote"), new { lines = new[] { new { productId = tea, quantity = 3 } }, voucherCode = "HEMAT5" }))
            .ShouldBeProblem((HttpStatusCode)422, "limit_exceeded");
    }
}
