using Ekopz.Api.Ledger;
using Ekopz.Domain.Ledger;
using NodaTime;

namespace Ekopz.Api.Members.Exiting;

/// <summary>
/// Own capital (modal sendiri) from the ledger: the balances of accounts tagged own_capital
/// (pokok, wajib, reserves, grants), as the exit warning compares it.
/// </summary>
public static class OwnCapital
{
    public static async Task<decimal> At(LedgerQueries ledger, Chart chart, string tenant, LocalDate date, CancellationToken ct)
    {
        var balances = await ledger.Balances(tenant, date, null, ct);
        return -balances.Values.Where(b => chart.Find(b.Code)?.Definition.HasTag(AccountTags.OwnCapital) == true).Sum(b => b.DebitBalance);
    }
}
