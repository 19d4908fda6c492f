using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Loans;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Ekopz.Api.Loans.Repaying;

/// <param name="Amount">Rupiah paid. Optional with <c>payoff</c> (the payoff amount is then taken).</param>
/// <param name="Payoff">Close the loan now: pays what is due, interest a restructuring carried, and all outstanding principal; other interest
/// not yet due is waived.</param>
/// <param name="BusinessDate">The payment date (default today); not before the loan's latest entry.</param>
/// <param name="Channel"><c>counter</c> (cash, the default), <c>transfer</c>, <c>web</c> or <c>mobile</c>.</param>
public sealed record LoanPaymentRequest(decimal? Amount, LocalDate? BusinessDate, string? Channel, bool? Payoff);

public sealed record LoanPaymentResponse(
    Guid TransactionId, Guid LoanId, LocalDate BusinessDate, decimal Amount, AllocationView Allocation, IReadOnlyList<InstallmentAllocation> Installments,
    decimal OutstandingPrincipal, string Status, bool PaidOff, decimal InterestWaived);

/// <summary>
/// An installment payment (kasir or pengurus), allocated penalty → interest → principal by default.
/// The loan's stream is row-locked, so two payments racing take turns and never both apply to the same
/// installment: the second sees what the first paid.
/// </summary>
public static class PayLoanEndpoint
{
    /// <summary>Pay a loan installment</summary>
    /// <remarks>
    /// Kasir or pengurus. Allocated penalty, then interest, then principal, to the oldest installment first; <c>payoff</c>
    /// settles the whole loan and waives interest not yet due. The loan's stream is row-locked, so two payments racing take turns
    /// and the second sees what the first paid. Records the payment with its allocation and posts it to the books. More than is
    /// owed is 400; a loan that is not active is 422 <c>invalid_state</c>; a date in a closed month is 422 <c>period_closed</c>.
    /// Send an <c>Idempotency-Key</c> header to retry safely: a repeat answers the first answer and records nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/loans/{loanId}/payments", OperationId = "payLoan")]
    [Authorize(Policy = Policies.Teller)]
    [Tags("Loans")]
    [ProducesResponseType<LoanPaymentResponse>(201)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static Task<IResult> Post(string kop, Guid loanId, LoanPaymentRequest request, HttpContext http, CommandRunner runner) =>
        runner.Run(http, kop, request, scope => Handle(scope, loanId, request, http.RequestAborted));

    public static async Task<CommandResult> Handle(CommandScope scope, Guid loanId, LoanPaymentRequest request, CancellationToken ct)
    {
        var channel = scope.Channel(request.Channel);
        var date = scope.BusinessDate(request.BusinessDate);
        var stream = await scope.Session.Events.FetchForExclusiveWriting<Loan>(loanId, ct);
        var payment = LoanDecider.Pay(stream.Aggregate, request.Amount, request.Payoff ?? false, Guid.NewGuid(), Channels.CashPointFor(channel),
            scope.Meta(date, channel));
        stream.AppendOne(payment);
        var after = Loan.Evolve(stream.Aggregate, payment)!;
        return CommandResult.Created(new LoanPaymentResponse(payment.TransactionId, loanId, date, payment.Amount,
            new AllocationView(payment.Penalty, payment.Interest, payment.Principal), payment.Lines,
            LoanPositions.At(after, date).OutstandingPrincipal, after.Status.Name(), payment.PaidOff, payment.InterestWaived));
    }
}
