using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Koperasi;
using Ekopz.Domain.Ledger;
using Ekopz.Domain.Members;
using Ekopz.Domain.Shu;
using Ekopz.Projections;
using Marten;
using NodaTime;

namespace Ekopz.Api.Shu;

/// <summary>
/// Each member's basis figures for a year, read from the ledger lines that name the member
/// (docs/adr/0012): interest paid on loans = credits less debits on every account that held the
/// loan interest income role; purchases = the same on member sales and sales returns; capital =
/// pokok + wajib at year end, or the year's average daily balance (a koperasi setting). Only the
/// year's regular entries count, so a correction dated in a later year never changes a year.
/// </summary>
public sealed class ShuBasisQuery(ReadDb db)
{
    private static readonly string S = EkopzMarten.Schema;

    public async Task<IReadOnlyList<MemberBasis>> ForYear(IQuerySession session, string tenant, int year, Chart chart, string capitalBasis, CancellationToken ct)
    {
        var start = new LocalDate(year, 1, 1);
        var end = new LocalDate(year, 12, 31);
        string[] CodesOf(params string[] roles) => chart.Roles.Where(r => roles.Contains(r.Role)).Select(r => r.Code).Distinct().ToArray();

        var interest = await PerMember(tenant, CodesOf(AccountRoles.LoanInterestIncome), start, end, ct);
        var purchases = await PerMember(tenant, CodesOf(AccountRoles.ShopSalesMember, AccountRoles.ShopSalesReturns), start, end, ct);
        var capitalCodes = CodesOf(AccountRoles.SavingsPokok, AccountRoles.SavingsWajib);
        var capital = capitalBasis == JasaModalBases.Average
            ? await AverageCapital(tenant, capitalCodes, start, end, ct)
            : await PerMember(tenant, capitalCodes, new LocalDate(1, 1, 1), end, ct);

        // Members of the year: activated by its end and not gone before it ended.
        var members = await session.Query<Member>().Where(m => m.ActivatedOn != null).ToListAsync(ct);
        return members
            .Where(m => m.ActivatedOn <= end && (m.ExitedOn is null || m.ExitedOn > end))
            .Select(m => new MemberBasis(m.Id, m.MemberNumber, m.Name, new Dictionary<string, decimal>
            {
                [ShuBases.LoanInterest] = interest.GetValueOrDefault(m.Id),
                [ShuBases.Purchases] = purchases.GetValueOrDefault(m.Id),
                [ShuBases.Capital] = capital.GetValueOrDefault(m.Id),
            }))
            .OrderBy(m => m.MemberNumber, StringComparer.Ordinal)
            .ToList();
    }

    private async Task<Dictionary<Guid, decimal>> PerMember(string tenant, string[] codes, LocalDate from, LocalDate to, CancellationToken ct)
    {
        var rows = await db.Query(
            $"select member_id, sum(credit - debit) from {S}.ledger_lines where tenant_id = @t and account_code = any(@codes) "
            + "and business_date between @from and @to and kind = 'regular' and member_id is not null group by member_id",
            r => (r.GetGuid(0), r.GetDecimal(1)), ct, ("t", tenant), ("codes", codes), ("from", from.ToDateOnly()), ("to", to.ToDateOnly()));
        return rows.ToDictionary(r => r.Item1, r => r.Item2);
    }

    /// <summary>The average of each day's closing pokok + wajib balance over the year, to the cent.</summary>
    private async Task<Dictionary<Guid, decimal>> AverageCapital(string tenant, string[] codes, LocalDate start, LocalDate end, CancellationToken ct)
    {
        var opening = await PerMember(tenant, codes, new LocalDate(1, 1, 1), start.PlusDays(-1), ct);
        var moves = await db.Query(
            $"select member_id, business_date, sum(credit - debit) from {S}.ledger_lines where tenant_id = @t and account_code = any(@codes) "
            + "and business_date between @from and @to and member_id is not null group by member_id, business_date",
            r => (r.GetGuid(0), LocalDate.FromDateOnly(r.GetFieldValue<DateOnly>(1)), r.GetDecimal(2)), ct,
            ("t", tenant), ("codes", codes), ("from", start.ToDateOnly()), ("to", end.ToDateOnly()));
        var days = Period.Between(start, end, PeriodUnits.Days).Days + 1;
        var result = new Dictionary<Guid, decimal>();
        foreach (var member in opening.Keys.Concat(moves.Select(m => m.Item1)).Distinct())
        {
            var byDay = moves.Where(m => m.Item1 == member).ToDictionary(m => m.Item2, m => m.Item3);
            decimal balance = opening.GetValueOrDefault(member), sum = 0;
            for (var d = start; d <= end; d = d.PlusDays(1))
            {
                balance += byDay.GetValueOrDefault(d);
                sum += balance;
            }
            result[member] = Ekopz.Domain.Common.Money.RoundCents(sum / days);
        }
        return result;
    }
}
