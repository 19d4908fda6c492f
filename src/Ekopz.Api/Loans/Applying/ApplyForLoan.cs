using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Loans;
using Ekopz.Domain.Members;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

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
    public static Task<IResult> Post(string kop, Guid memberId, LoanApplicationRequest request, HttpContext http, CommandRunner runner) =>
        runner.Run(http, kop, request, scope => Handle(scope, memberId, request, http.RequestAborted));

    public static async Task<CommandResult> Handle(CommandScope scope, Guid memberId, LoanApplicationRequest request, CancellationToken ct)
    {
        // The member for themselves (the tenant gate has checked it is their own), or a pengurus; a kasir takes money, not applications.
        if (!scope.Caller.IsMemberOnly && !scope.Caller.Roles.Contains(Roles.Pengurus))
            throw new DomainException(ErrorCodes.Forbidden, "A loan application is filed by the member or by a pengurus.");
        var date = scope.BusinessDate(request.BusinessDate);
        var member = await scope.Session.LoadAsync<Member>(memberId, ct);
        if (member is null) throw DomainException.NotFound("The member");
        var terms = await LoanTermsResolver.Resolve(scope.Session, request.ProductId, request.AnnualRate, request.Method, request.Frequency,
            request.RoundingUnit, request.RoundingMode, date, ct);
        var channel = scope.Caller.IsMemberOnly ? Channels.Web : Channels.Counter;
        var applied = LoanDecider.Apply(new ApplyForLoan(Guid.NewGuid(), request.Principal, request.Periods, request.Purpose, request.Insider ?? false),
            member, terms.Terms, terms.ProductId, terms.ProductName, scope.Meta(date, channel));
        scope.Session.Events.StartStream<Loan>(applied.LoanId, applied);
        return CommandResult.Created(new LoanApplicationResponse(applied.LoanId, LoanStatus.Applied.Name(), memberId, applied.ProductId,
            applied.Principal, applied.Periods, applied.Terms.AnnualRate, applied.Terms.Method.Name(), applied.Terms.Frequency.Name(), date));
    }
}
