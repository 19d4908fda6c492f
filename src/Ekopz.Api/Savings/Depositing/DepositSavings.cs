using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Members;
using Ekopz.Domain.Savings;
using Marten;
using JasperFx.Events;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Marten;

namespace Ekopz.Api.Savings.Depositing;

public sealed record DepositRequest(decimal? Amount, LocalDate? BusinessDate, string? Channel, string? Note);

public sealed record DepositResponse(Guid TransactionId, string Kind, decimal Amount, decimal Balance, string MemberStatus, LocalDate BusinessDate);

/// <summary>
/// A deposit into pokok, wajib or sukarela, recorded by a kasir or pengurus. Paying the last of
/// simpanan pokok activates the member in the same transaction.
///
/// The pilot of the write path every command is to follow (docs/adr/0025): Wolverine opens the koperasi's
/// session, <see cref="LoadAsync"/> supplies the command's context from memory, Wolverine fetches the member's
/// stream under its row lock and the Idempotency-Key's stored answer in one batch ([WriteAggregate], exclusive: deposits to
/// one member queue instead of failing; docs/adr/0050),
/// <see cref="Decide"/> is the decision, and Wolverine's transactional middleware saves and commits.
/// </summary>
public static class DepositSavingsEndpoint
{
    /// <summary>
    /// Runs before the endpoint (Wolverine's compound-handler convention): the caller, now, the koperasi's
    /// settings and closed months (cached, not queried per command) and the trace fields every event carries.
    /// </summary>
    public static Task<CommandScope> LoadAsync(string kop, HttpContext http, IDocumentSession session,
        KoperasiContextCache contexts, IClock clock) => WritePath.Scope(kop, http, session, contexts, clock);

    /// <summary>
    /// The request's Idempotency-Key as a query plan: Wolverine fetches its stored answer in the same batch as the member
    /// (docs/adr/0050), one round trip for both.
    /// </summary>
    public static IdempotencyLookup Load(HttpContext http, DepositRequest request) => IdempotencyLookup.Of(http, request);

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
    public static IResult Post(string kind, DepositRequest request, HttpContext http, CommandScope scope, StoredAnswer stored,
        [WriteAggregate("memberId", Required = false, LoadStyle = Wolverine.Marten.ConcurrencyStyle.Exclusive)] IEventStream<Member> member)
    {
        // Looked up in the same batch as the member's row lock, after it: a concurrent repeat of this request waited for the
        // first one's commit there and now finds its answer.
        if (IdempotencyKeys.Replay(http, stored) is { } replay) return replay;

        var (events, response) = Decide(scope, kind, request, member.Aggregate);
        member.AppendMany(events.Cast<object>().ToArray());
        return IdempotencyKeys.Answer(scope.Session, stored.Key, CommandResult.Created(response), scope.Now);
    }

    /// <summary>
    /// The decision: the request and the member's state in, the events and the answer out. No database, no clock
    /// (the scope carries now, today and the settings); the rules themselves are <see cref="MemberDecider.Deposit"/>.
    /// </summary>
    public static (IReadOnlyList<IDomainEvent> Events, DepositResponse Response) Decide(CommandScope scope, string kind,
        DepositRequest request, Member? member)
    {
        if (!SavingsKinds.TryParse(kind, out var savingsKind))
            throw DomainException.Validation("kind", "The savings kind must be pokok, wajib or sukarela.");
        if (request.Amount is null)
            throw DomainException.Validation("amount", "The amount is required.");
        var businessDate = scope.BusinessDate(request.BusinessDate);
        var channel = scope.Channel(request.Channel);

        var events = MemberDecider.Deposit(
            new DepositSavings(Guid.NewGuid(), savingsKind, request.Amount.Value, request.Note?.Trim()),
            member, scope.Settings.At(businessDate), CounterpartyClass.Member, scope.Meta(businessDate, channel));

        var after = events.Aggregate(member, (m, e) => Member.Evolve(m, e))!;
        var deposit = events.OfType<SavingsDeposited>().Single();
        return (events, new DepositResponse(deposit.TransactionId, savingsKind.Name(), deposit.Amount,
            after.Balances.Of(savingsKind), after.Status.Name(), businessDate));
    }
}
