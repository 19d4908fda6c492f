using Ekopz.Domain.Loans;
using NodaTime;

namespace Ekopz.Api.Loans;

/// <summary>What one payment paid on one installment (installment 0: penalty carried over by a restructuring).</summary>
public sealed record InstallmentPaymentView(Guid TransactionId, string Kind, LocalDate BusinessDate, decimal Penalty, decimal Interest, decimal Principal);

/// <summary>A schedule row with what was paid on it, and when.</summary>
/// <param name="Status"><c>paid</c>, <c>partial</c>, <c>overdue</c>, <c>due</c> (today) or <c>upcoming</c>; on a closed loan what
/// was left is <c>waived</c> (interest not yet due at a payoff) or <c>written_off</c>.</param>
public sealed record ScheduleRowView(
    int Number, LocalDate DueDate, decimal Opening, decimal Principal, decimal Interest, decimal Installment, decimal Closing,
    decimal PrincipalPaid, decimal InterestPaid, decimal PenaltyAccrued, decimal PenaltyPaid, decimal Unpaid, string Status, LocalDate? PaidOn,
    IReadOnlyList<InstallmentPaymentView> Payments);

public sealed record AllocationView(decimal Penalty, decimal Interest, decimal Principal);

public sealed record MovementView(
    Guid TransactionId, string Kind, LocalDate BusinessDate, Instant RecordedAt, string Actor, string Channel, decimal Amount,
    AllocationView Allocation, decimal InterestWaived, IReadOnlyList<InstallmentAllocation> Installments);

public sealed record ScheduleVersionView(int Version, LocalDate EffectiveOn, string Reason, decimal Principal, decimal AnnualRate, string Method,
    decimal CarriedInterest, decimal CarriedPenalty, int Periods);

public sealed record FeesView(decimal Provisi, decimal Administrasi, string Collection, decimal CashPaidOut);

/// <summary>
/// A loan moved in from the old books (docs/adr/0035): not applied, approved or paid out in Ekopz, but known from the cut-over
/// with its principal outstanding then. <paramref name="DisbursedOn"/> and <paramref name="OriginalPrincipal"/> are what the
/// loans file said of the disbursement in the old books (the principal only when the file gave it).
/// </summary>
public sealed record LoanOpeningView(LocalDate CutOverOn, decimal Principal, decimal? OriginalPrincipal, LocalDate DisbursedOn, Guid ImportId);

/// <summary>
/// A loan as of a business date (api.md: status, schedule, outstandingPrincipal, daysPastDue,
/// kolektibilitas), with everything a member or an auditor needs around it: terms, decisions, the
/// schedule with what was paid on each installment and when, every movement, earlier schedules.
/// </summary>
public sealed record LoanView(
    Guid LoanId,
    Guid MemberId,
    string MemberNumber,
    LocalDate AsOf,
    string Status,
    Guid? ProductId,
    string? ProductName,
    decimal Principal,
    int Periods,
    decimal AnnualRate,
    string Method,
    string Frequency,
    string? Purpose,
    bool Insider,
    LoanTermsContract Terms,
    string AppliedBy,
    LocalDate AppliedOn,
    string? ApprovedBy,
    LocalDate? ApprovedOn,
    LendingLimitCheck? LendingLimit,
    string? RejectedBy,
    string? RejectionReason,
    LocalDate? DisbursedOn,
    FeesView? Fees,
    int? ScheduleVersion,
    IReadOnlyList<ScheduleRowView> Schedule,
    decimal OutstandingPrincipal,
    int DaysPastDue,
    string? Kolektibilitas,
    decimal DueNow,
    decimal PayoffAmount,
    decimal CarriedPenaltyUnpaid,
    AllocationView TotalPaid,
    decimal WrittenOffPrincipal,
    decimal Recovered,
    IReadOnlyList<MovementView> Payments,
    IReadOnlyList<ScheduleVersionView> ScheduleVersions,
    LoanOpeningView? Opening = null)
{
    public static LoanView Of(Loan loan, LocalDate asOf, LoanSettingsVersion settings)
    {
        var p = LoanPositions.At(loan, asOf);
        var movements = loan.Movements.Where(m => m.On <= asOf).ToList();
        var rows = new List<ScheduleRowView>();
        if (p.Schedule is { } schedule)
        {
            var opening = schedule.Principal;
            foreach (var i in p.Installments)
            {
                var closing = opening - i.Principal;
                var payments = movements
                    .SelectMany(m => m.Lines.Where(l => l.Version == schedule.Version && l.Number == i.Number)
                        .Select(l => new InstallmentPaymentView(m.TransactionId, m.Kind, m.On, l.Penalty, l.Interest, l.Principal)))
                    .ToList();
                var status = i.Unpaid == 0 ? "paid"
                    : p.Status == LoanStatus.WrittenOff ? "written_off"
                    : !p.IsActive ? "waived"
                    : i.DueDate < asOf ? "overdue"
                    : i.PrincipalPaid + i.InterestPaid > 0 ? "partial"
                    : i.DueDate == asOf ? "due"
                    : "upcoming";
                rows.Add(new ScheduleRowView(i.Number, i.DueDate, opening, i.Principal, i.Interest, i.Principal + i.Interest, closing,
                    i.PrincipalPaid, i.InterestPaid, i.PenaltyAccrued, i.PenaltyPaid, i.Unpaid, status, i.PaidOn, payments));
                opening = closing;
            }
        }

        var kolektibilitas = p.IsActive ? settings.Classify(p.DaysPastDue).Name() : null;
        var disbursed = loan.DisbursedOn is { } d && d <= asOf;
        return new LoanView(loan.Id, loan.MemberId, loan.MemberNumber, asOf, p.Status.Name(), loan.ProductId, loan.ProductName, loan.Principal,
            loan.Periods, loan.Terms.AnnualRate, loan.Terms.Method.Name(), loan.Terms.Frequency.Name(), loan.Purpose, loan.Insider,
            LoanTermsContract.Of(loan.Terms), loan.AppliedBy, loan.AppliedOn,
            loan.ApprovedOn <= asOf ? loan.ApprovedBy : null, loan.ApprovedOn <= asOf ? loan.ApprovedOn : null,
            loan.ApprovedOn <= asOf ? loan.LimitCheck : null,
            p.Status is LoanStatus.Rejected or LoanStatus.Cancelled ? loan.RejectedBy : null,
            p.Status is LoanStatus.Rejected or LoanStatus.Cancelled ? loan.RejectionReason : null,
            disbursed ? loan.DisbursedOn : null,
            disbursed && loan.OpeningImportId is null ? new FeesView(loan.ProvisiFee, loan.AdministrasiFee, loan.Terms.FeeCollection.Name(), loan.CashPaidOut) : null,
            p.Schedule?.Version, rows, p.OutstandingPrincipal, p.DaysPastDue, kolektibilitas, p.DueNow, p.PayoffAmount, p.CarriedPenaltyUnpaid,
            new AllocationView(movements.Sum(m => m.Penalty), movements.Sum(m => m.Interest),
                movements.Where(m => m.Kind != LoanMovement.WriteOff).Sum(m => m.Principal)),
            movements.Where(m => m.Kind == LoanMovement.WriteOff).Sum(m => m.Principal),
            movements.Where(m => m.Kind == LoanMovement.Recovery).Sum(m => m.Amount),
            movements.Select(m => new MovementView(m.TransactionId, m.Kind, m.On, m.RecordedAt, m.Actor, m.Channel, m.Amount,
                new AllocationView(m.Penalty, m.Interest, m.Principal), m.InterestWaived, m.Lines)).ToList(),
            loan.Schedules.Where(v => v.EffectiveOn <= asOf).Select(v => new ScheduleVersionView(v.Version, v.EffectiveOn, v.Reason, v.Principal,
                v.AnnualRate, v.Method.Name(), v.CarriedInterest, v.CarriedPenalty, v.Installments.Count)).ToList(),
            loan.OpeningImportId is { } import && loan.DisbursedOn is { } disbursedOn
                ? new LoanOpeningView(loan.AppliedOn, loan.Principal, loan.OpeningOriginalPrincipal, disbursedOn, import)
                : null);
    }
}

/// <summary>A line of a loan list.</summary>
public sealed record LoanSummaryView(
    Guid LoanId, Guid MemberId, string MemberNumber, string Status, string? ProductName, decimal Principal, int Periods, decimal AnnualRate,
    string Method, LocalDate AppliedOn, string AppliedBy, LocalDate? DisbursedOn, decimal OutstandingPrincipal, int DaysPastDue, string? Kolektibilitas,
    decimal DueNow)
{
    public static LoanSummaryView Of(Loan loan, LocalDate asOf, LoanSettingsVersion settings)
    {
        var p = LoanPositions.At(loan, asOf);
        return new LoanSummaryView(loan.Id, loan.MemberId, loan.MemberNumber, p.Status.Name(), loan.ProductName, loan.Principal, loan.Periods,
            loan.Terms.AnnualRate, loan.Terms.Method.Name(), loan.AppliedOn, loan.AppliedBy, loan.DisbursedOn <= asOf ? loan.DisbursedOn : null,
            p.OutstandingPrincipal, p.DaysPastDue, p.IsActive ? settings.Classify(p.DaysPastDue).Name() : null, p.DueNow);
    }
}
