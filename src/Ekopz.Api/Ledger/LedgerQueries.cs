using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Ledger;
using Ekopz.Projections;
using NodaTime;
using Npgsql;

namespace Ekopz.Api.Ledger;

/// <summary>Debit and credit totals of one account (optionally one counterparty class).</summary>
public sealed record AccountTotals(string Code, string Counterparty, decimal Debit, decimal Credit)
{
    public decimal DebitBalance => Debit - Credit;
}

/// <summary>One posted line, with its entry and the event behind it.</summary>
public sealed record LedgerLineRow(
    Guid EntryId, int LineNo, string AccountCode, LocalDate BusinessDate, Instant RecordedAt, string Kind, decimal Debit, decimal Credit,
    string? Counterparty, string? CashFlow, Guid? MemberId, string? Memo, Guid? EventId, long Sequence, string Source, string Actor,
    string Description, string RuleVersion, Guid? Reference);

/// <summary>
/// The SQL reads behind every ledger report (docs/adr/0009). Balances come from the daily totals;
/// "as known at" subtracts the few lines recorded after that moment. Every query filters by tenant.
/// </summary>
public sealed class LedgerQueries(ReadDb db)
{
    private static readonly string S = EkopzMarten.Schema;

    private static readonly LocalDate FirstDate = new(1, 1, 1);

    /// <summary>PostgreSQL and DateOnly start at year 1; NodaTime's "beginning of time" is earlier.</summary>
    private static DateOnly D(LocalDate d) => d < FirstDate ? DateOnly.MinValue : d.ToDateOnly();

    /// <summary>
    /// Totals per account (and counterparty when <paramref name="byCounterparty"/>) over business dates
    /// [<paramref name="from"/>, <paramref name="to"/>] (from null: since the beginning), for the given
    /// entry kinds, as the books stood at <paramref name="knownAt"/> (null: now).
    /// </summary>
    public async Task<List<AccountTotals>> Totals(string tenant, LocalDate? from, LocalDate to, Instant? knownAt, string[] kinds,
        bool byCounterparty, CancellationToken ct)
    {
        var cp = byCounterparty ? "counterparty" : "''";
        var daily = await db.Query(
            $"select account_code, {cp}, sum(debit), sum(credit) from {S}.ledger_daily where tenant_id = @t and business_date <= @to "
            + "and business_date >= @from and kind = any(@kinds) group by 1, 2",
            Map, ct, ("t", tenant), ("to", D(to)), ("from", D(from ?? LocalDate.MinIsoValue)), ("kinds", kinds));
        if (knownAt is null) return daily;

        var cpLines = byCounterparty ? "coalesce(counterparty, '')" : "''";
        var late = await db.Query(
            $"select account_code, {cpLines}, sum(debit), sum(credit) from {S}.ledger_lines where tenant_id = @t and business_date <= @to "
            + "and business_date >= @from and kind = any(@kinds) and recorded_at > @k group by 1, 2",
            Map, ct, ("t", tenant), ("to", D(to)), ("from", D(from ?? LocalDate.MinIsoValue)), ("kinds", kinds),
            ("k", knownAt.Value.ToDateTimeUtc()));
        var result = daily.ToDictionary(x => (x.Code, x.Counterparty));
        foreach (var l in late)
        {
            var key = (l.Code, l.Counterparty);
            var current = result.GetValueOrDefault(key) ?? new AccountTotals(l.Code, l.Counterparty, 0m, 0m);
            result[key] = current with { Debit = current.Debit - l.Debit, Credit = current.Credit - l.Credit };
        }
        return result.Values.Where(x => x.Debit != 0 || x.Credit != 0).ToList();
    }

    private static AccountTotals Map(NpgsqlDataReader r) => new(r.GetString(0), r.GetString(1), r.GetDecimal(2), r.GetDecimal(3));

    /// <summary>Cumulative balances at the end of <paramref name="asOf"/> per account (all entry kinds unless told).</summary>
    public async Task<Dictionary<string, AccountTotals>> Balances(string tenant, LocalDate asOf, Instant? knownAt, CancellationToken ct,
        string[]? kinds = null) =>
        (await Totals(tenant, null, asOf, knownAt, kinds ?? AllKinds, false, ct)).ToDictionary(x => x.Code);

    public static readonly string[] AllKinds = [EntryKinds.Regular, EntryKinds.Closing, EntryKinds.Opening];
    public static readonly string[] RegularOnly = [EntryKinds.Regular];
    // What a period seals is TrialBalances.Sealed (PeriodSeal in the domain): the trial balance the report shows.

    /// <summary>
    /// Posted lines with their entries, in business-date then sequence order, all of them: for one entry
    /// and for the verifier. Reports page, sum or stream through <see cref="LedgerLines"/> instead.
    /// </summary>
    public Task<List<LedgerLineRow>> Lines(string tenant, LocalDate from, LocalDate to, Instant? knownAt, CancellationToken ct,
        IReadOnlyCollection<string>? accounts = null, Guid? entryId = null)
    {
        var sql = $"select l.entry_id, l.line_no, l.account_code, l.business_date, l.recorded_at, l.kind, l.debit, l.credit, l.counterparty, "
            + "l.cash_flow, l.member_id, l.memo, e.event_id, e.sequence, e.source, e.actor, e.description, e.rule_version, e.reference "
            + $"from {S}.ledger_lines l join {S}.ledger_entries e on e.tenant_id = l.tenant_id and e.entry_id = l.entry_id "
            + "where l.tenant_id = @t and l.business_date between @from and @to"
            + (knownAt is null ? "" : " and l.recorded_at <= @k")
            + (accounts is null ? "" : " and l.account_code = any(@accounts)")
            + (entryId is null ? "" : " and l.entry_id = @entry")
            + " order by l.business_date, e.sequence, l.entry_id, l.line_no";
        var p = new List<(string, object)> { ("t", tenant), ("from", D(from)), ("to", D(to)) };
        if (knownAt is { } k) p.Add(("k", k.ToDateTimeUtc()));
        if (accounts is not null) p.Add(("accounts", accounts.ToArray()));
        if (entryId is { } id) p.Add(("entry", id));
        return db.Query(sql, r => new LedgerLineRow(
            r.GetGuid(0), r.GetInt32(1), r.GetString(2), LocalDate.FromDateOnly(r.GetFieldValue<DateOnly>(3)),
            Instant.FromDateTimeUtc(DateTime.SpecifyKind(r.GetDateTime(4), DateTimeKind.Utc)), r.GetString(5), r.GetDecimal(6), r.GetDecimal(7),
            r.IsDBNull(8) ? null : r.GetString(8), r.IsDBNull(9) ? null : r.GetString(9), r.IsDBNull(10) ? null : r.GetGuid(10),
            r.IsDBNull(11) ? null : r.GetString(11), r.IsDBNull(12) ? null : r.GetGuid(12), r.GetInt64(13), r.GetString(14), r.GetString(15),
            r.GetString(16), r.GetString(17), r.IsDBNull(18) ? null : r.GetGuid(18)), ct, p.ToArray());
    }

    /// <summary>Is anything posted before <paramref name="date"/>?</summary>
    public async Task<bool> AnyBefore(string tenant, LocalDate date, CancellationToken ct) =>
        (await db.Query($"select exists (select 1 from {S}.ledger_daily where tenant_id = @t and business_date < @d)",
            r => r.GetBoolean(0), ct, ("t", tenant), ("d", D(date)))).Single();

    /// <summary>The per-day totals as stored, for checking them against the lines.</summary>
    public async Task<Dictionary<(string, LocalDate, string, string), (decimal, decimal)>> Daily(string tenant, CancellationToken ct) =>
        (await db.Query($"select account_code, business_date, kind, counterparty, debit, credit from {S}.ledger_daily where tenant_id = @t",
            r => (Key: (r.GetString(0), LocalDate.FromDateOnly(r.GetFieldValue<DateOnly>(1)), r.GetString(2), r.GetString(3)),
                Value: (r.GetDecimal(4), r.GetDecimal(5))), ct, ("t", tenant)))
        .ToDictionary(x => x.Key, x => x.Value);

    /// <summary>Every posted line of a koperasi, for comparing with a rebuild.</summary>
    public Task<List<LedgerLineRow>> AllLines(string tenant, CancellationToken ct) =>
        Lines(tenant, LocalDate.MinIsoValue, LocalDate.MaxIsoValue, null, ct);
}
