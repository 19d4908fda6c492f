using Npgsql;
using NodaTime;

namespace Ekopz.Projections.Shop;

/// <summary>One stock movement as <see cref="StockMoveProjection"/> stored it; quantity and value are signed changes.</summary>
public sealed record StockMoveRow(Guid EventId, long Sequence, LocalDate BusinessDate, Instant RecordedAt, string Kind, decimal QuantityChange,
    decimal ValueChange, string Actor);

/// <summary>
/// The SQL over <c>shop_stock_moves</c>, beside <see cref="StockMoveProjection"/> that writes it (docs/adr/0052): the inventory and
/// the stock card sum the insert-only movement rows up to a date, so a past date's figures never change.
/// </summary>
public static class StockMoveQueries
{
    private const string Table = $"{EkopzMarten.Schema}.shop_stock_moves";

    /// <summary>Quantity on hand and value per product at the end of <paramref name="date"/> (products without movements absent).</summary>
    public static async Task<Dictionary<Guid, (decimal OnHand, decimal Value)>> OnHandAt(NpgsqlDataSource pool, string tenant, LocalDate date,
        CancellationToken ct) =>
        (await SqlReads.Query(pool,
                $"select product_id, sum(qty_delta), sum(value_delta) from {Table} where tenant_id = @t and business_date <= @d group by product_id",
                r => (Id: r.GetGuid(0), OnHand: r.GetDecimal(1), Value: r.GetDecimal(2)), ct, ("t", tenant), ("d", date.ToDateOnly())))
        .ToDictionary(x => x.Id, x => (x.OnHand, x.Value));

    /// <summary>One product's quantity and value before <paramref name="date"/>: the stock card's opening line.</summary>
    public static async Task<(decimal OnHand, decimal Value)> Before(NpgsqlDataSource pool, string tenant, Guid productId, LocalDate date,
        CancellationToken ct) =>
        (await SqlReads.Query(pool,
            $"select coalesce(sum(qty_delta), 0), coalesce(sum(value_delta), 0) from {Table} where tenant_id = @t and product_id = @p and business_date < @d",
            r => (OnHand: r.GetDecimal(0), Value: r.GetDecimal(1)), ct, ("t", tenant), ("p", productId), ("d", date.ToDateOnly()))).Single();

    /// <summary>One product's movements dated <paramref name="from"/>..<paramref name="to"/> in recording order, at most 10,000 (a card is read, not exported).</summary>
    public static Task<List<StockMoveRow>> Of(NpgsqlDataSource pool, string tenant, Guid productId, LocalDate from, LocalDate to, CancellationToken ct) =>
        SqlReads.Query(pool,
            $"select event_id, sequence, business_date, recorded_at, kind, qty_delta, value_delta, actor from {Table} "
            + "where tenant_id = @t and product_id = @p and business_date between @from and @to order by business_date, sequence limit 10000",
            r => new StockMoveRow(r.GetGuid(0), r.GetInt64(1), LocalDate.FromDateOnly(r.GetFieldValue<DateOnly>(2)),
                Instant.FromDateTimeUtc(DateTime.SpecifyKind(r.GetDateTime(3), DateTimeKind.Utc)), r.GetString(4), r.GetDecimal(5),
                r.GetDecimal(6), r.GetString(7)),
            ct, ("t", tenant), ("p", productId), ("from", from.ToDateOnly()), ("to", to.ToDateOnly()));
}
