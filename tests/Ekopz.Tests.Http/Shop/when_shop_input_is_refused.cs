using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Shop;

/// <summary>Every bad input is refused with its stable code, and changes nothing: not the stock, not the books, not the order.</summary>
public class when_shop_input_is_refused(when_shop_input_is_refused.Shop shop) : IClassFixture<when_shop_input_is_refused.Shop>
{
    public sealed class Shop : IAsyncLifetime
    {
        public TestKoperasi Kop { get; private set; } = null!;
        public Guid Rice { get; private set; }
        public Guid Sugar { get; private set; }
        public string Today { get; private set; } = "";

        public async Task InitializeAsync()
        {
            Kop = await TestKoperasi.Create();
            Rice = await Kop.Product("BRS-1", 9_000m, 10_000m);
            Sugar = await Kop.Product("GLA-1", 14_000m, 15_000m, unit: "kg");
            await Kop.Receive("2025-03-01", Rice, 10m, 7_000m);
            await Kop.Receive("2025-03-01", Sugar, 25.5m, 12_000m);
            Today = (await Kop.Pengurus.Get(Kop.Url("settings"))).String("asOf");
        }

        public Task DisposeAsync() => Task.CompletedTask;
    }

    private readonly TestKoperasi _kop = shop.Kop;

    /// <summary>Runs <paramref name="act"/> and proves the inventory, the trial balance and the order list are exactly as before.</summary>
    private async Task<Reply> Unchanged(Func<Task<Reply>> act)
    {
        async Task<string> Snapshot() =>
            (await _kop.Pengawas.Get(_kop.Url("shop/inventory"))).Text
            + (await _kop.Pengawas.Get(_kop.Url($"ledger/trial-balance?asOf={shop.Today}"))).Text
            + (await _kop.Pengawas.Get(_kop.Url("shop/orders?pageSize=1000"))).Text
            + (await _kop.Pengawas.Get(_kop.Url($"shop/products/{shop.Rice}"))).Text;
        var before = await Snapshot();
        var reply = await act();
        (await Snapshot()).Should().Be(before, "a refused request changes nothing");
        return reply;
    }

    [Fact]
    public async Task an_unknown_product_is_400_on_its_line() =>
        (await Unchanged(() => _kop.PlaceOrder(_kop.Kasir, null, "counter", null, (shop.Rice, 1m), (Guid.NewGuid(), 1m))))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed").Json["errors"]!["lines[1].productId"].Should().NotBeNull();

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    [InlineData(1.5)]
    public async Task a_quantity_that_is_zero_negative_or_fractional_for_whole_units_is_400(double quantity) =>
        (await Unchanged(() => _kop.PlaceOrder(_kop.Kasir, null, "counter", null, (shop.Rice, (decimal)quantity))))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed").Json["errors"]!["lines[0].quantity"].Should().NotBeNull();

    [Fact]
    public async Task weighed_goods_take_decimals_but_not_beyond_grams()
    {
        (await Unchanged(() => _kop.PlaceOrder(_kop.Kasir, null, "counter", null, (shop.Sugar, 1.2345m))))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        var order = (await _kop.PlaceOrder(_kop.Kasir, null, "counter", null, (shop.Sugar, 1.25m))).ShouldBe(HttpStatusCode.Created);
        order.Decimal("total").Should().Be(18_750m);
        (await _kop.Kasir.Post(_kop.Url($"shop/orders/{order.Guid("orderId")}/cancel"))).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task more_than_is_available_is_422_insufficient_stock() =>
        await Unchanged(async () => (await _kop.PlaceOrder(_kop.Kasir, null, "counter", null, (shop.Rice, 11m)))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "insufficient_stock"));

    [Fact]
    public async Task paying_twice_is_422_invalid_state()
    {
        var order = (await _kop.PlaceOrder(_kop.Kasir, null, "counter", null, (shop.Rice, 1m))).ShouldBe(HttpStatusCode.Created).Guid("orderId");
        (await _kop.Kasir.Post(_kop.Url($"shop/orders/{order}/pay"))).ShouldBe(HttpStatusCode.OK);
        await Unchanged(async () => (await _kop.Kasir.Post(_kop.Url($"shop/orders/{order}/pay")))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state"));
    }

    [Fact]
    public async Task shipping_a_cancelled_order_is_422_invalid_state()
    {
        var order = (await _kop.PlaceOrder(_kop.Pengurus, null, "web", null, (shop.Rice, 1m))).ShouldBe(HttpStatusCode.Created).Guid("orderId");
        (await _kop.Pengurus.Post(_kop.Url($"shop/orders/{order}/cancel"), new { reason = "pembeli batal" })).ShouldBe(HttpStatusCode.OK)
            .String("status").Should().Be("cancelled");
        await Unchanged(async () => (await _kop.Pengurus.Post(_kop.Url($"shop/orders/{order}/ship"), new { trackingNumber = "JNE0001" }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state"));
        await Unchanged(async () => (await _kop.Kasir.Post(_kop.Url($"shop/orders/{order}/pay")))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state"));
    }

    [Fact]
    public async Task shipping_unpaid_cancelling_shipped_and_returning_undelivered_are_422()
    {
        var order = (await _kop.PlaceOrder(_kop.Pengurus, null, "web", null, (shop.Rice, 1m))).ShouldBe(HttpStatusCode.Created).Guid("orderId");
        await Unchanged(async () => (await _kop.Pengurus.Post(_kop.Url($"shop/orders/{order}/ship"), new { trackingNumber = "X" }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state"));
        (await _kop.Kasir.Post(_kop.Url($"shop/orders/{order}/pay"))).ShouldBe(HttpStatusCode.OK);
        await Unchanged(async () => (await _kop.Kasir.Post(_kop.Url($"shop/orders/{order}/returns"),
                new { reason = "x", lines = new[] { new { productId = shop.Rice, quantity = 1m } } }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state"));
        (await _kop.Pengurus.Post(_kop.Url($"shop/orders/{order}/ship"), new { trackingNumber = "JNE0002" })).ShouldBe(HttpStatusCode.OK);
        await Unchanged(async () => (await _kop.Pengurus.Post(_kop.Url($"shop/orders/{order}/cancel")))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state"));
    }

    [Fact]
    public async Task an_unknown_order_is_404() =>
        (await _kop.Kasir.Post(_kop.Url($"shop/orders/{Guid.NewGuid()}/pay"))).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");

    [Fact]
    public async Task bad_catalogue_and_stock_input_is_refused_with_fields()
    {
        (await _kop.Pengurus.Post(_kop.Url("shop/products"), new { sku = "BRS-1", name = "Lagi", memberPrice = 1, publicPrice = 2 }))
            .ShouldBeProblem(HttpStatusCode.Conflict, "conflict");
        (await _kop.Pengurus.Post(_kop.Url("shop/products"), new { sku = "X-1", name = "Mahal", memberPrice = 12_000, publicPrice = 10_000 }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed").Json["errors"]!["memberPrice"].Should().NotBeNull();
        (await _kop.Pengurus.Post(_kop.Url("shop/products"), new { sku = "X-2", name = "Aneh", memberPrice = 1, publicPrice = 2, unit = "gallon" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed").Json["errors"]!["unit"].Should().NotBeNull();
        (await Unchanged(() => _kop.Pengurus.Post(_kop.Url("shop/stock-receipts"),
                new { supplier = "PT A", lines = new object[] { new { productId = shop.Rice, quantity = 1 } } })))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed").Json["errors"]!["lines[0].unitCost"].Should().NotBeNull();
        (await Unchanged(() => _kop.Pengurus.Post(_kop.Url("shop/stock-receipts"),
                new { supplier = "PT A", lines = new object[] { new { productId = shop.Rice, quantity = 2, unitCost = 1000 }, new { productId = shop.Rice, quantity = 0.5, unitCost = 1000 } } })))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed").Json["errors"]!["lines[1].quantity"].Should().NotBeNull();
        await Unchanged(async () => (await _kop.Pengurus.Post(_kop.Url("shop/stock-adjustments"), new { productId = shop.Rice, quantity = -99, reason = "hilang" }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "insufficient_stock"));
        await Unchanged(async () => (await _kop.Pengurus.Post(_kop.Url("shop/stock-adjustments"), new { productId = shop.Rice, quantity = -1 }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed"));
        (await Unchanged(() => _kop.Pengurus.Post(_kop.Url("shop/stock-receipts"),
                new { supplier = "PT A", businessDate = "2025-02-01", lines = new[] { new { productId = shop.Rice, quantity = 1, unitCost = 1000 } } })))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed").Json["errors"]!["businessDate"].Should().NotBeNull();
    }

    [Fact]
    public async Task the_pengawas_reads_but_cannot_sell_and_a_kasir_cannot_run_the_catalogue()
    {
        (await _kop.Pengawas.Post(_kop.Url("shop/orders"), new { channel = "counter", lines = new[] { new { productId = shop.Rice, quantity = 1 } } }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        (await _kop.Kasir.Post(_kop.Url("shop/products"), new { sku = "K-1", name = "x", memberPrice = 1, publicPrice = 2 }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
    }
}
