using Ekopz.Domain.Common;
using NodaTime;

namespace Ekopz.Domain.Community;

/// <summary>
/// A pengurus published a closed month's neraca and PHU to the members. Carries the seal's digest as it was when
/// published; the figures themselves are read from the sealed books each time (and the seal re-checked).
/// </summary>
public sealed record ReportsPublished(string Period, LocalDate PeriodEnd, string Digest, EventMeta Meta) : IDomainEvent;

public sealed record PublishedPeriod(Guid Id, string Period, LocalDate PeriodEnd, string Digest, string PublishedBy, Instant PublishedAt)
{
    public static Guid StreamId(string period) => DeterministicGuid.Create("published:" + period);

    public static PublishedPeriod? Evolve(PublishedPeriod? state, object @event) => @event switch
    {
        ReportsPublished e => new PublishedPeriod(StreamId(e.Period), e.Period, e.PeriodEnd, e.Digest, e.Meta.Actor, e.Meta.RecordedAt),
        _ => state,
    };
}

public static class PublishDecider
{
    /// <summary>Only a closed (sealed) month is published, and only once.</summary>
    public static ReportsPublished Publish(string period, Ledger.AccountingPeriod? closed, PublishedPeriod? already, EventMeta meta)
    {
        if (closed is null)
            throw new DomainException(ErrorCodes.PeriodNotClosed, $"The period {period} is not closed: only sealed books are published to the members.");
        if (already is not null) throw DomainException.InvalidState($"The reports of {period} are already published.");
        return new ReportsPublished(closed.Period, closed.PeriodEnd, closed.Digest, meta);
    }
}
