using Ekopz.Web.Api;
using Ekopz.Web.Components;

namespace Ekopz.Web.Pages.Toko;

/// <summary>
/// A page of the shop dashboard (/toko): the units the signed-in person runs (a pengelola toko the units
/// assigned to them, the pengurus every unit) and the one chosen (<c>?unit=</c>, the first by default).
/// The API still decides per unit: a forged unit id is refused there (403).
/// </summary>
public abstract class TokoPage : ConsolePage
{
    protected List<UnitView> Units { get; private set; } = [];
    protected UnitView? Unit { get; private set; }

    /// <summary>Loads the units; call first in OnInitializedAsync.</summary>
    protected async Task LoadUnits()
    {
        var all = await Api.ListShopUnitsAsync(Kop);
        Units = all.Where(u => Me.IsPengurus || u.Managers.Any(m => string.Equals(m, Me.Username, StringComparison.OrdinalIgnoreCase))).ToList();
        Unit = Guid.TryParse(Query("unit"), out var id) ? Units.FirstOrDefault(u => u.UnitId == id) ?? Units.FirstOrDefault() : Units.FirstOrDefault();
    }

    /// <summary>A link within the shop dashboard, keeping the chosen unit when there is a choice.</summary>
    protected string U(string path, string? extra = null)
    {
        var query = new List<string>();
        if (Units.Count > 1 && Unit is not null) query.Add("unit=" + Unit.UnitId);
        if (extra is not null) query.Add(extra);
        return query.Count == 0 ? path : path + "?" + string.Join("&", query);
    }

    /// <summary>The unit's products (for the chosen unit only).</summary>
    protected async Task<List<ProductView>> UnitProducts() =>
        Unit is null ? [] : (await Api.ListShopProductsAsync(Kop, Unit.UnitId.ToString())).ToList();

    protected static string Qty(decimal q) => QtyText(q);

    public static string QtyText(decimal q) => q.ToString("#,0.###", Formatting.Rupiah.Indonesia);

    protected static bool TryQty(string? text, out decimal q)
    {
        q = 0;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var t = text.Trim().Replace(".", "").Replace(',', '.');
        // "1.5" typed with a dot as decimals (kg): a dot followed by 1-3 digits at the end and no comma is a decimal point.
        if (!text.Contains(',') && System.Text.RegularExpressions.Regex.IsMatch(text.Trim(), @"^\d+\.\d{1,2}$")) t = text.Trim();
        return decimal.TryParse(t, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out q) && q >= 0;
    }

    public static string OrderStatus(string? status) => status switch
    {
        "placed" => Teks.Toko_status_placed,
        "paid" => Teks.Toko_status_paid,
        "shipped" => Teks.Toko_status_shipped,
        "delivered" => Teks.Toko_status_delivered,
        "completed" => Teks.Toko_status_completed,
        "cancelled" => Teks.Toko_status_cancelled,
        _ => status ?? "—",
    };

    public static string OrderCss(string? status) => status switch
    {
        "placed" => "amber",
        "paid" or "shipped" => "blue",
        "delivered" or "completed" => "green",
        "cancelled" => "red",
        _ => "blue",
    };

    /// <summary>
    /// The buyer as a pengelola toko may read them: a member's name and number; a storefront guest by the name they typed
    /// at checkout (the courier needs it); otherwise "pembeli umum".
    /// </summary>
    public static string Buyer(OrderView o) => o.MemberName is { } n ? $"{n} ({o.MemberNumber})"
        : o.Contact is { Name: { Length: > 0 } c } ? $"{c} ({Teks.Toko_pembeli_umum.ToLowerInvariant()})"
        : Teks.Toko_pembeli_umum;
}
