using Npgsql;

namespace Ekopz.Projections.Ledger;

/// <summary>Reads of <c>ledger_entries</c> by id, beside <see cref="LedgerWriter"/> that inserts them (docs/adr/0052).</summary>
public static class LedgerEntryQueries
{
    /// <summary>Is the entry posted? Entries are insert-only, so a committed one stays: reading it outside a command's transaction is safe.</summary>
    public static async Task<bool> Exists(NpgsqlDataSource pool, string tenant, Guid entryId, CancellationToken ct) =>
        (await SqlReads.Query(pool, $"select exists (select 1 from {EkopzMarten.Schema}.ledger_entries where tenant_id = @t and entry_id = @e)",
            r => r.GetBoolean(0), ct, ("t", tenant), ("e", entryId))).Single();
}
