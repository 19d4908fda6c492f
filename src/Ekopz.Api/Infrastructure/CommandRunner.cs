using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ekopz.Api.Auth;
using Ekopz.Domain.Common;
using Ekopz.Domain.Koperasi;
using Ekopz.Domain.Ledger;
using JasperFx;
using Marten;
using Npgsql;
using NodaTime;

namespace Ekopz.Api.Infrastructure;

/// <summary>What a command answered: status and JSON body, and whether it was a replay of an earlier answer.</summary>
public sealed record CommandOutcome(int Status, string Body, bool Replayed);

/// <summary>
/// Runs a command: opens a session for the koperasi, lets the slice decide and append, saves, and
/// answers. Optimistic-concurrency failures are retried from scratch (re-reading state, deciding
/// again), so concurrent requests never lose an update and never act on stale balances. With an
/// Idempotency-Key the answer is stored in the same transaction and replayed for a repeat.
/// See docs/adr/0006-concurrency-and-idempotency.md.
/// </summary>
public sealed class CommandRunner(IDocumentStore store, IClock clock, ILogger<CommandRunner> logger, KoperasiContextCache contexts)
{
    public const string IdempotencyHeader = IdempotencyKeys.Header;
    private const int MaxAttempts = 30;
    /// <summary>Connection faults are retried a few times (about 2 s in all), then answered 503 (ErrorHandling).</summary>
    private const int MaxFaultAttempts = 4;

    /// <summary>Runs <paramref name="work"/> for koperasi <paramref name="tenant"/> (null: platform work) and answers HTTP.</summary>
    public Task<IResult> Run(HttpContext http, string? tenant, object? request, Func<CommandScope, Task<CommandResult>> work) =>
        Run(http, tenant, Caller.From(http.User), request, work);

    /// <summary>As <see cref="Run(HttpContext, string?, object?, Func{CommandScope, Task{CommandResult}})"/> for a caller the endpoint decided (the storefront's guest).</summary>
    public async Task<IResult> Run(HttpContext http, string? tenant, Caller caller, object? request, Func<CommandScope, Task<CommandResult>> work)
    {
        var key = http.Request.Headers[IdempotencyHeader].ToString();
        if (key.Length > 200)
            return Problems.Result(http, ErrorCodes.ValidationFailed, "The Idempotency-Key may have at most 200 characters.");
        if (key.Any(c => c is < ' ' or > '~'))
            return Problems.Result(http, ErrorCodes.ValidationFailed, "The Idempotency-Key may hold only printable ASCII characters.");
        var fingerprint = $"{http.Request.Method} {http.Request.Path}\n{JsonSerializer.Serialize(request, ApiJson.Options)}";
        var outcome = await Execute(caller, tenant, Correlation.Of(http), key.Length > 0 ? key : null,
            fingerprint, work, http.RequestAborted);
        if (outcome.Replayed) http.Response.Headers["Idempotent-Replayed"] = "true";
        return Results.Content(outcome.Body, "application/json", Encoding.UTF8, outcome.Status);
    }

    /// <summary>
    /// The transport-free core, also used by the demo seeder. Throws <see cref="DomainException"/>
    /// for refusals; nothing is saved when it throws.
    /// </summary>
    public async Task<CommandOutcome> Execute(Caller caller, string? tenant, string correlationId, string? idempotencyKey,
        string fingerprintText, Func<CommandScope, Task<CommandResult>> work, CancellationToken ct)
    {
        string? recordId = null, fingerprint = null;
        if (idempotencyKey is not null)
        {
            recordId = $"{caller.Username}|{idempotencyKey}";
            fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(fingerprintText)));
            if (await TryReplay(tenant, recordId, fingerprint, ct) is { } replay) return replay;
        }

        for (var attempt = 1; ; attempt++)
        {
            await using var session = tenant is null ? store.LightweightSession() : store.LightweightSession(tenant);
            session.CorrelationId = correlationId;
            session.LastModifiedBy = caller.Username;
            var committing = false;
            try
            {
                var scope = await OpenScope(session, caller, tenant, correlationId, ct);
                var result = await work(scope);
                var body = JsonSerializer.Serialize(result.Body, ApiJson.Options);
                if (recordId is not null)
                    session.Insert(new IdempotencyRecord
                    {
                        Id = recordId, Fingerprint = fingerprint!, Status = result.Status, Body = body, RecordedAt = scope.Now,
                    });
                committing = true;
                await session.SaveChangesAsync(ct);
                return new CommandOutcome(result.Status, body, false);
            }
            catch (Exception e) when (DatabaseFaults.IsTransient(e) && attempt < MaxFaultAttempts && (!committing || recordId is not null))
            {
                // The connection failed (PostgreSQL restarting, a dead pooled connection). Before the commit nothing
                // was written, so deciding again is safe; during the commit the outcome is unknown, and only a request
                // with an Idempotency-Key may go again: if the commit happened, its stored answer is replayed.
                DatabaseFaults.Forget();
                logger.LogWarning("Retrying a command after a database fault ({Error}, attempt {Attempt})", e.GetType().Name, attempt);
                await Task.Delay(200 * attempt, ct);
                if (recordId is not null && await TryReplay(tenant, recordId, fingerprint!, ct) is { } replay) return replay;
            }
            catch (Exception e) when (IsRetryable(e) && attempt < MaxAttempts)
            {
                // Another request changed the same data first. If it was this same idempotent request,
                // answer with its result; otherwise decide again on fresh state.
                if (recordId is not null && await TryReplay(tenant, recordId, fingerprint!, ct) is { } replay)
                    return replay;
                logger.LogDebug("Retrying a command after {Error} (attempt {Attempt})", e.GetType().Name, attempt);
                await Task.Delay(Random.Shared.Next(1, 5 + 5 * attempt), ct);
            }
        }
    }

    /// <summary>
    /// A preview ("check your answers"): runs <paramref name="work"/> as <see cref="Run"/> would, on the same state and
    /// with the same checks and refusals, and answers what it decided, but saves nothing. The session is disposed
    /// unsaved, so what the work appended is dropped and any row lock it took is released by the rollback.
    /// No Idempotency-Key is honoured (there is nothing to replay) and nothing is retried (nothing is saved that could
    /// conflict). See docs/adr/0015-staff-reads.md.
    /// </summary>
    public Task<IResult> Preview(HttpContext http, string tenant, Func<CommandScope, Task<CommandResult>> work) =>
        Preview(http, tenant, Caller.From(http.User), work);

    public async Task<IResult> Preview(HttpContext http, string tenant, Caller caller, Func<CommandScope, Task<CommandResult>> work)
    {
        var ct = http.RequestAborted;
        await using var session = store.LightweightSession(tenant);
        var correlationId = Correlation.Of(http);
        session.CorrelationId = correlationId;
        var scope = await OpenScope(session, caller, tenant, correlationId, ct);
        var result = await work(scope);
        return Results.Content(JsonSerializer.Serialize(result.Body, ApiJson.Options), "application/json", Encoding.UTF8, result.Status);
    }

    private async Task<CommandScope> OpenScope(IDocumentSession session, Caller caller, string? tenant, string correlationId, CancellationToken ct)
    {
        // Settings and closed months come from the in-process cache, not two queries per command (docs/adr/0025).
        var context = tenant is null ? null : await contexts.Get(session, tenant, ct);
        return new CommandScope(session, caller, context?.Settings, clock.GetCurrentInstant(), correlationId, context?.ClosedPeriods);
    }

    private async Task<CommandOutcome?> TryReplay(string? tenant, string recordId, string fingerprint, CancellationToken ct)
    {
        await using var query = tenant is null ? store.QuerySession() : store.QuerySession(tenant);
        var record = await query.LoadAsync<IdempotencyRecord>(recordId, ct);
        if (record is null) return null;
        if (record.Fingerprint != fingerprint)
            throw DomainException.Conflict("This Idempotency-Key was already used with a different request.");
        return new CommandOutcome(record.Status, record.Body, true);
    }

    /// <summary>A conflict with a concurrent write that deciding again on fresh state resolves (also used by the sign-in's writes).</summary>
    internal static bool IsRetryable(Exception e) => ConflictRetry.IsRetryable(e);
}
