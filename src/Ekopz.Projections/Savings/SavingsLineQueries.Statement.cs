using Ekopz.Domain.Common;
using Npgsql;
using NodaTime;
using NodaTime.Text;

namespace Ekopz.Projections.Savings;

/// <summary>
/// The SQL over the <see cref="SavingsLine"/> documents that <see cref="SavingsLineProjection"/> writes (one per money event, never
/// updated): it lives beside the projection that owns the table, so a change to the lines' shape and to what reads them is one
/// change (docs/adr/0052). This part is the member statement: it sees exactly what LINQ would, but lets PostgreSQL compute the
/// running balance per kind with a window sum and return one page only. The order (business date, event sequence, part) is
/// total, so pages never overlap or skip a line.
/// </summary>
public static partial class SavingsLineQueries
{
    // A constant, so the other part of this class can build its SQL from it whatever order the parts' fields are initialised in.
    private const string Table = $"{EkopzMarten.Schema}.mt_doc_savingsline";

    private const string Filter =
        "tenant_id = @t and member_id = @m and date_key <= @d and (@k::bigint is null or (data->>'recordedTicks')::bigint <= @k::bigint)";

    private static readonly string TotalsSql =
        $"select data->>'kind', sum((data->>'amount')::numeric), count(*) filter (where date_key >= @f), "
        + $"coalesce(sum((data->>'amount')::numeric) filter (where date_key < @f), 0) from {Table} where {Filter} group by 1";

    private static readonly string LinesSql =
        $"""
        select * from (
          select data->>'transactionId', data->>'eventId', (data->>'sequence')::bigint, data->>'kind', data->>'type',
                 (data->>'amount')::numeric,
                 sum((data->>'amount')::numeric) over (partition by data->>'kind'
                     order by date_key, (data->>'sequence')::bigint, (data->>'part')::int rows unbounded preceding),
                 data->>'businessDate', data->>'recordedAt', data->>'actor', data->>'channel', data->>'correlationId',
                 data->>'note', data->>'reverses',
                 date_key as dk, (data->>'sequence')::bigint as seq, (data->>'part')::int as part
          from {Table} where {Filter}
        ) x where dk >= @f order by dk, seq, part offset @offset limit @limit
        """;

    /// <summary>
    /// Adds a statement page's two statements to <paramref name="batch"/>: the totals per kind, then the page's lines. The caller
    /// owns the batch (and so the pool and the round trip: the API sends them with the member's header, docs/adr/0045) and reads
    /// the answers back with <see cref="ReadStatementPage"/>.
    /// </summary>
    /// <param name="asOf">The statement's date: lines with a later business date are left out.</param>
    /// <param name="knownAt">As the books stood then: lines recorded later are left out; null: as they stand now.</param>
    /// <param name="offset">Lines of the statement to skip (the pages before this one).</param>
    /// <param name="limit">The page's size.</param>
    /// <param name="from">Lines from this date on only (the running balances still count every earlier line); null: all.</param>
    public static void AddStatementPage(NpgsqlBatch batch, string tenant, Guid memberId, LocalDate asOf, Instant? knownAt, int offset, int limit,
        LocalDate? from)
    {
        (string, object)[] args =
        [
            ("t", tenant), ("m", memberId), ("d", asOf.Key()),
            ("k", knownAt is { } k ? k.Ticks() : DBNull.Value),
            // Lines from this date on (the running balances still count every earlier line); 0: all.
            ("f", from is { } f ? f.Key() : 0),
        ];
        batch.BatchCommands.Add(SqlReads.Command(TotalsSql, args));
        batch.BatchCommands.Add(SqlReads.Command(LinesSql, [.. args, ("offset", offset), ("limit", limit)]));
    }

    /// <summary>
    /// Reads what <see cref="AddStatementPage"/> asked for, the reader standing on its first result set: the totals' result set,
    /// then the lines' one. <paramref name="from"/> is the one given there (it decides whether the page has an opening).
    /// </summary>
    public static async Task<StatementPage> ReadStatementPage(NpgsqlDataReader reader, LocalDate? from, CancellationToken ct)
    {
        var totals = new List<(string Kind, decimal Sum, long Count, decimal Before)>();
        while (await reader.ReadAsync(ct)) totals.Add((reader.GetString(0), reader.GetDecimal(1), reader.GetInt64(2), reader.GetDecimal(3)));
        await reader.NextResultAsync(ct);
        var lines = new List<StatementLine>();
        while (await reader.ReadAsync(ct)) lines.Add(Line(reader));

        var balance = totals.ToDictionary(x => x.Kind, x => x.Sum);
        var before = totals.ToDictionary(x => x.Kind, x => x.Before);
        return new StatementPage(
            new StatementBalances(balance.GetValueOrDefault("pokok"), balance.GetValueOrDefault("wajib"), balance.GetValueOrDefault("sukarela")),
            (int)totals.Sum(x => x.Count), lines,
            from is null ? null
                : new StatementBalances(before.GetValueOrDefault("pokok"), before.GetValueOrDefault("wajib"), before.GetValueOrDefault("sukarela")));
    }

    /// <summary>
    /// The lines one event wrote to a member's savings, and the lines that reversed them (a correction names the transaction it
    /// undoes in <c>reverses</c>): what a member's "why" page shows. Two reads on <paramref name="pool"/>; none reversed when the
    /// event wrote no line.
    /// </summary>
    public static async Task<(IReadOnlyList<StatementLine> Lines, IReadOnlyList<StatementLine> ReversedBy)> OfEvent(
        NpgsqlDataSource pool, string tenant, Guid memberId, Guid eventId, CancellationToken ct)
    {
        var lines = await Lines(pool, "tenant_id = @t and member_id = @m and data->>'eventId' = @e", ct, ("t", tenant), ("m", memberId), ("e", eventId.ToString()));
        if (lines.Count == 0) return ([], []);
        var reversedBy = await Lines(pool, "tenant_id = @t and member_id = @m and data->>'reverses' = any(@r)", ct,
            ("t", tenant), ("m", memberId), ("r", lines.Select(l => l.TransactionId.ToString()).Distinct().ToArray()));
        return (lines, reversedBy);
    }

    /// <summary>A statement line from columns 0..13 (the order both line queries select them in).</summary>
    private static StatementLine Line(NpgsqlDataReader r) => new(
        Guid.Parse(r.GetString(0)), Guid.Parse(r.GetString(1)), r.GetInt64(2), r.GetString(3), r.GetString(4),
        r.GetDecimal(5), r.GetDecimal(6),
        LocalDatePattern.Iso.Parse(r.GetString(7)).Value, InstantPattern.ExtendedIso.Parse(r.GetString(8)).Value,
        r.GetString(9), r.GetString(10), r.IsDBNull(11) ? "" : r.GetString(11),
        r.IsDBNull(12) ? null : r.GetString(12), r.IsDBNull(13) ? null : Guid.Parse(r.GetString(13)));

    private static async Task<IReadOnlyList<StatementLine>> Lines(NpgsqlDataSource pool, string where, CancellationToken ct,
        params (string, object)[] args) =>
        await SqlReads.Query(pool,
            $"""
            select data->>'transactionId', data->>'eventId', (data->>'sequence')::bigint, data->>'kind', data->>'type',
                   (data->>'amount')::numeric,
                   (select sum((o.data->>'amount')::numeric) from {Table} o where o.tenant_id = l.tenant_id and o.member_id = l.member_id
                      and o.data->>'kind' = l.data->>'kind' and (o.date_key, (o.data->>'sequence')::bigint, (o.data->>'part')::int)
                          <= (l.date_key, (l.data->>'sequence')::bigint, (l.data->>'part')::int)),
                   data->>'businessDate', data->>'recordedAt', data->>'actor', data->>'channel', data->>'correlationId',
                   data->>'note', data->>'reverses'
            from {Table} l where {where} order by date_key, (data->>'sequence')::bigint, (data->>'part')::int
            """,
            Line,
            ct, args);
}
