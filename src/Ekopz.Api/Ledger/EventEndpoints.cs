using System.Text.Json;
using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Ekopz.Api.Ledger;

public sealed record EventView(Guid EventId, long Sequence, Guid StreamId, long Version, string Type, Instant Timestamp, string? CorrelationId,
    string? Actor, LocalDate? BusinessDate, Instant? RecordedAt, string? Channel, JsonElement Data);

/// <summary>
/// The business event behind a journal entry, as stored: the last step of every drill-down. Personal fields are shown
/// as the caller may see them (<see cref="PersonalData"/>, docs/adr/0017): a kasir reads a member's registration with the
/// NIK masked to its last 4 digits; the pengurus and pengawas read it whole. An anggota reads the events of their own
/// member only (docs/adr/0021): those of their member stream, and those of a stream that belongs to them (a withdrawal, a
/// loan: its first event names them as <c>memberId</c>); any other event is 404, as if it did not exist.
/// </summary>
public static class EventEndpoints
{
    /// <summary>Read a stored business event</summary>
    /// <remarks>
    /// Staff, or an anggota for an event of their own member. The event as stored, with who recorded it, when, the business date,
    /// channel and correlation id: the last step of every drill-down. Personal fields are shown as the caller's role may see
    /// them.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/events/{eventId}", OperationId = "getEvent")]
    [Authorize(Policy = Policies.MemberRead)]
    [Tags("Books")]
    [ProducesResponseType<EventView>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Get(string kop, Guid eventId, HttpContext http, IDocumentStore store)
    {
        await using var session = store.QuerySession(kop);
        var e = await session.Events.QueryAllRawEvents().Where(x => x.Id == eventId).FirstOrDefaultAsync(http.RequestAborted);
        if (e is null) return Problems.Result(http, ErrorCodes.NotFound, "No such event.");
        var caller = Caller.From(http.User);
        var owner = e.StreamId;
        if (caller.IsMemberOnly)
        {
            if (caller.MemberId is not { } own || !await BelongsTo(session, e, own, http.RequestAborted))
                return Problems.Result(http, ErrorCodes.NotFound, "No such event.");
            owner = own;
        }
        var meta = (e.Data as IDomainEvent)?.Meta;
        var data = PersonalData.For(caller, owner).Event(JsonSerializer.SerializeToElement(e.Data, e.Data.GetType(), ApiJson.Options));
        return Results.Json(new EventView(e.Id, e.Sequence, e.StreamId, e.Version, e.EventTypeName, Instant.FromDateTimeOffset(e.Timestamp),
            e.CorrelationId, meta?.Actor, meta?.BusinessDate, meta?.RecordedAt, meta?.Channel, data), ApiJson.Options);
    }

    /// <summary>Is this event the member's own: on their member stream, or on a stream whose first event names them?</summary>
    private static async Task<bool> BelongsTo(IQuerySession session, JasperFx.Events.IEvent e, Guid memberId, CancellationToken ct)
    {
        if (e.StreamId == memberId) return true;
        var first = e.Version == 1 ? e
            : await session.Events.QueryAllRawEvents().Where(x => x.StreamId == e.StreamId).OrderBy(x => x.Version).FirstOrDefaultAsync(ct);
        if (first is null) return false;
        var json = JsonSerializer.SerializeToElement(first.Data, first.Data.GetType(), ApiJson.Options);
        return json.ValueKind == JsonValueKind.Object && json.TryGetProperty("memberId", out var m) && m.ValueKind == JsonValueKind.String
            && Guid.TryParse(m.GetString(), out var id) && id == memberId;
    }
}
