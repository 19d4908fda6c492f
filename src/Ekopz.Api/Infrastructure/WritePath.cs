using Ekopz.Api.Auth;
using Marten;
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
        IClock clock)
    {
        var caller = Caller.From(http.User);
        var correlation = Correlation.Of(http);
        session.CorrelationId = correlation;
        session.LastModifiedBy = caller.Username;
        var context = await contexts.Get(session, kop, http.RequestAborted);
        return new CommandScope(session, caller, context.Settings, clock.GetCurrentInstant(), correlation, context.ClosedPeriods);
    }

    /// <summary>
    /// Row-locks the koperasi's settings stream, which exists from the koperasi's opening on (docs/adr/0038). For writes with no
    /// stream of their own to lock yet (creates) or whose own stream may not exist yet (the allowance, loan and shop settings, a
    /// month's interest run): a repeat with the same Idempotency-Key, or a second run of the same month, waits for the first
    /// one's commit and then finds what it did, instead of colliding on the new stream's id (409). Locks are taken in one order:
    /// this one first, then the streams the write appends to; nothing that holds a member's or a loan's lock takes it.
    /// </summary>
    public static Task LockKoperasi(CommandScope scope, CancellationToken ct) =>
        scope.Session.Events.FetchForExclusiveWriting<Ekopz.Domain.Koperasi.KoperasiSettings>(
            Ekopz.Domain.Koperasi.KoperasiSettings.StreamId(scope.Tenant), ct);
}
