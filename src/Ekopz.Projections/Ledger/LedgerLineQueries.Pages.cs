using Npgsql;
using NodaTime;

namespace Ekopz.Projections.Ledger;

/// <summary>Lines in ledger order: a page with running balances, one entry's or one event's lines, or all of them streamed.</summary>
public static partial class LedgerLineQueries
{
    /// <summary>
    /// One page of the lines, in ledger order, each with the running debit-minus-credit of the
    /// selected lines up to and including it (over the whole selection, not the page).
    /// </summary>
    public static async Task<List<(LedgerLineRow Row, decimal Running)>> Page(NpgsqlDataSource pool, string tenant, LineSelection f, int page,
        int pageSize, CancellationToken ct)
    {
        var offset = (long)(page - 1) * pageSize;
        if (!f.DailyTotalsSuffice) return await Window(pool, tenant, f, offset, pageSize, 0m, ct);

        // Deep pages of a busy account: the daily line counts say on which days the page falls and what the
        // lines before those days add up to, so only those days' lines are read and ordered.
        var days = (await Daily(pool, tenant, f, "to_char({0}.business_date, 'YYYY-MM-DD')", ct))
            .Select(d => (Day: DateOnly.Parse(d.Key), d.Debit, d.Credit, d.Count))
            .OrderBy(d => d.Day).ToList();
        long before = 0;
        decimal net = 0;
        var i = 0;
        for (; i < days.Count && before + days[i].Count <= offset; i++)
        {
            before += days[i].Count;
            net += days[i].Debit - days[i].Credit;
        }
        if (i == days.Count) return [];
        var last = i;
        for (var seen = before + days[i].Count; seen < offset + pageSize && last + 1 < days.Count; seen += days[++last].Count) { }
        return await Window(pool, tenant, f.Within(LocalDate.FromDateOnly(days[i].Day), LocalDate.FromDateOnly(days[last].Day)), offset - before,
            pageSize, net, ct);
    }

    private static async Task<List<(LedgerLineRow Row, decimal Running)>> Window(NpgsqlDataSource pool, string tenant, LineSelection f, long offset,
        int pageSize, decimal runningBefore, CancellationToken ct)
    {
        var (where, p) = f.Where(tenant);
        p.Add(("limit", pageSize));
        p.Add(("offset", offset));
        return await SqlReads.Query(pool,
            $"select {Columns}, sum(l.debit - l.credit) over (order by {LineOrder} rows between unbounded preceding and current row) "
            + $"from {Joined} where {where} order by {LineOrder} limit @limit offset @offset",
            r => (Read(r), runningBefore + r.GetDecimal(19)), ct, p.ToArray());
    }

    /// <summary>Every line of one journal entry, in line order (none when there is no such entry).</summary>
    public static Task<List<LedgerLineRow>> OfEntry(NpgsqlDataSource pool, string tenant, Guid entryId, CancellationToken ct) =>
        SqlReads.Query(pool, $"select {Columns} from {Joined} where l.tenant_id = @t and l.entry_id = @entry order by l.line_no", Read, ct,
            ("t", tenant), ("entry", entryId));

    /// <summary>Every line of the journal entries posted from one business event, by entry and line.</summary>
    public static Task<List<LedgerLineRow>> OfEvent(NpgsqlDataSource pool, string tenant, Guid eventId, CancellationToken ct) =>
        SqlReads.Query(pool, $"select {Columns} from {Joined} where l.tenant_id = @t and e.event_id = @event order by {LineOrder}", Read, ct,
            ("t", tenant), ("event", eventId));

    /// <summary>Every selected line in ledger order, streamed (CSV exports).</summary>
    public static IAsyncEnumerable<LedgerLineRow> Stream(NpgsqlDataSource pool, string tenant, LineSelection f, CancellationToken ct)
    {
        var (where, p) = f.Where(tenant);
        return SqlReads.Stream(pool, $"select {Columns} from {Joined} where {where} order by {LineOrder}", Read, ct, p.ToArray());
    }
}
