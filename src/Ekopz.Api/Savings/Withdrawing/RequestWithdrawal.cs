using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Members;
using Ekopz.Domain.Savings;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Marten;
using ConcurrencyStyle = Wolverine.Marten.ConcurrencyStyle;

namespace Ekopz.Api.Savings.Withdrawing;

/// <param name="PayAtCounter">The member takes the cash at the counter: approval only records the decision and a kasir pays it
/// out later (<c>POST .../withdrawals/{id}/pay</c>). Default false: approval pays at once.</param>
public sealed record WithdrawalRequest(decimal? Amount, LocalDate? BusinessDate, string? Channel, string? Note, bool? PayAtCounter = null);

public sealed record WithdrawalRequestedResponse(Guid WithdrawalId, string Status, Guid MemberId, decimal Amount, LocalDate BusinessDate,
    bool PayAtCounter);

/// <summary>
/// A member (from the app) or a kasir/pengurus (at the counter) asks to withdraw sukarela. It is
/// paid only when a pengurus other than the requester approves, at once, or with <c>payAtCounter</c>
/// by a kasir after the approval. Pokok and wajib are <c>not_withdrawable</c>.
/// </summary>
public static class RequestWithdrawalEndpoint
{
    /// <summary>The command's context, before the endpoint runs (docs/adr/0025).</summary>
    public static Task<CommandScope> LoadAsync(string kop, HttpContext http, IDocumentSession session, KoperasiContextCache contexts,
        IClock clock) => WritePath.Scope(kop, http, session, contexts, clock);

    /// <summary>Ask to withdraw sukarela</summary>
    /// <remarks>
    /// A member from the app (their own member only), or a kasir or pengurus at the counter. Records the request; no money moves
    /// until a pengurus other than the requester approves it (approveWithdrawal), which pays at once, or, with
    /// <c>payAtCounter</c>, lets a kasir pay it in cash later (payWithdrawal). Pokok and wajib are 422 <c>not_withdrawable</c>;
    /// more than the balance is 422 <c>insufficient_balance</c>. Send an <c>Idempotency-Key</c> header to retry safely: a repeat
    /// answers the first answer and records nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/members/{memberId}/savings/{kind}/withdrawals", OperationId = "requestWithdrawal")]
    [Authorize(Policy = Policies.MemberOrTeller)]
    [Tags("Savings")]
    [ProducesResponseType<WithdrawalRequestedResponse>(202)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static async Task<IResult> Post(string kind, WithdrawalRequest request, HttpContext http, CommandScope scope,
        // Nothing is appended to the member's stream, but its row lock makes the balance check and the Idempotency-Key
        // lookup race-free: a repeat of this request waits for the first one's commit and then replays its answer.
        [WriteAggregate("memberId", Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] IEventStream<Member> member)
    {
        var key = IdempotencyKeys.Of(http, scope.Caller, request);
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;

        var (requested, response) = Decide(scope, kind, request, member.Id, member.Aggregate);
        scope.Session.Events.StartStream<Withdrawal>(requested.WithdrawalId, requested);
        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Accepted(response), scope.Now);
    }

    /// <summary>
    /// The decision: the request and the member's state in, the event that starts the withdrawal's stream and the answer
    /// out. Pure (the scope supplies caller, today and the trace fields); the rules are <see cref="WithdrawalDecider.Request"/>.
    /// </summary>
    public static (WithdrawalRequested Event, WithdrawalRequestedResponse Response) Decide(CommandScope scope, string kind,
        WithdrawalRequest request, Guid memberId, Member? member)
    {
        if (!SavingsKinds.TryParse(kind, out var savingsKind))
            throw DomainException.Validation("kind", "The savings kind must be pokok, wajib or sukarela.");
        if (request.Amount is null) throw DomainException.Validation("amount", "The amount is required.");
        var date = scope.BusinessDate(request.BusinessDate);
        // A member asks from the app; staff record a request made at the counter.
        var channel = scope.Channel(request.Channel, scope.Caller.IsMemberOnly ? Channels.Web : Channels.Counter);
        if (scope.Caller.IsMemberOnly && channel is not (Channels.Web or Channels.Mobile))
            throw DomainException.Validation("channel", "A member asks through the web or mobile channel.");
        var requested = WithdrawalDecider.Request(Guid.NewGuid(), savingsKind, request.Amount.Value, request.Note?.Trim(), member,
            scope.Meta(date, channel), request.PayAtCounter ?? false);
        return (requested, new WithdrawalRequestedResponse(requested.WithdrawalId, "requested", memberId, requested.Amount, date,
            requested.PayAtCounter));
    }
}
