using Ekopz.Api.Auth;
using Marten;
using Marten.Services.BatchQuerying;

namespace Ekopz.Api.Infrastructure;

/// <summary>A request's Idempotency-Key (null without one) and the answer stored under it (null when the request is new).</summary>
public sealed record StoredAnswer(IdempotencyKey? Key, IdempotencyRecord? Record);

/// <summary>
/// The stored answer to a request's Idempotency-Key as a Marten query plan (docs/adr/0050). An endpoint's <c>Load</c> returns it;
/// Wolverine sees a query plan and fetches it in the same batch as the endpoint's aggregate, so looking the key up costs no round
/// trip of its own. A request without a key enlists nothing.
/// </summary>
public sealed class IdempotencyLookup(IdempotencyKey? key) : IQueryPlan<StoredAnswer>, IBatchQueryPlan<StoredAnswer>
{
    /// <summary>The request's key (400 for a malformed one), scoped to the caller and fingerprinted with the request.</summary>
    public static IdempotencyLookup Of(HttpContext http, object? request) => new(IdempotencyKeys.Of(http, Caller.From(http.User), request));

    public async Task<StoredAnswer> Fetch(IQuerySession session, CancellationToken token) =>
        new(key, key is null ? null : await session.LoadAsync<IdempotencyRecord>(key.RecordId, token));

    // Enlists synchronously (before the first await), as a batch item must: the batch runs after every item is added.
    public Task<StoredAnswer> Fetch(IBatchedQuery query)
    {
        if (key is null) return Task.FromResult(new StoredAnswer(null, null));
        return Answer(query.Load<IdempotencyRecord>(key.RecordId));

        async Task<StoredAnswer> Answer(Task<IdempotencyRecord?> record) => new(key, await record);
    }
}
