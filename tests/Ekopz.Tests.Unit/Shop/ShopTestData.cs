using Ekopz.Domain.Common;
using Ekopz.Domain.Members;
using Ekopz.Domain.Savings;
using Ekopz.Domain.Shop;
using NodaTime;

namespace Ekopz.Tests.Unit.Shop;

/// <summary>Builders for shop states: products, units, members, orders folded from their own events.</summary>
public static class ShopTestData
{
    public static readonly LocalDate Day = new(2026, 3, 10);
    public static readonly Instant Moment = Instant.FromUtc(2026, 3, 10, 3, 0);

    public static EventMeta Meta(string actor = "toko", string channel = Channels.Counter, LocalDate? date = null) =>
        new(actor, date ?? Day, Moment, channel, "c");

    public static readonly ShopUnit OwnUnit = ShopUnit.Evolve(null, new UnitOpened(Guid.NewGuid(), "Toko", UnitKind.Own, null, Meta()))!;

    public static ShopUnit SellerUnit(Guid? owner = null) =>
        ShopUnit.Evolve(null, new UnitOpened(Guid.NewGuid(), "Keripik Bu Siti", UnitKind.Seller, owner, Meta()))!;

    public static ShopProduct Product(decimal memberPrice = 9_000m, decimal publicPrice = 10_000m, string uom = Uoms.Pcs, ShopUnit? unit = null,
        string sku = "BRS-5KG") =>
        ShopProduct.Evolve(null, ShopProductDecider.Create(new CreateProduct(Guid.NewGuid(), sku, "Beras 5 kg", uom, memberPrice, publicPrice),
            unit ?? OwnUnit, Meta()))!;

    public static ShopProduct Apply(this ShopProduct product, params IDomainEvent[] events) =>
        events.Aggregate(product, (p, e) => ShopProduct.Evolve(p, e)!);

    public static ShopProduct Stocked(decimal quantity, decimal unitCost, ShopProduct? product = null)
    {
        var p = product ?? Product();
        return p.Apply(ShopProductDecider.Receive(p, Guid.NewGuid(), "PT Pemasok", quantity, unitCost, "cash", "lines[0]", Meta()));
    }

    public static Member Member(MemberStatus status) => new(Guid.NewGuid(), "000001", "Budi", "3201011501800001", null, null, status,
        new SavingsBalances(100_000m, 0m, 0m), new LocalDate(2025, 1, 1), new LocalDate(2025, 1, 1));

    public static IReadOnlyDictionary<Guid, ShopProduct> Map(params ShopProduct[] products) => products.ToDictionary(p => p.Id);
}
