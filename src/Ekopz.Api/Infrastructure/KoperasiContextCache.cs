using System.Collections.Concurrent;
using Ekopz.Domain.Koperasi;
using Ekopz.Domain.Ledger;
using Marten;
using Ekopz.Projections.Ledger;
using Marten.Services;
using NodaTime;

namespace Ekopz.Api.Infrastructure;

/// <summary>
/// What every command of a koperasi needs besides its own stream: the settings and the closed months; and what its
/// postings need: the chart of accounts (the ledger projection takes it from here, docs/adr/0032).
/// </summary>
public sealed record KoperasiContext(KoperasiSettings? Settings, IReadOnlySet<string> ClosedPeriods, Chart? Chart = null);

/// <summary>
/// The koperasi context, read once and kept in memory instead of two queries on every command (issue 13 measured
/// them on every deposit). An entry is dropped the moment this process commits an event that changes it
/// (settings opened or changed, a month or year closed: <see cref="Invalidator"/>), and is read again after
/// <see cref="MaxAge"/> in any case, which bounds how long another API process may act on an older copy.
/// Nothing depends on the cache for safety: a posting into a closed month is still refused by the ledger's
/// database guard (docs/adr/0009), and settings changes take effect from a business date, not an instant.
/// See docs/adr/0025.
///
/// The chart is cached on the same terms (docs/adr/0032): chart changes that move postings take effect tomorrow at
/// the earliest (docs/adr/0009) and business dates are never in the future, so a copy read earlier the same local day
/// posts exactly what a fresh read would. An entry is therefore also dropped when the koperasi's day has changed since
/// it was read.
/// </summary>
public sealed class KoperasiContextCache(IClock clock) : ILedgerChartSource
{
    public static readonly Duration MaxAge = Duration.FromSeconds(5);

    private sealed record Entry(KoperasiContext Context, Instant ReadAt);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public DocumentSessionListenerBase Invalidator => new EvictOnChange(this);

    public async Task<KoperasiContext> Get(IQuerySession session, string tenant, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        if (Fresh(tenant, now) is { } hit) return hit;

        // One round trip for the three reads (a miss happens at most every MaxAge per koperasi).
        var batch = session.CreateBatchQuery();
        var settingsRead = batch.Load<KoperasiSettings>(KoperasiSettings.StreamId(tenant));
        var chartRead = batch.Load<Chart>(Chart.StreamId(tenant));
        var periodsRead = batch.Query<AccountingPeriod>().ToList();
        await batch.Execute(ct);
        var settings = await settingsRead;
        var closed = (await periodsRead).Select(p => p.Period).ToHashSet();
        var context = new KoperasiContext(settings, closed, await chartRead);
        // A koperasi that does not exist yet is not remembered: it may be created a moment later.
        if (settings is not null) _entries[tenant] = new Entry(context, now);
        return context;
    }

    /// <summary>
    /// The same context for a read that has no session of its own (a member statement, docs/adr/0045): a query session is
    /// opened only on a miss.
    /// </summary>
    public async Task<KoperasiContext> Get(IDocumentStore store, string tenant, CancellationToken ct)
    {
        if (Fresh(tenant, clock.GetCurrentInstant()) is { } hit) return hit;
        await using var session = store.QuerySession(tenant);
        return await Get(session, tenant, ct);
    }

    private KoperasiContext? Fresh(string tenant, Instant now) =>
        _entries.TryGetValue(tenant, out var hit) && now - hit.ReadAt < MaxAge && now >= hit.ReadAt && SameDay(hit, now) ? hit.Context : null;

    public void Forget(string tenant) => _entries.TryRemove(tenant, out _);

    /// <summary>The ledger projection's chart (<see cref="ILedgerChartSource"/>), read through the same entry.</summary>
    /// <remarks>
    /// A koperasi whose chart was not there yet when the entry was read asks the session: a cached "no chart" would
    /// silently skip postings (another process may open the chart within <see cref="MaxAge"/>).
    /// </remarks>
    public async ValueTask<Chart?> ChartAsync(IDocumentOperations operations, string tenant, CancellationToken ct) =>
        (await Get(operations, tenant, ct)).Chart ?? await operations.LoadAsync<Chart>(Chart.StreamId(tenant), ct);

    private static bool SameDay(Entry hit, Instant now) =>
        hit.Context.Settings is not { } settings || DateTimeZoneProviders.Tzdb.GetZoneOrNull(settings.TimeZone) is not { } zone
        || hit.ReadAt.InZone(zone).Date == now.InZone(zone).Date;

    /// <summary>Drops a koperasi's entry after a commit that opened or changed its settings, changed its chart or closed a period.</summary>
    private sealed class EvictOnChange(KoperasiContextCache cache) : DocumentSessionListenerBase
    {
        public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
        {
            foreach (var e in commit.GetEvents())
            {
                var tenant = e.TenantId ?? session.TenantId;
                if (e.Data is KoperasiOpened or KoperasiSettingsChanged or PeriodClosed or YearClosed || e.StreamId == Chart.StreamId(tenant))
                {
                    cache.Forget(tenant);
                    cache.Forget(session.TenantId);
                }
            }
            return Task.CompletedTask;
        }
    }
}
