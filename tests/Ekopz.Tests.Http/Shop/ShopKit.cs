using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Shop;

/// <summary>Terse steps for shop scenarios, all through the API as a client would call it.</summary>
public static class ShopKit
{
    public static async Task<Guid> MainUnit(this TestKoperasi kop) =>
        (await kop.Pengurus.Get(kop.Url("shop/units"))).ShouldBe(HttpStatusCode.OK).Json.AsArray().Single()!["unitId"]!.GetValue<Guid>();

    public static async Task<Guid> Product(this TestKoperasi kop, string sku, decimal memberPrice, decimal publicPrice, string since = "2025-01-02",
        Guid? unitId = null, string? unit = null, ApiUser? by = null) =>
        (await (by ?? kop.Pengurus).Post(kop.Url("shop/products"), new { sku, name = "Produk " + sku, memberPrice, publicPrice, unitId, unit, businessDate = since }))
        .ShouldBe(HttpStatusCode.Created).Guid("productId");

    public static async Task<Reply> Receive(this TestKoperasi kop, string date, Guid productId, decimal quantity, decimal? unitCost, string payment = "cash",
        string supplier = "PT Sumber Pangan") =>
        (await kop.Pengurus.Post(kop.Url("shop/stock-receipts"),
            new { supplier, businessDate = date, payment, lines = new[] { new { productId, quantity, unitCost } } })).ShouldBe(HttpStatusCode.Created);

    public static Task<Reply> PlaceOrder(this TestKoperasi kop, ApiUser by, Guid? memberId, string channel, string? date, params (Guid ProductId, decimal Quantity)[] lines) =>
        by.Post(kop.Url("shop/orders"), new
        {
            memberId, channel, businessDate = date, lines = lines.Select(l => new { productId = l.ProductId, quantity = l.Quantity }).ToArray(),
        });

    /// <summary>A counter sale placed and paid in cash on <paramref name="date"/>: returns the completed order.</summary>
    public static async Task<Reply> CounterSale(this TestKoperasi kop, string date, Guid? memberId, params (Guid ProductId, decimal Quantity)[] lines)
    {
        var order = (await kop.PlaceOrder(kop.Kasir, memberId, "counter", date, lines)).ShouldBe(HttpStatusCode.Created);
        var paid = (await kop.Kasir.Post(kop.Url($"shop/orders/{order.Guid("orderId")}/pay"), new { businessDate = date })).ShouldBe(HttpStatusCode.OK);
        paid.String("status").Should().Be("completed");
        return paid;
    }

    public static async Task<Dictionary<Guid, (decimal OnHand, decimal Value, decimal AverageCost)>> Inventory(this TestKoperasi kop, string asOf)
    {
        var inv = (await kop.Pengawas.Get(kop.Url($"shop/inventory?asOf={asOf}"))).ShouldBe(HttpStatusCode.OK);
        inv.Decimal("totalValue").Should().Be(inv.Json["products"]!.AsArray().Sum(p => p!["value"]!.GetValue<decimal>()));
        return inv.Json["products"]!.AsArray().ToDictionary(p => p!["productId"]!.GetValue<Guid>(),
            p => (p!["onHand"]!.GetValue<decimal>(), p["value"]!.GetValue<decimal>(), p["averageCost"]!.GetValue<decimal>()));
    }

    public static async Task<decimal> InventoryValue(this TestKoperasi kop, string asOf) =>
        (await kop.Pengawas.Get(kop.Url($"shop/inventory?asOf={asOf}"))).ShouldBe(HttpStatusCode.OK).Decimal("totalValue");

    /// <summary>The inventory control account (1-1300) equals the inventory report on each date.</summary>
    public static async Task CheckInventoryAgainstBooks(this TestKoperasi kop, params string[] dates)
    {
        foreach (var date in dates)
        {
            var tb = await BookChecks.TrialBalance(kop, date);
            tb.Of("1-1300").Should().Be(await kop.InventoryValue(date), $"the inventory account equals the inventory report on {date}");
        }
    }

    public static async Task<Reply> Order(this TestKoperasi kop, Guid orderId) =>
        (await kop.Pengawas.Get(kop.Url($"shop/orders/{orderId}"))).ShouldBe(HttpStatusCode.OK);

    public static async Task AssignToko(this TestKoperasi kop, Guid unitId) =>
        (await kop.Pengurus.Post(kop.Url($"shop/units/{unitId}/managers"), new { username = kop.Toko.Username })).ShouldBe(HttpStatusCode.OK);
}
