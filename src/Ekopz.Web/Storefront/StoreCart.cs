using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;

namespace Ekopz.Web.Storefront;

/// <summary>One line of a storefront cart: a product and how many.</summary>
public sealed record CartLine(Guid ProductId, decimal Quantity);

/// <summary>
/// The storefront cart (docs/adr/0023): kept by the server in a cookie per koperasi, encrypted and signed with ASP.NET
/// DataProtection so a shopper can neither read nor forge it (prices are never in it: they are quoted by the API).
/// No account and no database row: a guest's cart costs nothing until they check out.
/// </summary>
public sealed class StoreCart(IDataProtectionProvider protection)
{
    public const int MaxLines = 30;
    public const decimal MaxQuantity = 1000m;
    private readonly IDataProtector _protector = protection.CreateProtector("Ekopz.Storefront.Cart.v1");

    public static string CookieName(string slug) => "ekopz.keranjang." + slug;

    public IReadOnlyList<CartLine> Read(HttpContext http, string slug)
    {
        if (!http.Request.Cookies.TryGetValue(CookieName(slug), out var value) || string.IsNullOrEmpty(value)) return [];
        try
        {
            var json = _protector.Unprotect(value);
            var stored = JsonSerializer.Deserialize<Stored>(json);
            if (stored is null || stored.K != slug) return [];
            return stored.L.Where(l => l.Q > 0 && l.Q <= MaxQuantity).Take(MaxLines).Select(l => new CartLine(l.P, l.Q)).ToList();
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or JsonException or FormatException)
        {
            return [];
        }
    }

    public void Write(HttpContext http, string slug, IReadOnlyList<CartLine> lines)
    {
        var options = new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps, Path = $"/k/{slug}/toko", IsEssential = true,
            MaxAge = TimeSpan.FromDays(14),
        };
        if (lines.Count == 0)
        {
            http.Response.Cookies.Delete(CookieName(slug), options);
            return;
        }
        var json = JsonSerializer.Serialize(new Stored(slug, lines.Take(MaxLines).Select(l => new StoredLine(l.ProductId, l.Quantity)).ToList()));
        http.Response.Cookies.Append(CookieName(slug), _protector.Protect(json), options);
    }

    /// <summary>Adds <paramref name="quantity"/> of a product (to what is already in the cart).</summary>
    public static IReadOnlyList<CartLine> Add(IReadOnlyList<CartLine> lines, Guid productId, decimal quantity)
    {
        var list = lines.ToList();
        var i = list.FindIndex(l => l.ProductId == productId);
        if (i >= 0) list[i] = list[i] with { Quantity = Math.Min(MaxQuantity, list[i].Quantity + quantity) };
        else if (list.Count < MaxLines) list.Add(new CartLine(productId, quantity));
        return list;
    }

    /// <summary>A quantity as a shopper types it: a positive number, comma or dot decimals.</summary>
    public static bool TryQuantity(string? text, out decimal quantity)
    {
        quantity = 0;
        var t = text?.Trim().Replace(',', '.');
        return !string.IsNullOrEmpty(t) && t.Length <= 12
            && decimal.TryParse(t, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out quantity) && quantity > 0 && quantity <= MaxQuantity;
    }

    private sealed record Stored(string K, List<StoredLine> L);

    private sealed record StoredLine(Guid P, decimal Q);
}
