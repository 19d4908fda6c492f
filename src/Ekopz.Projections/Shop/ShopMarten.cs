using Ekopz.Domain.Shop;
using JasperFx.Events.Projections;
using JasperFx.MultiTenancy;
using Marten;
using Marten.Schema;
using Marten.Schema.Indexing.Unique;

namespace Ekopz.Projections.Shop;

/// <summary>The shop's documents and projections, registered from <see cref="EkopzMarten.Configure"/> in one line.</summary>
public static class ShopMarten
{
    public static void Configure(StoreOptions opts)
    {
        opts.Schema.For<ShopUnit>().MultiTenanted();
        // A SKU names one product per koperasi: a race of two creations is decided by the index (409).
        opts.Schema.For<ShopProduct>().MultiTenanted()
            .UniqueIndex(UniqueIndexType.Computed, "ux_shop_product_sku", TenancyScope.PerTenant, x => x.Sku)
            .Duplicate(x => x.UnitId);
        opts.Schema.For<ShopOrder>().MultiTenanted()
            .Duplicate(x => x.MemberId)
            .Duplicate(x => x.UnitId)
            .Duplicate(x => x.PlacedDateKey);
        opts.Schema.For<ShopVoucher>().MultiTenanted();
        opts.Schema.For<ShopSettings>().MultiTenanted();

        opts.Projections.Add(new ShopUnitProjection(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new ShopProductProjection(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new ShopOrderProjection(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new ShopVoucherProjection(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new ShopSettingsProjection(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new StockMoveProjection(), ProjectionLifecycle.Inline);
    }
}
