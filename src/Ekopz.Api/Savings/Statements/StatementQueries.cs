using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Projections;
using NodaTime;
using NodaTime.Text;

namespace Ekopz.Api.Savings.Statements;

public sealed record StatementPage(StatementBalances Balances, int TotalLines, IReadOnlyList<StatementLine> Lines, StatementBalances? Opening = null);

/// <summary>
/// The SQL behind a member statement. It reads the <c>SavingsLine</c> documents that the inline
/// projection writes (one per money event, never updated), so it sees exactly what LINQ would, but lets
/// PostgreSQL compute the running balance per kind with a window sum and return one page only.
/// The order (business date, event sequence, part) is total, so pages never overlap or skip a line.
/// </summary>
public static class StatementQueries
{
    private static readonly string Table = $"{EkopzMarten.Schema}.mt_doc_savingsline";

    private const string Filter =
        "tenant_id = @t and member_id = @m and date_key <= @d and (@k::bigint is null or (data->>'recordedTicks')::bigint <= @k::bigint)";

    public static async Task<StatementPage> Page(ReadDb db, string tenant, Guid memberId, LocalDate asOf, Instant? knownAt, int page, int size,
        CancellationToken ct, LocalDate? from = null)
    {
        (string, object)[] args =
        [
            ("t", tenant), ("m", memberId), ("d", asOf.Key()),
            ("k", knownAt is { } k ? k.Ticks() : DBNull.Value),
            // Lines from this date on (the running balances still count every earlier line); 0: all.
            ("f", from is { } f ? f.Key() : 0),
        ];

        var totals = await db.Query(
            $"select data->>'kind', sum((data->>'amount')::numeric), count(*) filter (where date_key >= @f), "
            + $"coalesce(sum((data->>'amount')::numeric) filter (where date_key < @f), 0) from {Table} where {Filter} group by 1",
            r => (Kind: r.GetString(0), Sum: r.GetDecimal(1), Count: r.GetInt64(2), Before: r.GetDecimal(3)), ct, args);
        var balance = totals.ToDictionary(x => x.Kind, x => x.Sum);
        var before = totals.ToDictionary(x => x.Kind, x => x.Before);

        var lines = await db.Query(
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
            """,
            r => new StatementLine(
                Guid.Parse(r.GetString(0)), Guid.Parse(r.GetString(1)), r.GetInt64(2), r.GetString(3), r.GetString(4),
                r.GetDecimal(5), r.GetDecimal(6),
                LocalDatePattern.Iso.Parse(r.GetString(7)).Value, InstantPattern.ExtendedIso.Parse(r.GetString(8)).Value,
                r.GetString(9), r.GetString(10), r.IsDBNull(11) ? "" : r.GetString(11),
                r.IsDBNull(12) ? null : r.GetString(12), r.IsDBNull(13) ? null : Guid.Parse(r.GetString(13))),
            ct, [.. args, ("offset", (page - 1) * size), ("limit", size)]);

        return new StatementPage(
            new StatementBalances(balance.GetValueOrDefault("pokok"), balance.GetValueOrDefault("wajib"), balance.GetValueOrDefault("sukarela")),
            (int)totals.Sum(x => x.Count), lines,
            from is null ? null
                : new StatementBalances(before.GetValueOrDefault("pokok"), before.GetValueOrDefault("wajib"), before.GetValueOrDefault("sukarela")));
    }

    /// <summary>
    /// The lines one event wrote to a member's savings, and the lines that reversed them (a correction names the
    /// transaction it undoes in <c>reverses</c>): what a member's "why" page shows.
    /// </summary>
    public static async Task<(IReadOnlyList<StatementLine> Lines, IReadOnlyList<StatementLine> ReversedBy)> OfEvent(ReadDb db, string tenant,
        Guid memberId, Guid eventId, CancellationToken ct)
    {
        var lines = await Lines(db, "tenant_id = @t and member_id = @m and data->>'eventId' = @e", ct, ("t", tenant), ("m", memberId), ("e", eventId.ToString()));
        if (lines.Count == 0) return ([], []);
        var reversedBy = await Lines(db, "tenant_id = @t and member_id = @m and data->>'reverses' = any(@r)", ct,
            ("t", tenant), ("m", memberId), ("r", lines.Select(l => l.TransactionId.ToString()).Distinct().ToArray()));
        return (lines, reversedBy);
    }

    private static async Task<IReadOnlyList<StatementLine>> Lines(ReadDb db, string where, CancellationToken ct, params (string, object)[] args) =>
        await db.Query(
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
            r => new StatementLine(
                Guid.Parse(r.GetString(0)), Guid.Parse(r.GetString(1)), r.GetInt64(2), r.GetString(3), r.GetString(4),
                r.GetDecimal(5), r.GetDecimal(6),
                LocalDatePattern.Iso.Parse(r.GetString(7)).Value, InstantPattern.ExtendedIso.Parse(r.GetString(8)).Value,
                r.GetString(9), r.GetString(10), r.IsDBNull(11) ? "" : r.GetString(11),
                r.IsDBNull(12) ? null : r.GetString(12), r.IsDBNull(13) ? null : Guid.Parse(r.GetString(13))),
            ct, args);
}
