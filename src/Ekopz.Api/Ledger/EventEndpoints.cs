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
/// NIK masked to its last 4 digits; the pengurus and pengawas read it whole.
/// </summary>
public static class EventEndpoints
{
    [WolverineGet("/api/v1/koperasi/{kop}/events/{eventId}", OperationId = "getEvent")]
    [Authorize(Policy = Policies.CounterRead)]
    [Tags("Books")]
    [ProducesResponseType<EventView>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Get(string kop, Guid eventId, HttpContext http, IDocumentStore store)
    {
        await using var session = store.QuerySession(kop);
        var e = await session.Events.QueryAllRawEvents().Where(x => x.Id == eventId).FirstOrDefaultAsync(http.RequestAborted);
        if (e is null) return Problems.Result(http, ErrorCodes.NotFound, "No such event.");
        var meta = (e.Data as IDomainEvent)?.Meta;
        var data = PersonalData.For(Caller.From(http.User), e.StreamId).Event(JsonSerializer.SerializeToElement(e.Data, e.Data.GetType(), ApiJson.Options));
        return Results.Json(new EventView(e.Id, e.Sequence, e.StreamId, e.Version, e.EventTypeName, Instant.FromDateTimeOffset(e.Timestamp),
            e.CorrelationId, meta?.Actor, meta?.BusinessDate, meta?.RecordedAt, meta?.Channel, data), ApiJson.Options);
    }
}
