using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Marten;
using NodaTime;

namespace Ekopz.Api.Hosting;

/// <summary>
/// One step of the demo seeder (docs/adr/0042): a lightweight Marten session for the koperasi (or the platform), the
/// <see cref="CommandScope"/> the endpoints get from <see cref="WritePath.Scope"/> (the caller, now, the trace fields and the
/// cached settings and closed months), the step's own work (the same pure <c>Decide</c> functions and shared cores the
/// endpoints call), and one <c>SaveChanges</c>. A step with a fixed key stores its answer as an <see cref="IdempotencyRecord"/>
/// in the same transaction, under the same id and fingerprint the old command runner used, so a second start (also of a
/// database the runner seeded) finds the answer and repeats nothing. The seeder runs alone at start-up: no lock waits and no
/// retries are needed, and a refusal (a <see cref="Domain.Common.DomainException"/>) saves nothing and stops the seeding.
/// </summary>
public sealed class DemoSteps(IDocumentStore store, IClock clock, KoperasiContextCache contexts, string correlation)
{
    /// <summary>Runs <paramref name="work"/> for <paramref name="tenant"/> (null: the platform) and answers its (stored) body.</summary>
    public async Task<JsonElement> Run(Caller caller, string? tenant, string? key, Func<CommandScope, Task<CommandResult>> work, CancellationToken ct)
    {
        var recordId = key is null ? null : $"{caller.Username}|{key}";
        var fingerprint = key is null ? null : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        await using var session = tenant is null ? store.LightweightSession() : store.LightweightSession(tenant);
        session.CorrelationId = correlation;
        session.LastModifiedBy = caller.Username;
        if (recordId is not null && await session.LoadAsync<IdempotencyRecord>(recordId, ct) is { } done)
            return JsonDocument.Parse(done.Body).RootElement;

        var context = tenant is null ? null : await contexts.Get(session, tenant, ct);
        var scope = new CommandScope(session, caller, context?.Settings, clock.GetCurrentInstant(), correlation, context?.ClosedPeriods);
        var result = await work(scope);
        var body = JsonSerializer.Serialize(result.Body, ApiJson.Options);
        if (recordId is not null)
            session.Insert(new IdempotencyRecord { Id = recordId, Fingerprint = fingerprint!, Status = result.Status, Body = body, RecordedAt = scope.Now });
        await session.SaveChangesAsync(ct);
        return JsonDocument.Parse(body).RootElement;
    }
}
