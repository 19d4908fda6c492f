using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Ledger;
using Ekopz.Projections.Ledger;
using NodaTime;

namespace Ekopz.Api.Ledger;

/// <summary>Debit and credit totals of one account (optionally one counterparty class).</summary>
public sealed record AccountTotals(string Code, string Counterparty, decimal Debit, decimal Credit)
{
    public decimal DebitBalance => Debit - Credit;
}

/// <summary>Debit and credit totals of one account over one calendar month.</summary>
public sealed record MonthTotals(string Code, YearMonth Month, decimal Debit, decimal Credit)
{
    public decimal DebitBalance => Debit - Credit;
}

/// <summary>
/// The balances behind every ledger report (docs/adr/0009), as reports want them. Balances come from the daily totals;
/// "as known at" subtracts the few lines recorded after that moment. The SQL is the ledger projection's
/// (<see cref="LedgerLineQueries"/>, <see cref="LedgerDailyTotals"/>, docs/adr/0053); every query filters by tenant.
/// </summary>
public sealed class LedgerQueries(ReadDb db, LedgerLines lines)
{
    /// <summary>
    /// Totals per account (and counterparty when <paramref name="byCounterparty"/>) over business dates
    /// [<paramref name="from"/>, <paramref name="to"/>] (from null: since the beginning), for the given
    /// entry kinds, as the books stood at <paramref name="knownAt"/> (null: now). The daily totals less the
    /// lines recorded after knownAt: the one implementation of that is <see cref="LedgerLines"/>'.
    /// </summary>
    public async Task<List<AccountTotals>> Totals(string tenant, LocalDate? from, LocalDate to, Instant? knownAt, string[] kinds,
        bool byCounterparty, CancellationToken ct)
    {
        var filter = new LineFilter([new DateSpan(from, to)], knownAt, Kinds: kinds);
        var totals = await lines.SumByAccount(tenant, filter, byCounterparty, ct);
        return totals.Where(t => t.Debit != 0 || t.Credit != 0).Select(t =>
        {
            var (code, counterparty) = byCounterparty ? LedgerLines.SplitAccountAndCounterparty(t.Key) : (t.Key, "");
            return new AccountTotals(code, counterparty, t.Debit, t.Credit);
        }).ToList();
    }

    /// <summary>Cumulative balances at the end of <paramref name="asOf"/> per account (all entry kinds unless told).</summary>
    public async Task<Dictionary<string, AccountTotals>> Balances(string tenant, LocalDate asOf, Instant? knownAt, CancellationToken ct,
        string[]? kinds = null) =>
        (await Totals(tenant, null, asOf, knownAt, kinds ?? AllKinds, false, ct)).ToDictionary(x => x.Code);

    /// <summary>
    /// Totals per account and month of <paramref name="accounts"/> over business dates [<paramref name="from"/>, <paramref name="to"/>]
    /// (from null: since the beginning), for the given entry kinds, as the books stand now: the daily totals summed by month.
    /// </summary>
    public async Task<List<MonthTotals>> MonthlyTotals(string tenant, LocalDate? from, LocalDate to, IReadOnlyList<string> accounts, string[] kinds,
        CancellationToken ct)
    {
        var filter = new LineFilter([new DateSpan(from, to)], null, accounts, kinds);
        return (await lines.SumByAccountAndMonth(tenant, filter, ct)).Select(t =>
        {
            var bar = t.Key.IndexOf('|');
            return new MonthTotals(t.Key[..bar], NodaTime.Text.YearMonthPattern.Iso.Parse(t.Key[(bar + 1)..]).Value, t.Debit, t.Credit);
        }).ToList();
    }

    public static readonly string[] AllKinds = [EntryKinds.Regular, EntryKinds.Closing, EntryKinds.Opening];
    public static readonly string[] RegularOnly = [EntryKinds.Regular];
    // What a period seals is TrialBalances.Sealed (PeriodSeal in the domain): the trial balance the report shows.

    /// <summary>Is anything posted before <paramref name="date"/>?</summary>
    public Task<bool> AnyBefore(string tenant, LocalDate date, CancellationToken ct) => LedgerDailyTotals.AnyBefore(db.DataSource, tenant, date, ct);
}
