using Npgsql;
using NodaTime;

namespace Ekopz.Projections.Ledger;

/// <summary>How many lines a selection holds and what they add up to.</summary>
public sealed record LineTotals(long Count, decimal Debit, decimal Credit);

/// <summary>Debit and credit totals of the lines that share a key (an account, a cash flow category).</summary>
public sealed record KeyTotals(string Key, decimal Debit, decimal Credit, long Count);

/// <summary>One posted line, with its entry and the event behind it.</summary>
public sealed record LedgerLineRow(
    Guid EntryId, int LineNo, string AccountCode, LocalDate BusinessDate, Instant RecordedAt, string Kind, decimal Debit, decimal Credit,
    string? Counterparty, string? CashFlow, Guid? MemberId, string? Memo, Guid? EventId, long Sequence, string Source, string Actor,
    string Description, string RuleVersion, Guid? Reference);

/// <summary>
/// Reads of individual journal lines for reports (docs/adr/0013), beside <see cref="LedgerWriter"/> that writes
/// <c>ledger_lines</c>, <c>ledger_entries</c> and <c>ledger_daily</c> (docs/adr/0052): totals and group totals are computed by
/// PostgreSQL, lists are pages, and exports stream every row. Nothing here fetches "all the lines" into memory, so no report can
/// silently stop at a row limit. Every query filters by tenant. In parts: sums, pages of lines, and the journal's whole entries.
/// </summary>
public static partial class LedgerLineQueries
{
    private static readonly string S = EkopzMarten.Schema;

    private static readonly string Columns =
        "l.entry_id, l.line_no, l.account_code, l.business_date, l.recorded_at, l.kind, l.debit, l.credit, l.counterparty, "
        + "l.cash_flow, l.member_id, l.memo, e.event_id, e.sequence, e.source, e.actor, e.description, e.rule_version, e.reference";

    private static readonly string Joined =
        $"{S}.ledger_lines l join {S}.ledger_entries e on e.tenant_id = l.tenant_id and e.entry_id = l.entry_id";

    /// <summary>The one order of lines everywhere: business date, then the order events were recorded, then position in the entry.</summary>
    private const string LineOrder = "l.business_date, e.sequence, l.entry_id, l.line_no";

    private static string Source(LineSelection f) => f.NeedsEntry ? Joined : $"{S}.ledger_lines l";

    private static LedgerLineRow Read(NpgsqlDataReader r) => new(
        r.GetGuid(0), r.GetInt32(1), r.GetString(2), LocalDate.FromDateOnly(r.GetFieldValue<DateOnly>(3)),
        Instant.FromDateTimeUtc(DateTime.SpecifyKind(r.GetDateTime(4), DateTimeKind.Utc)), r.GetString(5), r.GetDecimal(6), r.GetDecimal(7),
        r.IsDBNull(8) ? null : r.GetString(8), r.IsDBNull(9) ? null : r.GetString(9), r.IsDBNull(10) ? null : r.GetGuid(10),
        r.IsDBNull(11) ? null : r.GetString(11), r.IsDBNull(12) ? null : r.GetGuid(12), r.GetInt64(13), r.GetString(14), r.GetString(15),
        r.GetString(16), r.GetString(17), r.IsDBNull(18) ? null : r.GetGuid(18));
}
