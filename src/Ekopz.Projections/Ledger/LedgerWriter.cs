using Ekopz.Domain.Ledger;
using Marten;

namespace Ekopz.Projections.Ledger;

/// <summary>
/// Queues the SQL that records journal entries into the session's own unit of work, so the entries
/// commit or roll back together with the events they come from.
/// </summary>
public static class LedgerWriter
{
    public static void Queue(IDocumentOperations operations, string schema, string tenant, JournalEntry entry, bool guardPeriod = true)
    {
        // The guard first: a posting into a closed month fails before anything is written.
        if (guardPeriod && entry.Kind == EntryKinds.Regular)
            operations.QueueSqlCommand($"select {schema}.ledger_assert_open(?, ?)", tenant, entry.BusinessDate.ToDateOnly());

        operations.QueueSqlCommand(
            $"insert into {schema}.ledger_entries (tenant_id, entry_id, event_id, sequence, source, kind, business_date, recorded_at, actor, description, rule_version, reference) "
            + "values (?, ?, ?::uuid, ?, ?, ?, ?, ?, ?, ?, ?, ?::uuid)",
            tenant, entry.EntryId, (object?)entry.EventId ?? DBNull.Value, entry.Sequence, entry.Source, entry.Kind, entry.BusinessDate.ToDateOnly(),
            entry.RecordedAt.ToDateTimeOffset(), entry.Actor, entry.Description, entry.RuleVersion, (object?)entry.Reference ?? DBNull.Value);

        for (var i = 0; i < entry.Lines.Count; i++)
        {
            var l = entry.Lines[i];
            operations.QueueSqlCommand(
                $"insert into {schema}.ledger_lines (tenant_id, entry_id, line_no, account_code, business_date, recorded_at, kind, debit, credit, counterparty, cash_flow, member_id, memo) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::varchar, ?::varchar, ?::uuid, ?::text)",
                tenant, entry.EntryId, i, l.AccountCode, entry.BusinessDate.ToDateOnly(), entry.RecordedAt.ToDateTimeOffset(), entry.Kind,
                l.Debit, l.Credit, (object?)CounterpartyName(l.Counterparty) ?? DBNull.Value, (object?)l.CashFlow ?? DBNull.Value,
                (object?)l.MemberId ?? DBNull.Value, (object?)l.Memo ?? DBNull.Value);
        }

        // Daily totals in a fixed order (account, then counterparty) so concurrent postings lock rows alike.
        foreach (var g in entry.Lines.GroupBy(l => (l.AccountCode, Counterparty: CounterpartyName(l.Counterparty) ?? ""))
                     .OrderBy(g => g.Key.AccountCode, StringComparer.Ordinal).ThenBy(g => g.Key.Counterparty, StringComparer.Ordinal))
            operations.QueueSqlCommand(
                $"insert into {schema}.ledger_daily as d (tenant_id, account_code, business_date, kind, counterparty, debit, credit, line_count) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?) "
                + "on conflict (tenant_id, account_code, business_date, kind, counterparty) do update set debit = d.debit + excluded.debit, "
                + "credit = d.credit + excluded.credit, line_count = d.line_count + excluded.line_count",
                tenant, g.Key.AccountCode, entry.BusinessDate.ToDateOnly(), entry.Kind, g.Key.Counterparty, g.Sum(l => l.Debit), g.Sum(l => l.Credit), g.Count());
    }

    public static string? CounterpartyName(Ekopz.Domain.Common.CounterpartyClass? c) => c switch
    {
        null => null,
        Ekopz.Domain.Common.CounterpartyClass.Member => "member",
        Ekopz.Domain.Common.CounterpartyClass.OtherKoperasi => "other_koperasi",
        _ => "non_member",
    };
}
