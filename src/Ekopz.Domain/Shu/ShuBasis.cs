using Ekopz.Domain.Common;
using Ekopz.Domain.Koperasi;
using Ekopz.Domain.Ledger;
using NodaTime;

namespace Ekopz.Domain.Shu;

/// <summary>What one member's regular ledger lines did to one account on one day: credits less debits.</summary>
public sealed record BasisMovement(Guid MemberId, string AccountCode, LocalDate Date, decimal CreditLessDebit);

/// <summary>The accounts each basis reads: every account that ever held the role (a remapped role keeps its history).</summary>
public sealed record BasisAccounts(IReadOnlySet<string> LoanInterest, IReadOnlySet<string> Purchases, IReadOnlySet<string> Capital)
{
    public static BasisAccounts Of(Chart chart)
    {
        IReadOnlySet<string> CodesOf(params string[] roles) => chart.Roles.Where(r => roles.Contains(r.Role)).Select(r => r.Code).ToHashSet();
        return new BasisAccounts(CodesOf(AccountRoles.LoanInterestIncome), CodesOf(AccountRoles.ShopSalesMember, AccountRoles.ShopSalesReturns),
            CodesOf(AccountRoles.SavingsPokok, AccountRoles.SavingsWajib));
    }

    public IEnumerable<string> All => LoanInterest.Concat(Purchases).Concat(Capital).Distinct();
}

/// <summary>
/// Each member's basis figures for a year (docs/adr/0012), from the movements of their regular ledger
/// lines, wherever those come from: the live ledger when the RAT decides, the ledger rebuilt from the
/// events when the decision is checked. One definition for both, so a mismatch means the data differ,
/// never the arithmetic.
/// <list type="bullet">
/// <item>loan interest and purchases: the year's credits less debits on their accounts;</item>
/// <item>capital: pokok + wajib at year end, or the average of each day's closing balance over the year, to the cent.</item>
/// </list>
/// Movements after the year are ignored, so nothing dated later changes a year.
/// </summary>
public static class ShuBasis
{
    public static IReadOnlyDictionary<Guid, IReadOnlyDictionary<string, decimal>> Compute(int year, IEnumerable<BasisMovement> movements,
        BasisAccounts accounts, string capitalBasis)
    {
        var start = new LocalDate(year, 1, 1);
        var end = new LocalDate(year, 12, 31);
        var result = new Dictionary<Guid, IReadOnlyDictionary<string, decimal>>();
        foreach (var member in movements.Where(m => m.Date <= end).GroupBy(m => m.MemberId))
        {
            decimal InYear(IReadOnlySet<string> codes) => member.Where(m => m.Date >= start && codes.Contains(m.AccountCode)).Sum(m => m.CreditLessDebit);
            var capital = member.Where(m => accounts.Capital.Contains(m.AccountCode)).ToList();
            result[member.Key] = new Dictionary<string, decimal>
            {
                [ShuBases.LoanInterest] = InYear(accounts.LoanInterest),
                [ShuBases.Purchases] = InYear(accounts.Purchases),
                [ShuBases.Capital] = capitalBasis == JasaModalBases.Average ? AverageBalance(capital, start, end) : capital.Sum(m => m.CreditLessDebit),
            };
        }
        return result;
    }

    /// <summary>Σ each day's closing balance ÷ the days of the year, rounded to the cent.</summary>
    private static decimal AverageBalance(IReadOnlyList<BasisMovement> moves, LocalDate start, LocalDate end)
    {
        var balance = moves.Where(m => m.Date < start).Sum(m => m.CreditLessDebit);
        var byDay = moves.Where(m => m.Date >= start).GroupBy(m => m.Date).ToDictionary(g => g.Key, g => g.Sum(m => m.CreditLessDebit));
        decimal sum = 0;
        for (var d = start; d <= end; d = d.PlusDays(1))
        {
            balance += byDay.GetValueOrDefault(d);
            sum += balance;
        }
        return Money.RoundCents(sum / (Period.Between(start, end, PeriodUnits.Days).Days + 1));
    }
}
