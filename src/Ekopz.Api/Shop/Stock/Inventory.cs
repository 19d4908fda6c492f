using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Api.Shop.Catalogue;
using Ekopz.Domain.Common;
using Ekopz.Domain.Shop;
using Ekopz.Projections.Shop;
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
        var sums = await StockMoveQueries.OnHandAt(db.DataSource, kop, date, ct);
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
        var opening = await StockMoveQueries.Before(db.DataSource, kop, productId, start, http.RequestAborted);
        var rows = await StockMoveQueries.Of(db.DataSource, kop, productId, start, end, http.RequestAborted);
        var (onHand, value) = opening;
        var movements = rows.Select(m =>
        {
            onHand += m.QuantityChange;
            value += m.ValueChange;
            return new StockMovementView(m.EventId, m.Sequence, m.BusinessDate, m.RecordedAt, m.Kind, m.QuantityChange, m.ValueChange, onHand, value,
                m.Actor);
        }).ToList();
        return Results.Json(new StockCardView(productId, product.Sku, start, end, opening.OnHand, opening.Value, onHand, value, movements), ApiJson.Options);
    }
}
