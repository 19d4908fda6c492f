using Ekopz.Projections;
using Npgsql;

namespace Ekopz.Api.Infrastructure;

/// <summary>
/// Plain SQL for aggregate reads that LINQ cannot express well (sums grouped by member or account).
/// Every query must filter on tenant_id itself: this bypasses Marten's tenant scoping.
/// </summary>
public sealed class ReadDb(NpgsqlDataSource dataSource, NpgsqlDataSource? interactive = null)
{
    public NpgsqlDataSource DataSource { get; } = dataSource;

    /// <summary>
    /// The pool for short interactive reads that take one connection for one batch and never open a second or stream (the
    /// member statement). Its own, smaller pool when <c>EKOPZ_READ_POOL</c> is set: with PostgreSQL on the same two cores,
    /// four backends answer more reads than sixteen time-sharing them, at a quarter of the p99 (docs/adr/0049, "Pool size").
    /// Otherwise the same pool as every other read.
    /// </summary>
    public NpgsqlDataSource Interactive { get; } = interactive ?? dataSource;

    public Task<List<T>> Query<T>(string sql, Func<NpgsqlDataReader, T> map, CancellationToken ct, params (string Name, object Value)[] parameters) =>
        SqlReads.Query(DataSource, sql, map, ct, parameters);

    /// <summary>Rows one by one as PostgreSQL sends them, for exports too large to hold in memory.</summary>
    public IAsyncEnumerable<T> Stream<T>(string sql, Func<NpgsqlDataReader, T> map, CancellationToken ct,
        params (string Name, object Value)[] parameters) =>
        SqlReads.Stream(DataSource, sql, map, ct, parameters);

    /// <summary>One statement of an <see cref="NpgsqlBatch"/> (several queries, one round trip: <c>DataSource.CreateBatch()</c>).</summary>
    public static NpgsqlBatchCommand Command(string sql, params (string Name, object Value)[] parameters) => SqlReads.Command(sql, parameters);
}
