using Ekopz.Domain.Common;
using Ekopz.Projections.Savings;
using Npgsql;
using NodaTime;

namespace Ekopz.Projections.Members;

/// <summary>
/// The SQL over the member documents that <see cref="MemberProjection"/> writes: it lives beside the projection that owns the
/// table, so a change to the document's shape and to what reads its JSON is one change (docs/adr/0052). Reads that join the
/// savings lines take their part of the SQL from <see cref="SavingsLineQueries"/>, the owner of that table. The member documents
/// themselves are never loaded: each read is one statement that returns only the columns it needs.
/// </summary>
public static class MemberQueries
{
    private const string Table = $"{EkopzMarten.Schema}.mt_doc_member";

    /// <summary>
    /// Adds the read of the member's header to <paramref name="batch"/>, so it shares a round trip with the caller's other
    /// statements (the statement page, docs/adr/0045); <see cref="ReadHeader"/> reads its answer.
    /// </summary>
    public static void AddHeader(NpgsqlBatch batch, string tenant, Guid memberId) =>
        batch.BatchCommands.Add(SqlReads.Command($"select data->>'memberNumber', data->>'name' from {Table} where tenant_id = @t and id = @m",
            ("t", tenant), ("m", memberId)));

    /// <summary>
    /// The header <see cref="AddHeader"/> asked for, the reader standing on its result set; null when the koperasi has no such
    /// member. Leaves the reader on the batch's next result set.
    /// </summary>
    public static async Task<MemberHeader?> ReadHeader(NpgsqlDataReader reader, CancellationToken ct)
    {
        var member = await reader.ReadAsync(ct) ? new MemberHeader(reader.GetString(0), reader.GetString(1)) : null;
        await reader.NextResultAsync(ct);
        return member;
    }

    /// <summary>Whether the koperasi has this member.</summary>
    public static async Task<bool> Exists(NpgsqlDataSource pool, string tenant, Guid memberId, CancellationToken ct) =>
        (await SqlReads.Query(pool, $"select 1 from {Table} where tenant_id = @t and id = @m", r => 1, ct, ("t", tenant), ("m", memberId))).Count > 0;

    /// <summary>
    /// Each member registered by <paramref name="date"/>, by member number, with the savings they held at the end of that day: one
    /// read, the savings lines summed by kind per member in PostgreSQL.
    /// </summary>
    public static Task<List<MemberSavingsRow>> SavingsBalances(NpgsqlDataSource pool, string tenant, LocalDate date, CancellationToken ct) =>
        SqlReads.Query(pool,
            $"select m.id, m.data->>'memberNumber', m.data->>'name', m.data->>'status', (m.data->>'registeredOn')::date, "
            + "(m.data->>'activatedOn')::date, (m.data->>'exitedOn')::date, coalesce(s.pokok, 0), coalesce(s.wajib, 0), coalesce(s.sukarela, 0) "
            + $"from {Table} m left join ("
            + SavingsLineQueries.BalancesByMemberSql + ") s on s.member_id = m.id "
            + "where m.tenant_id = @t and (m.data->>'registeredOn')::date <= @d order by m.data->>'memberNumber'",
            r => new MemberSavingsRow(r.GetGuid(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? "" : r.GetString(3),
                Date(r, 4)!.Value, Date(r, 5), Date(r, 6), r.GetDecimal(7), r.GetDecimal(8), r.GetDecimal(9)),
            ct, ("t", tenant), ("k", date.Key()), ("d", date.ToDateOnly()));

    /// <summary>
    /// Every member who ever completed pokok (has an activation date), by member number, with the wajib they paid by the end of
    /// <paramref name="date"/>: one read, the wajib lines summed per member in PostgreSQL.
    /// </summary>
    public static Task<List<MemberWajibRow>> ActivatedWithWajibPaid(NpgsqlDataSource pool, string tenant, LocalDate date, CancellationToken ct) =>
        SqlReads.Query(pool,
            $"select m.id, m.data->>'memberNumber', m.data->>'name', (m.data->>'activatedOn')::date, (m.data->>'exitedOn')::date, coalesce(p.paid, 0) "
            + $"from {Table} m left join ({SavingsLineQueries.WajibPaidSql(oneMember: false)}) p on p.member_id = m.id "
            + "where m.tenant_id = @t and m.data->>'activatedOn' is not null order by m.data->>'memberNumber'",
            r => new MemberWajibRow(r.GetGuid(0), r.GetString(1), r.GetString(2), Date(r, 3), Date(r, 4), r.GetDecimal(5)),
            ct, ("t", tenant), ("k", date.Key()));

    /// <summary>
    /// Members by where they stood at the end of <paramref name="date"/>, counted in SQL from the dates on the member documents:
    /// active from activation (pokok complete) until an exit, applicants from registration until activation, exited or deceased
    /// from the exit.
    /// </summary>
    public static async Task<MemberCounts> CountByStanding(NpgsqlDataSource pool, string tenant, LocalDate date, CancellationToken ct) =>
        (await SqlReads.Query(pool,
            "select count(*) filter (where act <= @d and (ex is null or ex > @d)), "
            + "count(*) filter (where reg <= @d and (act is null or act > @d) and (ex is null or ex > @d)), "
            + "count(*) filter (where ex <= @d and st <> 'deceased'), count(*) filter (where ex <= @d and st = 'deceased') "
            + "from (select (data->>'registeredOn')::date reg, (data->>'activatedOn')::date act, (data->>'exitedOn')::date ex, lower(data->>'status') st "
            + $"from {Table} where tenant_id = @t) m",
            r => new MemberCounts((int)r.GetInt64(0), (int)r.GetInt64(1), (int)r.GetInt64(2), (int)r.GetInt64(3)), ct,
            ("t", tenant), ("d", date.ToDateOnly()))).Single();

    /// <summary>A date column, null when SQL null.</summary>
    private static LocalDate? Date(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : LocalDate.FromDateOnly(r.GetFieldValue<DateOnly>(i));
}
