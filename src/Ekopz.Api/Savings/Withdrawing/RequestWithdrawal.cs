using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Members;
using Ekopz.Domain.Savings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

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
    public static Task<IResult> Post(string kop, Guid memberId, string kind, WithdrawalRequest request, HttpContext http, CommandRunner runner) =>
        runner.Run(http, kop, request, async scope =>
        {
            if (!SavingsKinds.TryParse(kind, out var savingsKind))
                throw DomainException.Validation("kind", "The savings kind must be pokok, wajib or sukarela.");
            if (request.Amount is null) throw DomainException.Validation("amount", "The amount is required.");
            var date = scope.BusinessDate(request.BusinessDate);
            // A member asks from the app; staff record a request made at the counter.
            var channel = scope.Channel(request.Channel, scope.Caller.IsMemberOnly ? Channels.Web : Channels.Counter);
            if (scope.Caller.IsMemberOnly && channel is not (Channels.Web or Channels.Mobile))
                throw DomainException.Validation("channel", "A member asks through the web or mobile channel.");
            var member = await scope.Session.LoadAsync<Member>(memberId);
            var requested = WithdrawalDecider.Request(Guid.NewGuid(), savingsKind, request.Amount.Value, request.Note?.Trim(), member,
                scope.Meta(date, channel), request.PayAtCounter ?? false);
            scope.Session.Events.StartStream<Withdrawal>(requested.WithdrawalId, requested);
            return CommandResult.Accepted(new WithdrawalRequestedResponse(requested.WithdrawalId, "requested", memberId, requested.Amount, date,
                requested.PayAtCounter));
        });
}
