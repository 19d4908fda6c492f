using Ekopz.Domain.Shop;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Ekopz.Projections.Shop;

/// <summary>Inline snapshot of a business unit (managers, seller balance, payouts).</summary>
public class ShopUnitProjection : SingleStreamProjection<ShopUnit, Guid>
{
    public ShopUnitProjection() => FoldEvents.Declare<ShopUnit>(this, ShopUnit.Evolve);

    public override ShopUnit? Evolve(ShopUnit? snapshot, Guid id, IEvent e) => ShopUnit.Evolve(snapshot, e.Data);
}

/// <summary>Inline snapshot of a product: prices, flash sales, stock and its value (what orders lock and decide on).</summary>
public class ShopProductProjection : SingleStreamProjection<ShopProduct, Guid>
{
    public ShopProductProjection() => FoldEvents.Declare<ShopProduct>(this, ShopProduct.Evolve);

    public override ShopProduct? Evolve(ShopProduct? snapshot, Guid id, IEvent e) => ShopProduct.Evolve(snapshot, e.Data);
}

/// <summary>Inline snapshot of an order.</summary>
public class ShopOrderProjection : SingleStreamProjection<ShopOrder, Guid>
{
    public ShopOrderProjection() => FoldEvents.Declare<ShopOrder>(this, ShopOrder.Evolve);

    public override ShopOrder? Evolve(ShopOrder? snapshot, Guid id, IEvent e) => ShopOrder.Evolve(snapshot, e.Data);
}

/// <summary>Inline snapshot of a voucher and its redemptions.</summary>
public class ShopVoucherProjection : SingleStreamProjection<ShopVoucher, Guid>
{
    public ShopVoucherProjection() => FoldEvents.Declare<ShopVoucher>(this, ShopVoucher.Evolve);

    public override ShopVoucher? Evolve(ShopVoucher? snapshot, Guid id, IEvent e) => ShopVoucher.Evolve(snapshot, e.Data);
}

/// <summary>Inline snapshot of the shop settings with their effective-dated history.</summary>
public class ShopSettingsProjection : SingleStreamProjection<ShopSettings, Guid>
{
    public ShopSettingsProjection() => FoldEvents.Declare<ShopSettings>(this, ShopSettings.Evolve);

    public override ShopSettings? Evolve(ShopSettings? snapshot, Guid id, IEvent e) =>
        ShopSettings.Evolve(snapshot, e.Data) is { } next ? next with { Id = id } : null;
}
