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
}
