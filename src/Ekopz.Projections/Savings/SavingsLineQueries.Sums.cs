using Ekopz.Domain.Common;
using Npgsql;
using NodaTime;

namespace Ekopz.Projections.Savings;

/// <summary>Sums over the savings lines, grouped per member in PostgreSQL: what interest runs, wajib arrears and balance lists read.</summary>
public static partial class SavingsLineQueries
{
    /// <summary>
    /// Each member's pokok, wajib and sukarela up to the date key <c>@k</c> (columns <c>member_id, pokok, wajib, sukarela</c>), for
    /// a query over the members to join (<see cref="Members.MemberQueries.SavingsBalances"/>); <c>@t</c> is the tenant.
    /// </summary>
    internal const string BalancesByMemberSql =
        "select member_id, sum(amount) filter (where kind = 'pokok') as pokok, sum(amount) filter (where kind = 'wajib') as wajib, "
        + "sum(amount) filter (where kind = 'sukarela') as sukarela "
        + $"from {Table} where tenant_id = @t and date_key <= @k group by member_id";

    /// <summary>
    /// Wajib paid per member up to the date key <c>@k</c> (columns <c>member_id, paid</c>): deposits net of reversals, and opening
    /// balances moved in from the old books; refunds at exit do not count as unpaid. With <paramref name="oneMember"/>, only member
    /// <c>@m</c>.
    /// </summary>
    internal static string WajibPaidSql(bool oneMember) =>
        $"select member_id, sum(amount) as paid from {Table} "
        + "where tenant_id = @t and date_key <= @k and kind = 'wajib' and type in ('deposit','reversal','opening')"
        + (oneMember ? " and member_id = @m" : "") + " group by member_id";

    /// <summary>Wajib one member paid up to the end of <paramref name="date"/> (0 when nothing).</summary>
    public static async Task<decimal> WajibPaid(NpgsqlDataSource pool, string tenant, LocalDate date, Guid memberId, CancellationToken ct) =>
        (await SqlReads.Query(pool, WajibPaidSql(oneMember: true), r => r.GetDecimal(1), ct, ("t", tenant), ("k", date.Key()), ("m", memberId)))
        .SingleOrDefault();

    /// <summary>Each member's sukarela balance before <paramref name="start"/>: members with no sukarela line before it are absent.</summary>
    public static Task<List<(Guid MemberId, decimal Balance)>> SukarelaBefore(NpgsqlDataSource pool, string tenant, LocalDate start,
        CancellationToken ct) =>
        SqlReads.Query(pool,
            $"select member_id, sum((data->>'amount')::numeric) from {Table} "
            + "where tenant_id = @t and date_key < @k and data->>'kind' = 'sukarela' group by member_id",
            r => (r.GetGuid(0), r.GetDecimal(1)), ct, ("t", tenant), ("k", start.Key()));

    /// <summary>Every sukarela line dated from <paramref name="start"/> to <paramref name="end"/>, both included, in no particular order.</summary>
    public static Task<List<(Guid MemberId, LocalDate Date, decimal Amount)>> SukarelaMovements(NpgsqlDataSource pool, string tenant,
        LocalDate start, LocalDate end, CancellationToken ct) =>
        SqlReads.Query(pool,
            $"select member_id, date_key, (data->>'amount')::numeric from {Table} "
            + "where tenant_id = @t and date_key between @s and @e and data->>'kind' = 'sukarela'",
            r => (r.GetGuid(0), DateOfKey(r.GetInt32(1)), r.GetDecimal(2)), ct, ("t", tenant), ("s", start.Key()), ("e", end.Key()));

    /// <summary>The date of a <c>date_key</c> (yyyymmdd, <see cref="DateKeys.Key"/>).</summary>
    private static LocalDate DateOfKey(int key) => new(key / 10000, key / 100 % 100, key % 100);
}
