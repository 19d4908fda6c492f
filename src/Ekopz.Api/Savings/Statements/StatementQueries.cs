using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Projections;
using Npgsql;
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

    /// <summary>The member's number and name, as the statement's header shows them.</summary>
    public sealed record Header(string MemberNumber, string Name);

    private static readonly string MemberTable = $"{EkopzMarten.Schema}.mt_doc_member";

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
    /// The member's header and one page of their statement in one round trip on one pooled connection (docs/adr/0045): the
    /// member row, the totals per kind and the page's lines go to PostgreSQL as one batch. The header is null when the
    /// koperasi has no such member (the two statement queries then find no line either).
    /// </summary>
    public static async Task<(Header? Member, StatementPage Page)> Read(ReadDb db, string tenant, Guid memberId, LocalDate asOf,
        Instant? knownAt, int page, int size, CancellationToken ct, LocalDate? from = null)
    {
        await using var batch = db.Interactive.CreateBatch();
        batch.BatchCommands.Add(ReadDb.Command($"select data->>'memberNumber', data->>'name' from {MemberTable} where tenant_id = @t and id = @m",
            ("t", tenant), ("m", memberId)));
        Add(batch, tenant, memberId, asOf, knownAt, page, size, from);
        await using var reader = await batch.ExecuteReaderAsync(ct);
        var member = await reader.ReadAsync(ct) ? new Header(reader.GetString(0), reader.GetString(1)) : null;
        await reader.NextResultAsync(ct);
        return (member, await PageOf(reader, from, ct));
    }

    /// <summary>Whether the koperasi has this member (for the answer to a request with bad dates: 404 comes first).</summary>
    public static async Task<bool> MemberExists(ReadDb db, string tenant, Guid memberId, CancellationToken ct) =>
        (await db.Query($"select 1 from {MemberTable} where tenant_id = @t and id = @m", r => 1, ct, ("t", tenant), ("m", memberId))).Count > 0;

    /// <summary>One page of a member's statement (totals and lines in one round trip).</summary>
    public static async Task<StatementPage> Page(ReadDb db, string tenant, Guid memberId, LocalDate asOf, Instant? knownAt, int page, int size,
        CancellationToken ct, LocalDate? from = null)
    {
        await using var batch = db.Interactive.CreateBatch();
        Add(batch, tenant, memberId, asOf, knownAt, page, size, from);
        await using var reader = await batch.ExecuteReaderAsync(ct);
        return await PageOf(reader, from, ct);
    }

    private static void Add(NpgsqlBatch batch, string tenant, Guid memberId, LocalDate asOf, Instant? knownAt, int page, int size, LocalDate? from)
    {
        (string, object)[] args =
        [
            ("t", tenant), ("m", memberId), ("d", asOf.Key()),
            ("k", knownAt is { } k ? k.Ticks() : DBNull.Value),
            // Lines from this date on (the running balances still count every earlier line); 0: all.
            ("f", from is { } f ? f.Key() : 0),
        ];
        batch.BatchCommands.Add(ReadDb.Command(TotalsSql, args));
        batch.BatchCommands.Add(ReadDb.Command(LinesSql, [.. args, ("offset", (page - 1) * size), ("limit", size)]));
    }

    /// <summary>Reads the totals' result set, then the lines' one.</summary>
    private static async Task<StatementPage> PageOf(NpgsqlDataReader reader, LocalDate? from, CancellationToken ct)
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

    /// <summary>A statement line from columns 0..13 (the order both line queries select them in).</summary>
    private static StatementLine Line(NpgsqlDataReader r) => new(
        Guid.Parse(r.GetString(0)), Guid.Parse(r.GetString(1)), r.GetInt64(2), r.GetString(3), r.GetString(4),
        r.GetDecimal(5), r.GetDecimal(6),
        LocalDatePattern.Iso.Parse(r.GetString(7)).Value, InstantPattern.ExtendedIso.Parse(r.GetString(8)).Value,
        r.GetString(9), r.GetString(10), r.IsDBNull(11) ? "" : r.GetString(11),
        r.IsDBNull(12) ? null : r.GetString(12), r.IsDBNull(13) ? null : Guid.Parse(r.GetString(13)));

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
            Line,
            ct, args);
}
