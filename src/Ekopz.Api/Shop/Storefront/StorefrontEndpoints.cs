using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Api.Platform;
using Ekopz.Api.Shop.Ordering;
using Ekopz.Domain.Common;
using Ekopz.Domain.Koperasi;
using Ekopz.Domain.Members;
using Ekopz.Domain.Shop;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Ekopz.Api.Shop.Store;

/// <summary>
/// A product as the public storefront shows it: the price that applies to the caller (member prices for a signed-in
/// active member of this koperasi, public prices otherwise), the flash-sale price while one runs, and how many can be
/// ordered. Never a cost, a stock value, or anything about a member (docs/adr/0023).
/// </summary>
/// <param name="PriceKind"><c>member</c> or <c>public</c>: which list price <paramref name="Price"/> is.</param>
/// <param name="SalePrice">The price per unit after the best flash sale running now; null when none runs.</param>
/// <param name="SaleEndsAt">When that flash sale ends.</param>
/// <param name="Available">How many can be ordered now (on hand less what unpaid orders hold).</param>
/// <param name="TimeZone">The koperasi's time zone, to show <paramref name="SaleEndsAt"/> in.</param>
public sealed record StoreProduct(Guid ProductId, string Sku, string Name, string Unit, string PriceKind, decimal Price, decimal? SalePrice,
    string? SaleLabel, Instant? SaleEndsAt, decimal Available, bool InStock, string TimeZone);

/// <param name="MemberPrices">True when the caller is an active member of this koperasi and sees member prices.</param>
public sealed record StoreCatalogue(string Koperasi, string KoperasiName, string TimeZone, bool MemberPrices, IReadOnlyList<StoreProduct> Items,
    int Page, int PageSize, int Total);

public sealed record StoreLineInput(Guid? ProductId, decimal? Quantity);

/// <param name="VoucherCode">A voucher code to apply.</param>
/// <param name="ShipTo">The delivery address (the shipping charge is quoted for it).</param>
public sealed record StoreQuoteRequest(IReadOnlyList<StoreLineInput>? Lines, string? VoucherCode = null, string? ShipTo = null);

/// <param name="BuyerName">The name the courier asks for (2–100 characters).</param>
/// <param name="Phone">8–15 digits; spaces, dashes and a leading + allowed.</param>
/// <param name="ShipTo">The delivery address (10–500 characters, may span lines).</param>
/// <param name="Note">A note for the shop (at most 500 characters, may span lines).</param>
public sealed record StoreCheckoutRequest(IReadOnlyList<StoreLineInput>? Lines, string? BuyerName, string? Phone, string? ShipTo, string? Note = null,
    string? VoucherCode = null);

public sealed record StoreOrderLine(int LineNo, Guid ProductId, string Name, string Unit, decimal Quantity, decimal UnitPrice, decimal Gross,
    decimal FlashDiscount, string? DiscountLabel, decimal VoucherDiscount, decimal Net);

/// <summary>What the cart would cost: per line and in total, with the shipping charge. Nothing is reserved.</summary>
public sealed record StoreQuote(string PriceKind, IReadOnlyList<StoreOrderLine> Lines, decimal Subtotal, decimal FlashDiscount, string? VoucherCode,
    decimal VoucherDiscount, decimal Goods, decimal ShippingCharge, string Courier, decimal Total);

/// <summary>
/// A storefront order as its buyer follows it: status, lines, totals, the courier and tracking number once shipped, and
/// only what the buyer typed (name, phone, address, note).
/// </summary>
/// <param name="Number">The short order number the buyer reads (the first 8 hex digits of the id).</param>
/// <param name="Status">placed, paid, shipped, delivered, completed or cancelled.</param>
public sealed record StoreOrder(Guid OrderId, string Number, string Status, string PriceKind, IReadOnlyList<StoreOrderLine> Lines, decimal Subtotal,
    decimal FlashDiscount, string? VoucherCode, decimal VoucherDiscount, decimal Goods, decimal ShippingCharge, decimal Total, string? BuyerName,
    string? Phone, string? ShipTo, string? Note, LocalDate PlacedOn, Instant PlacedAt, LocalDate? PaidOn, string? Courier, string? TrackingNumber,
    LocalDate? ShippedOn, LocalDate? DeliveredOn, LocalDate? CancelledOn)
{
    public static StoreOrder Of(ShopOrder o) => new(o.Id, Storefront.NumberOf(o.Id), o.Status.StatusName(),
        o.Buyer == CounterpartyClass.Member ? PriceKinds.Member : PriceKinds.Public, LinesOf(o.Lines), o.Lines.Sum(l => l.Gross),
        o.Lines.Sum(l => l.FlashDiscount), o.VoucherCode, o.Lines.Sum(l => l.VoucherDiscount), o.Goods, o.ShippingCharge, o.Total, o.Contact?.Name,
        o.Contact?.Phone, o.ShipTo, o.Contact?.Note, o.PlacedOn, o.PlacedAt, o.PaidOn, o.Courier, o.TrackingNumber, o.ShippedOn, o.DeliveredOn,
        o.CancelledOn);

    public static IReadOnlyList<StoreOrderLine> LinesOf(IEnumerable<OrderLine> lines) => lines.Select(l => new StoreOrderLine(l.LineNo, l.ProductId, l.Name,
        l.Uom, l.Quantity, l.UnitPrice, l.Gross, l.FlashDiscount, l.DiscountLabel, l.VoucherDiscount, l.Net)).ToList();
}

/// <param name="TrackingToken">The secret that opens the order's status page (with the order id); shown once, kept only as a hash.</param>
public sealed record StoreCheckoutResponse(Guid OrderId, string Number, string TrackingToken, StoreOrder Order);

/// <summary>
/// Kopmart, the public storefront of a koperasi (docs/adr/0023): anonymous reads of the catalogue, a quote for a cart,
/// guest checkout (channel <c>web</c>, unpaid, stock reserved under the same row locks as every order) and order
/// tracking by id and secret. A bearer token of an anggota of this koperasi makes the caller a member buyer: member
/// prices, and the order is theirs (it counts for SHU). A token of anyone else is ignored here. An unknown koperasi is 404.
/// </summary>
public static class StorefrontEndpoints
{
    public const string GuestActor = "tamu-web";
    private const int MaxPageSize = 60;

    /// <summary>Browse the storefront catalogue</summary>
    /// <remarks>
    /// Anyone, no token; an anggota's bearer token of this koperasi gets member prices. Active products with the price that
    /// applies to the caller, the flash-sale price while one runs and how many can be ordered; searchable with <c>q</c>, paged.
    /// Never a cost or a stock value.
    /// </remarks>
    [WolverineGet("/api/v1/public/{kop}/store/products", OperationId = "listStoreProducts")]
    [AllowAnonymous]
    [Tags("Storefront")]
    [ProducesResponseType<StoreCatalogue>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> List(string kop, string? q, int? page, int? pageSize, HttpContext http, IDocumentStore store, IClock clock,
        KoperasiDirectory directory)
    {
        var ct = http.RequestAborted;
        await Known(kop, directory, ct);
        var (p, size) = QueryParams.Paging(page, pageSize, 20, MaxPageSize);
        var search = q?.Trim();
        if (search is { Length: > 100 }) throw DomainException.Validation("q", "Search for at most 100 characters.");
        await using var session = store.QuerySession(kop);
        var settings = await Settings(session, kop, ct);
        var member = await MemberBuyer(http, kop, session, ct);
        // A deactivated product is out of the catalogue (docs/adr/0024); the order decider refuses it anyway.
        IQueryable<ShopProduct> query = session.Query<ShopProduct>().Where(x => !x.Inactive);
        if (!string.IsNullOrEmpty(search))
            query = query.Where(x => x.Name.Contains(search, StringComparison.OrdinalIgnoreCase) || x.Sku.Contains(search, StringComparison.OrdinalIgnoreCase));
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(x => x.Name).ThenBy(x => x.Sku).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        var today = settings.Today(clock);
        var now = clock.GetCurrentInstant();
        return Results.Json(new StoreCatalogue(kop, await Name(kop, store, ct), settings.TimeZone, member is not null,
            items.Select(x => Of(x, member is not null, today, now, settings.TimeZone)).ToList(), p, size, total), ApiJson.Options);
    }

    /// <summary>Read one storefront product</summary>
    /// <remarks>
    /// Anyone, no token (member prices with an anggota's token). A deactivated or unknown product is 404.
    /// </remarks>
    [WolverineGet("/api/v1/public/{kop}/store/products/{productId}", OperationId = "getStoreProduct")]
    [AllowAnonymous]
    [Tags("Storefront")]
    [ProducesResponseType<StoreProduct>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Get(string kop, Guid productId, HttpContext http, IDocumentStore store, IClock clock, KoperasiDirectory directory)
    {
        var ct = http.RequestAborted;
        await Known(kop, directory, ct);
        await using var session = store.QuerySession(kop);
        var settings = await Settings(session, kop, ct);
        var product = await session.LoadAsync<ShopProduct>(productId, ct);
        if (product is null || product.Inactive) throw DomainException.NotFound("The product");
        var member = await MemberBuyer(http, kop, session, ct);
        return Results.Json(Of(product, member is not null, settings.Today(clock), clock.GetCurrentInstant(), settings.TimeZone), ApiJson.Options);
    }

    /// <summary>Price a cart</summary>
    /// <remarks>
    /// Anyone, no token (member prices with an anggota's token). What the cart would cost per line and in total, with flash
    /// sales, the voucher and the shipping charge. Nothing is reserved or recorded.
    /// </remarks>
    [WolverinePost("/api/v1/public/{kop}/store/quote", OperationId = "quoteStoreCart")]
    [AllowAnonymous]
    [Tags("Storefront")]
    [ProducesResponseType<StoreQuote>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static async Task<IResult> Quote(string kop, StoreQuoteRequest request, HttpContext http, IDocumentStore store, IClock clock,
        IShippingRates shipping, KoperasiDirectory directory)
    {
        // A quote records nothing and locks nothing: it reads the products, the buyer and the voucher as they are now (a query
        // session, no transaction) and prices them with the order's own pure rules. It used to run the checkout itself through
        // CommandRunner.Preview and throw the session away, holding the products' and the voucher's row locks meanwhile.
        var ct = http.RequestAborted;
        await Known(kop, directory, ct);
        var caller = await BuyerCaller(http, kop);
        CheckCart(request.Lines, request.VoucherCode, request.ShipTo);
        await using var session = store.QuerySession(kop);
        var settings = await Settings(session, kop, ct);
        var now = clock.GetCurrentInstant();
        var today = now.InZone(DateTimeZoneProviders.Tzdb[settings.TimeZone]).Date;
        var meta = new EventMeta(caller.Username, today, now, Channels.Web, Correlation.Of(http));
        var ids = request.Lines!.Select(l => l.ProductId).OfType<Guid>().Distinct().ToList();
        var products = (await session.LoadManyAsync<ShopProduct>(ct, ids)).ToDictionary(p => p.Id);
        var buyer = caller.MemberId is { } m ? await session.LoadAsync<Member>(m, ct) : null;
        var voucher = string.IsNullOrWhiteSpace(request.VoucherCode) ? null
            : await session.LoadAsync<ShopVoucher>(ShopVoucher.StreamId(kop, request.VoucherCode), ct);
        var priced = PriceQuote(request, caller, products, buyer, voucher, meta);
        var shop = await ShopAccess.Settings(session, kop, today);
        var charge = OrderChannels.Ships(priced.Channel)
            ? (await shipping.Quote(new ShippingRateRequest(kop, priced.ShipTo, priced.Quantity, priced.Goods, shop), ct)).Cost
            : 0m;
        return Results.Json(AnswerQuote(priced, charge, products, shop.Courier, meta), ApiJson.Options);
    }

    /// <summary>
    /// The quote's decision up to the shipping charge, pure: a line asking for more than is available is refused naming it, then the
    /// order's pricing (<see cref="ShopOrderDecider.Price"/>: the caller's prices, flash sales) and the voucher
    /// (<see cref="ShopOrderDecider.ApplyVoucher"/>: an unknown, used-up or expired code is refused as at checkout).
    /// </summary>
    public static PricedOrder PriceQuote(StoreQuoteRequest request, Caller caller, IReadOnlyDictionary<Guid, ShopProduct> products, Member? buyer,
        ShopVoucher? voucher, EventMeta meta)
    {
        CheckCart(request.Lines, request.VoucherCode, request.ShipTo);
        CheckShortages(request.Lines!, products);
        var priced = ShopOrderDecider.Price(Guid.Empty, Channels.Web, caller.MemberId, buyer,
            request.Lines!.Select(l => new OrderLineRequest(l.ProductId, l.Quantity)).ToList(), products, request.ShipTo, null, null, meta);
        return string.IsNullOrWhiteSpace(request.VoucherCode) ? priced : ShopOrderDecider.ApplyVoucher(priced, voucher, meta with { Channel = priced.Channel }).Order;
    }

    /// <summary>The quote's answer, pure: the order as it would be placed with this shipping charge (nothing is reserved).</summary>
    public static StoreQuote AnswerQuote(PricedOrder priced, decimal shippingCharge, IReadOnlyDictionary<Guid, ShopProduct> products, string courier,
        EventMeta meta)
    {
        var (placed, _) = ShopOrderDecider.Place(priced, shippingCharge, products, meta with { Channel = priced.Channel });
        var order = ShopOrder.Evolve(null, placed)!;
        return new StoreQuote(order.Buyer == CounterpartyClass.Member ? PriceKinds.Member : PriceKinds.Public, StoreOrder.LinesOf(order.Lines),
            order.Lines.Sum(l => l.Gross), order.Lines.Sum(l => l.FlashDiscount), order.VoucherCode, order.Lines.Sum(l => l.VoucherDiscount), order.Goods,
            order.ShippingCharge, courier, order.Total);
    }

    /// <summary>Track a storefront order</summary>
    /// <remarks>
    /// Anyone holding the order's tracking <c>token</c> (or the anggota who placed it). Status, lines, totals, and the courier
    /// and tracking number once shipped; only what the buyer typed. A wrong token is 404.
    /// </remarks>
    [WolverineGet("/api/v1/public/{kop}/store/orders/{orderId}", OperationId = "trackStoreOrder")]
    [AllowAnonymous]
    [Tags("Storefront")]
    [ProducesResponseType<StoreOrder>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Track(string kop, Guid orderId, string? token, HttpContext http, IDocumentStore store, KoperasiDirectory directory)
    {
        var ct = http.RequestAborted;
        await Known(kop, directory, ct);
        if (token is { Length: > 100 }) throw DomainException.Validation("token", "Not a tracking token.");
        await using var session = store.QuerySession(kop);
        var order = await session.LoadAsync<ShopOrder>(orderId, ct);
        var caller = Caller.From(http.User);
        var own = order is not null && IsMemberOf(caller, kop) && order.MemberId == caller.MemberId && order.Channel == Channels.Web;
        if (order is null || !(own || SecretToken.Opens(token, order.Contact?.TokenHash))) throw DomainException.NotFound("The order");
        return Results.Json(StoreOrder.Of(order), ApiJson.Options);
    }

    /// <summary>A member's own storefront orders</summary>
    /// <remarks>
    /// An anggota of this koperasi (staff tokens read their own, which is none). The member's orders, newest first, paged.
    /// </remarks>
    [WolverineGet("/api/v1/public/{kop}/store/my-orders", OperationId = "listMyStoreOrders")]
    [Authorize(Policy = Policies.KoperasiRead)]
    [Tags("Storefront")]
    [ProducesResponseType<IReadOnlyList<StoreOrder>>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Mine(string kop, int? page, HttpContext http, IDocumentStore store, KoperasiDirectory directory)
    {
        var ct = http.RequestAborted;
        await Known(kop, directory, ct);
        var caller = Caller.From(http.User);
        if (!IsMemberOf(caller, kop)) return Results.Json(Array.Empty<StoreOrder>(), ApiJson.Options);
        var (p, size) = QueryParams.Paging(page, 50, 50, 50);
        await using var session = store.QuerySession(kop);
        var id = caller.MemberId;
        var orders = await session.Query<ShopOrder>().Where(o => o.MemberId == id && o.Channel == Channels.Web)
            .OrderByDescending(o => o.PlacedDateKey).ThenByDescending(o => o.PlacedTicks).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return Results.Json(orders.Select(StoreOrder.Of).ToList(), ApiJson.Options);
    }

    /// <summary>The cart's shape, before anything is read: lines, the voucher code's and the address' lengths.</summary>
    private static void CheckCart(IReadOnlyList<StoreLineInput>? lines, string? voucherCode, string? shipTo)
    {
        Storefront.CheckLines(lines?.Select(l => (l.ProductId, l.Quantity)).ToList());
        if (voucherCode is { Length: > 40 }) throw DomainException.Validation("voucherCode", "No such voucher code.");
        if (shipTo is { Length: > Storefront.MaxAddressLength }) throw DomainException.Validation("shipTo", $"At most {Storefront.MaxAddressLength} characters.");
    }

    /// <summary>A line asking for more than is left is refused naming the line, so the shopper reads which one.</summary>
    private static void CheckShortages(IReadOnlyList<StoreLineInput> lines, IReadOnlyDictionary<Guid, ShopProduct> products)
    {
        var shortages = new Dictionary<string, string[]>();
        for (var i = 0; i < lines.Count; i++)
            if (lines[i] is { ProductId: { } pid, Quantity: { } q } && products.TryGetValue(pid, out var product) && q > product.Available)
                shortages[$"lines[{i}].quantity"] = [$"Only {Math.Max(0m, product.Available)} {product.Uom} left."];
        if (shortages.Count > 0) throw new DomainException(ErrorCodes.InsufficientStock, "Not enough stock for the cart.", shortages);
    }

    /// <summary>Places a storefront order in <paramref name="scope"/>: channel web, today.</summary>
    internal static async Task<ShopOrder> PlaceIn(CommandScope scope, IReadOnlyList<StoreLineInput>? lines, string? voucherCode, string? shipTo,
        WebBuyer? contact, IShippingRates shipping, CancellationToken ct)
    {
        CheckCart(lines, voucherCode, shipTo);
        var products = await LockedProducts.Fetch(scope.Session, lines!.Select(l => l.ProductId));
        // Under the row locks.
        CheckShortages(lines!, products.States);
        return await PlaceOrderEndpoint.Place(scope, new NewOrder(Guid.NewGuid(), scope.Caller.MemberId, Channels.Web,
                lines.Select(l => new OrderLineRequest(l.ProductId, l.Quantity)).ToList(), string.IsNullOrWhiteSpace(voucherCode) ? null : voucherCode,
                shipTo, null, null, null),
            products, shipping, scope.Meta(scope.Today, Channels.Web), ct, contact, storefront: true);
    }

    private static StoreProduct Of(ShopProduct p, bool member, LocalDate today, Instant now, string timeZone)
    {
        var prices = p.PriceAt(today);
        var price = member ? prices.MemberPrice : prices.PublicPrice;
        var flash = p.BestDiscountAt(now, price);
        decimal? sale = flash is null ? null : Math.Max(0m, Money.RoundCents(price - flash.PerUnit(price)));
        return new StoreProduct(p.Id, p.Sku, p.Name, p.Uom, member ? PriceKinds.Member : PriceKinds.Public, price, sale, flash?.Label, flash?.EndsAt,
            Math.Max(0m, p.Available), p.Available > 0, timeZone);
    }

    private static bool IsMemberOf(Caller caller, string kop) =>
        caller.Koperasi == kop && caller.MemberId is not null && caller.Roles.Contains(Roles.Anggota);

    /// <summary>The caller's member when they are an anggota of this koperasi (any status: the pricing decides on activity), else null.</summary>
    private static async Task<Member?> MemberBuyer(HttpContext http, string kop, IQuerySession session, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        if (!IsMemberOf(caller, kop)) return null;
        var member = await session.LoadAsync<Member>(caller.MemberId!.Value, ct);
        return member is { Status: MemberStatus.Active } ? member : null;
    }

    /// <summary>Who places a storefront order: the anggota of this koperasi as themselves, anyone else as a guest.</summary>
    internal static Task<Caller> BuyerCaller(HttpContext http, string kop)
    {
        var caller = Caller.From(http.User);
        return Task.FromResult(IsMemberOf(caller, kop)
            ? caller
            : new Caller(GuestActor, kop, new HashSet<string>(), null));
    }

    internal static async Task Known(string kop, KoperasiDirectory directory, CancellationToken ct)
    {
        if (!await directory.ExistsAsync(kop, ct)) throw DomainException.NotFound("The koperasi");
    }

    private static async Task<KoperasiSettings> Settings(IQuerySession session, string kop, CancellationToken ct) =>
        await session.LoadAsync<KoperasiSettings>(KoperasiSettings.StreamId(kop), ct) ?? throw DomainException.NotFound("The koperasi");

    private static async Task<string> Name(string kop, IDocumentStore store, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return (await session.LoadAsync<KoperasiRecord>(kop, ct))?.Name ?? kop;
    }
}

/// <summary>
/// The storefront's checkout on Wolverine's write path (docs/adr/0039). A class of its own: Wolverine runs <see cref="LoadAsync"/>
/// (and opens a transaction) before every endpoint of a class, and the quote next door is a read that must neither lock nor commit.
/// The buyer is the anggota of this koperasi, or a guest; the locks are the products' (by id), then the voucher's.
/// </summary>
public static class StorefrontCheckoutEndpoint
{
    /// <summary>The command's context: an unknown koperasi is 404 before anything else; the caller is the buyer (or the guest).</summary>
    public static async Task<CommandScope> LoadAsync(string kop, HttpContext http, IDocumentSession session, KoperasiContextCache contexts,
        IClock clock, KoperasiDirectory directory)
    {
        await StorefrontEndpoints.Known(kop, directory, http.RequestAborted);
        return await WritePath.Scope(kop, http, session, contexts, clock, await StorefrontEndpoints.BuyerCaller(http, kop));
    }

    /// <summary>Check out a cart (guest or member)</summary>
    /// <remarks>
    /// Anyone, no token: a guest order at public prices (channel <c>web</c>, unpaid); with an anggota's token of this koperasi, a
    /// member order at member prices that counts for SHU. Stock is reserved line by line under the same row locks as every order,
    /// so the last unit goes to one buyer and the other gets 422 <c>insufficient_stock</c> with nothing written. Answers the
    /// order and a secret <c>trackingToken</c> for trackStoreOrder. Send an <c>Idempotency-Key</c> header to retry safely: a
    /// repeat answers the first answer and records nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/public/{kop}/store/checkout", OperationId = "checkoutStoreCart")]
    [AllowAnonymous]
    [Tags("Storefront")]
    [ProducesResponseType<StoreCheckoutResponse>(201)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static async Task<IResult> Checkout(StoreCheckoutRequest request, HttpContext http, CommandScope scope, IShippingRates shipping)
    {
        var key = IdempotencyKeys.Of(http, scope.Caller, request);
        await WritePath.SerializeKey(scope, key, http.RequestAborted);
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;

        var (name, phone, shipTo, note) = Storefront.CheckBuyer(request.BuyerName, request.Phone, request.ShipTo, request.Note);
        var (token, hash) = SecretToken.New();
        var order = await StorefrontEndpoints.PlaceIn(scope, request.Lines, request.VoucherCode, shipTo, new WebBuyer(name, phone, note, hash), shipping,
            http.RequestAborted);
        var response = new StoreCheckoutResponse(order.Id, Storefront.NumberOf(order.Id), token, StoreOrder.Of(order));
        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Created(response), scope.Now);
    }
}
