using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Shop;

/// <summary>
/// The routes the shop dashboard added (docs/adr/0024): a product renamed, deactivated (no new order may take it) and
/// reactivated; a unit's sales per month. A pengelola toko acts and reads only on the units assigned to them.
/// </summary>
public class when_the_shop_dashboard_runs_a_unit
{
    [Fact]
    public async Task a_manager_renames_deactivates_and_reactivates_a_product_and_a_deactivated_one_cannot_be_ordered()
    {
        var kop = await TestKoperasi.Create();
        var main = await kop.MainUnit();
        await kop.AssignToko(main);
        var tea = await kop.Product("TEH-1", 4_000m, 5_000m, by: kop.Toko);
        await kop.Receive("2025-01-03", tea, 10m, 3_000m);

        var renamed = (await kop.Toko.Post(kop.Url($"shop/products/{tea}/name"), new { name = "  Teh celup isi 25  " })).ShouldBe(HttpStatusCode.OK);
        renamed.String("name").Should().Be("Teh celup isi 25");
        (await kop.Pengawas.Get(kop.Url($"shop/products/{tea}"))).ShouldBe(HttpStatusCode.OK).String("name").Should().Be("Teh celup isi 25");
        (await kop.Toko.Post(kop.Url($"shop/products/{tea}/name"), new { name = "" })).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await kop.Toko.Post(kop.Url($"shop/products/{tea}/name"), new { name = new string('x', 201) })).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await kop.Toko.Post(kop.Url($"shop/products/{Guid.NewGuid()}/name"), new { name = "Teh" })).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");

        var off = (await kop.Toko.Post(kop.Url($"shop/products/{tea}/deactivate"), new { reason = "Tidak laku" })).ShouldBe(HttpStatusCode.OK);
        off.Json["active"]!.GetValue<bool>().Should().BeFalse();
        (await kop.Toko.Post(kop.Url($"shop/products/{tea}/deactivate"), new { })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state");
        (await kop.PlaceOrder(kop.Kasir, null, "counter", "2025-01-04", (tea, 1m))).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await kop.PlaceOrder(kop.Pengurus, null, "web", "2025-01-04", (tea, 1m))).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        // Its stock stays and can still be counted.
        (await kop.Toko.Post(kop.Url("shop/stock-counts"), new { businessDate = "2025-01-04", lines = new[] { new { productId = tea, countedQuantity = 10m } } }))
            .ShouldBe(HttpStatusCode.Created);

        (await kop.Toko.Post(kop.Url($"shop/products/{tea}/reactivate"))).ShouldBe(HttpStatusCode.OK).Json["active"]!.GetValue<bool>().Should().BeTrue();
        (await kop.Toko.Post(kop.Url($"shop/products/{tea}/reactivate"))).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state");
        (await kop.PlaceOrder(kop.Kasir, null, "counter", "2025-01-05", (tea, 1m))).ShouldBe(HttpStatusCode.Created);

        // Other roles, and a manager of another unit, are refused.
        (await kop.Kasir.Post(kop.Url($"shop/products/{tea}/deactivate"))).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        (await kop.Pengawas.Post(kop.Url($"shop/products/{tea}/name"), new { name = "X" })).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        var other = (await kop.Pengurus.Post(kop.Url("shop/units"), new { name = "Toko Cabang" })).ShouldBe(HttpStatusCode.Created).Guid("unitId");
        (await kop.Pengurus.Send(HttpMethod.Delete, kop.Url($"shop/units/{main}/managers/{kop.Toko.Username}"), null)).ShouldBe(HttpStatusCode.OK);
        await kop.AssignToko(other);
        (await kop.Toko.Post(kop.Url($"shop/products/{tea}/name"), new { name = "Teh lain" })).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        (await kop.Toko.Post(kop.Url($"shop/products/{tea}/deactivate"))).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        (await kop.Pengurus.Post(kop.Url($"shop/products/{tea}/deactivate"))).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task a_unit_reads_its_sales_per_month_net_of_returns_and_not_another_units()
    {
        var kop = await TestKoperasi.Create();
        var main = await kop.MainUnit();
        await kop.AssignToko(main);
        var rice = await kop.Product("BRS-1", 60_000m, 65_000m);
        await kop.Receive("2025-01-02", rice, 20m, 50_000m);
        await kop.CounterSale("2025-02-10", null, (rice, 2m));                      // 130.000 in February
        var march = await kop.CounterSale("2025-03-05", null, (rice, 1m));          // 65.000 in March
        var placed = (await kop.PlaceOrder(kop.Kasir, null, "counter", "2025-03-06", (rice, 3m))).ShouldBe(HttpStatusCode.Created); // never paid
        (await kop.Kasir.Post(kop.Url($"shop/orders/{march.Guid("orderId")}/returns"),
            new { reason = "Rusak", businessDate = "2025-04-01", lines = new[] { new { productId = rice, quantity = 1m } } })).ShouldBe(HttpStatusCode.Created);

        var sales = (await kop.Toko.Get(kop.Url($"shop/units/{main}/sales?year=2025"))).ShouldBe(HttpStatusCode.OK);
        sales.Json["months"]!.AsArray().Should().HaveCount(12);
        Month(sales, 2).Should().Be((1, 130_000m, 0m, 130_000m));
        Month(sales, 3).Should().Be((1, 65_000m, 0m, 65_000m), "the unpaid order is not a sale");
        Month(sales, 4).Should().Be((0, 0m, 65_000m, -65_000m));
        sales.Decimal("net").Should().Be(130_000m);
        (await kop.Pengawas.Get(kop.Url($"shop/units/{main}/sales?year=2025"))).ShouldBe(HttpStatusCode.OK).Decimal("net").Should().Be(130_000m);
        (await kop.Pengurus.Get(kop.Url($"shop/units/{main}/sales?year=2024"))).ShouldBe(HttpStatusCode.OK).Decimal("net").Should().Be(0m);
        placed.String("status").Should().Be("placed");

        (await kop.Toko.Get(kop.Url($"shop/units/{main}/sales?year=1999"))).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await kop.Toko.Get(kop.Url($"shop/units/{Guid.NewGuid()}/sales"))).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
        (await kop.Kasir.Get(kop.Url($"shop/units/{main}/sales"))).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        var other = (await kop.Pengurus.Post(kop.Url("shop/units"), new { name = "Toko Cabang" })).ShouldBe(HttpStatusCode.Created).Guid("unitId");
        (await kop.Toko.Get(kop.Url($"shop/units/{other}/sales"))).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
    }

    private static (int Orders, decimal Goods, decimal Refunds, decimal Net) Month(Reply sales, int month)
    {
        var m = sales.Json["months"]!.AsArray().Single(x => x!["month"]!.GetValue<int>() == month)!;
        return (m["orders"]!.GetValue<int>(), m["goods"]!.GetValue<decimal>(), m["refunds"]!.GetValue<decimal>(), m["net"]!.GetValue<decimal>());
    }
}
