using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Shop;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Marten;
using ConcurrencyStyle = Wolverine.Marten.ConcurrencyStyle;

namespace Ekopz.Api.Shop.Catalogue;

/// <summary>
/// The catalogue's writes on Wolverine's write path (docs/adr/0041): a new product serialized on its SKU (an advisory lock, there is
/// no stream yet), a price change and a flash sale under the product's row lock. A class apart from the catalogue's reads because
/// Wolverine runs <see cref="LoadAsync"/> (and the write session) before every endpoint of a class.
/// </summary>
public static class CatalogueWriteEndpoints
{
    /// <summary>The command's context, before the endpoint runs (docs/adr/0025).</summary>
    public static Task<CommandScope> LoadAsync(string kop, HttpContext http, IDocumentSession session, KoperasiContextCache contexts,
        IClock clock) => WritePath.Scope(kop, http, session, contexts, clock);

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
    public static async Task<IResult> Create(CreateProductRequest request, HttpContext http, CommandScope scope)
    {
        // Creates of one SKU take turns: the second sees the first's product (a clean 409 naming the field, not a unique
        // violation at commit) and a double submit with one Idempotency-Key waits and replays the first answer.
        await WritePath.Serialize(scope.Session, $"sku:{scope.Tenant}:{ShopProductDecider.SkuOf(request.Sku)}", http.RequestAborted);
        var key = IdempotencyKeys.Of(http, scope.Caller, request);
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;
        return IdempotencyKeys.Answer(scope.Session, key, await CreateCore(scope, request, http.RequestAborted), scope.Now);
    }

    /// <summary>The reads of a create (the unit, whether the SKU is taken), the decision and the new stream; also the seeder's.</summary>
    public static async Task<CommandResult> CreateCore(CommandScope scope, CreateProductRequest request, CancellationToken ct)
    {
        var unit = request.UnitId is { } id ? await ShopAccess.Unit(scope.Session, id) : await ShopAccess.MainUnit(scope);
        var sku = ShopProductDecider.SkuOf(request.Sku);
        var taken = sku is not null && await scope.Session.Query<ShopProduct>().AnyAsync(p => p.Sku == sku, ct);
        var created = DecideCreate(scope, request, Guid.NewGuid(), unit, taken);
        scope.Session.Events.StartStream<ShopProduct>(created.ProductId, created);
        return CommandResult.Created(new CreateProductResponse(created.ProductId, created.Sku, unit.Id));
    }

    /// <summary>
    /// The decision, pure: the caller manages the unit, the business date is open, then <see cref="ShopProductDecider.Create(CreateProduct, ShopUnit, bool, EventMeta)"/>
    /// (the product's rules, and a taken SKU last).
    /// </summary>
    public static ProductCreated DecideCreate(CommandScope scope, CreateProductRequest request, Guid productId, ShopUnit unit, bool skuTaken)
    {
        ShopAccess.Manage(scope.Caller, unit);
        var date = scope.BusinessDate(request.BusinessDate);
        return ShopProductDecider.Create(new CreateProduct(productId, request.Sku, request.Name, request.Unit, request.MemberPrice, request.PublicPrice),
            unit, skuTaken, scope.Meta(date, Channels.Web));
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
    public static async Task<IResult> ChangePrice(ChangePriceRequest request, HttpContext http, CommandScope scope,
        // Orders reserve stock on the same stream: its row lock makes every write of one product take turns (docs/adr/0039).
        [WriteAggregate("productId", Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] IEventStream<ShopProduct> product)
    {
        var key = IdempotencyKeys.Of(http, scope.Caller, request);
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;
        var unit = product.Aggregate is { } p ? await ShopAccess.Unit(scope.Session, p.UnitId) : null;
        var (changed, view) = DecideChangePrice(scope, request, product.Aggregate, unit);
        product.AppendOne(changed);
        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Ok(view), scope.Now);
    }

    /// <summary>The decision, pure: a product that exists, a caller who manages its unit, then <see cref="ShopProductDecider.ChangePrice"/>.</summary>
    public static (ProductPriceChanged Event, ProductView View) DecideChangePrice(CommandScope scope, ChangePriceRequest request, ShopProduct? product,
        ShopUnit? unit)
    {
        if (product is null || unit is null) throw DomainException.NotFound("The product");
        ShopAccess.Manage(scope.Caller, unit);
        var changed = ShopProductDecider.ChangePrice(product, request.MemberPrice, request.PublicPrice, request.EffectiveFrom, scope.Today,
            scope.Meta(scope.Today, Channels.Web));
        return (changed, ProductView.Of(ShopProduct.Evolve(product, changed)!, scope.Today));
    }

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
    public static async Task<IResult> ScheduleDiscount(ScheduleDiscountRequest request, HttpContext http, CommandScope scope,
        [WriteAggregate("productId", Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] IEventStream<ShopProduct> product)
    {
        var key = IdempotencyKeys.Of(http, scope.Caller, request);
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;
        var unit = product.Aggregate is { } p ? await ShopAccess.Unit(scope.Session, p.UnitId) : null;
        var scheduled = DecideDiscount(scope, request, Guid.NewGuid(), product.Aggregate, unit);
        product.AppendOne(scheduled);
        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Created(new ScheduleDiscountResponse(scheduled.ProductId, scheduled.DiscountId,
            scheduled.Kind, scheduled.Value, scheduled.StartsAt, scheduled.EndsAt)), scope.Now);
    }

    /// <summary>The decision, pure: a product that exists, a caller who manages its unit, then <see cref="ShopProductDecider.ScheduleDiscount"/>.</summary>
    public static ProductDiscountScheduled DecideDiscount(CommandScope scope, ScheduleDiscountRequest request, Guid discountId, ShopProduct? product,
        ShopUnit? unit)
    {
        if (product is null || unit is null) throw DomainException.NotFound("The product");
        ShopAccess.Manage(scope.Caller, unit);
        return ShopProductDecider.ScheduleDiscount(product, discountId, request.Kind?.Trim().ToLowerInvariant(), request.Value, request.StartsAt,
            request.EndsAt, request.Label, scope.Meta(scope.Today, Channels.Web));
    }
}
