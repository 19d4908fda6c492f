using Ekopz.Domain.Shu;
using Npgsql;
using NodaTime;

namespace Ekopz.Projections.Ledger;

/// <summary>
/// Sums of the ledger lines that name a member, over accounts the caller picks from the chart: what the shop's member credit,
/// the member purchases and the SHU basis read. The SQL sits beside <see cref="LedgerWriter"/>, which writes <c>ledger_lines</c>
/// (docs/adr/0052); the choice of accounts (chart roles) stays with the caller.
/// </summary>
public static class LedgerMemberSums
{
    private const string Lines = $"{EkopzMarten.Schema}.ledger_lines";

    /// <summary>Debit less credit of one member's lines on <paramref name="codes"/>, all dates and kinds (0 when none): what they owe.</summary>
    public static async Task<decimal> DebitBalance(NpgsqlDataSource pool, string tenant, string[] codes, Guid memberId, CancellationToken ct) =>
        (await SqlReads.Query(pool,
            $"select coalesce(sum(debit - credit), 0) from {Lines} where tenant_id = @t and account_code = any(@codes) and member_id = @m",
            r => r.GetDecimal(0), ct, ("t", tenant), ("codes", codes), ("m", memberId))).Single();

    /// <summary>
    /// Credit and debit per member of regular lines on <paramref name="codes"/> dated in the calendar year <paramref name="year"/>, by member
    /// id (only <paramref name="memberId"/> when given).
    /// </summary>
    public static Task<List<(Guid MemberId, decimal Credit, decimal Debit)>> YearByMember(NpgsqlDataSource pool, string tenant, string[] codes, int year,
        Guid? memberId, CancellationToken ct)
    {
        var sql = $"select member_id, sum(credit), sum(debit) from {Lines} where tenant_id = @t and account_code = any(@codes) "
            + "and kind = 'regular' and member_id is not null and business_date between @from and @to"
            + (memberId is null ? "" : " and member_id = @m") + " group by member_id order by member_id";
        var parameters = new List<(string, object)>
        {
            ("t", tenant), ("codes", codes), ("from", new DateOnly(year, 1, 1)), ("to", new DateOnly(year, 12, 31)),
        };
        if (memberId is { } m) parameters.Add(("m", m));
        return SqlReads.Query(pool, sql, r => (r.GetGuid(0), r.GetDecimal(1), r.GetDecimal(2)), ct, parameters.ToArray());
    }

    /// <summary>Credit less debit per member, account and day of regular lines on <paramref name="codes"/> up to <paramref name="to"/> (the SHU basis).</summary>
    public static Task<List<BasisMovement>> BasisMovements(NpgsqlDataSource pool, string tenant, string[] codes, LocalDate to, CancellationToken ct) =>
        SqlReads.Query(pool,
            $"select member_id, account_code, business_date, sum(credit - debit) from {Lines} where tenant_id = @t "
            + "and account_code = any(@codes) and business_date <= @to and kind = 'regular' and member_id is not null group by 1, 2, 3",
            r => new BasisMovement(r.GetGuid(0), r.GetString(1), LocalDate.FromDateOnly(r.GetFieldValue<DateOnly>(2)), r.GetDecimal(3)), ct,
            ("t", tenant), ("codes", codes), ("to", to.ToDateOnly()));
}
