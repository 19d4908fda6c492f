using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Loans;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Ekopz.Api.Loans.Allowance;

/// <param name="Amount">Rupiah to raise (positive) or release (negative). Left out: whatever brings the allowance to the required
/// allowance (PPAPWD) of the portfolio on the date.</param>
public sealed record BookAllowanceRequest(decimal? Amount, LocalDate? BusinessDate, string? Note);

public sealed record AllowanceResponse(Guid TransactionId, LocalDate BusinessDate, decimal Amount, decimal Required, decimal Balance);

/// <summary>
/// Books the accounting loan loss allowance (CKPN) against the loss expense (pengurus). The required
/// allowance of the day is recorded with it; the allowance's own stream is row-locked, like write-offs.
/// </summary>
public static class BookAllowanceEndpoint
{
    /// <summary>Book the loan loss allowance (CKPN)</summary>
    /// <remarks>
    /// Pengurus only. Books the allowance against the loss expense, recorded with the required allowance of the day. The
    /// allowance's stream is row-locked, like write-offs. Send an <c>Idempotency-Key</c> header to retry safely: a repeat answers
    /// the first answer and records nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/loans/allowance", OperationId = "bookLoanAllowance")]
    [Authorize(Policy = Policies.Pengurus)]
    [Tags("Loans")]
    [ProducesResponseType<AllowanceResponse>(201)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static Task<IResult> Post(string kop, BookAllowanceRequest request, HttpContext http, CommandRunner runner) =>
        runner.Run(http, kop, request, scope => Handle(scope, request, http.RequestAborted));

    public static async Task<CommandResult> Handle(CommandScope scope, BookAllowanceRequest request, CancellationToken ct)
    {
        var date = scope.BusinessDate(request.BusinessDate);
        var stream = await scope.Session.Events.FetchForExclusiveWriting<LoanAllowance>(LoanAllowance.StreamId(scope.Tenant), ct);
        var settings = LoanSettings.At(await scope.Session.LoadAsync<LoanSettings>(LoanSettings.StreamId(scope.Tenant), ct), date);
        var loans = await scope.Session.Query<Loan>().Where(l => l.DisbursedOnKey > 0 && l.DisbursedOnKey <= date.Key()).ToListAsync(ct);
        var required = LoanPortfolio.At(loans, settings, date).RequiredAllowance;
        var booked = LoanAllowanceDecider.Book(stream.Aggregate, request.Amount, required, request.Note, Guid.NewGuid(), scope.Meta(date, Channels.Web));
        stream.AppendOne(booked);
        return CommandResult.Created(new AllowanceResponse(booked.TransactionId, date, booked.Amount, required, booked.BalanceBefore + booked.Amount));
    }
}
