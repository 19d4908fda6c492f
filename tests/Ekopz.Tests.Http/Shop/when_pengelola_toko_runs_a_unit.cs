using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Shop;

/// <summary>Every koperasi starts with one unit; a pengelola toko runs only the units the pengurus assigned to them.</summary>
public class when_pengelola_toko_runs_a_unit
{
    [Fact]
    public async Task a_new_koperasi_has_one_unit_and_a_pengelola_toko_manages_only_assigned_units()
    {
        var kop = await TestKoperasi.Create();
        var units = (await kop.Pengawas.Get(kop.Url("shop/units"))).ShouldBe(HttpStatusCode.OK).Json.AsArray();
        units.Should().ContainSingle();
        (units[0]!["name"]!.GetValue<string>(), units[0]!["kind"]!.GetValue<string>()).Should().Be(("Toko Koperasi", "own"));
        var main = units[0]!["unitId"]!.GetValue<Guid>();

        var product = new { sku = "TK-1", name = "Gula", memberPrice = 14_000, publicPrice = 15_000 };
        (await kop.Toko.Post(kop.Url("shop/products"), product)).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");

        await kop.AssignToko(main);
        (await kop.Pengurus.Post(kop.Url($"shop/units/{main}/managers"), new { username = kop.Toko.Username }))
            .ShouldBe(HttpStatusCode.OK).Json["managers"]!.AsArray().Should().ContainSingle("assigning twice changes nothing");
        var sugar = (await kop.Toko.Post(kop.Url("shop/products"), product)).ShouldBe(HttpStatusCode.Created).Guid("productId");
        (await kop.Toko.Post(kop.Url("shop/stock-receipts"), new { supplier = "PT Gula", lines = new[] { new { productId = sugar, quantity = 5, unitCost = 12_000 } } }))
            .ShouldBe(HttpStatusCode.Created);

        var second = (await kop.Pengurus.Post(kop.Url("shop/units"), new { name = "Toko Cabang Pasar" })).ShouldBe(HttpStatusCode.Created).Guid("unitId");
        (await kop.Toko.Post(kop.Url("shop/units"), new { name = "Toko Saya" })).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        (await kop.Toko.Post(kop.Url("shop/products"), new { sku = "TK-2", name = "Kopi", memberPrice = 1, publicPrice = 2, unitId = second }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        var coffee = await kop.Product("TK-2", 1_000m, 2_000m, unitId: second);
        (await kop.Toko.Post(kop.Url("shop/stock-receipts"), new { supplier = "PT Kopi", lines = new[] { new { productId = coffee, quantity = 5, unitCost = 500 } } }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        (await kop.Toko.Post(kop.Url($"shop/products/{coffee}/prices"), new { memberPrice = 1_100, publicPrice = 2_100 }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        (await kop.Toko.Post(kop.Url("shop/vouchers"), new { code = "SEMUA", kind = "amount", value = 1_000, usageLimit = 1, expiresOn = "2099-12-31" }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        (await kop.Toko.Post(kop.Url("shop/vouchers"), new { code = "TOKOKU", kind = "amount", value = 1_000, usageLimit = 1, expiresOn = "2099-12-31", unitId = main }))
            .ShouldBe(HttpStatusCode.Created);

        // Removing the assignment takes the rights away again.
        (await kop.Pengurus.Send(HttpMethod.Delete, kop.Url($"shop/units/{main}/managers/{kop.Toko.Username}"), null)).ShouldBe(HttpStatusCode.OK);
        (await kop.Toko.Post(kop.Url($"shop/products/{sugar}/prices"), new { memberPrice = 14_500, publicPrice = 15_500 }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task only_a_pengelola_toko_login_of_this_koperasi_can_be_assigned()
    {
        var kop = await TestKoperasi.Create();
        var main = await kop.MainUnit();
        (await kop.Pengurus.Post(kop.Url($"shop/units/{main}/managers"), new { username = kop.Kasir.Username }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        var other = await TestKoperasi.Create();
        (await kop.Pengurus.Post(kop.Url($"shop/units/{main}/managers"), new { username = other.Toko.Username }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await kop.Pengurus.Post(kop.Url($"shop/units/{Guid.NewGuid()}/managers"), new { username = kop.Toko.Username }))
            .ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task another_koperasi_cannot_see_this_shop() =>
        (await (await TestKoperasi.Create()).Pengurus.Get((await TestKoperasi.Create()).Url("shop/inventory")))
            .ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
}
