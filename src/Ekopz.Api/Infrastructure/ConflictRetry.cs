using JasperFx;
using JasperFx.CodeGeneration;
using Marten;
using Npgsql;
using Wolverine.Http;

namespace Ekopz.Api.Infrastructure;

/// <summary>
/// Retries a Wolverine.HTTP write that lost a race with a concurrent write (docs/adr/0037). Wolverine's error policies
/// (<c>opts.OnException(...).Retry...</c>) apply to message handlers only; an <see cref="HttpChain"/> has no failure
/// policies, and its generated code opens the session, runs the endpoint and commits inside one <c>Handle(HttpContext)</c>.
/// So the retry wraps that whole request delegate: this policy adds an endpoint convention to every non-GET chain that
/// replaces the chain's <see cref="RequestDelegate"/> with one that runs it again, from the start, when the commit failed
/// for a reason that deciding again on fresh state resolves (<see cref="IsRetryable"/>). Every attempt gets a fresh
/// session and transaction from Wolverine; the JSON body is buffered by <see cref="JsonBodyValidation"/> and rewound.
/// A repeat of an idempotent request that lost to its twin finds the twin's stored answer on the next attempt and replays it.
/// Only transactional chains are retried (Wolverine's transactional middleware commits them, so a failed attempt saved
/// nothing).
/// </summary>
public sealed class ConflictRetry : IHttpPolicy
{
    /// <summary>
    /// Attempts in all, as the old CommandRunner had. Creates do not rely on it: they queue on an advisory lock on what
    /// they race on (docs/adr/0043); a burst of 200 registrations outran 30 attempts when they did.
    /// </summary>
    public const int MaxAttempts = 30;

    public void Apply(IReadOnlyList<HttpChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains)
        {
            if (chain.HttpMethods.All(m => HttpMethods.IsGet(m) || HttpMethods.IsHead(m))) continue;
            chain.Add(endpoint =>
            {
                var inner = endpoint.RequestDelegate!;
                // Whether Wolverine commits the chain is known once its code is generated (first request): asked then.
                endpoint.RequestDelegate = http => Run(http, inner, () => chain.IsTransactional);
            });
        }
    }

    private static async Task Run(HttpContext http, RequestDelegate inner, Func<bool> retries)
    {
        // What earlier middleware put on the response (security headers, the correlation id): restored before a retry, so
        // nothing a failed attempt set (Idempotent-Replayed, Location) leaks into the next one's answer.
        KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>[]? headers = null;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (attempt == 1) headers = http.Response.Headers.ToArray();
                await inner(http);
                return;
            }
            catch (Exception e) when (attempt < MaxAttempts && !http.Response.HasStarted && IsRetryable(e)
                && CanRewind(http) && retries())
            {
                if (http.Request.Body.CanSeek) http.Request.Body.Position = 0;
                http.Response.Headers.Clear();
                foreach (var (name, value) in headers!) http.Response.Headers[name] = value;
                http.Response.StatusCode = StatusCodes.Status200OK;
                // A little jitter, growing: the racing writers spread out instead of colliding again in step.
                await Task.Delay(Random.Shared.Next(1, 5 + 5 * attempt), http.RequestAborted);
            }
        }
    }

    /// <summary>The body can be read again: buffered (JSON bodies are, by <see cref="JsonBodyValidation"/>) or absent.</summary>
    private static bool CanRewind(HttpContext http) => http.Request.Body.CanSeek || http.Request.ContentLength is null or 0;

    /// <summary>
    /// A conflict with a concurrent write that deciding again on fresh state resolves: a stream changed or started under
    /// us, a deadlock or serialization failure, a lock not available, or a unique index on a value the server generates
    /// (member, receipt and application numbers, stream and document ids, the Idempotency-Key's record: two racing creates
    /// with the same key) whose loser, run again, finds the winner's row. A duplicate the user sent (a NIK) is not retried: the
    /// writes that check one do so under a lock (docs/adr/0043), so a request's identical twin has committed before the check.
    /// </summary>
    public static bool IsRetryable(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            switch (x)
            {
                case ConcurrencyException:
                case DocumentAlreadyExistsException:
                case Marten.Exceptions.ExistingStreamIdCollisionException:
                case PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected }:
                    return true;
                case PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg when IsGeneratedValueIndex(pg.ConstraintName):
                    return true;
                // Two postings touching the same daily totals in opposite orders (docs/adr/0009).
                case PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable }:
                    return true;
            }
        }
        return false;
    }

    private static bool IsGeneratedValueIndex(string? constraint) =>
        constraint is not null && (constraint.Contains("member_number") || constraint.Contains("receipt_number")
            || constraint.Contains("application_number") || constraint.EndsWith("pkey", StringComparison.Ordinal));
}
