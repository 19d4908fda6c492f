using Npgsql;
using NodaTime;

namespace Ekopz.Projections.Ledger;

/// <summary>
/// Reads of <c>ledger_daily</c> as stored, beside <see cref="LedgerWriter"/> that upserts it (docs/adr/0032, 0052): whether anything
/// is posted before a date (a close's "previous month closed or empty"), and the raw per-day totals the verification checks.
/// </summary>
public static class LedgerDailyTotals
{
    private const string Daily = $"{EkopzMarten.Schema}.ledger_daily";

    /// <summary>Is anything posted before <paramref name="date"/>?</summary>
    public static async Task<bool> AnyBefore(NpgsqlDataSource pool, string tenant, LocalDate date, CancellationToken ct) =>
        (await SqlReads.Query(pool, $"select exists (select 1 from {Daily} where tenant_id = @t and business_date < @d)",
            r => r.GetBoolean(0), ct, ("t", tenant), ("d", LedgerDates.Column(date)))).Single();

    /// <summary>The per-day totals as stored (summed over their stripe rows, docs/adr/0032), for checking them against the lines.</summary>
    public static async Task<Dictionary<(string, LocalDate, string, string), (decimal, decimal)>> Stored(NpgsqlDataSource pool, string tenant,
        CancellationToken ct) =>
        (await SqlReads.Query(pool, $"select account_code, business_date, kind, counterparty, sum(debit), sum(credit) from {Daily} where tenant_id = @t "
            + "group by account_code, business_date, kind, counterparty",
            r => (Key: (r.GetString(0), LocalDate.FromDateOnly(r.GetFieldValue<DateOnly>(1)), r.GetString(2), r.GetString(3)),
                Value: (r.GetDecimal(4), r.GetDecimal(5))), ct, ("t", tenant)))
        .ToDictionary(x => x.Key, x => x.Value);
}
