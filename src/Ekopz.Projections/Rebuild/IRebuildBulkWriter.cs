using Marten;
using Npgsql;

namespace Ekopz.Projections.Rebuild;

/// <summary>The rebuild's one connection and transaction, and the koperasi being rebuilt.</summary>
public sealed record RebuildTarget(IDocumentStore Store, string Tenant, NpgsqlConnection Connection, NpgsqlTransaction Transaction);

/// <summary>
/// A rebuild-only projection instance that buffers the rows it would have queued one statement at a time and writes
/// them in bulk (binary <c>COPY</c>) on the rebuild's own transaction: a rebuild only inserts into tables it has just
/// cleared, so nothing needs an upsert, and totals can be summed once at the end instead of upserted per event
/// (docs/adr/0027, "Speed"). The SQL stays with the projection that owns the tables.
/// </summary>
public interface IRebuildBulkWriter
{
    /// <summary>Writes what was buffered since the last flush (called after every unit of work).</summary>
    Task FlushAsync(RebuildTarget target, CancellationToken ct);

    /// <summary>After the last event: writes whatever is derived from all the rows (e.g. daily totals).</summary>
    Task CompleteAsync(RebuildTarget target, CancellationToken ct);
}
