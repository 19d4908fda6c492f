using Npgsql;

namespace Ekopz.Projections.Ledger;

/// <summary>Totals of the selected lines, from the daily totals when they suffice (docs/adr/0009).</summary>
public static partial class LedgerLineQueries
{
    /// <summary>How many lines <paramref name="f"/> selects and what they add up to.</summary>
    public static async Task<LineTotals> Totals(NpgsqlDataSource pool, string tenant, LineSelection f, CancellationToken ct)
    {
        if (f.DailyTotalsSuffice)
        {
            var daily = await Daily(pool, tenant, f, "''", ct);
            return new LineTotals(daily.Sum(d => d.Count), daily.Sum(d => d.Debit), daily.Sum(d => d.Credit));
        }
        var (where, p) = f.Where(tenant);
        return (await SqlReads.Query(pool, $"select count(*), coalesce(sum(l.debit), 0), coalesce(sum(l.credit), 0) from {Source(f)} where {where}",
            r => new LineTotals(r.GetInt64(0), r.GetDecimal(1), r.GetDecimal(2)), ct, p.ToArray())).Single();
    }

    /// <summary>
    /// Totals per account, or per account and counterparty (keys <c>code|counterparty</c>, no counterparty as an empty
    /// string, split with <see cref="SplitAccountAndCounterparty"/>).
    /// </summary>
    public static async Task<List<KeyTotals>> SumByAccount(NpgsqlDataSource pool, string tenant, LineSelection f, bool byCounterparty,
        CancellationToken ct)
    {
        var key = byCounterparty ? "{0}.account_code || '|' || coalesce({0}.counterparty, '')" : "{0}.account_code";
        return f.DailyTotalsSuffice ? await Daily(pool, tenant, f, key, ct) : await SumBy(pool, string.Format(key, "l"), tenant, f, ct);
    }

    /// <summary>
    /// Totals per account and calendar month of the business date (keys <c>code|yyyy-MM</c>), from the daily totals when
    /// they suffice: a year of months for a few accounts is a few dozen rows of a few hundred daily ones (the dashboard's charts).
    /// </summary>
    public static async Task<List<KeyTotals>> SumByAccountAndMonth(NpgsqlDataSource pool, string tenant, LineSelection f, CancellationToken ct)
    {
        const string key = "{0}.account_code || '|' || to_char({0}.business_date, 'YYYY-MM')";
        return f.DailyTotalsSuffice ? await Daily(pool, tenant, f, key, ct) : await SumBy(pool, string.Format(key, "l"), tenant, f, ct);
    }

    /// <summary>The account code and counterparty of a <c>code|counterparty</c> key.</summary>
    public static (string Code, string Counterparty) SplitAccountAndCounterparty(string key)
    {
        var bar = key.IndexOf('|');
        return (key[..bar], key[(bar + 1)..]);
    }

    /// <summary>Totals per cash flow category; lines without one are <c>operating.other</c>, as the statement shows them.</summary>
    public static Task<List<KeyTotals>> SumByCashFlow(NpgsqlDataSource pool, string tenant, LineSelection f, CancellationToken ct) =>
        SumBy(pool, $"coalesce(l.cash_flow, '{Ekopz.Domain.Ledger.CashFlows.OtherOperating}')", tenant, f, ct);

    private static async Task<List<KeyTotals>> SumBy(NpgsqlDataSource pool, string key, string tenant, LineSelection f, CancellationToken ct)
    {
        var (where, p) = f.Where(tenant);
        return await SqlReads.Query(pool, $"select {key}, sum(l.debit), sum(l.credit), count(*) from {Source(f)} where {where} group by 1",
            r => new KeyTotals(r.GetString(0), r.GetDecimal(1), r.GetDecimal(2), r.GetInt64(3)), ct, p.ToArray());
    }

    /// <summary>
    /// Totals per <paramref name="key"/> (a text expression over columns both tables have, <c>{0}</c> standing for the table) from the daily totals, less
    /// the lines recorded after knownAt (docs/adr/0009): the same figures as summing the lines, without reading them.
    /// </summary>
    private static async Task<List<KeyTotals>> Daily(NpgsqlDataSource pool, string tenant, LineSelection f, string key, CancellationToken ct)
    {
        var (where, p) = f.Where(tenant, "d", LineSelection.Known.Ignore);
        var daily = await SqlReads.Query(pool,
            $"select {string.Format(key, "d")}, sum(d.debit), sum(d.credit), sum(d.line_count) from {S}.ledger_daily d where {where} group by 1",
            r => new KeyTotals(r.GetString(0), r.GetDecimal(1), r.GetDecimal(2), r.GetInt64(3)), ct, p.ToArray());
        if (f.KnownAt is null) return daily;
        var (lateWhere, lp) = f.Where(tenant, "l", LineSelection.Known.Later);
        var late = await SqlReads.Query(pool,
            $"select {string.Format(key, "l")}, sum(l.debit), sum(l.credit), count(*) from {S}.ledger_lines l where {lateWhere} group by 1",
            r => new KeyTotals(r.GetString(0), r.GetDecimal(1), r.GetDecimal(2), r.GetInt64(3)), ct, lp.ToArray());
        var result = daily.ToDictionary(x => x.Key);
        foreach (var l in late)
        {
            var current = result.GetValueOrDefault(l.Key) ?? new KeyTotals(l.Key, 0m, 0m, 0);
            result[l.Key] = new KeyTotals(l.Key, current.Debit - l.Debit, current.Credit - l.Credit, current.Count - l.Count);
        }
        return result.Values.Where(x => x.Count != 0).ToList();
    }
}
