using Ekopz.Domain.Common;
using Ekopz.Domain.Loans;
using NodaTime;

namespace Ekopz.Domain.Imports;

/// <summary>
/// A loan that was running in the old books at the cut-over date (Meta.BusinessDate), moved in from a spreadsheet, on a
/// new loan stream: an opening balance, not money paid out today. <paramref name="Principal"/> is the principal
/// outstanding at the cut-over; <paramref name="Schedule"/> the installments still to pay (those due on or before the
/// cut-over are the arrears that make <paramref name="DaysPastDue"/>). From here on the loan is an ordinary running loan:
/// payments, arrears, penalty and kolektibilitas read it like any other. Posted Dr loan receivable / Cr "saldo awal
/// pindahan", naming the borrower, so the receivable's sub-ledger equals its control account (docs/adr/0035).
/// </summary>
/// <param name="OriginalPrincipal">The principal at disbursement when the file gives it (flat interest is on it).</param>
/// <param name="DisbursedOn">When the old books disbursed the loan.</param>
public sealed record LoanOpeningBalanceRecorded(
    Guid LoanId,
    Guid MemberId,
    string MemberNumber,
    Guid TransactionId,
    Guid ImportId,
    string SourceSha256,
    string SourceFile,
    int SourceRow,
    decimal Principal,
    decimal? OriginalPrincipal,
    LocalDate DisbursedOn,
    int DaysPastDue,
    LoanTerms Terms,
    IReadOnlyList<ScheduledInstallment> Schedule,
    EventMeta Meta) : IDomainEvent;

/// <summary>What a loans file says of one running loan (read and checked).</summary>
public sealed record OpeningLoan(int Row, string Nik, decimal Principal, decimal? OriginalPrincipal, decimal AnnualRate, LoanMethod Method, int RemainingPeriods,
    int DaysPastDue, LocalDate DisbursedOn);

/// <summary>The rules that turn a loans-file row into a running loan (pure, unit tested).</summary>
public static class LoanOpenings
{
    /// <summary>
    /// The installments still to pay, monthly. With days past due, the oldest unpaid installment fell due that many days
    /// before the cut-over and the next ones follow monthly (so 95 days late is three missed installments); without, the
    /// first falls on the disbursement day's monthly anniversary after the cut-over. The amounts are the loan method's
    /// schedule of the outstanding principal over the remaining periods (flat interest on the original principal when
    /// given), exact to the rupiah: the principal parts sum to the outstanding principal.
    /// </summary>
    public static IReadOnlyList<ScheduledInstallment> Schedule(OpeningLoan loan, LocalDate cutOver)
    {
        var rows = LoanSchedule.Compute(loan.Principal, loan.RemainingPeriods, loan.AnnualRate, loan.Method, LoanFrequency.Monthly, cutOver);
        LocalDate first;
        if (loan.DaysPastDue > 0) first = cutOver.PlusDays(-loan.DaysPastDue);
        else
        {
            var k = 1;
            while (loan.DisbursedOn.PlusMonths(k) <= cutOver) k++;
            first = loan.DisbursedOn.PlusMonths(k);
        }
        var flatInterest = loan.Method == LoanMethod.Flat && loan.OriginalPrincipal is { } original
            ? Money.RoundTo(original * LoanSchedule.PeriodicRate(loan.AnnualRate, LoanFrequency.Monthly), 1m)
            : (decimal?)null;
        return rows.Select(r => new ScheduledInstallment(r.Number, first.PlusMonths(r.Number - 1), r.Principal, flatInterest ?? r.Interest)).ToList();
    }

    /// <summary>The event recording one running loan, on a new stream.</summary>
    public static LoanOpeningBalanceRecorded Open(OpeningLoan loan, Guid loanId, Guid memberId, string memberNumber, ImportSource source, Guid importId,
        LocalDate cutOver, EventMeta meta) =>
        new(loanId, memberId, memberNumber, Guid.NewGuid(), importId, source.Sha256, source.FileName, loan.Row, loan.Principal, loan.OriginalPrincipal,
            loan.DisbursedOn, loan.DaysPastDue, LoanTerms.Plain(loan.Method, loan.AnnualRate, LoanFrequency.Monthly), Schedule(loan, cutOver), meta);
}
