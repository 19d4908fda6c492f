using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Api.Members.Exiting;
using Ekopz.Domain.Common;
using Ekopz.Domain.Ledger;
using Ekopz.Domain.Members;
using Ekopz.Domain.Shop;
using Ekopz.Projections.Ledger;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Marten;
using ConcurrencyStyle = Wolverine.Marten.ConcurrencyStyle;

namespace Ekopz.Api.Shop.Credit;

/// <summary>
/// What a member owes the shop: the balance of the member receivable for their id, read from the
/// ledger. Every command that changes it (a sale on credit, a refund to the account, a repayment, an
/// exit) holds the member's stream lock, so the figure read under that lock is the one to decide on.
/// </summary>
public sealed class MemberCreditLedger(ReadDb db)
{
    public async Task<decimal> Owed(IQuerySession session, string tenant, Guid memberId, CancellationToken ct)
    {
        var chart = await session.LoadAsync<Chart>(Chart.StreamId(tenant), ct);
        if (chart is null) return 0m;
        var codes = chart.Roles.Where(r => r.Role == AccountRoles.ShopMemberReceivable).Select(r => r.Code).Distinct().ToArray();
        return await LedgerMemberSums.DebitBalance(db.DataSource, tenant, codes, memberId, ct);
    }

    /// <summary>Locks the member (the same lock deposits and exit take) and answers what they owe now.</summary>
    public async Task<(Member? Member, decimal Owed)> Lock(CommandScope scope, Guid memberId)
    {
        if (await scope.Session.LoadAsync<Member>(memberId) is null) return (null, 0m);
        var stream = await scope.Session.Events.FetchForExclusiveWriting<Member>(memberId);
        return (stream.Aggregate, await Owed(scope.Session, scope.Tenant, memberId, CancellationToken.None));
    }
}

/// <summary>Shop credit is settled from the refund when a member leaves (the exit nets it like a loan).</summary>
public sealed class ShopCreditObligations(MemberCreditLedger credit) : IMemberObligationSource
{
    public async Task<IReadOnlyList<RefundOffset>> OpenObligations(IDocumentSession session, Guid memberId, CancellationToken ct)
    {
        var owed = await credit.Owed(session, session.TenantId, memberId, ct);
        return owed > 0 ? [new RefundOffset(AccountRoles.ShopMemberReceivable, memberId, owed)] : [];
    }
}

public sealed record CreditRepaymentRequest(decimal? Amount, string? Channel = null, LocalDate? BusinessDate = null);

public sealed record MemberCreditView(Guid MemberId, decimal Owed);

public sealed record CreditRepaymentResponse(Guid PaymentId, Guid MemberId, decimal Amount, decimal Owed, LocalDate BusinessDate);

/// <summary>A member's shop credit: what they owe, and paying it off at the counter or by transfer.</summary>
public static class MemberCreditEndpoints
{
    /// <summary>The command's context, before the endpoint runs (docs/adr/0025).</summary>
    public static Task<CommandScope> LoadAsync(string kop, HttpContext http, IDocumentSession session, KoperasiContextCache contexts,
        IClock clock) => WritePath.Scope(kop, http, session, contexts, clock);

    /// <summary>Repay a member's shop credit</summary>
    /// <remarks>
    /// Kasir or pengurus, at the counter or by transfer. Records the repayment under the member's stream lock and posts it to the
    /// books. More than the member owes is 422 <c>insufficient_balance</c>. Send an <c>Idempotency-Key</c> header to retry
    /// safely: a repeat answers the first answer and records nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/shop/members/{memberId}/credit-payments", OperationId = "repayMemberShopCredit")]
    [Authorize(Policy = Policies.Teller)]
    [Tags("Shop")]
    [ProducesResponseType<CreditRepaymentResponse>(201)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static async Task<IResult> Repay(string kop, CreditRepaymentRequest request, HttpContext http, CommandScope scope,
        MemberCreditLedger credit,
        // The member's lock: every write that changes what they owe holds it, so the balance read under it is the one to decide on.
        [WriteAggregate("memberId", Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] IEventStream<Member> member)
    {
        var key = IdempotencyKeys.Of(http, scope.Caller, request);
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;
        var owed = member.Aggregate is null ? 0m : await credit.Owed(scope.Session, scope.Tenant, member.Id, http.RequestAborted);
        var (repaid, response) = Decide(scope, member.Id, request, member.Aggregate, owed);
        scope.Session.Events.Append(ShopPayments.CreditStreamId(kop, member.Id), repaid);
        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Created(response), scope.Now);
    }

    /// <summary>The repayment, pure: the member and what they owe in; the rules are <see cref="MemberCreditDecider.Repay"/>.</summary>
    public static (ShopCreditRepaid Event, CreditRepaymentResponse Response) Decide(CommandScope scope, Guid memberId, CreditRepaymentRequest request,
        Member? member, decimal owed)
    {
        if (request.Amount is null) throw DomainException.Validation("amount", "The amount is required.");
        var channel = scope.Channel(request.Channel);
        var date = scope.BusinessDate(request.BusinessDate);
        var repaid = MemberCreditDecider.Repay(member, owed, request.Amount.Value, Channels.CashPointFor(channel), scope.Meta(date, channel));
        return (repaid, new CreditRepaymentResponse(repaid.PaymentId, memberId, repaid.Amount, owed - repaid.Amount, date));
    }
}

/// <summary>A member's shop credit, read (apart from the write: Wolverine runs a class's <c>LoadAsync</c> before each of its endpoints).</summary>
public static class MemberCreditReads
{
    /// <summary>What a member owes the shop</summary>
    /// <remarks>
    /// Staff, or an anggota for their own member. The balance of the member's shop credit (sales on credit less repayments), read
    /// from the ledger, with the credit limit.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/shop/members/{memberId}/credit", OperationId = "getMemberShopCredit")]
    [Authorize(Policy = Policies.MemberRead)]
    [Tags("Shop")]
    [ProducesResponseType<MemberCreditView>(200)]
    public static async Task<IResult> Get(string kop, Guid memberId, HttpContext http, IDocumentStore store, MemberCreditLedger credit)
    {
        await using var session = store.QuerySession(kop);
        if (await session.LoadAsync<Member>(memberId, http.RequestAborted) is null) throw DomainException.NotFound("The member");
        return Results.Json(new MemberCreditView(memberId, await credit.Owed(session, kop, memberId, http.RequestAborted)), ApiJson.Options);
    }

}
