using Ekopz.Domain.Ledger;
using NodaTime;

namespace Ekopz.Api.Ledger;

/// <param name="DrillDown">The journal lines that make up the balance (every line on the account up to the date, as known then).</param>
public sealed record TrialBalanceRow(string AccountCode, string AccountName, string Class, decimal Debit, decimal Credit, string? DrillDown = null);

public sealed record TrialBalanceView(LocalDate AsOf, Instant? KnownAt, IReadOnlyList<TrialBalanceRow> Lines, decimal TotalDebit, decimal TotalCredit, bool Balanced);

/// <summary>Trial balance arithmetic shared by the report, the period seal and its verification.</summary>
public static class TrialBalances
{
    /// <summary>
    /// The trial balance at the end of <paramref name="asOf"/> as known at <paramref name="knownAt"/> (null: now): the one
    /// definition behind GET ledger/trial-balance, the period seal and its verification. Every entry kind counts;
    /// <paramref name="preClosing"/> leaves out a year-end closing entry dated <paramref name="asOf"/> itself, which is what
    /// a period seals (<see cref="PeriodSeal"/>).
    /// </summary>
    public static async Task<IReadOnlyList<TrialBalanceLine>> Load(LedgerQueries ledger, string tenant, LocalDate asOf, Instant? knownAt, bool preClosing,
        CancellationToken ct)
    {
        if (!preClosing) return From(await ledger.Totals(tenant, null, asOf, knownAt, LedgerQueries.AllKinds, false, ct));
        var before = await ledger.Totals(tenant, null, asOf.PlusDays(-1), knownAt, LedgerQueries.AllKinds, false, ct);
        var lastDay = await ledger.Totals(tenant, asOf, asOf, knownAt, PeriodSeal.KindsOnTheLastDay(asOf), false, ct);
        return From(before.Concat(lastDay));
    }

    /// <summary>What the close of the month ending <paramref name="periodEnd"/> seals, from the books as they stand now.</summary>
    public static Task<IReadOnlyList<TrialBalanceLine>> Sealed(LedgerQueries ledger, string tenant, LocalDate periodEnd, CancellationToken ct) =>
        Load(ledger, tenant, periodEnd, null, preClosing: true, ct);

    /// <summary>Each account's balance on its side: a debit balance in the debit column, a credit balance in the credit column.</summary>
    public static IReadOnlyList<TrialBalanceLine> From(IEnumerable<AccountTotals> totals) =>
        totals.GroupBy(t => t.Code)
            .Select(g => (Code: g.Key, Balance: g.Sum(t => t.DebitBalance)))
            .Where(x => x.Balance != 0)
            .Select(x => x.Balance > 0 ? new TrialBalanceLine(x.Code, x.Balance, 0m) : new TrialBalanceLine(x.Code, 0m, -x.Balance))
            .OrderBy(l => l.AccountCode, StringComparer.Ordinal)
            .ToList();

    public static TrialBalanceView View(Chart chart, LocalDate asOf, Instant? knownAt, IReadOnlyList<TrialBalanceLine> lines,
        Func<string, string>? drillDown = null)
    {
        var rows = lines.Select(l =>
        {
            var account = chart.Find(l.AccountCode);
            return new TrialBalanceRow(l.AccountCode, account?.NameAt(asOf) ?? l.AccountCode,
                account is null ? "unknown" : chart.PresentedClass(l.AccountCode, asOf).ToString().ToLowerInvariant(), l.Debit, l.Credit,
                drillDown?.Invoke(l.AccountCode));
        }).ToList();
        var debit = rows.Sum(r => r.Debit);
        var credit = rows.Sum(r => r.Credit);
        return new TrialBalanceView(asOf, knownAt, rows, debit, credit, debit == credit);
    }
}
