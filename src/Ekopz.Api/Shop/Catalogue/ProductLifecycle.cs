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

public sealed record RenameProductRequest(string? Name);

/// <param name="Reason">Why it leaves (or returns to) the catalogue: optional, at most 500 characters.</param>
public sealed record ProductActiveRequest(string? Reason = null);

/// <summary>
/// A product's name, and whether it is sold: a deactivated product stays in the books and on the
/// shelf (stock may still be received, counted and adjusted) but no new order may take it.
/// </summary>
public static class ProductLifecycleEndpoints
{
    /// <summary>The command's context, before the endpoint runs (docs/adr/0025).</summary>
    public static Task<CommandScope> LoadAsync(string kop, HttpContext http, IDocumentSession session, KoperasiContextCache contexts,
        IClock clock) => WritePath.Scope(kop, http, session, contexts, clock);

    /// <summary>Rename a product</summary>
    /// <remarks>
    /// Pengurus or pengelola toko. Recorded as an event; orders already placed keep the name they were sold under. Send an
    /// <c>Idempotency-Key</c> header to retry safely: a repeat answers the first answer and records nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/shop/products/{productId}/name", OperationId = "renameShopProduct")]
    [Authorize(Policy = Policies.ShopManage)]
    [Tags("Shop")]
    [ProducesResponseType<ProductView>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(403)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static Task<IResult> Rename(RenameProductRequest request, HttpContext http, CommandScope scope,
        // Orders reserve stock on the same stream: its row lock makes them take turns (docs/adr/0031).
        [WriteAggregate("productId", Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] IEventStream<ShopProduct> product) =>
        Act(http, scope, request, product, p => ShopProductDecider.Rename(p, request.Name, scope.Meta(scope.Today, Channels.Web)));

    /// <summary>Stop selling a product</summary>
    /// <remarks>
    /// Pengurus or pengelola toko. The product stays in the books and on the shelf (stock may still be received, counted and
    /// adjusted) but no new order may take it, and it leaves the storefront. Send an <c>Idempotency-Key</c> header to retry
    /// safely: a repeat answers the first answer and records nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/shop/products/{productId}/deactivate", OperationId = "deactivateShopProduct")]
    [Authorize(Policy = Policies.ShopManage)]
    [Tags("Shop")]
    [ProducesResponseType<ProductView>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(403)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static Task<IResult> Deactivate(ProductActiveRequest request, HttpContext http, CommandScope scope,
        [WriteAggregate("productId", Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] IEventStream<ShopProduct> product) =>
        Act(http, scope, request, product, p => ShopProductDecider.Deactivate(p, request.Reason, scope.Meta(scope.Today, Channels.Web)));

    /// <summary>Sell a deactivated product again</summary>
    /// <remarks>
    /// Pengurus or pengelola toko. New orders may take the product again. Send an <c>Idempotency-Key</c> header to retry safely:
    /// a repeat answers the first answer and records nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/shop/products/{productId}/reactivate", OperationId = "reactivateShopProduct")]
    [Authorize(Policy = Policies.ShopManage)]
    [Tags("Shop")]
    [ProducesResponseType<ProductView>(200)]
    [ProducesResponseType<ProblemDetails>(403)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static Task<IResult> Reactivate(ProductActiveRequest request, HttpContext http, CommandScope scope,
        [WriteAggregate("productId", Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] IEventStream<ShopProduct> product) =>
        Act(http, scope, request, product, p => ShopProductDecider.Reactivate(p, scope.Meta(scope.Today, Channels.Web)));

    /// <summary>Under the product's row lock: the Idempotency-Key, the product's unit, the decision, the event, the answer.</summary>
    private static async Task<IResult> Act(HttpContext http, CommandScope scope, object request, IEventStream<ShopProduct> product,
        Func<ShopProduct, IDomainEvent> decide)
    {
        var key = IdempotencyKeys.Of(http, scope.Caller, request);
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;
        var unit = product.Aggregate is { } p ? await ShopAccess.Unit(scope.Session, p.UnitId) : null;
        var (decided, view) = Decide(scope, product.Aggregate, unit, decide);
        product.AppendOne(decided);
        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Ok(view), scope.Now);
    }

    /// <summary>
    /// The decision, pure: a product that exists, a caller who manages its unit (<see cref="ShopAccess.Manage"/>), then the rule
    /// of <see cref="ShopProductDecider"/> the endpoint names; the answer is the product after it.
    /// </summary>
    public static (IDomainEvent Event, ProductView View) Decide(CommandScope scope, ShopProduct? product, ShopUnit? unit,
        Func<ShopProduct, IDomainEvent> decide)
    {
        if (product is null || unit is null) throw DomainException.NotFound("The product");
        ShopAccess.Manage(scope.Caller, unit);
        var decided = decide(product);
        return (decided, ProductView.Of(ShopProduct.Evolve(product, decided)!, scope.Today));
    }
}
