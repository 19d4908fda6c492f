using NodaTime;

namespace Ekopz.Api.Infrastructure;

/// <summary>
/// The stored answer to a request sent with an Idempotency-Key. Written in the same transaction as
/// the events the request caused, so either both exist or neither: a retry after a timeout finds
/// the answer and changes nothing.
/// </summary>
public sealed class IdempotencyRecord
{
    /// <summary>"{username}|{key}": keys are scoped to the caller.</summary>
    public string Id { get; set; } = "";
    public string Fingerprint { get; set; } = "";
    public int Status { get; set; }
    public string Body { get; set; } = "";
    public Instant RecordedAt { get; set; }
}
