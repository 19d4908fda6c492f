using Ekopz.Api.Infrastructure;
using Ekopz.Projections.Ledger;

namespace Ekopz.Api.Ledger;

/// <summary>
/// Reads of individual journal lines for reports (docs/adr/0013) by a report's <see cref="LineFilter"/>, on the read pool. The SQL
/// is <see cref="LedgerLineQueries"/>', beside the projection that writes the ledger's tables (docs/adr/0052); this keeps the
/// reports' one service and turns the filter into its <see cref="LineSelection"/>.
/// </summary>
public sealed class LedgerLines(ReadDb db)
{
    /// <summary>How many lines the filter selects and what they add up to.</summary>
    public Task<LineTotals> Totals(string tenant, LineFilter f, CancellationToken ct) =>
        LedgerLineQueries.Totals(db.DataSource, tenant, f.Selection, ct);

    /// <summary>
    /// Totals per account, or per account and counterparty (keys <c>code|counterparty</c>, no counterparty as an empty
    /// string, split with <see cref="SplitAccountAndCounterparty"/>).
    /// </summary>
    public Task<List<KeyTotals>> SumByAccount(string tenant, LineFilter f, bool byCounterparty, CancellationToken ct) =>
        LedgerLineQueries.SumByAccount(db.DataSource, tenant, f.Selection, byCounterparty, ct);

    /// <summary>Totals per account.</summary>
    public Task<List<KeyTotals>> SumByAccount(string tenant, LineFilter f, CancellationToken ct) => SumByAccount(tenant, f, false, ct);

    /// <summary>Totals per account and calendar month of the business date (keys <c>code|yyyy-MM</c>).</summary>
    public Task<List<KeyTotals>> SumByAccountAndMonth(string tenant, LineFilter f, CancellationToken ct) =>
        LedgerLineQueries.SumByAccountAndMonth(db.DataSource, tenant, f.Selection, ct);

    /// <summary>The account code and counterparty of a <c>code|counterparty</c> key.</summary>
    public static (string Code, string Counterparty) SplitAccountAndCounterparty(string key) => LedgerLineQueries.SplitAccountAndCounterparty(key);

    /// <summary>Totals per cash flow category; lines without one are <c>operating.other</c>, as the statement shows them.</summary>
    public Task<List<KeyTotals>> SumByCashFlow(string tenant, LineFilter f, CancellationToken ct) =>
        LedgerLineQueries.SumByCashFlow(db.DataSource, tenant, f.Selection, ct);

    /// <summary>One page of the lines in ledger order, each with the running debit-minus-credit over the whole selection.</summary>
    public Task<List<(LedgerLineRow Row, decimal Running)>> Page(string tenant, LineFilter f, int page, int pageSize, CancellationToken ct) =>
        LedgerLineQueries.Page(db.DataSource, tenant, f.Selection, page, pageSize, ct);

    /// <summary>Every line of one journal entry, in line order (none when there is no such entry).</summary>
    public Task<List<LedgerLineRow>> OfEntry(string tenant, Guid entryId, CancellationToken ct) =>
        LedgerLineQueries.OfEntry(db.DataSource, tenant, entryId, ct);

    /// <summary>Every line of the journal entries posted from one business event, by entry and line.</summary>
    public Task<List<LedgerLineRow>> OfEvent(string tenant, Guid eventId, CancellationToken ct) =>
        LedgerLineQueries.OfEvent(db.DataSource, tenant, eventId, ct);

    /// <summary>Every selected line in ledger order, streamed (CSV exports).</summary>
    public IAsyncEnumerable<LedgerLineRow> Stream(string tenant, LineFilter f, CancellationToken ct) =>
        LedgerLineQueries.Stream(db.DataSource, tenant, f.Selection, ct);

    /// <summary>Entries the journal lists, and the debit and credit of all their lines.</summary>
    public Task<LineTotals> EntryTotals(string tenant, LineFilter f, CancellationToken ct) =>
        LedgerLineQueries.EntryTotals(db.DataSource, tenant, f.Selection, ct);

    /// <summary>All lines of one page of the journal's entries, in ledger order.</summary>
    public Task<List<LedgerLineRow>> EntryPage(string tenant, LineFilter f, int page, int pageSize, CancellationToken ct) =>
        LedgerLineQueries.EntryPage(db.DataSource, tenant, f.Selection, page, pageSize, ct);

    /// <summary>Every line of every entry the journal lists, streamed (CSV exports).</summary>
    public IAsyncEnumerable<LedgerLineRow> StreamEntries(string tenant, LineFilter f, CancellationToken ct) =>
        LedgerLineQueries.StreamEntries(db.DataSource, tenant, f.Selection, ct);
}
