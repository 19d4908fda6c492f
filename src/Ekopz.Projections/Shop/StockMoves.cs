using Ekopz.Domain.Common;
using Ekopz.Domain.Shop;
using JasperFx.Events;
using Marten;
using Ekopz.Projections.Rebuild;
using JasperFx.Events.Projections;
using Marten.Events.Projections;
using Npgsql;

namespace Ekopz.Projections.Shop;

/// <summary>
/// Every stock movement that changes what the koperasi holds, one row per event, written inline in
/// the event's own transaction (docs/adr/0011). Insert-only, so concurrent sales of different
/// products never touch the same row; inventory on hand and its value for any date is a sum over
/// the rows up to that date. The value of each row is exactly the amount its event posted to the
/// inventory account, which is why the inventory report equals that account on every date.
/// </summary>
public class StockMoveProjection : EventProjection, IOwnTenantTables
{
    public IReadOnlyList<string> TenantTables { get; } = [$"{EkopzMarten.Schema}.shop_stock_moves"];

    public IInlineProjection<IDocumentOperations> ForRebuild() => this;

    public bool ReadsStateChangedBy(IEvent e) => false;

    public StockMoveProjection()
    {
        IncludeType<StockReceived>();
        IncludeType<StockSold>();
        IncludeType<StockRestocked>();
        IncludeType<StockAdjusted>();
        IncludeType<StockCounted>();
    }

    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        var move = e.Data switch
        {
            StockReceived x => (x.ProductId, x.UnitId, Kind: "receipt", Quantity: x.Quantity, Value: x.Value, x.Meta),
            StockSold x => (x.ProductId, x.UnitId, Kind: "sale", Quantity: -x.Quantity, Value: -x.Cost, x.Meta),
            StockRestocked x => (x.ProductId, x.UnitId, Kind: x.ReturnId is null ? "cancel" : "return", Quantity: x.Quantity, Value: x.Cost, x.Meta),
            StockAdjusted x => (x.ProductId, x.UnitId, Kind: "adjustment", Quantity: x.QuantityChange, Value: x.ValueChange, x.Meta),
            StockCounted x => (x.ProductId, x.UnitId, Kind: "count", Quantity: x.QuantityChange, Value: x.ValueChange, x.Meta),
            _ => default((Guid, Guid, string, decimal, decimal, EventMeta)?),
        };
        if (move is { } m)
            operations.QueueSqlCommand(
                $"insert into {EkopzMarten.Schema}.shop_stock_moves (tenant_id, event_id, sequence, product_id, unit_id, business_date, recorded_at, kind, "
                + "qty_delta, value_delta, actor) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                e.TenantId, e.Id, e.Sequence, m.Item1, m.Item2, m.Item6.BusinessDate.ToDateOnly(), m.Item6.RecordedAt.ToDateTimeOffset(), m.Item3,
                m.Item4, m.Item5, m.Item6.Actor);
        return ValueTask.CompletedTask;
    }
}

/// <summary>The shop's own SQL table (next to Marten's). Idempotent: run at every start.</summary>
public static class ShopSchema
{
    public static string Ddl(string schema) => $"""
        create schema if not exists {schema};
        create table if not exists {schema}.shop_stock_moves (
            tenant_id varchar not null,
            event_id uuid not null,
            sequence bigint not null,
            product_id uuid not null,
            unit_id uuid not null,
            business_date date not null,
            recorded_at timestamptz not null,
            kind varchar not null,
            qty_delta numeric(20,3) not null,
            value_delta numeric(20,2) not null,
            actor varchar not null,
            primary key (tenant_id, event_id));
        create index if not exists ix_shop_stock_moves_date on {schema}.shop_stock_moves (tenant_id, business_date);
        create index if not exists ix_shop_stock_moves_product on {schema}.shop_stock_moves (tenant_id, product_id, business_date);
        """;

    public static async Task EnsureAsync(NpgsqlDataSource dataSource, string schema, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        // The same advisory lock as the ledger's schema: concurrent starts apply DDL one at a time.
        await using (var lockCommand = new NpgsqlCommand("select pg_advisory_lock(734001)", connection))
            await lockCommand.ExecuteNonQueryAsync(ct);
        try
        {
            await using var command = new NpgsqlCommand(Ddl(schema), connection);
            await command.ExecuteNonQueryAsync(ct);
        }
        finally
        {
            await using var unlock = new NpgsqlCommand("select pg_advisory_unlock(734001)", connection);
            await unlock.ExecuteNonQueryAsync(ct);
        }
    }
}
