using System.Runtime.CompilerServices;
using Ekopz.Domain.Ledger;
using JasperFx.Events;
using Marten;
using Ekopz.Projections.Rebuild;
using JasperFx.Events.Projections;
using Marten.Events.Projections;
using Ekopz.Domain.Imports;
using JasperFx.Events.Daemon;

namespace Ekopz.Projections.Ledger;

/// <summary>
/// Posts every money-moving event to the general ledger, inline, in the event's own transaction:
/// the books are current the moment a request succeeds. The posting itself is the pure
/// <see cref="PostingRuleBook"/>; this class only loads the chart and queues the SQL.
/// </summary>
public class LedgerProjection : EventProjection, IOwnTenantTables, IInlineProjection<IDocumentOperations>
{
    /// <param name="guardClosedPeriods">
    /// Live postings check that their month is open. A rebuild replays postings that were made while their month was
    /// open (and the year-close entries), so it runs without the guard; the close records in <c>ledger_periods</c> are
    /// write-side state and are left as they are (docs/adr/0027).
    /// </param>
    /// <param name="charts">
    /// The live API's cached charts (docs/adr/0032); null loads the chart from the session once per unit of work.
    /// </param>
    /// <param name="spreadDailyTotals">
    /// Live postings spread their daily totals over stripe rows no other transaction holds; the rebuild, the only
    /// writer of its koperasi's rows, adds to stripe 0 directly (docs/adr/0032).
    /// </param>
    public LedgerProjection(bool guardClosedPeriods = true, ILedgerChartSource? charts = null, bool spreadDailyTotals = true)
    {
        _guardClosedPeriods = guardClosedPeriods;
        _charts = charts;
        _spreadDailyTotals = spreadDailyTotals;
    }

    private readonly bool _guardClosedPeriods;
    private readonly bool _spreadDailyTotals;
    private readonly ILedgerChartSource? _charts;

    public IReadOnlyList<string> TenantTables { get; } =
        [$"{EkopzMarten.Schema}.ledger_entries", $"{EkopzMarten.Schema}.ledger_lines", $"{EkopzMarten.Schema}.ledger_daily"];

    // A rebuild posts without the guard and writes the rows in bulk, daily totals summed once at the end.
    public IInlineProjection<IDocumentOperations> ForRebuild() => new LedgerBulkRebuild();

    // The chart is read once per unit of work, so a chart change is replayed in a unit of its own.
    public bool ReadsStateChangedBy(IEvent e) => e.StreamId == Chart.StreamId(e.TenantId);

    // One chart per unit of work: postings and chart changes never share a transaction.
    private static readonly ConditionalWeakTable<IDocumentOperations, Chart> Charts = new();

    public override async ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        if (e.Data is not Ekopz.Domain.Common.IDomainEvent) return;
        var chart = await ChartAsync(operations, e.TenantId, cancellation);
        if (chart is null) return; // a koperasi without a chart has nothing to post (only its own opening events)

        foreach (var entry in PostingRuleBook.Post(e.Data, new EventRef(e.Id, e.Sequence), chart))
            Write(operations, e.TenantId, entry);
    }

    private async ValueTask<Chart?> ChartAsync(IDocumentOperations operations, string tenant, CancellationToken cancellation)
    {
        if (Charts.TryGetValue(operations, out var chart)) return chart;
        chart = _charts is not null
            ? await _charts.ChartAsync(operations, tenant, cancellation)
            : await operations.LoadAsync<Chart>(Chart.StreamId(tenant), cancellation);
        if (chart is not null) Charts.AddOrUpdate(operations, chart);
        return chart;
    }

    /// <summary>
    /// Marten applies an inline projection once per unit of work with all its streams (an event projection is its own
    /// inline projection), so this replaces the base class's event-by-event loop with one that sets the opening balances
    /// of an import aside and writes them together at the end (docs/adr/0035): tens of thousands of entries in a few
    /// statements. Every other event posts as before, in order.
    /// </summary>
    async Task IInlineProjection<IDocumentOperations>.ApplyAsync(IDocumentOperations operations, IEnumerable<StreamAction> streams,
        CancellationToken cancellation)
    {
        Dictionary<string, List<JournalEntry>>? openings = null;
        foreach (var e in streams.SelectMany(s => s.Events))
        {
            try
            {
                if (IsOpeningBalance(e.Data))
                {
                    var chart = await ChartAsync(operations, e.TenantId, cancellation);
                    if (chart is null) continue;
                    openings ??= [];
                    if (!openings.TryGetValue(e.TenantId, out var list)) openings[e.TenantId] = list = [];
                    list.AddRange(PostingRuleBook.Post(e.Data, new EventRef(e.Id, e.Sequence), chart));
                }
                else await ApplyAsync(operations, e, cancellation);
            }
            catch (Exception ex) when (!ProjectionExceptions.IsExceptionTransient(ex))
            {
                throw new ApplyEventException(e, ex);
            }
        }
        foreach (var (tenant, entries) in openings ?? [])
            WriteMany(operations, tenant, entries);
    }

    /// <summary>The events an import records by the thousand in one unit of work (docs/adr/0033, 0035).</summary>
    public static bool IsOpeningBalance(object data) =>
        data is MemberOpeningBalancesRecorded or LoanOpeningBalanceRecorded or ProductOpeningStockRecorded or LedgerOpeningBalancesRecorded;

    /// <summary>Live: the entry's SQL joins the event's unit of work. A rebuild buffers it instead (<see cref="LedgerBulkRebuild"/>).</summary>
    protected virtual void Write(IDocumentOperations operations, string tenant, JournalEntry entry) =>
        LedgerWriter.Queue(operations, EkopzMarten.Schema, tenant, entry, _guardClosedPeriods, spreadDailyTotals: _spreadDailyTotals);

    /// <summary>Live: an import's opening entries in bulk (<see cref="LedgerWriter.QueueEntriesInBulk"/>). A rebuild buffers them like the rest.</summary>
    protected virtual void WriteMany(IDocumentOperations operations, string tenant, IReadOnlyList<JournalEntry> entries) =>
        LedgerWriter.QueueEntriesInBulk(operations, EkopzMarten.Schema, tenant, entries, _guardClosedPeriods, spreadDailyTotals: _spreadDailyTotals);
}
