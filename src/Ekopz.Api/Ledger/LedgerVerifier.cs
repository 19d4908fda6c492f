using Ekopz.Domain.Ledger;
using Marten;
using NodaTime;

namespace Ekopz.Api.Ledger;

public sealed record PeriodVerification(string Period, LocalDate PeriodEnd, string SealedDigest, string RebuiltDigest, string LiveDigest, bool Matches);

public sealed record LedgerDifference(Guid EntryId, int LineNo, string Problem);

/// <param name="DailyTotalsMatchLines">The per-day totals the reports read equal the sums of the posted lines.</param>
public sealed record VerificationReport(string Koperasi, Instant CheckedAt, long EventsReplayed, int EntriesRebuilt, int LinesRebuilt, int LinesLive,
    bool LedgerMatchesEvents, bool DailyTotalsMatchLines, IReadOnlyList<LedgerDifference> Differences, IReadOnlyList<PeriodVerification> Periods,
    bool AllPeriodsMatch);

/// <summary>
/// Rebuilds the ledger from the events (the same pure posting rules, in sequence order) and checks it
/// against the live ledger line by line, and every closed period's trial balance against its seal.
/// This is how an auditor proves that a closed period replays to exactly what was published.
/// </summary>
public sealed class LedgerVerifier(IDocumentStore store, LedgerQueries ledger, IClock clock)
{
    public async Task<(List<JournalEntry> Entries, long Events)> Rebuild(string tenant, CancellationToken ct)
    {
        await using var session = store.QuerySession(tenant);
        var chart = await session.LoadAsync<Chart>(Chart.StreamId(tenant), ct)
            ?? throw new InvalidOperationException($"Koperasi {tenant} has no chart.");
        var entries = new List<JournalEntry>();
        long last = 0, count = 0;
        while (true)
        {
            var page = await session.Events.QueryAllRawEvents().Where(e => e.Sequence > last).OrderBy(e => e.Sequence).Take(5000).ToListAsync(ct);
            if (page.Count == 0) break;
            foreach (var e in page)
                entries.AddRange(PostingRuleBook.Post(e.Data, new EventRef(e.Id, e.Sequence), chart));
            last = page[^1].Sequence;
            count += page.Count;
        }
        return (entries, count);
    }

    public async Task<VerificationReport> Verify(string tenant, CancellationToken ct)
    {
        var (entries, events) = await Rebuild(tenant, ct);
        var live = await ledger.AllLines(tenant, ct);

        var rebuilt = entries.SelectMany(e => e.Lines.Select((l, i) => (Key: (e.EntryId, i), Value: Describe(e, l)))).ToDictionary(x => x.Key, x => x.Value);
        var liveMap = live.ToDictionary(l => (l.EntryId, l.LineNo), l => $"{l.AccountCode}|{l.BusinessDate:yyyy-MM-dd}|{l.Kind}|{l.Debit:0.00}|{l.Credit:0.00}");
        var differences = new List<LedgerDifference>();
        foreach (var (key, value) in rebuilt)
            if (!liveMap.TryGetValue(key, out var other)) differences.Add(new LedgerDifference(key.EntryId, key.i, $"missing from the live ledger: {value}"));
            else if (other != value) differences.Add(new LedgerDifference(key.EntryId, key.i, $"live {other} but the events say {value}"));
        foreach (var (key, value) in liveMap)
            if (!rebuilt.ContainsKey(key)) differences.Add(new LedgerDifference(key.EntryId, key.LineNo, $"in the live ledger but not in the events: {value}"));

        // The daily totals must be exactly the sums of the lines (reports read the totals).
        var fromLines = live.GroupBy(l => (l.AccountCode, l.BusinessDate, l.Kind, l.Counterparty ?? ""))
            .ToDictionary(g => g.Key, g => (g.Sum(l => l.Debit), g.Sum(l => l.Credit)));
        var daily = await ledger.Daily(tenant, ct);
        var dailyOk = daily.Count == fromLines.Count && daily.All(d => fromLines.TryGetValue(d.Key, out var v) && v == d.Value);

        await using var session = store.QuerySession(tenant);
        var periods = await session.Query<AccountingPeriod>().OrderBy(p => p.Period).ToListAsync(ct);
        var checks = new List<PeriodVerification>();
        foreach (var p in periods)
        {
            var rebuiltTb = TrialBalances.From(entries
                .Where(e => e.BusinessDate <= p.PeriodEnd && LedgerQueries.Sealed.Contains(e.Kind))
                .SelectMany(e => e.Lines).Select(l => new AccountTotals(l.AccountCode, "", l.Debit, l.Credit)));
            var liveTb = TrialBalances.From(await ledger.Totals(tenant, null, p.PeriodEnd, null, LedgerQueries.Sealed, false, ct));
            var rebuiltDigest = LedgerDigest.Compute(p.Period, p.PeriodEnd, rebuiltTb);
            var liveDigest = LedgerDigest.Compute(p.Period, p.PeriodEnd, liveTb);
            checks.Add(new PeriodVerification(p.Period, p.PeriodEnd, p.Digest, rebuiltDigest, liveDigest, p.Digest == rebuiltDigest && p.Digest == liveDigest));
        }

        return new VerificationReport(tenant, clock.GetCurrentInstant(), events, entries.Count, rebuilt.Count, live.Count, differences.Count == 0,
            dailyOk, differences.Take(100).ToList(), checks, checks.All(c => c.Matches));
    }

    private static string Describe(JournalEntry e, JournalLine l) => $"{l.AccountCode}|{e.BusinessDate:yyyy-MM-dd}|{e.Kind}|{l.Debit:0.00}|{l.Credit:0.00}";
}
