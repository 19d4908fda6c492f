using Ekopz.Domain.Ledger;
using Ekopz.Projections.Rebuild;
using Marten;
using Npgsql;
using NpgsqlTypes;

namespace Ekopz.Projections.Ledger;

/// <summary>
/// The ledger as a rebuild runs it (docs/adr/0027, "Speed"): the same posting rules and chart as live, without the
/// closed-period guard (every posting replayed was accepted while its month was open), and instead of three to five
/// statements per entry, the entries and lines are buffered and written with binary <c>COPY</c> after each unit of
/// work, and <c>ledger_daily</c> is summed once from the rebuilt lines at the end. Live, each entry upserts its
/// day's totals; the sum of those upserts over every entry is exactly the group-by below.
/// </summary>
public sealed class LedgerBulkRebuild() : LedgerProjection(guardClosedPeriods: false, spreadDailyTotals: false), IRebuildBulkWriter
{
    private readonly List<JournalEntry> _entries = [];

    protected override void Write(IDocumentOperations operations, string tenant, JournalEntry entry) => _entries.Add(entry);

    protected override void WriteMany(IDocumentOperations operations, string tenant, IReadOnlyList<JournalEntry> entries) => _entries.AddRange(entries);

    public async Task FlushAsync(RebuildTarget target, CancellationToken ct)
    {
        if (_entries.Count == 0) return;
        var s = EkopzMarten.Schema;
        await using (var entries = await target.Connection.BeginBinaryImportAsync(
                         $"copy {s}.ledger_entries (tenant_id, entry_id, event_id, sequence, source, kind, business_date, recorded_at, actor, "
                         + "description, rule_version, reference) from stdin (format binary)", ct))
        {
            foreach (var e in _entries)
            {
                entries.StartRow();
                entries.Write(target.Tenant, NpgsqlDbType.Varchar);
                entries.Write(e.EntryId, NpgsqlDbType.Uuid);
                WriteNullable(entries, e.EventId, NpgsqlDbType.Uuid);
                entries.Write(e.Sequence, NpgsqlDbType.Bigint);
                entries.Write(e.Source, NpgsqlDbType.Varchar);
                entries.Write(e.Kind, NpgsqlDbType.Varchar);
                entries.Write(e.BusinessDate.ToDateOnly(), NpgsqlDbType.Date);
                entries.Write(e.RecordedAt.ToDateTimeOffset(), NpgsqlDbType.TimestampTz);
                entries.Write(e.Actor, NpgsqlDbType.Varchar);
                entries.Write(e.Description, NpgsqlDbType.Text);
                entries.Write(e.RuleVersion, NpgsqlDbType.Varchar);
                WriteNullable(entries, e.Reference, NpgsqlDbType.Uuid);
            }
            await entries.CompleteAsync(ct);
        }

        await using (var lines = await target.Connection.BeginBinaryImportAsync(
                         $"copy {s}.ledger_lines (tenant_id, entry_id, line_no, account_code, business_date, recorded_at, kind, debit, credit, "
                         + "counterparty, cash_flow, member_id, memo) from stdin (format binary)", ct))
        {
            foreach (var e in _entries)
            {
                var date = e.BusinessDate.ToDateOnly();
                var recorded = e.RecordedAt.ToDateTimeOffset();
                for (var i = 0; i < e.Lines.Count; i++)
                {
                    var l = e.Lines[i];
                    lines.StartRow();
                    lines.Write(target.Tenant, NpgsqlDbType.Varchar);
                    lines.Write(e.EntryId, NpgsqlDbType.Uuid);
                    lines.Write(i, NpgsqlDbType.Integer);
                    lines.Write(l.AccountCode, NpgsqlDbType.Varchar);
                    lines.Write(date, NpgsqlDbType.Date);
                    lines.Write(recorded, NpgsqlDbType.TimestampTz);
                    lines.Write(e.Kind, NpgsqlDbType.Varchar);
                    lines.Write(l.Debit, NpgsqlDbType.Numeric);
                    lines.Write(l.Credit, NpgsqlDbType.Numeric);
                    WriteNullable(lines, LedgerWriter.CounterpartyName(l.Counterparty), NpgsqlDbType.Varchar);
                    WriteNullable(lines, l.CashFlow, NpgsqlDbType.Varchar);
                    WriteNullable(lines, l.MemberId, NpgsqlDbType.Uuid);
                    WriteNullable(lines, l.Memo, NpgsqlDbType.Text);
                }
            }
            await lines.CompleteAsync(ct);
        }
        _entries.Clear();
    }

    /// <summary>
    /// The daily totals, once, from every rebuilt line: per account, day, entry kind and counterparty class (none as
    /// ''), the debit and credit sums and the number of lines, which is what the live upserts add up to.
    /// </summary>
    public async Task CompleteAsync(RebuildTarget target, CancellationToken ct)
    {
        var s = EkopzMarten.Schema;
        await using var command = new NpgsqlCommand(
            $"insert into {s}.ledger_daily (tenant_id, account_code, business_date, kind, counterparty, debit, credit, line_count) "
            + $"select tenant_id, account_code, business_date, kind, coalesce(counterparty, ''), sum(debit), sum(credit), count(*)::int "
            + $"from {s}.ledger_lines where tenant_id = @t group by tenant_id, account_code, business_date, kind, coalesce(counterparty, '')",
            target.Connection, target.Transaction);
        command.Parameters.AddWithValue("t", target.Tenant);
        await command.ExecuteNonQueryAsync(ct);
    }

    // Synchronous writes into the importer's buffer: a few million fields, an await each would cost more than the copy.
    private static void WriteNullable<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type) where T : struct
    {
        if (value is { } v) importer.Write(v, type); else importer.WriteNull();
    }

    private static void WriteNullable(NpgsqlBinaryImporter importer, string? value, NpgsqlDbType type)
    {
        if (value is null) importer.WriteNull(); else importer.Write(value, type);
    }
}
