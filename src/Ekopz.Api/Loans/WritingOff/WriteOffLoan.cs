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
    /// <summary>The command's context, before the endpoint runs (docs/adr/0025).</summary>
    public static Task<CommandScope> LoadAsync(string kop, HttpContext http, IDocumentSession session, KoperasiContextCache contexts,
        IClock clock) => WritePath.Scope(kop, http, session, contexts, clock);

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
    public static async Task<IResult> WriteOff(string kop, WriteOffLoanRequest request, HttpContext http, CommandScope scope,
        // The loan first, then the koperasi's allowance (docs/adr/0031's order: the request's own stream, then the shared one).
        [WriteAggregate("loanId", Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] IEventStream<Loan> loan)
    {
        var key = IdempotencyKeys.Of(http, scope.Caller, request);
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;
        // Two write-offs take turns on the allowance's row, so they never use more allowance than is booked. Before the first
        // booking that row does not exist: the advisory lock named after the stream stands in for it (as in bookLoanAllowance,
        // docs/adr/0043), so a write-off and a first booking cannot both start the stream.
        await WritePath.Serialize(scope.Session, $"loan-allowance:{kop}", http.RequestAborted);
        var allowance = await scope.Session.Events.FetchForExclusiveWriting<LoanAllowance>(LoanAllowance.StreamId(kop), http.RequestAborted);
        var settings = await scope.Session.LoadAsync<LoanSettings>(LoanSettings.StreamId(kop), http.RequestAborted);
        var (writtenOff, used, response) = DecideWriteOff(scope, loan.Id, request, loan.Aggregate, settings, allowance.Aggregate);
        loan.AppendOne(writtenOff);
        allowance.AppendOne(used);
        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Ok(response), scope.Now);
    }

    /// <summary>The write-off, pure: the loan, the loan settings and the allowance in; the rules are <see cref="LoanDecider.WriteOff"/>.</summary>
    public static (LoanWrittenOff WrittenOff, LoanAllowanceUsed Used, WriteOffResponse Response) DecideWriteOff(CommandScope scope, Guid loanId,
        WriteOffLoanRequest request, Loan? loan, LoanSettings? settings, LoanAllowance? allowance)
    {
        var date = scope.BusinessDate(request.BusinessDate);
        var (writtenOff, used) = LoanDecider.WriteOff(loan, LoanSettings.At(settings, date), allowance, request.Reason, Guid.NewGuid(),
            scope.Meta(date, Channels.Web));
        return (writtenOff, used, new WriteOffResponse(loanId, LoanStatus.WrittenOff.Name(), writtenOff.TransactionId, date, writtenOff.Principal,
            writtenOff.DaysPastDue, allowance!.Balance - used.Amount));
    }

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
    public static async Task<IResult> Recover(RecoveryRequest request, HttpContext http, CommandScope scope,
        [WriteAggregate("loanId", Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] IEventStream<Loan> loan)
    {
        var key = IdempotencyKeys.Of(http, scope.Caller, request);
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;
        var (recovery, response) = DecideRecovery(scope, loan.Id, request, loan.Aggregate);
        loan.AppendOne(recovery);
        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Created(response), scope.Now);
    }

    /// <summary>The recovery, pure; the rules are <see cref="LoanDecider.Recover"/>.</summary>
    public static (LoanRecoveryReceived Event, RecoveryResponse Response) DecideRecovery(CommandScope scope, Guid loanId, RecoveryRequest request,
        Loan? loan)
    {
        var channel = scope.Channel(request.Channel);
        var date = scope.BusinessDate(request.BusinessDate);
        var recovery = LoanDecider.Recover(loan, request.Amount, Guid.NewGuid(), Channels.CashPointFor(channel), scope.Meta(date, channel));
        var after = Loan.Evolve(loan, recovery)!;
        return (recovery, new RecoveryResponse(loanId, recovery.TransactionId, date, recovery.Amount, after.TotalRecovered,
            after.WrittenOffPrincipal - after.TotalRecovered));
    }
}
