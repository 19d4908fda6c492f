using Ekopz.Domain.Collections;
using Ekopz.Domain.Common;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Projections;

namespace Ekopz.Projections.Collections;

/// <summary>A line key a collection batch applied: a later batch with the same line key refuses that line (docs/adr/0036).</summary>
public sealed class CollectedLineKey
{
    public Guid Id { get; set; }
    public string LineKey { get; set; } = "";
    public Guid BatchId { get; set; }
    public string BatchKey { get; set; } = "";
    public int Row { get; set; }

    public static Guid IdOf(string tenant, string lineKey) => DeterministicGuid.Create($"{tenant}/collection-line/{lineKey}");
}

/// <summary>A collection batch as the console lists it: when, how much, how many lines applied and refused.</summary>
public sealed class CollectionBatchSummary
{
    public Guid Id { get; set; }
    public string BatchKey { get; set; } = "";
    public NodaTime.LocalDate BusinessDate { get; set; }
    public NodaTime.Instant RecordedAt { get; set; }
    public string RecordedBy { get; set; } = "";
    public string CashPoint { get; set; } = "";
    public string? FileName { get; set; }
    public int Applied { get; set; }
    public int Refused { get; set; }
    public decimal Total { get; set; }
}

public static class CollectionMarten
{
    public static void Configure(StoreOptions opts)
    {
        opts.Schema.For<CollectedLineKey>().MultiTenanted();
        opts.Schema.For<CollectionBatchSummary>().MultiTenanted();
        opts.Projections.Add(new CollectionProjection(), ProjectionLifecycle.Inline);
    }
}

/// <summary>Writes the line keys and the batch's summary inline, in the batch's transaction; a rebuild writes them again.</summary>
// JFXEVT006: the analyzer cannot see the RegisterPublishedType calls in the constructor.
#pragma warning disable JFXEVT006
public class CollectionProjection : EventProjection
#pragma warning restore JFXEVT006
{
    public CollectionProjection()
    {
        IncludeType<CollectionBatchApplied>();
        RegisterPublishedType(typeof(CollectedLineKey));
        RegisterPublishedType(typeof(CollectionBatchSummary));
    }

    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        if (e.Data is not CollectionBatchApplied b) return ValueTask.CompletedTask;
        operations.Store(new CollectionBatchSummary
        {
            Id = b.BatchId, BatchKey = b.BatchKey, BusinessDate = b.Meta.BusinessDate, RecordedAt = b.Meta.RecordedAt, RecordedBy = b.Meta.Actor,
            CashPoint = b.CashPoint, FileName = b.FileName, Applied = b.Collected.Count, Refused = b.Refused.Count, Total = b.Total,
        });
        if (b.Collected.Count > 0)
            operations.Store(b.Collected.Select(l => new CollectedLineKey
            {
                Id = CollectedLineKey.IdOf(e.TenantId, l.LineKey), LineKey = l.LineKey, BatchId = b.BatchId, BatchKey = b.BatchKey, Row = l.Row,
            }).ToArray());
        return ValueTask.CompletedTask;
    }
}
