using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Services;
using Npgsql;

namespace Ekopz.Projections.Rebuild;

/// <summary>What one koperasi's rebuild did.</summary>
/// <param name="Phases">Where the time went: reading events, projecting, saving documents, bulk copies, totals at the end.</param>
public sealed record TenantRebuild(string Tenant, long Events, int Projections, int Tables, TimeSpan Elapsed,
    IReadOnlyDictionary<string, TimeSpan> Phases);

/// <summary>
/// Rebuilds every inline read model of one koperasi from its events (docs/adr/0027): in one transaction it deletes
/// the koperasi's rows from every document table an inline projection publishes and from every table a projection
/// owns (<see cref="IOwnTenantTables"/>), then reads the koperasi's events in sequence order, a page at a time, and
/// runs all inline projections over each page exactly as Marten runs them after an append. Readers see the old
/// read models until the commit and the new ones after it; other koperasi's rows are never touched.
/// </summary>
/// <remarks>
/// Marten's own <c>RebuildProjectionAsync</c> rebuilds one projection over every tenant (a per-tenant rebuild exists
/// only with tenant-partitioned events), truncates whole tables, and would replay ledger postings through the live
/// closed-period guard; so this runs the same inline projection code Marten runs, per koperasi, in one pass.
/// </remarks>
public sealed class ProjectionRebuild(IDocumentStore store)
{
    /// <summary>
    /// Events per unit of work. Large: an aggregate touched by a page is loaded and upserted once per page, so with
    /// 2,000 events a page a 5,000-member year upserted a member document about once per event; 25,000 events (some
    /// tens of MB) upserts each member about ten times in 255,000 events. Bulk-written rows are flushed per page.
    /// </summary>
    public int PageSize { get; init; } = 25_000;

    /// <summary>The document types the inline projections publish, and the projections as a rebuild runs them.</summary>
    public (IReadOnlyList<Type> Documents, IReadOnlyList<string> Tables, IReadOnlyList<IInlineProjection<IDocumentOperations>> Projections,
        IReadOnlyList<IOwnTenantTables> Owners) Plan()
    {
        var sources = StoreOptions.Projections.All.Where(p => p.Lifecycle == ProjectionLifecycle.Inline).ToList();
        var owners = sources.OfType<IOwnTenantTables>().ToList();
        var projections = sources.Select(s => s is IRebuildsDifferently r ? r.ForRebuild() : s.BuildForInline()).ToList();
        var documents = sources.SelectMany(s => s.PublishedTypes()).Distinct().ToList();
        return (documents, owners.SelectMany(o => o.TenantTables).Distinct().ToList(), projections, owners);
    }

    // The store's full options: the projection registrations and document mappings are not on the read-only view.
    private StoreOptions StoreOptions => (StoreOptions)store.Options;

    public async Task<long> CountEvents(string tenant, CancellationToken ct)
    {
        await using var session = store.QuerySession(tenant);
        return await session.Events.QueryAllRawEvents().CountAsync(ct);
    }

    /// <param name="progress">Called with the number of events replayed so far, after each page.</param>
    public async Task<TenantRebuild> Rebuild(string tenant, Action<long>? progress, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var (documents, tables, projections, owners) = Plan();

        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var time = new PhaseTimes();
        var clearing = time.Of("clear old rows");

        foreach (var table in documents.Select(t => store.Options.FindOrResolveDocumentType(t).TableName.QualifiedName).Concat(tables).Distinct())
        {
            await using var delete = new NpgsqlCommand($"delete from {table} where tenant_id = @t", connection, tx);
            delete.Parameters.AddWithValue("t", tenant);
            await delete.ExecuteNonQueryAsync(ct);
        }

        clearing.Dispose();

        var target = new RebuildTarget(store, tenant, connection, tx);
        var writers = projections.OfType<IRebuildBulkWriter>().ToList();
        long last = 0, done = 0;
        var pending = new List<IEvent>();
        while (true)
        {
            IReadOnlyList<IEvent> page;
            using (time.Of("read events"))
            await using (var reader = store.LightweightSession(Options(tenant, tx)))
                page = await reader.Events.QueryAllRawEvents().Where(e => e.Sequence > last).OrderBy(e => e.Sequence).Take(PageSize).ToListAsync(ct);
            if (page.Count == 0) break;

            foreach (var e in page)
            {
                if (owners.Any(o => o.ReadsStateChangedBy(e)))
                {
                    // The event changes what a projection reads: project what came before, then it alone.
                    await Project(target, projections, writers, pending, time, ct);
                    await Project(target, projections, writers, [e], time, ct);
                }
                else pending.Add(e);
            }
            await Project(target, projections, writers, pending, time, ct);

            last = page[^1].Sequence;
            done += page.Count;
            progress?.Invoke(done);
        }

        using (time.Of("totals at the end"))
            foreach (var writer in writers)
                await writer.CompleteAsync(target, ct);
        using (time.Of("commit"))
            await tx.CommitAsync(ct);
        return new TenantRebuild(tenant, done, projections.Count, documents.Count + tables.Count, started.Elapsed, time.Totals);
    }

    private async Task Project(RebuildTarget target, IReadOnlyList<IInlineProjection<IDocumentOperations>> projections,
        IReadOnlyList<IRebuildBulkWriter> writers, List<IEvent> events, PhaseTimes time, CancellationToken ct)
    {
        if (events.Count == 0) return;
        // One stream action per stream, its events in sequence order, as an append hands them to inline projections.
        var streams = events.GroupBy(e => e.StreamId).Select(g =>
        {
            var action = StreamAction.Append(g.Key, g.ToArray());
            action.TenantId = target.Tenant;
            return action;
        }).ToList();

        await using (var session = store.LightweightSession(Options(target.Tenant, target.Transaction)))
        {
            using (time.Of("project"))
                foreach (var projection in projections)
                    await projection.ApplyAsync(session, streams, ct);
            using (time.Of("save documents"))
                await session.SaveChangesAsync(ct);
        }
        // The rows the bulk writers buffered for this unit, on the same transaction.
        foreach (var writer in writers)
            using (time.Of($"copy {writer.GetType().Name.Replace("BulkRebuild", "")}"))
                await writer.FlushAsync(target, ct);
        events.Clear();
    }

    private static SessionOptions Options(string tenant, NpgsqlTransaction tx)
    {
        var options = SessionOptions.ForTransaction(tx);
        options.TenantId = tenant;
        return options;
    }
}
