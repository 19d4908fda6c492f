using Ekopz.Domain.Common;
using Ekopz.Projections.Savings;
using Marten;
using NodaTime;

namespace Ekopz.Api.Members.Exiting;

/// <summary>
/// Own capital (modal sendiri) for the exit warning: pokok + wajib of all members, from the
/// statement lines. Reserves and grants join when the ledger carries them (issue 4).
/// </summary>
public static class OwnCapital
{
    public static async Task<decimal> MemberCapitalBefore(IQuerySession session, LocalDate date, CancellationToken ct)
    {
        var key = date.Key();
        return await session.Query<SavingsLine>()
            .Where(l => (l.Kind == "pokok" || l.Kind == "wajib") && l.DateKey < key)
            .SumAsync(l => l.Amount, ct);
    }

    public static async Task<decimal> MemberCapitalNow(IQuerySession session, CancellationToken ct) =>
        await session.Query<SavingsLine>().Where(l => l.Kind == "pokok" || l.Kind == "wajib").SumAsync(l => l.Amount, ct);
}
