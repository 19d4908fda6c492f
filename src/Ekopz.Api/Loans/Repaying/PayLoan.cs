using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Loans;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Marten;
using ConcurrencyStyle = Wolverine.Marten.ConcurrencyStyle;

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
    /// <summary>The command's context, before the endpoint runs (docs/adr/0025).</summary>
    public static Task<CommandScope> LoadAsync(string kop, HttpContext http, IDocumentSession session, KoperasiContextCache contexts,
        IClock clock) => WritePath.Scope(kop, http, session, contexts, clock);

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
    public static async Task<IResult> Post(LoanPaymentRequest request, HttpContext http, CommandScope scope,
        // Payments of one loan take turns on its row lock and never both apply to the same installment.
        [WriteAggregate("loanId", Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] IEventStream<Loan> loan)
    {
        // Under the loan's row lock: a repeat of this request waited for the first one's commit and finds its answer.
        var key = IdempotencyKeys.Of(http, scope.Caller, request);
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;
        var (payment, response) = Decide(scope, loan.Id, request, loan.Aggregate);
        // The payment is the only event: the books, the receipt line and the read models are projections of it.
        loan.AppendOne(payment);
        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Created(response), scope.Now);
    }

    /// <summary>
    /// The decision, pure: the request and the loan's state in, the payment (with its allocation) and the answer out. The rules
    /// are <see cref="LoanDecider.Pay"/>.
    /// </summary>
    public static (LoanPaymentReceived Event, LoanPaymentResponse Response) Decide(CommandScope scope, Guid loanId, LoanPaymentRequest request,
        Loan? loan)
    {
        var channel = scope.Channel(request.Channel);
        var date = scope.BusinessDate(request.BusinessDate);
        var payment = LoanDecider.Pay(loan, request.Amount, request.Payoff ?? false, Guid.NewGuid(), Channels.CashPointFor(channel),
            scope.Meta(date, channel));
        var after = Loan.Evolve(loan, payment)!;
        return (payment, new LoanPaymentResponse(payment.TransactionId, loanId, date, payment.Amount,
            new AllocationView(payment.Penalty, payment.Interest, payment.Principal), payment.Lines,
            LoanPositions.At(after, date).OutstandingPrincipal, after.Status.Name(), payment.PaidOff, payment.InterestWaived));
    }
}
