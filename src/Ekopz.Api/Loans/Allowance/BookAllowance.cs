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
    /// <summary>The command's context, before the endpoint runs (docs/adr/0025).</summary>
    public static Task<CommandScope> LoadAsync(string kop, HttpContext http, IDocumentSession session, KoperasiContextCache contexts,
        IClock clock) => WritePath.Scope(kop, http, session, contexts, clock);

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
    public static async Task<IResult> Post(string kop, BookAllowanceRequest request, HttpContext http, CommandScope scope)
    {
        var ct = http.RequestAborted;
        // The allowance's stream does not exist before the first booking, so its row lock alone cannot make a repeat with the
        // same Idempotency-Key wait: the advisory lock named after it stands in for the row (docs/adr/0043), taken just before
        // it, as write-offs do; then the allowance's row, on which bookings and write-offs take turns.
        await WritePath.Serialize(scope.Session, $"loan-allowance:{kop}", ct);
        var stream = await scope.Session.Events.FetchForExclusiveWriting<LoanAllowance>(LoanAllowance.StreamId(kop), ct);
        var key = IdempotencyKeys.Of(http, scope.Caller, request);
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;
        var date = scope.BusinessDate(request.BusinessDate);
        var settings = await scope.Session.LoadAsync<LoanSettings>(LoanSettings.StreamId(kop), ct);
        var loans = await scope.Session.Query<Loan>().Where(l => l.DisbursedOnKey > 0 && l.DisbursedOnKey <= date.Key()).ToListAsync(ct);
        var (booked, response) = Decide(scope, request, stream.Aggregate, settings, loans);
        stream.AppendOne(booked);
        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Created(response), scope.Now);
    }

    /// <summary>
    /// The decision, pure: the allowance, the loan settings and the loans disbursed by the date in; the required allowance of the
    /// portfolio (<see cref="LoanPortfolio.At"/>) and the rules of <see cref="LoanAllowanceDecider.Book"/>.
    /// </summary>
    public static (LoanAllowanceBooked Event, AllowanceResponse Response) Decide(CommandScope scope, BookAllowanceRequest request,
        LoanAllowance? allowance, LoanSettings? settings, IReadOnlyList<Loan> loans)
    {
        var date = scope.BusinessDate(request.BusinessDate);
        var required = LoanPortfolio.At(loans, LoanSettings.At(settings, date), date).RequiredAllowance;
        var booked = LoanAllowanceDecider.Book(allowance, request.Amount, required, request.Note, Guid.NewGuid(), scope.Meta(date, Channels.Web));
        return (booked, new AllowanceResponse(booked.TransactionId, date, booked.Amount, required, booked.BalanceBefore + booked.Amount));
    }
}
