using Ekopz.Api.Auth;
using Ekopz.Domain.Common;
using Ekopz.Domain.Koperasi;
using Marten;
using NodaTime;

namespace Ekopz.Api.Infrastructure;

/// <summary>
/// What one attempt of a command sees: its own Marten session for the koperasi, the caller, the
/// koperasi's settings and "now" read once from the injected clock. Deciders get everything from
/// here, so they never read a clock or a database themselves.
/// </summary>
public sealed class CommandScope(IDocumentSession session, Caller caller, KoperasiSettings? settings, Instant now, string correlationId,
    IReadOnlySet<string>? closedPeriods = null)
{
    /// <summary>Closed months (yyyy-MM): nothing may be dated inside them.</summary>
    public IReadOnlySet<string> ClosedPeriods { get; } = closedPeriods ?? new HashSet<string>();

    public IDocumentSession Session { get; } = session;
    public Caller Caller { get; } = caller;
    public string Tenant => Session.TenantId;
    public Instant Now { get; } = now;
    public string CorrelationId { get; } = correlationId;

    public KoperasiSettings Settings => settings ?? throw new InvalidOperationException("No koperasi in this scope.");
    public DateTimeZone Zone => DateTimeZoneProviders.Tzdb[Settings.TimeZone];
    /// <summary>Today in the koperasi's own time zone.</summary>
    public LocalDate Today => Now.InZone(Zone).Date;

    public EventMeta Meta(LocalDate businessDate, string channel) =>
        new(Caller.Username, businessDate, Now, channel, CorrelationId);

    /// <summary>Meta for platform-level events that belong to no koperasi's day (operator actions).</summary>
    public EventMeta PlatformMeta(LocalDate businessDate) =>
        new(Caller.Username, businessDate, Now, Channels.Web, CorrelationId);

    /// <summary>The business date of a request: today by default, never in the future.</summary>
    public LocalDate BusinessDate(LocalDate? requested, string field = "businessDate")
    {
        var date = requested ?? Today;
        if (date > Today)
            throw DomainException.Validation(field, $"The business date cannot be after today ({Today:yyyy-MM-dd} in {Settings.TimeZone}).");
        EnsureOpen(date);
        return date;
    }

    /// <summary>Refuses a date inside a closed month (the database guard makes it race-proof for postings).</summary>
    public void EnsureOpen(LocalDate date)
    {
        var period = date.ToString("yyyy-MM", null);
        if (ClosedPeriods.Contains(period))
            throw new DomainException(ErrorCodes.PeriodClosed,
                $"The period {period} is closed: nothing may be dated inside it. Date the correction in an open period.");
    }

    /// <summary>The first day a change may take effect: after today and after the last closed month.</summary>
    public LocalDate EarliestChangeDate()
    {
        var earliest = Today.PlusDays(1);
        foreach (var p in ClosedPeriods)
        {
            var next = NodaTime.Text.YearMonthPattern.Iso.Parse(p).Value.PlusMonths(1).OnDayOfMonth(1);
            if (next > earliest) earliest = next;
        }
        return earliest;
    }

    /// <summary>The channel of a request: one of the payment channels; staff default to the counter.</summary>
    public string Channel(string? requested, string fallback = Channels.Counter)
    {
        if (requested is null) return fallback;
        var channel = requested.ToLowerInvariant();
        if (!Channels.ForPayments.Contains(channel))
            throw DomainException.Validation("channel", "The channel must be counter, transfer, web or mobile.");
        return channel;
    }
}

/// <summary>A command's answer: the HTTP status and the body, stored as-is for idempotent replays.</summary>
public sealed record CommandResult(int Status, object Body)
{
    public static CommandResult Created(object body) => new(StatusCodes.Status201Created, body);
    public static CommandResult Ok(object body) => new(StatusCodes.Status200OK, body);
    public static CommandResult Accepted(object body) => new(StatusCodes.Status202Accepted, body);
}
