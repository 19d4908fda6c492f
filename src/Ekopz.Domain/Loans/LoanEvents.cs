using Ekopz.Domain.Common;
using NodaTime;

namespace Ekopz.Domain.Loans;

/// <summary>One installment of a fixed schedule: what falls due when.</summary>
public sealed record ScheduledInstallment(int Number, LocalDate DueDate, decimal Principal, decimal Interest)
{
    public decimal Amount => Principal + Interest;
}

/// <summary>What a payment (or settlement) paid on one installment of one schedule version. Number 0 is the version's carried penalty.</summary>
public sealed record InstallmentAllocation(int Version, int Number, decimal Penalty, decimal Interest, decimal Principal)
{
    public decimal Total => Penalty + Interest + Principal;
}

/// <summary>The lending-limit check made at approval, kept with the approval so an auditor can redo it.</summary>
/// <param name="OwnCapital">Modal sendiri from the ledger on the approval date.</param>
/// <param name="LimitPercent">10 for insiders (pengurus, pengawas, their affiliates), 15 for others: settings.</param>
/// <param name="OtherExposure">Outstanding principal of the borrower's other open loans (approved ones at their principal).</param>
public sealed record LendingLimitCheck(decimal OwnCapital, decimal LimitPercent, decimal Limit, decimal OtherExposure, decimal Exposure)
{
    /// <summary>Does the exposure stay within the limit? A method, not a property, so it is never written into stored events.</summary>
    public bool IsWithin() => Exposure <= Limit;
}

/// <summary>
/// A member applied for a loan (or a pengurus did for them). The terms are copied from the product in
/// force on the application date, so later product changes never touch this loan. Meta.Actor filed it.
/// </summary>
/// <param name="Insider">The borrower is a pengurus, a pengawas or an affiliate of one: the lower lending limit applies.</param>
public sealed record LoanApplied(
    Guid LoanId,
    Guid MemberId,
    string MemberNumber,
    Guid? ProductId,
    string? ProductName,
    decimal Principal,
    int Periods,
    LoanTerms Terms,
    string? Purpose,
    bool Insider,
    EventMeta Meta) : IDomainEvent;

/// <summary>A pengurus other than the one who filed it approved the loan, within the lending limit.</summary>
public sealed record LoanApproved(Guid LoanId, Guid MemberId, bool Insider, LendingLimitCheck Limit, string? Note, EventMeta Meta) : IDomainEvent;

public sealed record LoanRejected(Guid LoanId, Guid MemberId, string Reason, EventMeta Meta) : IDomainEvent;

/// <summary>A loan not yet disbursed was cancelled because the member left the koperasi.</summary>
public sealed record LoanCancelled(Guid LoanId, Guid MemberId, string Reason, EventMeta Meta) : IDomainEvent;

/// <summary>
/// The money was paid out and the schedule fixed: it is recorded here and never recomputed. Fees are
/// charged now, netted from the payout or paid separately in cash.
/// </summary>
public sealed record LoanDisbursed(
    Guid LoanId,
    Guid MemberId,
    Guid TransactionId,
    decimal Principal,
    decimal ProvisiFee,
    decimal AdministrasiFee,
    FeeCollection FeeCollection,
    IReadOnlyList<ScheduledInstallment> Schedule,
    CounterpartyClass Counterparty,
    string CashPoint,
    EventMeta Meta) : IDomainEvent
{
    public decimal Fees => ProvisiFee + AdministrasiFee;

    /// <summary>The cash that left the koperasi (the principal less netted fees).</summary>
    public decimal CashPaidOut => FeeCollection == FeeCollection.Netted ? Principal - Fees : Principal;
}

/// <summary>
/// A payment, already allocated: penalty, interest and principal per installment. When it closes the
/// loan, interest not yet due is waived (<paramref name="InterestWaived"/>).
/// </summary>
public sealed record LoanPaymentReceived(
    Guid LoanId,
    Guid MemberId,
    Guid TransactionId,
    decimal Amount,
    decimal Penalty,
    decimal Interest,
    decimal Principal,
    IReadOnlyList<InstallmentAllocation> Lines,
    bool PaidOff,
    decimal InterestWaived,
    CounterpartyClass Counterparty,
    string CashPoint,
    EventMeta Meta,
    Guid? CollectionBatchId = null) : IDomainEvent;

/// <summary>
/// A new schedule for the outstanding principal, from the restructuring date. The old schedule stays in
/// the history. Interest already earned and unpaid (<paramref name="CarriedInterest"/>) is added to the
/// first new installment's interest: collected with it, but owed at once by a payoff or an exit (never
/// waived as "not yet due"). Unpaid penalty is carried as a separate amount, paid first.
/// </summary>
public sealed record LoanRestructured(
    Guid LoanId,
    Guid MemberId,
    int Version,
    decimal Principal,
    int Periods,
    decimal AnnualRate,
    LoanMethod Method,
    decimal CarriedInterest,
    decimal CarriedPenalty,
    IReadOnlyList<ScheduledInstallment> Schedule,
    string Reason,
    EventMeta Meta) : IDomainEvent;

/// <summary>A macet loan taken off the books against the loan loss allowance.</summary>
public sealed record LoanWrittenOff(Guid LoanId, Guid MemberId, Guid TransactionId, decimal Principal, int DaysPastDue, string Reason,
    CounterpartyClass Counterparty, EventMeta Meta) : IDomainEvent;

/// <summary>Money received on a written-off loan: income (the receivable is gone).</summary>
public sealed record LoanRecoveryReceived(Guid LoanId, Guid MemberId, Guid TransactionId, decimal Amount, CounterpartyClass Counterparty,
    string CashPoint, EventMeta Meta) : IDomainEvent;

/// <summary>
/// The member left and what they owed on this loan was netted from their savings refund. The money is
/// posted by the exit (MemberExited's offsets); this event closes the loan and records the allocation.
/// </summary>
public sealed record LoanSettledAtExit(
    Guid LoanId,
    Guid MemberId,
    Guid ExitTransactionId,
    decimal Penalty,
    decimal Interest,
    decimal Principal,
    IReadOnlyList<InstallmentAllocation> Lines,
    decimal InterestWaived,
    EventMeta Meta) : IDomainEvent;
