using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Shop;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Ekopz.Api.Shop.Stock;

/// <param name="Quantity">Signed: negative removes (breakage, expiry), positive adds (found goods).</param>
/// <param name="UnitCost">Only when adding: the cost of the goods added (default: the average cost).</param>
public sealed record StockAdjustmentRequest(Guid? ProductId, decimal? Quantity, string? Reason, decimal? UnitCost = null, LocalDate? BusinessDate = null);

public sealed record StockAdjustmentResponse(Guid AdjustmentId, Guid ProductId, string Sku, decimal QuantityChange, decimal ValueChange, decimal OnHand,
    decimal Value, LocalDate BusinessDate);

public sealed record CountLineRequest(Guid? ProductId, decimal? CountedQuantity);

public sealed record StockCountRequest(LocalDate? BusinessDate, IReadOnlyList<CountLineRequest>? Lines, string? Note = null);

/// <param name="Expected">What the books hold on the shelf: on hand plus units packed for paid orders.</param>
public sealed record CountLineView(Guid ProductId, string Sku, decimal Expected, decimal Counted, decimal Difference, decimal ValueChange, decimal OnHand,
    decimal Value);

public sealed record StockCountResponse(Guid CountId, LocalDate BusinessDate, decimal TotalValueChange, IReadOnlyList<CountLineView> Lines);

/// <summary>
/// Stock corrections: an adjustment with a reason, and a stock count (stock opname) that posts the
/// difference between the shelf and the books. Both post against "selisih persediaan".
/// </summary>
public static class AdjustAndCountStockEndpoints
{
    /// <summary>Adjust stock with a reason</summary>
    /// <remarks>
    /// Pengurus or pengelola toko. A correction of a product's quantity (damage, loss, found), valued at the moving average cost
    /// and posted against "selisih persediaan". Not below what orders have reserved (422 <c>insufficient_stock</c>). Send an
    /// <c>Idempotency-Key</c> header to retry safely: a repeat answers the first answer and records nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/shop/stock-adjustments", OperationId = "adjustShopStock")]
    [Authorize(Policy = Policies.ShopManage)]
    [Tags("Shop")]
    [ProducesResponseType<StockAdjustmentResponse>(201)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static Task<IResult> Adjust(string kop, StockAdjustmentRequest request, HttpContext http, CommandRunner runner) =>
        runner.Run(http, kop, request, async scope =>
        {
            var date = scope.BusinessDate(request.BusinessDate);
            var products = await LockedProducts.Fetch(scope.Session, [request.ProductId]);
            var product = request.ProductId is { } pid ? products.States.GetValueOrDefault(pid) : null;
            if (product is not null) ShopAccess.Manage(scope.Caller, await ShopAccess.Unit(scope.Session, product.UnitId));
            var adjusted = ShopProductDecider.Adjust(product, Guid.NewGuid(), request.Quantity, request.UnitCost, request.Reason,
                scope.Meta(date, Channels.Counter));
            products.Append(product!.Id, adjusted);
            var after = products.States[product.Id];
            return CommandResult.Created(new StockAdjustmentResponse(adjusted.AdjustmentId, product.Id, product.Sku, adjusted.QuantityChange,
                adjusted.ValueChange, after.OnHand, after.Value, date));
        });

    /// <summary>Record a stock count (stock opname)</summary>
    /// <remarks>
    /// Pengurus or pengelola toko. The counted quantities; the difference between the shelf and the books is posted against
    /// "selisih persediaan". Send an <c>Idempotency-Key</c> header to retry safely: a repeat answers the first answer and records
    /// nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/shop/stock-counts", OperationId = "countShopStock")]
    [Authorize(Policy = Policies.ShopManage)]
    [Tags("Shop")]
    [ProducesResponseType<StockCountResponse>(201)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static Task<IResult> Count(string kop, StockCountRequest request, HttpContext http, CommandRunner runner) =>
        runner.Run(http, kop, request, async scope =>
        {
            if (request.Lines is null || request.Lines.Count == 0 || request.Lines.Count > 1000)
                throw DomainException.Validation("lines", "A count has 1-1000 lines.");
            var date = scope.BusinessDate(request.BusinessDate);
            var products = await LockedProducts.Fetch(scope.Session, request.Lines.Select(l => l.ProductId));
            var errors = new Dictionary<string, string[]>();
            var seen = new HashSet<Guid>();
            for (var i = 0; i < request.Lines.Count; i++)
            {
                var l = request.Lines[i];
                if (l.ProductId is not { } pid || !products.States.ContainsKey(pid)) errors[$"lines[{i}].productId"] = ["No such product in this koperasi."];
                else if (!seen.Add(pid)) errors[$"lines[{i}].productId"] = ["Count each product once."];
                else if (l.CountedQuantity is null) errors[$"lines[{i}].countedQuantity"] = ["The counted quantity is required."];
            }
            if (errors.Count > 0) throw new DomainException(ErrorCodes.ValidationFailed, "The count is not valid.", errors);
            foreach (var unitId in request.Lines.Select(l => products.States[l.ProductId!.Value].UnitId).Distinct())
                ShopAccess.Manage(scope.Caller, await ShopAccess.Unit(scope.Session, unitId));

            var countId = Guid.NewGuid();
            var meta = scope.Meta(date, Channels.Counter);
            var views = new List<CountLineView>();
            for (var i = 0; i < request.Lines.Count; i++)
            {
                var product = products.States[request.Lines[i].ProductId!.Value];
                var counted = ShopProductDecider.Count(product, countId, request.Lines[i].CountedQuantity!.Value, $"lines[{i}].countedQuantity", meta);
                products.Append(product.Id, counted);
                var after = products.States[product.Id];
                views.Add(new CountLineView(product.Id, product.Sku, counted.ExpectedQuantity, counted.CountedQuantity, counted.QuantityChange,
                    counted.ValueChange, after.OnHand, after.Value));
            }
            return CommandResult.Created(new StockCountResponse(countId, date, views.Sum(v => v.ValueChange), views));
        });
}
