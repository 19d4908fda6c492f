using NodaTime;

namespace Ekopz.Domain.Common;

/// <summary>
/// Who did it, on which business day, when the system learnt of it, through which channel, and
/// under which request. Every event carries one, so an auditor can answer "who, when, how" from the
/// event alone, without joining logs.
/// </summary>
/// <param name="Actor">The username that caused the event ("system" for scheduled runs).</param>
/// <param name="BusinessDate">The day the fact belongs to in the koperasi's books (its own time zone).</param>
/// <param name="RecordedAt">The instant the server recorded it, from the injected clock.</param>
/// <param name="Channel">counter, transfer, web, mobile, marketplace, system.</param>
/// <param name="CorrelationId">Ties together everything one request did.</param>
public sealed record EventMeta(
    string Actor,
    LocalDate BusinessDate,
    Instant RecordedAt,
    string Channel,
    string CorrelationId);

/// <summary>Every domain event exposes its <see cref="EventMeta"/> so generic code (ledger, audit) can read it.</summary>
public interface IDomainEvent
{
    EventMeta Meta { get; }
}
