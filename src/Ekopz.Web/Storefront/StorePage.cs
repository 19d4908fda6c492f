using Ekopz.Web.Api;
using Ekopz.Web.Components;
using Ekopz.Web.Session;
using Microsoft.AspNetCore.Components;

namespace Ekopz.Web.Storefront;

/// <summary>
/// What every storefront page has at hand (docs/adr/0023): the koperasi from the URL, the cart, and the shopper when
/// they are signed in to the console as an anggota of this koperasi (their session's token then makes the API quote
/// member prices and place the order as theirs). Anyone else is a guest; the pages need no sign-in.
/// </summary>
public abstract class StorePage : ConsolePage
{
    [Parameter] public string Slug { get; set; } = "";
    [Inject] public StoreCart Cart { get; set; } = default!;

    /// <summary>The console user, if any is signed in (of any koperasi, any role).</summary>
    protected ConsoleUser? Shopper => ConsoleSession.User(Http);

    /// <summary>Signed in as an anggota of this koperasi: member prices, and orders are theirs.</summary>
    protected bool IsMemberHere => Shopper is { MemberId: not null } s && s.Kop == Slug && s.Roles.Contains(ConsoleUser.Anggota);

    protected string Base => $"/k/{Slug}/toko";

    protected IReadOnlyList<CartLine> CartLines => _lines ??= Cart.Read(Http, Slug);
    private IReadOnlyList<CartLine>? _lines;

    protected void SaveCart(IReadOnlyList<CartLine> lines)
    {
        _lines = lines;
        Cart.Write(Http, Slug, lines);
    }

    protected static string Qty(decimal q) => q.ToString("0.###", System.Globalization.CultureInfo.GetCultureInfo("id-ID"));

    /// <summary>The status of an order in Indonesian.</summary>
    protected static string StatusText(string status) => status switch
    {
        "placed" => Teks.Kopmart_status_placed,
        "paid" => Teks.Kopmart_status_paid,
        "shipped" => Teks.Kopmart_status_shipped,
        "delivered" => Teks.Kopmart_status_delivered,
        "completed" => Teks.Kopmart_status_completed,
        "cancelled" => Teks.Kopmart_status_cancelled,
        _ => status,
    };
}
