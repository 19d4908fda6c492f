using System.Text;
using Ekopz.Domain.Ledger;
using Marten;

namespace Ekopz.Projections.Ledger;

public static partial class LedgerWriter
{
    private const string BulkEntryColumns =
        "(tenant_id, entry_id, event_id, sequence, source, kind, business_date, recorded_at, actor, description, rule_version, reference)";
    private static string BulkEntryValues(string schema) => $"(?, ?, ?::uuid, {EventSequence.Sql(schema)}, ?, ?, ?, ?, ?, ?, ?, ?::uuid)";
    /// <summary>Entries per insert statement: 13 parameters each, under PostgreSQL's 65,535 per statement.</summary>
    public const int BulkEntriesPerStatement = 5_000;

    /// <summary>
    /// Many entries of one unit of work at once (an import's opening balances, docs/adr/0035): the same rows as
    /// <see cref="Queue"/> writes for each, in a handful of statements instead of four per entry. The closed-period guard
    /// runs once per month the entries fall in, the entries and the lines go in multi-row inserts, and the daily totals
    /// are summed here and added with one call per day and kind. Adding the sum once equals adding each entry's totals:
    /// the rows hold sums and counts. It also keeps one transaction from updating the same daily row thousands of times
    /// (every update leaves one more row version for the next to pass).
    /// </summary>
    public static void QueueEntriesInBulk(IDocumentOperations operations, string schema, string tenant, IReadOnlyList<JournalEntry> entries,
        bool guardPeriod = true, bool spreadDailyTotals = true)
    {
        if (entries.Count == 0) return;

        // The guard first, once per month: a posting into a closed month fails before anything is written.
        if (guardPeriod)
            foreach (var date in entries.Where(e => e.Kind == EntryKinds.Regular).GroupBy(e => (e.BusinessDate.Year, e.BusinessDate.Month))
                         .Select(g => g.Min(e => e.BusinessDate)).OrderBy(d => d))
                operations.QueueSqlCommand($"select {schema}.ledger_assert_open(?, ?)", tenant, date.ToDateOnly());

        var values = BulkEntryValues(schema);
        for (var start = 0; start < entries.Count; start += BulkEntriesPerStatement)
        {
            var count = Math.Min(BulkEntriesPerStatement, entries.Count - start);
            var sql = new StringBuilder($"insert into {schema}.ledger_entries {BulkEntryColumns} values ");
            var args = new List<object>(count * 13);
            for (var i = start; i < start + count; i++)
            {
                var e = entries[i];
                sql.Append(i == start ? values : ", " + values);
                args.AddRange([tenant, e.EntryId, (object?)e.EventId ?? DBNull.Value, e.Sequence, (object?)e.EventId ?? DBNull.Value, e.Source, e.Kind, e.BusinessDate.ToDateOnly(),
                    e.RecordedAt.ToDateTimeOffset(), e.Actor, e.Description, e.RuleVersion, (object?)e.Reference ?? DBNull.Value]);
            }
            operations.QueueSqlCommand(sql.ToString(), args.ToArray());
        }

        var lines = entries.SelectMany(e => e.Lines.Select((l, i) => (Entry: e, No: i, Line: l))).ToList();
        for (var start = 0; start < lines.Count; start += LinesPerStatement)
        {
            var count = Math.Min(LinesPerStatement, lines.Count - start);
            var sql = new StringBuilder($"insert into {schema}.ledger_lines {LineColumns} values ");
            var args = new List<object>(count * 13);
            for (var i = start; i < start + count; i++)
            {
                var (e, no, l) = lines[i];
                sql.Append(i == start ? LineValues : ", " + LineValues);
                args.AddRange([tenant, e.EntryId, no, l.AccountCode, e.BusinessDate.ToDateOnly(), e.RecordedAt.ToDateTimeOffset(), e.Kind, l.Debit, l.Credit,
                    (object?)CounterpartyName(l.Counterparty) ?? DBNull.Value, (object?)l.CashFlow ?? DBNull.Value,
                    (object?)l.MemberId ?? DBNull.Value, (object?)l.Memo ?? DBNull.Value]);
            }
            operations.QueueSqlCommand(sql.ToString(), args.ToArray());
        }

        // Daily totals: one call per day and kind, accounts in the same fixed order as Queue's.
        foreach (var day in lines.GroupBy(x => (x.Entry.BusinessDate, x.Entry.Kind)).OrderBy(g => g.Key.BusinessDate).ThenBy(g => g.Key.Kind, StringComparer.Ordinal))
        {
            var totals = day.GroupBy(x => (x.Line.AccountCode, Counterparty: CounterpartyName(x.Line.Counterparty) ?? ""))
                .OrderBy(g => g.Key.AccountCode, StringComparer.Ordinal).ThenBy(g => g.Key.Counterparty, StringComparer.Ordinal)
                .ToList();
            operations.QueueSqlCommand($"select {schema}.ledger_daily_add(?, ?, ?, ?::varchar[], ?::varchar[], ?::numeric[], ?::numeric[], ?::int[], ?, false)",
                tenant, day.Key.BusinessDate.ToDateOnly(), day.Key.Kind,
                totals.Select(g => g.Key.AccountCode).ToArray(), totals.Select(g => g.Key.Counterparty).ToArray(),
                totals.Select(g => g.Sum(x => x.Line.Debit)).ToArray(), totals.Select(g => g.Sum(x => x.Line.Credit)).ToArray(),
                totals.Select(g => g.Count()).ToArray(), spreadDailyTotals);
        }
    }
}
