using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Api.Ledger;
using Ekopz.Api.Reports;
using Ekopz.Domain.Common;
using Ekopz.Domain.Community;
using Ekopz.Domain.Ledger;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using NodaTime.Text;
using Wolverine.Http;

namespace Ekopz.Api.Community;

/// <summary>
/// A pengurus publishes a closed month's reports to the members (docs/adr/0022), on Wolverine's write path (docs/adr/0037).
/// </summary>
public static class PublishReportsEndpoint
{
    /// <summary>The command's context, before the endpoint runs (docs/adr/0025).</summary>
    public static Task<CommandScope> LoadAsync(string kop, HttpContext http, IDocumentSession session, KoperasiContextCache contexts,
        IClock clock) => WritePath.Scope(kop, http, session, contexts, clock);

    /// <summary>Publish a closed month's reports to the members</summary>
    /// <remarks>
    /// Pengurus only. Only a sealed month may be published (422 <c>period_not_closed</c>); publishing a month again is 422
    /// <c>invalid_state</c>. Members then read its reports, with the seal re-checked on every read. Recorded as an event with who
    /// and when.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/periods/{period}/publish", OperationId = "publishReports")]
    [Authorize(Policy = Policies.Pengurus)]
    [Tags("Books")]
    [ProducesResponseType<PublishedPeriodView>(201)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static async Task<IResult> Publish(string period, HttpContext http, [NotBody] CommandScope scope)
    {
        var idempotency = IdempotencyKeys.Of(http, scope.Caller, new { period });
        if (await IdempotencyKeys.Replay(scope.Session, http, idempotency) is { } replay) return replay;
        var key = PublishedReportEndpoints.Month(period);
        var closed = await scope.Session.LoadAsync<AccountingPeriod>(AccountingPeriod.StreamId(key), http.RequestAborted);
        // Optimistic: two publications at once collide at commit, and the retry finds the month published (422).
        var stream = await scope.Session.Events.FetchForWriting<PublishedPeriod>(PublishedPeriod.StreamId(key), http.RequestAborted);
        var (published, view) = Decide(scope, key, closed, stream.Aggregate);
        stream.AppendOne(published);
        return IdempotencyKeys.Answer(scope.Session, idempotency, CommandResult.Created(view), scope.Now);
    }

    /// <summary>The publication, pure: only a sealed month, once; the rules are <see cref="PublishDecider.Publish"/>.</summary>
    public static (ReportsPublished Event, PublishedPeriodView Response) Decide(CommandScope scope, string period, AccountingPeriod? closed,
        PublishedPeriod? existing)
    {
        var published = PublishDecider.Publish(period, closed, existing, scope.Meta(scope.Today, Channels.Web));
        return (published, PublishedReportEndpoints.View(PublishedPeriod.Evolve(null, published)!));
    }
}
