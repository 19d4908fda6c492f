namespace Ekopz.Domain.Shop;

/// <summary>What a shipping-rate provider is asked: one parcel of an order.</summary>
/// <param name="Koperasi">The koperasi (tenant) slug; a real provider keys its account on it.</param>
/// <param name="Destination">The ship-to text the buyer gave (null: the provider's default zone).</param>
/// <param name="Quantity">Total quantity in the parcel.</param>
/// <param name="GoodsValue">The value of the goods (some couriers price insurance on it).</param>
/// <param name="Settings">The shop settings in force that day (the flat rate lives there).</param>
public sealed record ShippingRateRequest(string Koperasi, string? Destination, decimal Quantity, decimal GoodsValue, ShopSettingsVersion Settings);

/// <summary>A price for shipping one parcel.</summary>
public sealed record ShippingQuote(string Courier, string Service, decimal Cost);

/// <summary>
/// Where shipping prices come from. The default is <see cref="FlatRateShipping"/>; a courier
/// aggregator (RajaOngkir, Biteship, ...) plugs in behind this interface without touching the shop.
/// </summary>
public interface IShippingRates
{
    Task<ShippingQuote> Quote(ShippingRateRequest request, CancellationToken ct);
}

/// <summary>The default provider: one flat price per parcel, set per koperasi in the shop settings.</summary>
public sealed class FlatRateShipping : IShippingRates
{
    public Task<ShippingQuote> Quote(ShippingRateRequest request, CancellationToken ct) =>
        Task.FromResult(new ShippingQuote(request.Settings.Courier, "flat", request.Settings.FlatShippingRate));
}
