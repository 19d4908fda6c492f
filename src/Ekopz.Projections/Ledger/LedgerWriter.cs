using System.Text;
using Ekopz.Domain.Ledger;
using Marten;

namespace Ekopz.Projections.Ledger;

/// <summary>
/// Queues the SQL that records journal entries into the session's own unit of work, so the entries
/// commit or roll back together with the events they come from. Per entry: the entry, one multi-row insert of its
/// lines and one call that adds its daily totals and runs the closed-period guard (docs/adr/0032, 0050: three statements,
/// however many lines).
/// </summary>
public static partial class LedgerWriter
{
    private const string LineColumns =
        "(tenant_id, entry_id, line_no, account_code, business_date, recorded_at, kind, debit, credit, counterparty, cash_flow, member_id, memo)";
    private const string LineValues = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?::varchar, ?::varchar, ?::uuid, ?::text)";
    /// <summary>Lines per insert statement: 13 parameters each, under PostgreSQL's 65,535 per statement.</summary>
    public const int LinesPerStatement = 4_000;

    /// <param name="spreadDailyTotals">
    /// Live postings add their daily totals to a stripe row no other transaction holds, so concurrent postings to one
    /// account and day do not queue on one row (<c>ledger_daily_add</c>, docs/adr/0032). A rebuild is the only writer
    /// and adds to stripe 0 directly.
    /// </param>
    public static void Queue(IDocumentOperations operations, string schema, string tenant, JournalEntry entry, bool guardPeriod = true,
        bool spreadDailyTotals = true)
    {
        var date = entry.BusinessDate.ToDateOnly();
        var recordedAt = entry.RecordedAt.ToDateTimeOffset();

        // The closed-period guard runs inside the daily totals' call (one statement fewer per posting, docs/adr/0050); an entry
        // without lines has no such call and checks on its own. Either way a posting into a closed month fails its whole transaction.
        var guard = guardPeriod && entry.Kind == EntryKinds.Regular;
        if (guard && entry.Lines.Count == 0)
            operations.QueueSqlCommand($"select {schema}.ledger_assert_open(?, ?)", tenant, date);

        operations.QueueSqlCommand(
            $"insert into {schema}.ledger_entries (tenant_id, entry_id, event_id, sequence, source, kind, business_date, recorded_at, actor, description, rule_version, reference) "
            + $"values (?, ?, ?::uuid, {EventSequence.Sql(schema)}, ?, ?, ?, ?, ?, ?, ?, ?::uuid)",
            tenant, entry.EntryId, (object?)entry.EventId ?? DBNull.Value, entry.Sequence, (object?)entry.EventId ?? DBNull.Value, entry.Source, entry.Kind, date,
            recordedAt, entry.Actor, entry.Description, entry.RuleVersion, (object?)entry.Reference ?? DBNull.Value);

        if (entry.Lines.Count == 0) return;

        // The lines in multi-row VALUES lists, one statement per chunk: PostgreSQL takes at most 65,535 parameters per
        // statement, and a collection batch's entry has one line per member and account (docs/adr/0036).
        for (var start = 0; start < entry.Lines.Count; start += LinesPerStatement)
        {
            var count = Math.Min(LinesPerStatement, entry.Lines.Count - start);
            var sql = new StringBuilder($"insert into {schema}.ledger_lines {LineColumns} values ");
            var args = new List<object>(count * 13);
            for (var i = start; i < start + count; i++)
            {
                var l = entry.Lines[i];
                sql.Append(i == start ? LineValues : ", " + LineValues);
                args.AddRange([tenant, entry.EntryId, i, l.AccountCode, date, recordedAt, entry.Kind, l.Debit, l.Credit,
                    (object?)CounterpartyName(l.Counterparty) ?? DBNull.Value, (object?)l.CashFlow ?? DBNull.Value,
                    (object?)l.MemberId ?? DBNull.Value, (object?)l.Memo ?? DBNull.Value]);
            }
            operations.QueueSqlCommand(sql.ToString(), args.ToArray());
        }

        // Daily totals in one call, in a fixed order (account, then counterparty) so postings take rows alike.
        var totals = entry.Lines.GroupBy(l => (l.AccountCode, Counterparty: CounterpartyName(l.Counterparty) ?? ""))
            .OrderBy(g => g.Key.AccountCode, StringComparer.Ordinal).ThenBy(g => g.Key.Counterparty, StringComparer.Ordinal)
            .ToList();
        operations.QueueSqlCommand($"select {schema}.ledger_daily_add(?, ?, ?, ?::varchar[], ?::varchar[], ?::numeric[], ?::numeric[], ?::int[], ?, ?)",
            tenant, date, entry.Kind,
            totals.Select(g => g.Key.AccountCode).ToArray(), totals.Select(g => g.Key.Counterparty).ToArray(),
            totals.Select(g => g.Sum(l => l.Debit)).ToArray(), totals.Select(g => g.Sum(l => l.Credit)).ToArray(),
            totals.Select(g => g.Count()).ToArray(), spreadDailyTotals, guard);
    }

    public static string? CounterpartyName(Ekopz.Domain.Common.CounterpartyClass? c) => c switch
    {
        null => null,
        Ekopz.Domain.Common.CounterpartyClass.Member => "member",
        Ekopz.Domain.Common.CounterpartyClass.OtherKoperasi => "other_koperasi",
        _ => "non_member",
    };
}
