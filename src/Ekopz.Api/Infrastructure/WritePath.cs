using Ekopz.Api.Auth;
using Marten;
using Npgsql;
using NodaTime;

namespace Ekopz.Api.Infrastructure;

/// <summary>
/// The first step of every write on Wolverine's path (docs/adr/0025, 0031): an endpoint's <c>LoadAsync</c> (Wolverine's
/// compound-handler convention, run before the endpoint) delegates here for the <see cref="CommandScope"/>: the caller,
/// now, the correlation id and <c>LastModifiedBy</c> on the session Wolverine opened for the koperasi, and the koperasi's
/// settings and closed months from <see cref="KoperasiContextCache"/> (memory, not a query per command).
/// </summary>
public static class WritePath
{
    public static async Task<CommandScope> Scope(string kop, HttpContext http, IDocumentSession session, KoperasiContextCache contexts,
        IClock clock, Caller? as_ = null)
    {
        // The caller is the token's, unless the endpoint decided who acts (the storefront's guest).
        var caller = as_ ?? Caller.From(http.User);
        var correlation = Correlation.Of(http);
        session.CorrelationId = correlation;
        session.LastModifiedBy = caller.Username;
        var context = await contexts.Get(session, kop, http.RequestAborted);
        return new CommandScope(session, caller, context.Settings, clock.GetCurrentInstant(), correlation, context.ClosedPeriods);
    }

    /// <summary>
    /// The scope of a platform write that belongs to no koperasi (onboarding): the caller, now and the trace fields, no settings.
    /// </summary>
    public static CommandScope PlatformScope(HttpContext http, IDocumentSession session, IClock clock)
    {
        var caller = Caller.From(http.User);
        var correlation = Correlation.Of(http);
        session.CorrelationId = correlation;
        session.LastModifiedBy = caller.Username;
        return new CommandScope(session, caller, null, clock.GetCurrentInstant(), correlation);
    }

    /// <summary>
    /// A write that starts a new stream has no row to lock; with an Idempotency-Key it takes the key itself (an advisory lock, see
    /// <see cref="Serialize"/>) before looking it up, so a double submit waits for the first commit and replays its answer instead
    /// of failing on the stored key. Without a key there is nothing to serialize.
    /// </summary>
    public static async Task SerializeKey(CommandScope scope, IdempotencyKey? key, CancellationToken ct)
    {
        if (key is not null) await Serialize(scope.Session, $"idempotency:{scope.Tenant}:{key.RecordId}", ct);
    }

    /// <summary>
    /// For a write that has no event stream to lock (a login document, a koperasi's slug, a counter such as the member number,
    /// a stream that appears on first use): the one create lock (docs/adr/0043). Opens the session's transaction and
    /// takes a transaction-scoped advisory lock on <paramref name="name"/>, held until Wolverine's middleware commits or the
    /// request fails. Writes of one name take turns, so a check ("is this username free?") and an Idempotency-Key lookup made
    /// after it see every earlier commit: a double submit waits for the first and replays its answer, with no retry
    /// (docs/adr/0039).
    /// </summary>
    public static async Task Serialize(IDocumentSession session, string name, CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        await using var command = new NpgsqlCommand("select pg_advisory_xact_lock(hashtextextended(@name, 39))",
            (NpgsqlConnection)session.Connection!);
        command.Parameters.AddWithValue("name", name);
        await command.ExecuteNonQueryAsync(ct);
    }
}
