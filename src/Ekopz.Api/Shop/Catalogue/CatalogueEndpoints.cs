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
    /// <summary>
    /// A new product for the demo seeder (docs/adr/0042): the same reads and <see cref="CatalogueWriteEndpoints.DecideCreate"/>
    /// as the endpoint, without the advisory lock (the seeder runs alone).
    /// </summary>
    public static async Task<CommandResult> Handle(CommandScope scope, CreateProductRequest request) =>
        await CatalogueWriteEndpoints.CreateCore(scope, request, CancellationToken.None);

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
