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

    // A rebuild copies the rows in bulk instead of one insert each (docs/adr/0027, "Speed").
    public IInlineProjection<IDocumentOperations> ForRebuild() => new StockMoveBulkRebuild();

    public bool ReadsStateChangedBy(IEvent e) => false;

    public StockMoveProjection()
    {
        IncludeType<StockReceived>();
        IncludeType<StockSold>();
        IncludeType<StockRestocked>();
        IncludeType<StockAdjusted>();
        IncludeType<StockCounted>();
        IncludeType<Ekopz.Domain.Imports.ProductOpeningStockRecorded>();
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
            // Stock on hand moved in at the cut-over (docs/adr/0035).
            Ekopz.Domain.Imports.ProductOpeningStockRecorded x => (x.ProductId, x.UnitId, Kind: "opening", Quantity: x.Quantity, Value: x.Value, x.Meta),
            _ => default((Guid, Guid, string, decimal, decimal, EventMeta)?),
        };
        if (move is { } m)
            Write(operations, new StockMove(e.TenantId, e.Id, e.Sequence, m.Item1, m.Item2, m.Item6.BusinessDate.ToDateOnly(),
                m.Item6.RecordedAt.ToDateTimeOffset(), m.Item3, m.Item4, m.Item5, m.Item6.Actor));
        return ValueTask.CompletedTask;
    }

    /// <summary>Live: the insert joins the event's unit of work. A rebuild buffers it (<see cref="StockMoveBulkRebuild"/>).</summary>
    protected virtual void Write(IDocumentOperations operations, StockMove m) =>
        operations.QueueSqlCommand(
            $"insert into {EkopzMarten.Schema}.shop_stock_moves (tenant_id, event_id, sequence, product_id, unit_id, business_date, recorded_at, kind, "
            + $"qty_delta, value_delta, actor) values (?, ?, {EventSequence.Sql(EkopzMarten.Schema)}, ?, ?, ?, ?, ?, ?, ?, ?)",
            m.Tenant, m.EventId, m.Sequence, m.EventId, m.ProductId, m.UnitId, m.BusinessDate, m.RecordedAt, m.Kind, m.Quantity, m.Value, m.Actor);
}

/// <summary>One row of <c>shop_stock_moves</c>.</summary>
public sealed record StockMove(string Tenant, Guid EventId, long Sequence, Guid ProductId, Guid UnitId, DateOnly BusinessDate,
    DateTimeOffset RecordedAt, string Kind, decimal Quantity, decimal Value, string Actor);

/// <summary>Stock moves as a rebuild writes them: buffered, then one binary <c>COPY</c> per unit of work.</summary>
public sealed class StockMoveBulkRebuild : StockMoveProjection, IRebuildBulkWriter
{
    private readonly List<StockMove> _moves = [];

    protected override void Write(IDocumentOperations operations, StockMove m) => _moves.Add(m);

    public async Task FlushAsync(RebuildTarget target, CancellationToken ct)
    {
        if (_moves.Count == 0) return;
        await using var copy = await target.Connection.BeginBinaryImportAsync(
            $"copy {EkopzMarten.Schema}.shop_stock_moves (tenant_id, event_id, sequence, product_id, unit_id, business_date, recorded_at, kind, "
            + "qty_delta, value_delta, actor) from stdin (format binary)", ct);
        foreach (var m in _moves)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(m.Tenant, NpgsqlTypes.NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(m.EventId, NpgsqlTypes.NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(m.Sequence, NpgsqlTypes.NpgsqlDbType.Bigint, ct);
            await copy.WriteAsync(m.ProductId, NpgsqlTypes.NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(m.UnitId, NpgsqlTypes.NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(m.BusinessDate, NpgsqlTypes.NpgsqlDbType.Date, ct);
            await copy.WriteAsync(m.RecordedAt, NpgsqlTypes.NpgsqlDbType.TimestampTz, ct);
            await copy.WriteAsync(m.Kind, NpgsqlTypes.NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(m.Quantity, NpgsqlTypes.NpgsqlDbType.Numeric, ct);
            await copy.WriteAsync(m.Value, NpgsqlTypes.NpgsqlDbType.Numeric, ct);
            await copy.WriteAsync(m.Actor, NpgsqlTypes.NpgsqlDbType.Varchar, ct);
        }
        await copy.CompleteAsync(ct);
        _moves.Clear();
    }

    public Task CompleteAsync(RebuildTarget target, CancellationToken ct) => Task.CompletedTask;
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
