using Ekopz.Domain.Common;
using NodaTime;

namespace Ekopz.Domain.Ledger;

/// <summary>Where an event sits in the store: what journal entries record to trace back to it.</summary>
public sealed record EventRef(Guid EventId, long Sequence);

/// <summary>One area's rules: the entries an event of that area posts, or null when the event is not theirs.</summary>
public delegate IReadOnlyList<JournalEntry>? Poster(IDomainEvent e, EventRef source, Chart chart, string version);

/// <summary>A version of the posting rules, in force for business dates from <see cref="EffectiveFrom"/> on.</summary>
public sealed record PostingRuleSet(string Version, LocalDate EffectiveFrom, IReadOnlyList<Poster> Posters);

/// <summary>
/// Turns money-moving business events into balanced journal entries. Pure: the same event, chart and
/// version always give the same entries, which is what lets the ledger be rebuilt from the events and
/// a closed period be verified against its seal.
///
/// Versioning (docs/adr/0009): the version is chosen by the event's business date. Changing how an
/// existing event posts means adding a new version effective after the last closed period; versions
/// in force in closed periods are never edited (the period digest would expose it). Adding rules
/// for event types that never posted before (loans, shop) extends the current version.
/// </summary>
public static class PostingRuleBook
{
    /// <summary>
    /// v1: in force from the beginning. Never edit what it posts for an event type it already posts
    /// (tests/Ekopz.Tests.Unit/Ledger/golden pins it); add a version instead (docs/adr/0009).
    /// </summary>
    public static PostingRuleSet V1 { get; } = new("v1", LocalDate.MinIsoValue,
    [
        SavingsPostings.Post, VoucherPostings.Post, YearEndPostings.Post, ShuPostings.Post, LoanPostings.Post, ShopPostings.Post,
        OpeningPostings.Post, CollectionPostings.Post,
    ]);

    /// <summary>Every version, oldest first; each is in force from its date until the next one's.</summary>
    public static IReadOnlyList<PostingRuleSet> Versions { get; } = [V1];

    public static PostingRuleSet For(LocalDate businessDate) => For(Versions, businessDate);

    /// <summary>The version in force on <paramref name="businessDate"/>: the latest one effective on or before it.</summary>
    public static PostingRuleSet For(IReadOnlyList<PostingRuleSet> versions, LocalDate businessDate) =>
        versions.Where(v => v.EffectiveFrom <= businessDate).OrderBy(v => v.EffectiveFrom).LastOrDefault()
        ?? throw new InvalidOperationException($"No posting rules are in force on {businessDate:yyyy-MM-dd}.");

    /// <summary>The entries for an event (none when the event moves no money). Every entry is checked to balance.</summary>
    public static IReadOnlyList<JournalEntry> Post(object data, EventRef source, Chart chart) => Post(Versions, data, source, chart);

    /// <summary>As <see cref="Post(object, EventRef, Chart)"/> under the given versions (tests pass synthetic ones).</summary>
    public static IReadOnlyList<JournalEntry> Post(IReadOnlyList<PostingRuleSet> versions, object data, EventRef source, Chart chart)
    {
        if (data is not IDomainEvent e) return [];
        var set = For(versions, e.Meta.BusinessDate);
        foreach (var poster in set.Posters)
        {
            var entries = poster(e, source, chart, set.Version);
            if (entries is not null) return entries.Select(x => x.EnsureValid()).ToList();
        }
        return [];
    }

    /// <summary>An entry made from an event, dated and attributed as the event is.</summary>
    public static JournalEntry FromEvent(IDomainEvent e, EventRef source, string version, string description, EntryLines lines,
        Guid? reference = null, string kind = EntryKinds.Regular, LocalDate? date = null, Guid? entryId = null) =>
        new(entryId ?? source.EventId, source.EventId, source.Sequence, e.GetType().Name, kind, date ?? e.Meta.BusinessDate, e.Meta.RecordedAt,
            e.Meta.Actor, description, version, reference, lines.Build());
}
