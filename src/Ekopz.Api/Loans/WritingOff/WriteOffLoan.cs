using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Loans;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Ekopz.Api.Loans.WritingOff;

public sealed record WriteOffLoanRequest(string? Reason, LocalDate? BusinessDate);

public sealed record WriteOffResponse(Guid LoanId, string Status, Guid TransactionId, LocalDate BusinessDate, decimal Principal, int DaysPastDue,
    decimal AllowanceLeft);

/// <param name="Amount">Rupiah received on the written-off loan.</param>
public sealed record RecoveryRequest(decimal? Amount, LocalDate? BusinessDate, string? Channel);

public sealed record RecoveryResponse(Guid LoanId, Guid TransactionId, LocalDate BusinessDate, decimal Amount, decimal Recovered, decimal LeftToRecover);

/// <summary>
/// Write-off of a macet loan against the allowance (pengurus), and later recoveries (kasir or pengurus),
/// which are income. The write-off takes the allowance's row lock, so two write-offs can never use more
/// allowance than is booked.
/// </summary>
public static class WriteOffLoanEndpoints
{
    /// <summary>Write off a macet loan</summary>
    /// <remarks>
    /// Pengurus only. Writes off the outstanding principal against the booked allowance (CKPN), posted to the books. The
    /// write-off takes the allowance's row lock, so two write-offs can never use more allowance than is booked (422). Only an
    /// active loan can be written off (422 <c>invalid_state</c>). Send an <c>Idempotency-Key</c> header to retry safely: a repeat
    /// answers the first answer and records nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/loans/{loanId}/write-off", OperationId = "writeOffLoan")]
    [Authorize(Policy = Policies.Pengurus)]
    [Tags("Loans")]
    [ProducesResponseType<WriteOffResponse>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static Task<IResult> WriteOff(string kop, Guid loanId, WriteOffLoanRequest request, HttpContext http, CommandRunner runner) =>
        runner.Run(http, kop, request, async scope =>
        {
            var date = scope.BusinessDate(request.BusinessDate);
            var loan = await scope.Session.Events.FetchForExclusiveWriting<Loan>(loanId);
            var allowance = await scope.Session.Events.FetchForExclusiveWriting<LoanAllowance>(LoanAllowance.StreamId(kop));
            var settings = LoanSettings.At(await scope.Session.LoadAsync<LoanSettings>(LoanSettings.StreamId(kop)), date);
            var (writtenOff, used) = LoanDecider.WriteOff(loan.Aggregate, settings, allowance.Aggregate, request.Reason, Guid.NewGuid(),
                scope.Meta(date, Channels.Web));
            loan.AppendOne(writtenOff);
            allowance.AppendOne(used);
            return CommandResult.Ok(new WriteOffResponse(loanId, LoanStatus.WrittenOff.Name(), writtenOff.TransactionId, date, writtenOff.Principal,
                writtenOff.DaysPastDue, allowance.Aggregate!.Balance - used.Amount));
        });

    /// <summary>Record a recovery on a written-off loan</summary>
    /// <remarks>
    /// Kasir or pengurus. Money received on a loan already written off; it is income, posted to the books. Only a written-off
    /// loan takes a recovery (422 <c>invalid_state</c>); more than the written-off principal left is 400. Send an
    /// <c>Idempotency-Key</c> header to retry safely: a repeat answers the first answer and records nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/loans/{loanId}/recoveries", OperationId = "recoverLoan")]
    [Authorize(Policy = Policies.Teller)]
    [Tags("Loans")]
    [ProducesResponseType<RecoveryResponse>(201)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static Task<IResult> Recover(string kop, Guid loanId, RecoveryRequest request, HttpContext http, CommandRunner runner) =>
        runner.Run(http, kop, request, async scope =>
        {
            var channel = scope.Channel(request.Channel);
            var date = scope.BusinessDate(request.BusinessDate);
            var stream = await scope.Session.Events.FetchForExclusiveWriting<Loan>(loanId);
            var recovery = LoanDecider.Recover(stream.Aggregate, request.Amount, Guid.NewGuid(), Channels.CashPointFor(channel), scope.Meta(date, channel));
            stream.AppendOne(recovery);
            var after = Loan.Evolve(stream.Aggregate, recovery)!;
            return CommandResult.Created(new RecoveryResponse(loanId, recovery.TransactionId, date, recovery.Amount, after.TotalRecovered,
                after.WrittenOffPrincipal - after.TotalRecovered));
        });
}
