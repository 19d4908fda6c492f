using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Koperasi;
using Ekopz.Domain.Shop;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Ekopz.Api.Shop.Catalogue;

/// <param name="UnitId">The unit selling it; the koperasi's first unit when omitted.</param>
/// <param name="Unit">Unit of measure: pcs (default), pack, box, ... (whole quantities) or kg, liter, meter (up to 3 decimals).</param>
/// <param name="BusinessDate">The day the product enters the catalogue (today by default; back-dated when entering history): its first prices start then, and no stock moves before it.</param>
public sealed record CreateProductRequest(string? Sku, string? Name, decimal? MemberPrice, decimal? PublicPrice, Guid? UnitId = null, string? Unit = null,
    LocalDate? BusinessDate = null);

public sealed record CreateProductResponse(Guid ProductId, string Sku, Guid UnitId);

/// <param name="EffectiveFrom">The first day of the new prices (today by default, never in the past).</param>
public sealed record ChangePriceRequest(decimal? MemberPrice, decimal? PublicPrice, LocalDate? EffectiveFrom);

/// <param name="Kind"><c>percent</c> or <c>amount</c> off each unit.</param>
public sealed record ScheduleDiscountRequest(string? Kind, decimal? Value, Instant? StartsAt, Instant? EndsAt, string? Label);

public sealed record ScheduleDiscountResponse(Guid ProductId, Guid DiscountId, string Kind, decimal Value, Instant StartsAt, Instant EndsAt);

/// <summary>The catalogue: products with member and public prices (changes from a date on) and flash sales.</summary>
public static class CatalogueEndpoints
{
    /// <summary>Add a product to the catalogue</summary>
    /// <remarks>
    /// Pengurus or pengelola toko (for a unit they manage). SKU (unique per koperasi: 409), name, unit of measure, member and
    /// public prices from a date, and the business unit that sells it. Recorded on the product's new stream. Send an
    /// <c>Idempotency-Key</c> header to retry safely: a repeat answers the first answer and records nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/shop/products", OperationId = "createShopProduct")]
    [Authorize(Policy = Policies.ShopManage)]
    [Tags("Shop")]
    [ProducesResponseType<CreateProductResponse>(201)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(403)]
    [ProducesResponseType<ProblemDetails>(409)]
    public static Task<IResult> Create(string kop, CreateProductRequest request, HttpContext http, CommandRunner runner) =>
        runner.Run(http, kop, request, scope => Handle(scope, request));

    public static async Task<CommandResult> Handle(CommandScope scope, CreateProductRequest request)
    {
        var unit = request.UnitId is { } id ? await ShopAccess.Unit(scope.Session, id) : await ShopAccess.MainUnit(scope);
        ShopAccess.Manage(scope.Caller, unit);
        var date = scope.BusinessDate(request.BusinessDate);
        var created = ShopProductDecider.Create(new CreateProduct(Guid.NewGuid(), request.Sku, request.Name, request.Unit, request.MemberPrice,
            request.PublicPrice), unit, scope.Meta(date, Channels.Web));
        // A friendly answer for the common case; the unique index decides a race (409 as well).
        if (await scope.Session.Query<ShopProduct>().AnyAsync(p => p.Sku == created.Sku))
            throw new DomainException(ErrorCodes.Conflict, $"A product with SKU {created.Sku} already exists.",
                new Dictionary<string, string[]> { ["sku"] = ["This SKU is taken."] });
        scope.Session.Events.StartStream<ShopProduct>(created.ProductId, created);
        return CommandResult.Created(new CreateProductResponse(created.ProductId, created.Sku, unit.Id));
    }

    /// <summary>Change a product's prices from a date on</summary>
    /// <remarks>
    /// Pengurus or pengelola toko. New member and public prices effective from a date (never in the past); orders already placed
    /// keep their prices. Send an <c>Idempotency-Key</c> header to retry safely: a repeat answers the first answer and records
    /// nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/shop/products/{productId}/prices", OperationId = "changeShopProductPrice")]
    [Authorize(Policy = Policies.ShopManage)]
    [Tags("Shop")]
    [ProducesResponseType<ProductView>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static Task<IResult> ChangePrice(string kop, Guid productId, ChangePriceRequest request, HttpContext http, CommandRunner runner) =>
        runner.Run(http, kop, request, async scope =>
        {
            var stream = await scope.Session.Events.FetchForWriting<ShopProduct>(productId);
            if (stream.Aggregate is null) throw DomainException.NotFound("The product");
            ShopAccess.Manage(scope.Caller, await ShopAccess.Unit(scope.Session, stream.Aggregate.UnitId));
            var changed = ShopProductDecider.ChangePrice(stream.Aggregate, request.MemberPrice, request.PublicPrice, request.EffectiveFrom, scope.Today,
                scope.Meta(scope.Today, Channels.Web));
            stream.AppendOne(changed);
            return CommandResult.Ok(ProductView.Of(ShopProduct.Evolve(stream.Aggregate, changed)!, scope.Today));
        });

    /// <summary>Schedule a flash sale on a product</summary>
    /// <remarks>
    /// Pengurus or pengelola toko. A discounted price between two dates, shown with its label; orders placed in that window get
    /// it. Send an <c>Idempotency-Key</c> header to retry safely: a repeat answers the first answer and records nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/shop/products/{productId}/discounts", OperationId = "scheduleShopDiscount")]
    [Authorize(Policy = Policies.ShopManage)]
    [Tags("Shop")]
    [ProducesResponseType<ScheduleDiscountResponse>(201)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static Task<IResult> ScheduleDiscount(string kop, Guid productId, ScheduleDiscountRequest request, HttpContext http, CommandRunner runner) =>
        runner.Run(http, kop, request, async scope =>
        {
            var stream = await scope.Session.Events.FetchForWriting<ShopProduct>(productId);
            if (stream.Aggregate is null) throw DomainException.NotFound("The product");
            ShopAccess.Manage(scope.Caller, await ShopAccess.Unit(scope.Session, stream.Aggregate.UnitId));
            var scheduled = ShopProductDecider.ScheduleDiscount(stream.Aggregate, Guid.NewGuid(), request.Kind?.Trim().ToLowerInvariant(), request.Value,
                request.StartsAt, request.EndsAt, request.Label, scope.Meta(scope.Today, Channels.Web));
            stream.AppendOne(scheduled);
            return CommandResult.Created(new ScheduleDiscountResponse(productId, scheduled.DiscountId, scheduled.Kind, scheduled.Value, scheduled.StartsAt,
                scheduled.EndsAt));
        });

    /// <summary>List the catalogue (staff and members)</summary>
    /// <remarks>
    /// Every role of the koperasi. Products with prices in force today, discounts, stock on hand, reserved and available; staff
    /// also see average cost and value. Optionally of one <c>unitId</c>.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/shop/products", OperationId = "listShopProducts")]
    [Authorize(Policy = Policies.KoperasiRead)]
    [Tags("Shop")]
    [ProducesResponseType<IReadOnlyList<ProductView>>(200)]
    public static async Task<IResult> List(string kop, string? unitId, HttpContext http, IDocumentStore store, IClock clock)
    {
        await using var session = store.QuerySession(kop);
        var today = await Today(session, kop, clock, http.RequestAborted);
        IQueryable<ShopProduct> query = session.Query<ShopProduct>();
        if (ShopQueryParams.Guid(unitId, "unitId") is { } u) query = query.Where(p => p.UnitId == u);
        var products = await query.OrderBy(p => p.Sku).Take(5000).ToListAsync(http.RequestAborted);
        var memberOnly = Caller.From(http.User).IsMemberOnly;
        return Results.Json(products.Select(p => ProductView.Of(p, today)).Select(v => memberOnly ? v.WithoutCost() : v).ToList(), ApiJson.Options);
    }

    /// <summary>Read one product</summary>
    /// <remarks>
    /// Every role of the koperasi. The product with its price history, discounts and stock.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/shop/products/{productId}", OperationId = "getShopProduct")]
    [Authorize(Policy = Policies.KoperasiRead)]
    [Tags("Shop")]
    [ProducesResponseType<ProductView>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Get(string kop, Guid productId, HttpContext http, IDocumentStore store, IClock clock)
    {
        await using var session = store.QuerySession(kop);
        var product = await session.LoadAsync<ShopProduct>(productId, http.RequestAborted) ?? throw DomainException.NotFound("The product");
        var view = ProductView.Of(product, await Today(session, kop, clock, http.RequestAborted));
        return Results.Json(Caller.From(http.User).IsMemberOnly ? view.WithoutCost() : view, ApiJson.Options);
    }

    public static async Task<LocalDate> Today(IQuerySession session, string kop, IClock clock, CancellationToken ct)
    {
        var settings = await session.LoadAsync<KoperasiSettings>(KoperasiSettings.StreamId(kop), ct) ?? throw DomainException.NotFound("The koperasi");
        return settings.Today(clock);
    }
}
