using Npgsql;

namespace Ekopz.Projections.Ledger;

/// <summary>One row of <c>ledger_periods</c>: the close state the posting guard locks against, and the digest the close sealed.</summary>
public sealed record LedgerPeriodRow(string Period, string Status, string? Digest);

/// <summary>
/// The SQL over <c>ledger_periods</c>, beside <see cref="LedgerWriter"/> whose posting guard locks its rows (docs/adr/0009, 0052).
/// A month's close runs <see cref="Lock"/> and <see cref="MarkClosed"/> on the connection of its Marten session, inside the
/// session's transaction: the row lock must be held by the transaction that appends the seal, until it commits.
/// </summary>
public static class LedgerPeriods
{
    private const string Table = $"{EkopzMarten.Schema}.ledger_periods";

    /// <summary>
    /// Makes sure the month's row exists and locks it, on <paramref name="connection"/> (in its open transaction): postings into the
    /// month wait for the close to commit, and the close waits for postings already under way.
    /// </summary>
    public static Task Lock(NpgsqlConnection connection, string tenant, string period) =>
        Execute(connection, $"insert into {Table} (tenant_id, period, status) values (@t, @p, 'open') on conflict do nothing; "
            + $"select status from {Table} where tenant_id = @t and period = @p for update", tenant, period);

    /// <summary>Marks the locked month closed with its digest, on the same connection and transaction as <see cref="Lock"/>.</summary>
    public static Task MarkClosed(NpgsqlConnection connection, string tenant, string period, string digest, string closedBy) =>
        Execute(connection, $"update {Table} set status = 'closed', digest = @d, closed_at = now(), closed_by = @by "
            + "where tenant_id = @t and period = @p", tenant, period, ("d", digest), ("by", closedBy));

    /// <summary>Every month whose row is not open (closed, or anything else a hand edit left), for the verification.</summary>
    public static Task<List<LedgerPeriodRow>> NotOpen(NpgsqlDataSource pool, string tenant, CancellationToken ct) =>
        SqlReads.Query(pool, $"select period, status, digest from {Table} where tenant_id = @t and status <> 'open'",
            r => new LedgerPeriodRow(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2)), ct, ("t", tenant));

    // No transaction is set on the command: Npgsql runs it in the connection's open transaction, the session's.
    private static async Task Execute(NpgsqlConnection connection, string sql, string tenant, string period, params (string Name, object Value)[] more)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("t", tenant);
        command.Parameters.AddWithValue("p", period);
        foreach (var (name, value) in more) command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync();
    }
}
