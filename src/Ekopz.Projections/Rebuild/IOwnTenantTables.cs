using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;

namespace Ekopz.Projections.Rebuild;

/// <summary>
/// A projection that a rebuild runs as a different instance than live: without a guard that only protects live
/// writes, or buffering its rows for a bulk write (<see cref="IRebuildBulkWriter"/>) instead of queuing one
/// statement per row (docs/adr/0027).
/// </summary>
public interface IRebuildsDifferently
{
    /// <summary>
    /// The projection as a rebuild runs it. Called once per koperasi rebuilt, so the instance may hold that rebuild's
    /// buffers; when it also implements <see cref="IRebuildBulkWriter"/> the rebuild flushes it after every unit of work.
    /// </summary>
    IInlineProjection<IDocumentOperations> ForRebuild();
}

/// <summary>
/// A projection that writes SQL tables of its own (not Marten documents), so a rebuild cannot find its rows
/// through the published document types: it names its tables, and says how it is run when replaying
/// (docs/adr/0027). Every table named here has a <c>tenant_id</c> column and is written by this projection alone.
/// </summary>
public interface IOwnTenantTables : IRebuildsDifferently
{
    /// <summary>Schema-qualified tables whose rows for a koperasi are cleared before its events are replayed.</summary>
    IReadOnlyList<string> TenantTables { get; }

    /// <summary>
    /// True when the event changes a document this projection reads while projecting: the rebuild then projects
    /// that event in a unit of work of its own, so what is read is the state as of the event, as it was live.
    /// </summary>
    bool ReadsStateChangedBy(IEvent e);
}
