using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ekopz.Api.Auth;
using Ekopz.Domain.Common;
using Marten;
using NodaTime;

namespace Ekopz.Api.Infrastructure;

/// <summary>An Idempotency-Key as stored: "{username}|{key}" and the fingerprint of the request it answered.</summary>
public sealed record IdempotencyKey(string RecordId, string Fingerprint);

/// <summary>
/// Idempotency-Key handling for endpoints on Wolverine's write path (docs/adr/0006, 0025), the same rules the old CommandRunner had:
/// at most 200 printable ASCII characters, scoped to the caller, the same key with
/// another body is 409, a repeat answers the stored response with <c>Idempotent-Replayed: true</c>. The answer
/// is stored in the request's own session, so it commits with the events or not at all. An endpoint that holds
/// the aggregate's row lock looks the key up under that lock: a concurrent repeat waits for the first request's
/// commit and then finds its answer, with no retry.
/// </summary>
public static class IdempotencyKeys
{
    /// <summary>The request header that carries the key.</summary>
    public const string Header = "Idempotency-Key";

    /// <summary>The request's key, null without one; throws 400 for a malformed one.</summary>
    public static IdempotencyKey? Of(HttpContext http, Caller caller, object? request)
    {
        var key = http.Request.Headers[Header].ToString();
        if (key.Length == 0) return null;
        if (key.Length > 200)
            throw new DomainException(ErrorCodes.ValidationFailed, "The Idempotency-Key may have at most 200 characters.");
        if (key.Any(c => c is < ' ' or > '~'))
            throw new DomainException(ErrorCodes.ValidationFailed, "The Idempotency-Key may hold only printable ASCII characters.");
        var text = $"{http.Request.Method} {http.Request.Path}\n{JsonSerializer.Serialize(request, ApiJson.Options)}";
        return new IdempotencyKey($"{caller.Username}|{key}", Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))));
    }

    /// <summary>The stored answer to this key, or null when the request is new.</summary>
    public static async Task<IResult?> Replay(IQuerySession session, HttpContext http, IdempotencyKey? key)
    {
        if (key is null) return null;
        return Replay(http, new StoredAnswer(key, await session.LoadAsync<IdempotencyRecord>(key.RecordId, http.RequestAborted)));
    }

    /// <summary>The stored answer to replay, from a lookup Wolverine fetched with the aggregate (<see cref="IdempotencyLookup"/>), or null.</summary>
    public static IResult? Replay(HttpContext http, StoredAnswer stored)
    {
        if (stored.Key is null || stored.Record is not { } record) return null;
        if (record.Fingerprint != stored.Key.Fingerprint)
            throw DomainException.Conflict("This Idempotency-Key was already used with a different request.");
        http.Response.Headers["Idempotent-Replayed"] = "true";
        return Results.Content(record.Body, "application/json", Encoding.UTF8, record.Status);
    }

    /// <summary>The answer to send, stored with the key (in the same transaction) when there is one.</summary>
    public static IResult Answer(IDocumentSession session, IdempotencyKey? key, CommandResult result, Instant now)
    {
        var body = JsonSerializer.Serialize(result.Body, ApiJson.Options);
        if (key is not null)
            session.Insert(new IdempotencyRecord { Id = key.RecordId, Fingerprint = key.Fingerprint, Status = result.Status, Body = body, RecordedAt = now });
        return Results.Content(body, "application/json", Encoding.UTF8, result.Status);
    }
}
