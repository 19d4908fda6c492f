using Npgsql;

namespace Ekopz.Projections.Ledger;

/// <summary>
/// The journal lists whole entries: those with at least one line the selection holds. By date only (the usual journal), that is
/// the entries table itself, read in its own order.
/// </summary>
public static partial class LedgerLineQueries
{
    private static string MatchingEntries(LineSelection f, string where) => $"select distinct l.entry_id from {Source(f)} where {where}";

    /// <summary>Entries the journal lists, and the debit and credit of all their lines.</summary>
    public static async Task<LineTotals> EntryTotals(NpgsqlDataSource pool, string tenant, LineSelection f, CancellationToken ct)
    {
        if (f.ByDateOnly)
        {
            // Every line of an entry shares its date and recording moment, so the entries' lines are the lines the filter selects.
            var (ew, ep) = f.Where(tenant, "x");
            var count = (await SqlReads.Query(pool, $"select count(*) from {S}.ledger_entries x where {ew}", r => r.GetInt64(0), ct, ep.ToArray()))
                .Single();
            var lines = await Totals(pool, tenant, f, ct);
            return new LineTotals(count, lines.Debit, lines.Credit);
        }
        var (where, p) = f.Where(tenant);
        return (await SqlReads.Query(pool,
            $"with m as ({MatchingEntries(f, where)}) select (select count(*) from m), coalesce(sum(x.debit), 0), coalesce(sum(x.credit), 0) "
            + $"from {S}.ledger_lines x where x.tenant_id = @t and x.entry_id in (select entry_id from m)",
            r => new LineTotals(r.GetInt64(0), r.GetDecimal(1), r.GetDecimal(2)), ct, p.ToArray())).Single();
    }

    /// <summary>All lines of one page of the journal's entries, in ledger order.</summary>
    public static async Task<List<LedgerLineRow>> EntryPage(NpgsqlDataSource pool, string tenant, LineSelection f, int page, int pageSize,
        CancellationToken ct)
    {
        var (where, p) = f.ByDateOnly ? f.Where(tenant, "x") : f.Where(tenant);
        p.Add(("limit", pageSize));
        p.Add(("offset", (long)(page - 1) * pageSize));
        var selected = f.ByDateOnly ? where : $"x.tenant_id = @t and x.entry_id in ({MatchingEntries(f, where)})";
        return await SqlReads.Query(pool,
            $"with pg as (select x.entry_id from {S}.ledger_entries x where {selected} order by x.business_date, x.sequence, x.entry_id "
            + "limit @limit offset @offset) "
            + $"select {Columns} from {Joined} where l.tenant_id = @t and l.entry_id in (select entry_id from pg) "
            + "order by e.business_date, e.sequence, e.entry_id, l.line_no",
            Read, ct, p.ToArray());
    }

    /// <summary>Every line of every entry the journal lists, streamed (CSV exports).</summary>
    public static IAsyncEnumerable<LedgerLineRow> StreamEntries(NpgsqlDataSource pool, string tenant, LineSelection f, CancellationToken ct)
    {
        if (f.ByDateOnly) return Stream(pool, tenant, f, ct);
        var (where, p) = f.Where(tenant);
        return SqlReads.Stream(pool,
            $"with m as ({MatchingEntries(f, where)}) select {Columns} from {Joined} where l.tenant_id = @t and l.entry_id in (select entry_id from m) "
            + "order by e.business_date, e.sequence, e.entry_id, l.line_no",
            Read, ct, p.ToArray());
    }
}
