using System.Runtime.CompilerServices;
using Npgsql;

namespace Ekopz.Projections;

/// <summary>
/// Plain SQL reads over a pool: what the projections' query classes (<c>SavingsLineQueries</c>, <c>MemberQueries</c>) and the
/// API's <c>ReadDb</c> run their statements with. Every query must filter on tenant_id itself: this bypasses Marten's tenant scoping.
/// </summary>
public static class SqlReads
{
    /// <summary>Every row of one statement, mapped, on a connection of <paramref name="pool"/> held only while it reads.</summary>
    public static async Task<List<T>> Query<T>(NpgsqlDataSource pool, string sql, Func<NpgsqlDataReader, T> map, CancellationToken ct,
        params (string Name, object Value)[] parameters)
    {
        var list = new List<T>();
        await foreach (var row in Stream(pool, sql, map, ct, parameters)) list.Add(row);
        return list;
    }

    /// <summary>Rows one by one as PostgreSQL sends them, for exports too large to hold in memory.</summary>
    public static async IAsyncEnumerable<T> Stream<T>(NpgsqlDataSource pool, string sql, Func<NpgsqlDataReader, T> map,
        [EnumeratorCancellation] CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var command = pool.CreateCommand(sql);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) yield return map(reader);
    }

    /// <summary>One statement of an <see cref="NpgsqlBatch"/> (several queries, one round trip: <c>CreateBatch()</c> on a pool).</summary>
    public static NpgsqlBatchCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return command;
    }
}
