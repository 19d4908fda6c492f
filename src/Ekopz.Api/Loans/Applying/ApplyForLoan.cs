using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Loans;
using Ekopz.Domain.Members;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Marten;
using ConcurrencyStyle = Wolverine.Marten.ConcurrencyStyle;

namespace Ekopz.Api.Loans.Applying;

/// <param name="AnnualRate">Percent a year (18); required without a product, and must equal the product's with one.</param>
/// <param name="Method"><c>flat</c>, <c>efektif</c> or <c>anuitas</c>; as for the rate.</param>
/// <param name="ProductId">The loan product: it supplies rate, method, frequency, fees, penalty, rounding and limits.</param>
/// <param name="Insider">The borrower is a pengurus, a pengawas or an affiliate of one: the lower lending limit applies.</param>
/// <param name="BusinessDate">The application date (default today; may be back-dated, never future).</param>
public sealed record LoanApplicationRequest(
    decimal? Principal, int? Periods, decimal? AnnualRate, string? Method, string? Frequency, Guid? ProductId, string? Purpose, bool? Insider,
    LocalDate? BusinessDate, decimal? RoundingUnit = null, string? RoundingMode = null);

public sealed record LoanApplicationResponse(
    Guid LoanId, string Status, Guid MemberId, Guid? ProductId, decimal Principal, int Periods, decimal AnnualRate, string Method, string Frequency,
    LocalDate BusinessDate);

/// <summary>
/// A loan application, by the member (from the app) or by a pengurus for the member. Only active
/// members borrow; the terms are fixed now from the product (or the request) and never change with
/// the product afterwards.
/// </summary>
public static class ApplyForLoanEndpoint
{
    /// <summary>The command's context, before the endpoint runs (docs/adr/0025).</summary>
    public static Task<CommandScope> LoadAsync(string kop, HttpContext http, IDocumentSession session, KoperasiContextCache contexts,
        IClock clock) => WritePath.Scope(kop, http, session, contexts, clock);

    /// <summary>Apply for a loan</summary>
    /// <remarks>
    /// The member from the app (their own member only), or a pengurus for the member; a kasir is 403. Only active members borrow.
    /// The terms are fixed now from the product (or the request) and never change with the product afterwards. Records
    /// <c>LoanApplied</c> on the loan's new stream; no money moves until approval and disbursement. Send an
    /// <c>Idempotency-Key</c> header to retry safely: a repeat answers the first answer and records nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/members/{memberId}/loans", OperationId = "applyForLoan")]
    [Authorize(Policy = Policies.MemberOrTeller)]
    [Tags("Loans")]
    [ProducesResponseType<LoanApplicationResponse>(201)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(403)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static async Task<IResult> Post(LoanApplicationRequest request, HttpContext http, CommandScope scope,
        // Nothing is appended to the member's stream: its row lock is what makes a double submit with the same Idempotency-Key
        // wait for the first one's commit and replay its answer (the loan's own stream does not exist yet to be locked).
        [WriteAggregate("memberId", Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] IEventStream<Member> member)
    {
        var key = IdempotencyKeys.Of(http, scope.Caller, request);
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;
        var product = request.ProductId is { } productId ? await scope.Session.LoadAsync<LoanProduct>(productId, http.RequestAborted) : null;
        var (applied, response) = Decide(scope, member.Id, request, member.Aggregate, product);
        scope.Session.Events.StartStream<Loan>(applied.LoanId, applied);
        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Created(response), scope.Now);
    }

    /// <summary>
    /// The decision, pure: who may apply, the terms (<see cref="LoanTermsResolution.Resolve"/>, from the product loaded for it)
    /// and the rules of <see cref="LoanDecider.Apply"/>; the event that starts the loan's stream and the answer out.
    /// </summary>
    public static (LoanApplied Event, LoanApplicationResponse Response) Decide(CommandScope scope, Guid memberId, LoanApplicationRequest request,
        Member? member, LoanProduct? product)
    {
        // The member for themselves (the tenant gate has checked it is their own), or a pengurus; a kasir takes money, not applications.
        if (!scope.Caller.IsMemberOnly && !scope.Caller.Roles.Contains(Roles.Pengurus))
            throw new DomainException(ErrorCodes.Forbidden, "A loan application is filed by the member or by a pengurus.");
        var date = scope.BusinessDate(request.BusinessDate);
        if (member is null) throw DomainException.NotFound("The member");
        var terms = LoanTermsResolution.Resolve(new RequestedTerms(request.ProductId, request.AnnualRate, request.Method, request.Frequency,
            request.RoundingUnit, request.RoundingMode), product, date);
        var channel = scope.Caller.IsMemberOnly ? Channels.Web : Channels.Counter;
        var applied = LoanDecider.Apply(new ApplyForLoan(Guid.NewGuid(), request.Principal, request.Periods, request.Purpose, request.Insider ?? false),
            member, terms.Terms, terms.ProductId, terms.ProductName, scope.Meta(date, channel));
        return (applied, new LoanApplicationResponse(applied.LoanId, LoanStatus.Applied.Name(), memberId, applied.ProductId,
            applied.Principal, applied.Periods, applied.Terms.AnnualRate, applied.Terms.Method.Name(), applied.Terms.Frequency.Name(), date));
    }
}
