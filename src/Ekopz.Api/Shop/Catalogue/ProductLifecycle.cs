using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Shop;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

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
    public static Task<IResult> Rename(string kop, Guid productId, RenameProductRequest request, HttpContext http, CommandRunner runner) =>
        runner.Run(http, kop, request, scope => Act(scope, productId, p => ShopProductDecider.Rename(p, request.Name, scope.Meta(scope.Today, Channels.Web))));

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
    public static Task<IResult> Deactivate(string kop, Guid productId, ProductActiveRequest request, HttpContext http, CommandRunner runner) =>
        runner.Run(http, kop, request, scope =>
            Act(scope, productId, p => ShopProductDecider.Deactivate(p, request.Reason, scope.Meta(scope.Today, Channels.Web))));

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
    public static Task<IResult> Reactivate(string kop, Guid productId, ProductActiveRequest request, HttpContext http, CommandRunner runner) =>
        runner.Run(http, kop, request, scope => Act(scope, productId, p => ShopProductDecider.Reactivate(p, scope.Meta(scope.Today, Channels.Web))));

    /// <summary>Decides on the product under a row lock (orders reserve on the same stream), for a manager of its unit.</summary>
    private static async Task<CommandResult> Act(CommandScope scope, Guid productId, Func<ShopProduct, IDomainEvent> decide)
    {
        var products = await LockedProducts.Fetch(scope.Session, [productId]);
        var product = products.States.GetValueOrDefault(productId) ?? throw DomainException.NotFound("The product");
        ShopAccess.Manage(scope.Caller, await ShopAccess.Unit(scope.Session, product.UnitId));
        var decided = decide(product);
        products.Append(productId, decided);
        return CommandResult.Ok(ProductView.Of(products.States[productId], scope.Today));
    }
}
