using System.Collections.Concurrent;
using Ekopz.Domain.Koperasi;
using Ekopz.Domain.Ledger;
using Marten;
using Marten.Services;
using NodaTime;

namespace Ekopz.Api.Infrastructure;

/// <summary>What every command of a koperasi needs besides its own stream: the settings and the closed months.</summary>
public sealed record KoperasiContext(KoperasiSettings? Settings, IReadOnlySet<string> ClosedPeriods);

/// <summary>
/// The koperasi context, read once and kept in memory instead of two queries on every command (issue 13 measured
/// them on every deposit). An entry is dropped the moment this process commits an event that changes it
/// (settings opened or changed, a month or year closed: <see cref="Invalidator"/>), and is read again after
/// <see cref="MaxAge"/> in any case, which bounds how long another API process may act on an older copy.
/// Nothing depends on the cache for safety: a posting into a closed month is still refused by the ledger's
/// database guard (docs/adr/0009), and settings changes take effect from a business date, not an instant.
/// See docs/adr/0025.
/// </summary>
public sealed class KoperasiContextCache(IClock clock)
{
    public static readonly Duration MaxAge = Duration.FromSeconds(5);

    private sealed record Entry(KoperasiContext Context, Instant ReadAt);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public DocumentSessionListenerBase Invalidator => new EvictOnChange(this);

    public async Task<KoperasiContext> Get(IQuerySession session, string tenant, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        if (_entries.TryGetValue(tenant, out var hit) && now - hit.ReadAt < MaxAge && now >= hit.ReadAt) return hit.Context;

        var settings = await session.LoadAsync<KoperasiSettings>(KoperasiSettings.StreamId(tenant), ct);
        var closed = (await session.Query<AccountingPeriod>().Select(p => p.Period).ToListAsync(ct)).ToHashSet();
        var context = new KoperasiContext(settings, closed);
        // A koperasi that does not exist yet is not remembered: it may be created a moment later.
        if (settings is not null) _entries[tenant] = new Entry(context, now);
        return context;
    }

    public void Forget(string tenant) => _entries.TryRemove(tenant, out _);

    /// <summary>Drops a koperasi's entry after a commit that opened or changed its settings or closed a period.</summary>
    private sealed class EvictOnChange(KoperasiContextCache cache) : DocumentSessionListenerBase
    {
        public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
        {
            foreach (var e in commit.GetEvents())
            {
                if (e.Data is KoperasiOpened or KoperasiSettingsChanged or PeriodClosed or YearClosed)
                {
                    cache.Forget(e.TenantId ?? session.TenantId);
                    cache.Forget(session.TenantId);
                }
            }
            return Task.CompletedTask;
        }
    }
}
