using Npgsql;
using NodaTime;

namespace Ekopz.Projections.Ledger;

/// <summary>A posted line as stored, with its entry row (left-joined: a line whose entry row is gone still shows).</summary>
public sealed record LiveLine(Guid EntryId, int LineNo, string AccountCode, LocalDate BusinessDate, string Kind, decimal Debit, decimal Credit,
    string? Counterparty, string? CashFlow, Guid? MemberId, string? Memo, bool HasEntry, Guid? EventId, long? Sequence, string? Source,
    string? RuleVersion, LocalDate? EntryDate, string? EntryKind, string? Actor, string? Description, Guid? Reference, Instant? EntryRecordedAt);

/// <summary>
/// Every line of a tenant's ledger exactly as stored, for the verification that replays the events and compares field by field
/// (docs/adr/0009). Beside <see cref="LedgerWriter"/>, which writes both tables (docs/adr/0052).
/// </summary>
public static class LedgerLiveLines
{
    private static readonly string S = EkopzMarten.Schema;

    /// <summary>All lines of <paramref name="tenant"/> with their entry's columns, by entry and line number.</summary>
    public static Task<List<LiveLine>> All(NpgsqlDataSource pool, string tenant, CancellationToken ct) => SqlReads.Query(pool,
        "select l.entry_id, l.line_no, l.account_code, l.business_date, l.kind, l.debit, l.credit, l.counterparty, l.cash_flow, l.member_id, l.memo, "
        + "e.entry_id is not null, e.event_id, e.sequence, e.source, e.rule_version, e.business_date, e.kind, e.actor, e.description, e.reference, e.recorded_at "
        + $"from {S}.ledger_lines l left join {S}.ledger_entries e on e.tenant_id = l.tenant_id and e.entry_id = l.entry_id "
        + "where l.tenant_id = @t order by l.entry_id, l.line_no",
        r => new LiveLine(r.GetGuid(0), r.GetInt32(1), r.GetString(2), LocalDate.FromDateOnly(r.GetFieldValue<DateOnly>(3)), r.GetString(4),
            r.GetDecimal(5), r.GetDecimal(6), r.IsDBNull(7) ? null : r.GetString(7), r.IsDBNull(8) ? null : r.GetString(8),
            r.IsDBNull(9) ? null : r.GetGuid(9), r.IsDBNull(10) ? null : r.GetString(10), r.GetBoolean(11),
            r.IsDBNull(12) ? null : r.GetGuid(12), r.IsDBNull(13) ? null : r.GetInt64(13), r.IsDBNull(14) ? null : r.GetString(14),
            r.IsDBNull(15) ? null : r.GetString(15), r.IsDBNull(16) ? null : LocalDate.FromDateOnly(r.GetFieldValue<DateOnly>(16)),
            r.IsDBNull(17) ? null : r.GetString(17), r.IsDBNull(18) ? null : r.GetString(18), r.IsDBNull(19) ? null : r.GetString(19),
            r.IsDBNull(20) ? null : r.GetGuid(20),
            r.IsDBNull(21) ? null : Instant.FromDateTimeUtc(DateTime.SpecifyKind(r.GetDateTime(21), DateTimeKind.Utc))),
        ct, ("t", tenant));
}
