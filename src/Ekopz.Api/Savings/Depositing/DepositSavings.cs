using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Members;
using Ekopz.Domain.Savings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Ekopz.Api.Savings.Depositing;

public sealed record DepositRequest(decimal? Amount, LocalDate? BusinessDate, string? Channel, string? Note);

public sealed record DepositResponse(Guid TransactionId, string Kind, decimal Amount, decimal Balance, string MemberStatus, LocalDate BusinessDate);

/// <summary>
/// A deposit into pokok, wajib or sukarela, recorded by a kasir or pengurus. Paying the last of
/// simpanan pokok activates the member in the same transaction.
/// </summary>
public static class DepositSavingsEndpoint
{
    /// <summary>Deposit simpanan pokok, wajib or sukarela</summary>
    /// <remarks>
    /// Kasir or pengurus, for a member at the counter or by transfer. Records <c>SavingsDeposited</c> on the member's stream with
    /// who, the business date, the channel and the correlation id, and posts it to the books in the same transaction. Paying the
    /// last of simpanan pokok activates the member in the same transaction. A date in a closed month is 422 <c>period_closed</c>;
    /// a member who has left is 422 <c>invalid_state</c>. Answers the new balance of that kind. Send an <c>Idempotency-Key</c>
    /// header to retry safely: a repeat answers the first answer and records nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/members/{memberId}/savings/{kind}/deposits", OperationId = "depositSavings")]
    [Authorize(Policy = Policies.Teller)]
    [Tags("Savings")]
    [ProducesResponseType<DepositResponse>(201)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static Task<IResult> Post(string kop, Guid memberId, string kind, DepositRequest request, HttpContext http, CommandRunner runner) =>
        runner.Run(http, kop, request, scope => Handle(scope, memberId, kind, request));

    public static async Task<CommandResult> Handle(CommandScope scope, Guid memberId, string kind, DepositRequest request)
    {
        if (!SavingsKinds.TryParse(kind, out var savingsKind))
            throw DomainException.Validation("kind", "The savings kind must be pokok, wajib or sukarela.");
        if (request.Amount is null)
            throw DomainException.Validation("amount", "The amount is required.");
        var businessDate = scope.BusinessDate(request.BusinessDate);
        var channel = scope.Channel(request.Channel);

        // Deposits to one member queue on a row lock instead of failing and retrying: a burst of
        // parallel deposits to one account (payroll runs do this) then costs one round trip each.
        var stream = await scope.Session.Events.FetchForExclusiveWriting<Member>(memberId);
        var events = MemberDecider.Deposit(
            new DepositSavings(Guid.NewGuid(), savingsKind, request.Amount.Value, request.Note?.Trim()),
            stream.Aggregate, scope.Settings.At(businessDate), CounterpartyClass.Member, scope.Meta(businessDate, channel));
        stream.AppendMany(events.Cast<object>().ToArray());

        var after = events.Aggregate(stream.Aggregate, (m, e) => Member.Evolve(m, e))!;
        var deposit = events.OfType<SavingsDeposited>().Single();
        return CommandResult.Created(new DepositResponse(deposit.TransactionId, savingsKind.Name(), deposit.Amount,
            after.Balances.Of(savingsKind), after.Status.Name(), businessDate));
    }
}
