using Ekopz.Domain.Ledger;
using Marten;

namespace Ekopz.Projections.Ledger;

/// <summary>
/// Where the live <see cref="LedgerProjection"/> gets a koperasi's chart of accounts instead of loading the chart
/// document inside every posting transaction (issue 13: one statement and one round trip per deposit). The API's
/// koperasi context cache implements it and drops a koperasi's entry when its chart changes (docs/adr/0032).
/// Without one (tests of the store alone, the rebuild, the CLI) the projection loads the chart once per unit of work.
/// </summary>
public interface ILedgerChartSource
{
    /// <summary>The koperasi's chart, or null when it has none yet.</summary>
    ValueTask<Chart?> ChartAsync(IDocumentOperations operations, string tenant, CancellationToken ct);
}
