using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Api.Shop.Catalogue;
using Ekopz.Domain.Common;
using Ekopz.Domain.Shop;
using Ekopz.Projections;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Ekopz.Api.Shop.Stock;

/// <param name="AverageCost">Value ÷ on hand, to 4 decimals; the value (to the cent) is what the inventory account holds.</param>
/// <param name="Consigned">A seller's goods: held, not owned, so without value.</param>
public sealed record InventoryLine(Guid ProductId, string Sku, string Name, Guid UnitId, string Unit, bool Consigned, decimal OnHand, decimal AverageCost,
    decimal Value);

public sealed record InventoryView(LocalDate AsOf, Guid? UnitId, decimal TotalValue, IReadOnlyList<InventoryLine> Products);

/// <param name="QuantityChange">Signed; <c>onHand</c> and <c>value</c> are the running figures after the movement.</param>
public sealed record StockMovementView(Guid EventId, long Sequence, LocalDate BusinessDate, Instant RecordedAt, string Kind, decimal QuantityChange,
    decimal ValueChange, decimal OnHand, decimal Value, string Actor);

public sealed record StockCardView(Guid ProductId, string Sku, LocalDate From, LocalDate To, decimal OpeningOnHand, decimal OpeningValue,
    decimal ClosingOnHand, decimal ClosingValue, IReadOnlyList<StockMovementView> Movements);

/// <summary>
/// Inventory on hand and its value for any date, and a product's stock card (kartu stok). Both sum the
/// insert-only movement rows up to the date, so the figures for a past date never change and always
/// equal the inventory account on that date.
/// </summary>
public static class InventoryEndpoints
{
    private static readonly string S = EkopzMarten.Schema;

    /// <summary>Inventory on hand and its value</summary>
    /// <remarks>
    /// Any staff role. Per product on <c>asOf</c> (default today): quantity, average cost and value, optionally of one
    /// <c>unitId</c>. Sums the insert-only movement rows, so a past date's figures never change and equal the inventory account
    /// on that date.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/shop/inventory", OperationId = "getShopInventory")]
    [Authorize(Policy = Policies.StaffRead)]
    [Tags("Shop")]
    [ProducesResponseType<InventoryView>(200)]
    public static async Task<IResult> Get(string kop, string? asOf, string? unitId, HttpContext http, IDocumentStore store, IClock clock, ReadDb db)
    {
        await using var session = store.QuerySession(kop);
        var date = QueryParams.Date(asOf, "asOf") ?? await CatalogueEndpoints.Today(session, kop, clock, http.RequestAborted);
        var unit = ShopQueryParams.Guid(unitId, "unitId");
        var view = await At(session, db, kop, date, unit, http.RequestAborted);
        return Results.Json(view, ApiJson.Options);
    }

    public static async Task<InventoryView> At(IQuerySession session, ReadDb db, string kop, LocalDate date, Guid? unit, CancellationToken ct)
    {
        var sums = (await db.Query(
                $"select product_id, sum(qty_delta), sum(value_delta) from {S}.shop_stock_moves where tenant_id = @t and business_date <= @d group by product_id",
                r => (Id: r.GetGuid(0), OnHand: r.GetDecimal(1), Value: r.GetDecimal(2)), ct, ("t", kop), ("d", date.ToDateOnly())))
            .ToDictionary(x => x.Id);
        IQueryable<ShopProduct> query = session.Query<ShopProduct>();
        if (unit is { } u) query = query.Where(p => p.UnitId == u);
        var products = await query.OrderBy(p => p.Sku).ToListAsync(ct);
        var lines = products.Where(p => p.CreatedOn <= date).Select(p =>
        {
            var (onHand, value) = sums.TryGetValue(p.Id, out var s) ? (s.OnHand, s.Value) : (0m, 0m);
            return new InventoryLine(p.Id, p.Sku, p.Name, p.UnitId, p.Uom, p.Consigned, onHand, new StockPosition(onHand, value).AverageCost, value);
        }).ToList();
        return new InventoryView(date, unit, lines.Sum(l => l.Value), lines);
    }

    /// <summary>A product's stock card (kartu stok)</summary>
    /// <remarks>
    /// Any staff role. Every stock movement of the product between <c>from</c> and <c>to</c> with the running quantity and value.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/shop/products/{productId}/movements", OperationId = "getShopStockCard")]
    [Authorize(Policy = Policies.StaffRead)]
    [Tags("Shop")]
    [ProducesResponseType<StockCardView>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> StockCard(string kop, Guid productId, string? from, string? to, HttpContext http, IDocumentStore store, IClock clock,
        ReadDb db)
    {
        await using var session = store.QuerySession(kop);
        var product = await session.LoadAsync<ShopProduct>(productId, http.RequestAborted) ?? throw DomainException.NotFound("The product");
        var end = QueryParams.Date(to, "to") ?? await CatalogueEndpoints.Today(session, kop, clock, http.RequestAborted);
        var start = QueryParams.Date(from, "from") ?? product.CreatedOn;
        if (start > end) throw DomainException.Validation("from", "The period starts after it ends.");
        var opening = (await db.Query(
            $"select coalesce(sum(qty_delta), 0), coalesce(sum(value_delta), 0) from {S}.shop_stock_moves where tenant_id = @t and product_id = @p and business_date < @d",
            r => (OnHand: r.GetDecimal(0), Value: r.GetDecimal(1)), http.RequestAborted, ("t", kop), ("p", productId), ("d", start.ToDateOnly()))).Single();
        var rows = await db.Query(
            $"select event_id, sequence, business_date, recorded_at, kind, qty_delta, value_delta, actor from {S}.shop_stock_moves "
            + "where tenant_id = @t and product_id = @p and business_date between @from and @to order by business_date, sequence limit 10000",
            r => (EventId: r.GetGuid(0), Sequence: r.GetInt64(1), Date: LocalDate.FromDateOnly(r.GetFieldValue<DateOnly>(2)),
                At: Instant.FromDateTimeUtc(DateTime.SpecifyKind(r.GetDateTime(3), DateTimeKind.Utc)), Kind: r.GetString(4), Q: r.GetDecimal(5),
                V: r.GetDecimal(6), Actor: r.GetString(7)),
            http.RequestAborted, ("t", kop), ("p", productId), ("from", start.ToDateOnly()), ("to", end.ToDateOnly()));
        var (onHand, value) = opening;
        var movements = rows.Select(m =>
        {
            onHand += m.Q;
            value += m.V;
            return new StockMovementView(m.EventId, m.Sequence, m.Date, m.At, m.Kind, m.Q, m.V, onHand, value, m.Actor);
        }).ToList();
        return Results.Json(new StockCardView(productId, product.Sku, start, end, opening.OnHand, opening.Value, onHand, value, movements), ApiJson.Options);
    }
}
