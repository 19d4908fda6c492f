using Ekopz.Domain.Common;
using NodaTime;

namespace Ekopz.Domain.Loans;

public enum LoanStatus
{
    Applied,
    Approved,
    Rejected,
    Cancelled,
    /// <summary>Disbursed and being repaid.</summary>
    Active,
    PaidOff,
    WrittenOff,
    /// <summary>Closed by netting against the savings refund when the member left.</summary>
    SettledAtExit,
}

public static class LoanStatuses
{
    public static string Name(this LoanStatus s) => s switch
    {
        LoanStatus.Applied => "applied",
        LoanStatus.Approved => "approved",
        LoanStatus.Rejected => "rejected",
        LoanStatus.Cancelled => "cancelled",
        LoanStatus.Active => "active",
        LoanStatus.PaidOff => "paid_off",
        LoanStatus.WrittenOff => "written_off",
        _ => "settled_at_exit",
    };

    /// <summary>Counts toward the borrower's exposure: approved (not yet paid out) or running.</summary>
    public static bool IsOpen(this LoanStatus s) => s is LoanStatus.Applied or LoanStatus.Approved or LoanStatus.Active;
}

/// <summary>A status from a business date on: the history that lets a loan be read as of any date.</summary>
public sealed record StatusChange(LocalDate On, LoanStatus Status, string Actor);

/// <summary>A schedule in force from <paramref name="EffectiveOn"/>: version 1 at disbursement, then one per restructuring.</summary>
public sealed record ScheduleVersion(
    int Version,
    LocalDate EffectiveOn,
    string Reason,
    decimal Principal,
    decimal AnnualRate,
    LoanMethod Method,
    decimal CarriedInterest,
    decimal CarriedPenalty,
    IReadOnlyList<ScheduledInstallment> Installments);

/// <summary>Money that moved on the loan after disbursement, dated: payments, the exit settlement, a write-off, recoveries.</summary>
public sealed record LoanMovement(
    Guid TransactionId,
    string Kind,
    LocalDate On,
    Instant RecordedAt,
    string Actor,
    string Channel,
    decimal Amount,
    decimal Penalty,
    decimal Interest,
    decimal Principal,
    decimal InterestWaived,
    IReadOnlyList<InstallmentAllocation> Lines)
{
    public const string Payment = "payment";
    public const string Settlement = "settlement_at_exit";
    public const string WriteOff = "write_off";
    public const string Recovery = "recovery";

    /// <summary>Principal that left the books with this movement (repaid, netted or written off).</summary>
    public decimal PrincipalReduction => Kind == Recovery ? 0m : Principal;
}

/// <summary>
/// A loan as decisions and reads see it: its terms, every schedule version and every dated movement,
/// folded only by <see cref="Evolve"/> from the loan's own stream. Because every change is dated, the
/// loan can be read as of any past date (<see cref="LoanPositions.At"/>) without replaying events.
/// </summary>
public sealed record Loan(
    Guid Id,
    Guid MemberId,
    string MemberNumber,
    Guid? ProductId,
    string? ProductName,
    decimal Principal,
    int Periods,
    LoanTerms Terms,
    string? Purpose,
    bool Insider,
    LoanStatus Status,
    string AppliedBy,
    LocalDate AppliedOn,
    Instant AppliedAt,
    IReadOnlyList<StatusChange> History,
    IReadOnlyList<ScheduleVersion> Schedules,
    IReadOnlyList<LoanMovement> Movements,
    LocalDate LastActivityOn,
    string? ApprovedBy = null,
    LocalDate? ApprovedOn = null,
    LendingLimitCheck? LimitCheck = null,
    string? Note = null,
    string? RejectedBy = null,
    string? RejectionReason = null,
    LocalDate? DisbursedOn = null,
    Guid? DisbursementTransactionId = null,
    decimal ProvisiFee = 0m,
    decimal AdministrasiFee = 0m,
    decimal CashPaidOut = 0m,
    string? DisbursedBy = null,
    Guid? OpeningImportId = null,
    decimal? OpeningOriginalPrincipal = null)
{
    /// <summary><see cref="DisbursedOn"/> as yyyymmdd (0 before disbursement), for portfolio queries.</summary>
    public int DisbursedOnKey { get; init; }

    /// <summary><see cref="AppliedAt"/> as ticks, for ordering lists.</summary>
    public long AppliedTicks { get; init; }

    /// <summary><see cref="AppliedOn"/> as yyyymmdd, for lists as of a date filtered and counted in the store. Computed, so every
    /// snapshot stored carries it.</summary>
    public int AppliedOnKey => AppliedOn.Key();

    public static Loan? Evolve(Loan? state, object @event) => @event switch
    {
        LoanApplied e => new Loan(e.LoanId, e.MemberId, e.MemberNumber, e.ProductId, e.ProductName, e.Principal, e.Periods, e.Terms, e.Purpose,
            e.Insider, LoanStatus.Applied, e.Meta.Actor, e.Meta.BusinessDate, e.Meta.RecordedAt,
            [new StatusChange(e.Meta.BusinessDate, LoanStatus.Applied, e.Meta.Actor)], [], [], e.Meta.BusinessDate)
        {
            AppliedTicks = e.Meta.RecordedAt.Ticks(),
        },
        // A loan running in the old books, moved in at the cut-over (docs/adr/0035): known to Ekopz from that day, active, its
        // remaining schedule as version 1. The original disbursement date is kept for reading; the date keys use the cut-over.
        Imports.LoanOpeningBalanceRecorded e => new Loan(e.LoanId, e.MemberId, e.MemberNumber, null, null, e.Principal, e.Schedule.Count, e.Terms, null,
            false, LoanStatus.Active, e.Meta.Actor, e.Meta.BusinessDate, e.Meta.RecordedAt,
            [new StatusChange(e.Meta.BusinessDate, LoanStatus.Active, e.Meta.Actor)],
            [new ScheduleVersion(1, e.Meta.BusinessDate, "opening_balance", e.Principal, e.Terms.AnnualRate, e.Terms.Method, 0m, 0m, e.Schedule)],
            [], e.Meta.BusinessDate, DisbursedOn: e.DisbursedOn, DisbursementTransactionId: e.TransactionId, DisbursedBy: e.Meta.Actor,
            OpeningImportId: e.ImportId, OpeningOriginalPrincipal: e.OriginalPrincipal)
        {
            AppliedTicks = e.Meta.RecordedAt.Ticks(),
            DisbursedOnKey = e.Meta.BusinessDate.Key(),
        },
        _ when state is null => null,
        LoanApproved e => Move(state, e.Meta, LoanStatus.Approved) with
        {
            ApprovedBy = e.Meta.Actor, ApprovedOn = e.Meta.BusinessDate, LimitCheck = e.Limit, Insider = e.Insider, Note = e.Note,
        },
        LoanRejected e => Move(state, e.Meta, LoanStatus.Rejected) with { RejectedBy = e.Meta.Actor, RejectionReason = e.Reason },
        LoanCancelled e => Move(state, e.Meta, LoanStatus.Cancelled) with { RejectedBy = e.Meta.Actor, RejectionReason = e.Reason },
        LoanDisbursed e => Move(state, e.Meta, LoanStatus.Active) with
        {
            DisbursedOn = e.Meta.BusinessDate,
            DisbursedOnKey = e.Meta.BusinessDate.Key(),
            DisbursementTransactionId = e.TransactionId,
            DisbursedBy = e.Meta.Actor,
            ProvisiFee = e.ProvisiFee,
            AdministrasiFee = e.AdministrasiFee,
            CashPaidOut = e.CashPaidOut,
            Schedules = [new ScheduleVersion(1, e.Meta.BusinessDate, "disbursement", e.Principal, state.Terms.AnnualRate, state.Terms.Method, 0m, 0m,
                e.Schedule)],
        },
        LoanPaymentReceived e => Move(state with
        {
            Movements = [.. state.Movements, new LoanMovement(e.TransactionId, LoanMovement.Payment, e.Meta.BusinessDate, e.Meta.RecordedAt,
                e.Meta.Actor, e.Meta.Channel, e.Amount, e.Penalty, e.Interest, e.Principal, e.InterestWaived, e.Lines)],
        }, e.Meta, e.PaidOff ? LoanStatus.PaidOff : null),
        LoanRestructured e => Move(state, e.Meta, null) with
        {
            Schedules = [.. state.Schedules, new ScheduleVersion(e.Version, e.Meta.BusinessDate, e.Reason, e.Principal, e.AnnualRate, e.Method,
                e.CarriedInterest, e.CarriedPenalty, e.Schedule)],
        },
        LoanWrittenOff e => Move(state with
        {
            Movements = [.. state.Movements, new LoanMovement(e.TransactionId, LoanMovement.WriteOff, e.Meta.BusinessDate, e.Meta.RecordedAt,
                e.Meta.Actor, e.Meta.Channel, e.Principal, 0m, 0m, e.Principal, 0m, [])],
        }, e.Meta, LoanStatus.WrittenOff),
        LoanRecoveryReceived e => Move(state with
        {
            Movements = [.. state.Movements, new LoanMovement(e.TransactionId, LoanMovement.Recovery, e.Meta.BusinessDate, e.Meta.RecordedAt,
                e.Meta.Actor, e.Meta.Channel, e.Amount, 0m, 0m, 0m, 0m, [])],
        }, e.Meta, null),
        LoanSettledAtExit e => Move(state with
        {
            Movements = [.. state.Movements, new LoanMovement(e.ExitTransactionId, LoanMovement.Settlement, e.Meta.BusinessDate, e.Meta.RecordedAt,
                e.Meta.Actor, e.Meta.Channel, e.Penalty + e.Interest + e.Principal, e.Penalty, e.Interest, e.Principal, e.InterestWaived, e.Lines)],
        }, e.Meta, LoanStatus.SettledAtExit),
        _ => state,
    };

    private static Loan Move(Loan state, EventMeta meta, LoanStatus? status) => state with
    {
        Status = status ?? state.Status,
        History = status is { } s ? [.. state.History, new StatusChange(meta.BusinessDate, s, meta.Actor)] : state.History,
        LastActivityOn = meta.BusinessDate > state.LastActivityOn ? meta.BusinessDate : state.LastActivityOn,
    };

    /// <summary>The status on a business date (null before the application).</summary>
    public LoanStatus? StatusOn(LocalDate date)
    {
        LoanStatus? status = null;
        foreach (var change in History)
            if (change.On <= date) status = change.Status;
        return status;
    }

    /// <summary>The schedule in force on a date (null before disbursement).</summary>
    public ScheduleVersion? ScheduleOn(LocalDate date)
    {
        ScheduleVersion? found = null;
        foreach (var v in Schedules)
            if (v.EffectiveOn <= date) found = v;
        return found;
    }

    public decimal TotalRecovered => Movements.Where(m => m.Kind == LoanMovement.Recovery).Sum(m => m.Amount);

    public decimal WrittenOffPrincipal => Movements.Where(m => m.Kind == LoanMovement.WriteOff).Sum(m => m.Principal);
}
