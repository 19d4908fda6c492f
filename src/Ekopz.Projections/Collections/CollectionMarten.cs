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
        if (b.Collected.Count > 0) StoreLineKeys(operations, e.TenantId, b);
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// The batch's line keys in one statement (an upsert over <c>unnest</c>), not one Marten upsert per line: a 10,000-line batch
    /// spent a fifth of its save building those operations (docs/adr/0036, "Where the time goes"). The rows are what Marten's own
    /// upsert writes (the same JSON, type name, a fresh version), so <c>LoadManyAsync&lt;CollectedLineKey&gt;</c> reads them as before.
    /// </summary>
    private static void StoreLineKeys(IDocumentOperations operations, string tenant, CollectionBatchApplied b)
    {
        var serializer = operations.DocumentStore.Options.Serializer();
        var keys = b.Collected.Select(l => new CollectedLineKey
        {
            Id = CollectedLineKey.IdOf(tenant, l.LineKey), LineKey = l.LineKey, BatchId = b.BatchId, BatchKey = b.BatchKey, Row = l.Row,
        }).ToArray();
        operations.QueueSqlCommand(
            $"insert into {EkopzMarten.Schema}.mt_doc_collectedlinekey (tenant_id, id, data, mt_version, mt_dotnet_type, mt_last_modified) "
            + "select ?, k.id, k.data::jsonb, md5(random()::text || clock_timestamp()::text)::uuid, ?, transaction_timestamp() "
            + "from unnest(?::uuid[], ?::text[]) as k(id, data) "
            + "on conflict (tenant_id, id) do update set data = excluded.data, mt_version = excluded.mt_version, "
            + "mt_dotnet_type = excluded.mt_dotnet_type, mt_last_modified = excluded.mt_last_modified",
            tenant, typeof(CollectedLineKey).FullName!, keys.Select(k => k.Id).ToArray(), keys.Select(k => serializer.ToJson(k)).ToArray());
    }
}
