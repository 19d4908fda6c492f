using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Api.Ledger;
using Ekopz.Domain.Common;
using Ekopz.Domain.Ledger;
using Ekopz.Domain.Members;
using Ekopz.Domain.Shu;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Ekopz.Api.Shu;

/// <summary>
/// The RAT's SHU decision and the members' payouts on Wolverine's write path (docs/adr/0037). The year's SHU stream is locked
/// first (its id is derived from the year, so it is fetched here, not by [WriteAggregate]), then, for a payout into sukarela,
/// the members credited: always in that order, as deposits lock only the member. The Idempotency-Key is looked up under the
/// year's lock. The reads and the simulation are in <see cref="ShuEndpoints"/>.
/// </summary>
public static class ShuWriteEndpoints
{
    /// <summary>The command's context, before the endpoint runs (docs/adr/0025).</summary>
    public static Task<CommandScope> LoadAsync(string kop, HttpContext http, IDocumentSession session, KoperasiContextCache contexts,
        IClock clock) => WritePath.Scope(kop, http, session, contexts, clock);

    /// <summary>Record the RAT's SHU decision</summary>
    /// <remarks>
    /// Pengurus only. The buckets the RAT decided, posted to the books (reserves and funds credited, the members' part payable).
    /// A year already decided, or closed without a surplus, is 422 <c>invalid_state</c>. Send an <c>Idempotency-Key</c> header to
    /// retry safely: a repeat answers the first answer and records nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/shu/{year}/approve", OperationId = "approveShu")]
    [Authorize(Policy = Policies.Pengurus)]
    [Tags("SHU")]
    [ProducesResponseType<ShuView>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static async Task<IResult> Approve(string kop, int year, ShuRequest request, HttpContext http, CommandScope scope, LedgerQueries ledger,
        ShuBasisQuery basis)
    {
        var ct = http.RequestAborted;
        // Bad buckets and dates are bad input whatever the state of the year: refused before anything is read.
        ShuBucketRules.Validate(ShuEndpoints.Buckets(request));
        var date = scope.BusinessDate(request.BusinessDate);
        var stream = await scope.Session.Events.FetchForExclusiveWriting<ShuYear>(ShuYear.StreamId(year), ct);
        var key = IdempotencyKeys.Of(http, scope.Caller, request);
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;

        var inputs = await ShuInputsQuery.ForDecision(scope.Session, kop, year, date, ledger, basis, ct);
        var (decided, view) = DecideApproval(scope, year, request, stream.Aggregate, inputs);
        stream.AppendOne(decided);
        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Ok(view), scope.Now);
    }

    /// <summary>
    /// The RAT's decision, pure: the buckets applied to the year's SHU and each member's basis; reserves and funds credited to the
    /// accounts <see cref="ShuBucketAccounts.For"/> finds; a decision after the RAT deadline carries <see cref="RatDeadline"/>'s
    /// warning. The rules are <see cref="ShuDecider.Approve"/>.
    /// </summary>
    public static (ShuAllocationApproved Event, ShuView Response) DecideApproval(CommandScope scope, int year, ShuRequest request, ShuYear? existing,
        ShuInputs inputs)
    {
        var buckets = ShuEndpoints.Buckets(request);
        ShuBucketRules.Validate(buckets);
        var date = scope.BusinessDate(request.BusinessDate);
        var reserve = inputs.Chart.CodeFor(AccountRoles.ShuReserve, date);
        var decided = ShuDecider.Approve(existing, year, inputs.Shu, inputs.MemberContribution, inputs.NonMemberContribution, buckets,
            inputs.Members, b => ShuBucketAccounts.For(inputs.Chart, b, date), reserve, inputs.CapitalBasis, scope.Meta(date, Channels.Web));
        var warnings = RatDeadline.LateWarning(year, date) is { } late ? new List<string> { late } : [];
        return (decided, ShuEndpoints.View(ShuYear.Evolve(null, decided)!, warnings));
    }

    /// <summary>Pay the members their SHU</summary>
    /// <remarks>
    /// Kasir or pengurus. Pays the approved members' part, in cash or into sukarela (<c>method</c>), for all members or those
    /// listed; each payment is recorded and posted. Before the RAT decided the year it is 422 <c>invalid_state</c>. Send an
    /// <c>Idempotency-Key</c> header to retry safely: a repeat answers the first answer and records nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/shu/{year}/distribute", OperationId = "distributeShu")]
    [Authorize(Policy = Policies.Teller)]
    [Tags("SHU")]
    [ProducesResponseType<ShuView>(200)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static async Task<IResult> Distribute(int year, DistributeRequest request, HttpContext http, CommandScope scope)
    {
        var ct = http.RequestAborted;
        scope.BusinessDate(request.BusinessDate);
        scope.Channel(request.Channel);
        var stream = await scope.Session.Events.FetchForExclusiveWriting<ShuYear>(ShuYear.StreamId(year), ct);
        var key = IdempotencyKeys.Of(http, scope.Caller, request);
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;

        // Members credited to sukarela are locked like any other savings movement, after the year.
        var locked = new Dictionary<Guid, IEventStream<Member>>();
        if (request.Method?.ToLowerInvariant() == "sukarela" && stream.Aggregate is { } y)
            foreach (var m in y.Decision.Members.Where(m => !y.Payments.ContainsKey(m.MemberId)
                         && (request.MemberIds is not { Length: > 0 } || request.MemberIds.Contains(m.MemberId))))
                locked[m.MemberId] = await scope.Session.Events.FetchForExclusiveWriting<Member>(m.MemberId, ct);

        var (events, view) = DecideDistribution(scope, request, stream.Aggregate,
            locked.Where(l => l.Value.Aggregate is not null).ToDictionary(l => l.Key, l => l.Value.Aggregate!));
        foreach (var e in events)
        {
            if (e is ShuCreditedToSavings c) locked[c.MemberId].AppendOne(c);
            else stream.AppendOne(e);
        }
        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Ok(view), scope.Now);
    }

    /// <summary>
    /// The payout, pure: the year's decision and the members to credit in, the payment events and the answer out; a member who has
    /// left cannot be credited to savings and is named in a warning (their SHU stays payable). The rules are
    /// <see cref="ShuDecider.Distribute"/>.
    /// </summary>
    public static (IReadOnlyList<IDomainEvent> Events, ShuView Response) DecideDistribution(CommandScope scope, DistributeRequest request,
        ShuYear? year, IReadOnlyDictionary<Guid, Member> members)
    {
        var date = scope.BusinessDate(request.BusinessDate);
        var channel = scope.Channel(request.Channel);
        var events = ShuDecider.Distribute(year, request.Method?.ToLowerInvariant() ?? "", request.MemberIds,
            id => members.GetValueOrDefault(id), channel, scope.Meta(date, channel));
        var after = events.Aggregate(year, (s, e) => ShuYear.Evolve(s, e))!;
        var warnings = members.Values.Where(m => m.HasLeft && !after.Payments.ContainsKey(m.Id))
            .Select(m => $"member_left: member {m.MemberNumber} has left; their SHU stays payable until collected in cash.").ToList();
        return (events, ShuEndpoints.View(after, warnings));
    }
}
