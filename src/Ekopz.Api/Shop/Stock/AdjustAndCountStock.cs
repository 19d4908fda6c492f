using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Shop;
using Marten;
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
    /// <summary>The command's context, before the endpoint runs (docs/adr/0025).</summary>
    public static Task<CommandScope> LoadAsync(string kop, HttpContext http, IDocumentSession session, KoperasiContextCache contexts,
        IClock clock) => WritePath.Scope(kop, http, session, contexts, clock);

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
    public static async Task<IResult> Adjust(StockAdjustmentRequest request, HttpContext http, CommandScope scope)
    {
        // The product's row lock (orders take the same one), then the Idempotency-Key under it: two adjustments of one product
        // take turns, the second decided on what the first left.
        var products = await LockedProducts.Fetch(scope.Session, [request.ProductId]);
        var key = IdempotencyKeys.Of(http, scope.Caller, request);
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;
        var product = request.ProductId is { } pid ? products.States.GetValueOrDefault(pid) : null;
        var unit = product is null ? null : await ShopAccess.Unit(scope.Session, product.UnitId);
        var (adjusted, response) = DecideAdjustment(scope, request, Guid.NewGuid(), product, unit);
        products.Append(adjusted.ProductId, adjusted);
        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Created(response), scope.Now);
    }

    /// <summary>
    /// The decision, pure: the business date, a caller who manages the product's unit, then <see cref="ShopProductDecider.Adjust"/>
    /// (an unknown product is refused there, on the field); the answer shows the product after it.
    /// </summary>
    public static (StockAdjusted Event, StockAdjustmentResponse Response) DecideAdjustment(CommandScope scope, StockAdjustmentRequest request,
        Guid adjustmentId, ShopProduct? product, ShopUnit? unit)
    {
        var date = scope.BusinessDate(request.BusinessDate);
        if (product is not null) ShopAccess.Manage(scope.Caller, unit!);
        var adjusted = ShopProductDecider.Adjust(product, adjustmentId, request.Quantity, request.UnitCost, request.Reason, scope.Meta(date, Channels.Counter));
        var after = ShopProduct.Evolve(product, adjusted)!;
        return (adjusted, new StockAdjustmentResponse(adjusted.AdjustmentId, product!.Id, product.Sku, adjusted.QuantityChange, adjusted.ValueChange,
            after.OnHand, after.Value, date));
    }

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
    public static async Task<IResult> Count(StockCountRequest request, HttpContext http, CommandScope scope)
    {
        if (request.Lines is null || request.Lines.Count == 0 || request.Lines.Count > MaxCountLines)
            throw DomainException.Validation("lines", $"A count has 1-{MaxCountLines} lines.");
        // Every counted product's row lock, in id order, then the Idempotency-Key under them.
        var products = await LockedProducts.Fetch(scope.Session, request.Lines.Select(l => l.ProductId));
        var key = IdempotencyKeys.Of(http, scope.Caller, request);
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;
        var units = await StockUnits.Of(scope.Session, products);
        var (events, response) = DecideCount(scope, request, Guid.NewGuid(), products.States, units);
        products.AppendAll(events);
        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Created(response), scope.Now);
    }

    public const int MaxCountLines = 1000;

    /// <summary>
    /// The decision, pure: the lines, the business date, each product once, the caller manages each product's unit, then
    /// <see cref="ShopProductDecider.Count"/> line by line; the answer shows each product after its line.
    /// </summary>
    public static (IReadOnlyList<StockCounted> Events, StockCountResponse Response) DecideCount(CommandScope scope, StockCountRequest request,
        Guid countId, IReadOnlyDictionary<Guid, ShopProduct> products, IReadOnlyDictionary<Guid, ShopUnit> units)
    {
        if (request.Lines is null || request.Lines.Count == 0 || request.Lines.Count > MaxCountLines)
            throw DomainException.Validation("lines", $"A count has 1-{MaxCountLines} lines.");
        var date = scope.BusinessDate(request.BusinessDate);
        var errors = new Dictionary<string, string[]>();
        var seen = new HashSet<Guid>();
        for (var i = 0; i < request.Lines.Count; i++)
        {
            var l = request.Lines[i];
            if (l.ProductId is not { } pid || !products.ContainsKey(pid)) errors[$"lines[{i}].productId"] = ["No such product in this koperasi."];
            else if (!seen.Add(pid)) errors[$"lines[{i}].productId"] = ["Count each product once."];
            else if (l.CountedQuantity is null) errors[$"lines[{i}].countedQuantity"] = ["The counted quantity is required."];
        }
        if (errors.Count > 0) throw new DomainException(ErrorCodes.ValidationFailed, "The count is not valid.", errors);
        foreach (var unitId in request.Lines.Select(l => products[l.ProductId!.Value].UnitId).Distinct())
            ShopAccess.Manage(scope.Caller, units[unitId]);

        var meta = scope.Meta(date, Channels.Counter);
        var events = new List<StockCounted>();
        var views = new List<CountLineView>();
        for (var i = 0; i < request.Lines.Count; i++)
        {
            var product = products[request.Lines[i].ProductId!.Value];
            var counted = ShopProductDecider.Count(product, countId, request.Lines[i].CountedQuantity!.Value, $"lines[{i}].countedQuantity", meta);
            events.Add(counted);
            var after = ShopProduct.Evolve(product, counted)!;
            views.Add(new CountLineView(product.Id, product.Sku, counted.ExpectedQuantity, counted.CountedQuantity, counted.QuantityChange,
                counted.ValueChange, after.OnHand, after.Value));
        }
        return (events, new StockCountResponse(countId, date, views.Sum(v => v.ValueChange), views));
    }
}
