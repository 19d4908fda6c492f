using Ekopz.Api.Infrastructure;
using Ekopz.Projections;
using NodaTime;
using Npgsql;

namespace Ekopz.Api.Ledger;

/// <summary>How many lines a filter selects and what they add up to.</summary>
public sealed record LineTotals(long Count, decimal Debit, decimal Credit);

/// <summary>Debit and credit totals of the lines that share a key (an account, a cash flow category).</summary>
public sealed record KeyTotals(string Key, decimal Debit, decimal Credit, long Count);

/// <summary>
/// Reads of individual journal lines for reports (docs/adr/0013): totals and group totals are computed
/// by PostgreSQL, lists are pages, and exports stream every row. Nothing here fetches "all the lines"
/// into memory, so no report can silently stop at a row limit. Every query filters by tenant.
/// </summary>
public sealed class LedgerLines(ReadDb db)
{
    private static readonly string S = EkopzMarten.Schema;

    private static readonly LocalDate FirstDate = new(1, 1, 1);

    /// <summary>PostgreSQL and DateOnly start at year 1; NodaTime's "beginning of time" is earlier.</summary>
    internal static DateOnly Date(LocalDate d) => d < FirstDate ? DateOnly.MinValue : d.ToDateOnly();

    private static readonly string Columns =
        "l.entry_id, l.line_no, l.account_code, l.business_date, l.recorded_at, l.kind, l.debit, l.credit, l.counterparty, "
        + "l.cash_flow, l.member_id, l.memo, e.event_id, e.sequence, e.source, e.actor, e.description, e.rule_version, e.reference";

    private static readonly string Joined =
        $"{S}.ledger_lines l join {S}.ledger_entries e on e.tenant_id = l.tenant_id and e.entry_id = l.entry_id";

    /// <summary>The one order of lines everywhere: business date, then the order events were recorded, then position in the entry.</summary>
    private const string LineOrder = "l.business_date, e.sequence, l.entry_id, l.line_no";

    private static string Source(LineFilter f) => f.NeedsEntry ? Joined : $"{S}.ledger_lines l";

    public async Task<LineTotals> Totals(string tenant, LineFilter f, CancellationToken ct)
    {
        if (f.DailyTotalsSuffice)
        {
            var daily = await Daily(tenant, f, "''", ct);
            return new LineTotals(daily.Sum(d => d.Count), daily.Sum(d => d.Debit), daily.Sum(d => d.Credit));
        }
        var (where, p) = f.Where(tenant);
        return (await db.Query($"select count(*), coalesce(sum(l.debit), 0), coalesce(sum(l.credit), 0) from {Source(f)} where {where}",
            r => new LineTotals(r.GetInt64(0), r.GetDecimal(1), r.GetDecimal(2)), ct, p.ToArray())).Single();
    }

    /// <summary>
    /// Totals per account, or per account and counterparty (keys <c>code|counterparty</c>, no counterparty as an empty
    /// string, split with <see cref="SplitAccountAndCounterparty"/>).
    /// </summary>
    public async Task<List<KeyTotals>> SumByAccount(string tenant, LineFilter f, bool byCounterparty, CancellationToken ct)
    {
        var key = byCounterparty ? "{0}.account_code || '|' || coalesce({0}.counterparty, '')" : "{0}.account_code";
        return f.DailyTotalsSuffice ? await Daily(tenant, f, key, ct) : await SumBy(string.Format(key, "l"), tenant, f, ct);
    }

    public Task<List<KeyTotals>> SumByAccount(string tenant, LineFilter f, CancellationToken ct) => SumByAccount(tenant, f, false, ct);

    /// <summary>
    /// Totals per account and calendar month of the business date (keys <c>code|yyyy-MM</c>), from the daily totals when
    /// they suffice: a year of months for a few accounts is a few dozen rows of a few hundred daily ones (the dashboard's charts).
    /// </summary>
    public async Task<List<KeyTotals>> SumByAccountAndMonth(string tenant, LineFilter f, CancellationToken ct)
    {
        const string key = "{0}.account_code || '|' || to_char({0}.business_date, 'YYYY-MM')";
        return f.DailyTotalsSuffice ? await Daily(tenant, f, key, ct) : await SumBy(string.Format(key, "l"), tenant, f, ct);
    }

    public static (string Code, string Counterparty) SplitAccountAndCounterparty(string key)
    {
        var bar = key.IndexOf('|');
        return (key[..bar], key[(bar + 1)..]);
    }

    /// <summary>Totals per cash flow category; lines without one are <c>operating.other</c>, as the statement shows them.</summary>
    public Task<List<KeyTotals>> SumByCashFlow(string tenant, LineFilter f, CancellationToken ct) =>
        SumBy($"coalesce(l.cash_flow, '{Ekopz.Domain.Ledger.CashFlows.OtherOperating}')", tenant, f, ct);

    private async Task<List<KeyTotals>> SumBy(string key, string tenant, LineFilter f, CancellationToken ct)
    {
        var (where, p) = f.Where(tenant);
        return await db.Query($"select {key}, sum(l.debit), sum(l.credit), count(*) from {Source(f)} where {where} group by 1",
            r => new KeyTotals(r.GetString(0), r.GetDecimal(1), r.GetDecimal(2), r.GetInt64(3)), ct, p.ToArray());
    }

    /// <summary>
    /// Totals per <paramref name="key"/> (a text expression over columns both tables have, <c>{0}</c> standing for the table) from the daily totals, less
    /// the lines recorded after knownAt (docs/adr/0009): the same figures as summing the lines, without reading them.
    /// </summary>
    private async Task<List<KeyTotals>> Daily(string tenant, LineFilter f, string key, CancellationToken ct)
    {
        var (where, p) = f.Where(tenant, "d", LineFilter.Known.Ignore);
        var daily = await db.Query($"select {string.Format(key, "d")}, sum(d.debit), sum(d.credit), sum(d.line_count) from {S}.ledger_daily d where {where} group by 1",
            r => new KeyTotals(r.GetString(0), r.GetDecimal(1), r.GetDecimal(2), r.GetInt64(3)), ct, p.ToArray());
        if (f.KnownAt is null) return daily;
        var (lateWhere, lp) = f.Where(tenant, "l", LineFilter.Known.Later);
        var late = await db.Query($"select {string.Format(key, "l")}, sum(l.debit), sum(l.credit), count(*) from {S}.ledger_lines l where {lateWhere} group by 1",
            r => new KeyTotals(r.GetString(0), r.GetDecimal(1), r.GetDecimal(2), r.GetInt64(3)), ct, lp.ToArray());
        var result = daily.ToDictionary(x => x.Key);
        foreach (var l in late)
        {
            var current = result.GetValueOrDefault(l.Key) ?? new KeyTotals(l.Key, 0m, 0m, 0);
            result[l.Key] = new KeyTotals(l.Key, current.Debit - l.Debit, current.Credit - l.Credit, current.Count - l.Count);
        }
        return result.Values.Where(x => x.Count != 0).ToList();
    }

    /// <summary>
    /// One page of the lines, in ledger order, each with the running debit-minus-credit of the
    /// selected lines up to and including it (over the whole selection, not the page).
    /// </summary>
    public async Task<List<(LedgerLineRow Row, decimal Running)>> Page(string tenant, LineFilter f, int page, int pageSize, CancellationToken ct)
    {
        var offset = (long)(page - 1) * pageSize;
        if (!f.DailyTotalsSuffice) return await Window(tenant, f, offset, pageSize, 0m, ct);

        // Deep pages of a busy account: the daily line counts say on which days the page falls and what the
        // lines before those days add up to, so only those days' lines are read and ordered.
        var days = (await Daily(tenant, f, "to_char({0}.business_date, 'YYYY-MM-DD')", ct)).Select(d => (Day: DateOnly.Parse(d.Key), d.Debit, d.Credit, d.Count))
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
        return await Window(tenant, f.Within(LocalDate.FromDateOnly(days[i].Day), LocalDate.FromDateOnly(days[last].Day)), offset - before, pageSize,
            net, ct);
    }

    private async Task<List<(LedgerLineRow Row, decimal Running)>> Window(string tenant, LineFilter f, long offset, int pageSize, decimal runningBefore,
        CancellationToken ct)
    {
        var (where, p) = f.Where(tenant);
        p.Add(("limit", pageSize));
        p.Add(("offset", offset));
        return await db.Query(
            $"select {Columns}, sum(l.debit - l.credit) over (order by {LineOrder} rows between unbounded preceding and current row) "
            + $"from {Joined} where {where} order by {LineOrder} limit @limit offset @offset",
            r => (Read(r), runningBefore + r.GetDecimal(19)), ct, p.ToArray());
    }

    /// <summary>Every line of one journal entry, in line order (none when there is no such entry).</summary>
    public Task<List<LedgerLineRow>> OfEntry(string tenant, Guid entryId, CancellationToken ct) =>
        db.Query($"select {Columns} from {Joined} where l.tenant_id = @t and l.entry_id = @entry order by l.line_no", Read, ct,
            ("t", tenant), ("entry", entryId));

    /// <summary>Every line of the journal entries posted from one business event, by entry and line.</summary>
    public Task<List<LedgerLineRow>> OfEvent(string tenant, Guid eventId, CancellationToken ct) =>
        db.Query($"select {Columns} from {Joined} where l.tenant_id = @t and e.event_id = @event order by {LineOrder}", Read, ct,
            ("t", tenant), ("event", eventId));

    /// <summary>Every selected line in ledger order, streamed (CSV exports).</summary>
    public IAsyncEnumerable<LedgerLineRow> Stream(string tenant, LineFilter f, CancellationToken ct)
    {
        var (where, p) = f.Where(tenant);
        return db.Stream($"select {Columns} from {Joined} where {where} order by {LineOrder}", Read, ct, p.ToArray());
    }

    // The journal lists whole entries: those with at least one line the filter selects. By date only
    // (the usual journal), that is the entries table itself, read in its own order.
    private static string MatchingEntries(LineFilter f, string where) => $"select distinct l.entry_id from {Source(f)} where {where}";

    /// <summary>Entries the journal lists, and the debit and credit of all their lines.</summary>
    public async Task<LineTotals> EntryTotals(string tenant, LineFilter f, CancellationToken ct)
    {
        if (f.ByDateOnly)
        {
            // Every line of an entry shares its date and recording moment, so the entries' lines are the lines the filter selects.
            var (ew, ep) = f.Where(tenant, "x");
            var count = (await db.Query($"select count(*) from {S}.ledger_entries x where {ew}", r => r.GetInt64(0), ct, ep.ToArray())).Single();
            var lines = await Totals(tenant, f, ct);
            return new LineTotals(count, lines.Debit, lines.Credit);
        }
        var (where, p) = f.Where(tenant);
        return (await db.Query(
            $"with m as ({MatchingEntries(f, where)}) select (select count(*) from m), coalesce(sum(x.debit), 0), coalesce(sum(x.credit), 0) "
            + $"from {S}.ledger_lines x where x.tenant_id = @t and x.entry_id in (select entry_id from m)",
            r => new LineTotals(r.GetInt64(0), r.GetDecimal(1), r.GetDecimal(2)), ct, p.ToArray())).Single();
    }

    /// <summary>All lines of one page of the journal's entries, in ledger order.</summary>
    public async Task<List<LedgerLineRow>> EntryPage(string tenant, LineFilter f, int page, int pageSize, CancellationToken ct)
    {
        var (where, p) = f.ByDateOnly ? f.Where(tenant, "x") : f.Where(tenant);
        p.Add(("limit", pageSize));
        p.Add(("offset", (long)(page - 1) * pageSize));
        var selected = f.ByDateOnly ? where : $"x.tenant_id = @t and x.entry_id in ({MatchingEntries(f, where)})";
        return await db.Query(
            $"with pg as (select x.entry_id from {S}.ledger_entries x where {selected} order by x.business_date, x.sequence, x.entry_id "
            + "limit @limit offset @offset) "
            + $"select {Columns} from {Joined} where l.tenant_id = @t and l.entry_id in (select entry_id from pg) "
            + "order by e.business_date, e.sequence, e.entry_id, l.line_no",
            Read, ct, p.ToArray());
    }

    /// <summary>Every line of every entry the journal lists, streamed (CSV exports).</summary>
    public IAsyncEnumerable<LedgerLineRow> StreamEntries(string tenant, LineFilter f, CancellationToken ct)
    {
        if (f.ByDateOnly) return Stream(tenant, f, ct);
        var (where, p) = f.Where(tenant);
        return db.Stream(
            $"with m as ({MatchingEntries(f, where)}) select {Columns} from {Joined} where l.tenant_id = @t and l.entry_id in (select entry_id from m) "
            + "order by e.business_date, e.sequence, e.entry_id, l.line_no",
            Read, ct, p.ToArray());
    }

    private static LedgerLineRow Read(NpgsqlDataReader r) => new(
        r.GetGuid(0), r.GetInt32(1), r.GetString(2), LocalDate.FromDateOnly(r.GetFieldValue<DateOnly>(3)),
        Instant.FromDateTimeUtc(DateTime.SpecifyKind(r.GetDateTime(4), DateTimeKind.Utc)), r.GetString(5), r.GetDecimal(6), r.GetDecimal(7),
        r.IsDBNull(8) ? null : r.GetString(8), r.IsDBNull(9) ? null : r.GetString(9), r.IsDBNull(10) ? null : r.GetGuid(10),
        r.IsDBNull(11) ? null : r.GetString(11), r.IsDBNull(12) ? null : r.GetGuid(12), r.GetInt64(13), r.GetString(14), r.GetString(15),
        r.GetString(16), r.GetString(17), r.IsDBNull(18) ? null : r.GetGuid(18));
}
