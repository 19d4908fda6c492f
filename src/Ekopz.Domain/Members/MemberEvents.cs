using Ekopz.Domain.Common;
using Ekopz.Domain.Savings;

namespace Ekopz.Domain.Members;

/// <summary>A person applied for membership. They become a member once simpanan pokok is paid in full.</summary>
public sealed record MemberRegistered(
    Guid MemberId,
    string MemberNumber,
    string Name,
    string Nik,
    string? Phone,
    string? Address,
    EventMeta Meta) : IDomainEvent;

/// <summary>Simpanan pokok is fully paid: the applicant is now a member (UU 25/1992).</summary>
public sealed record MemberActivated(Guid MemberId, EventMeta Meta) : IDomainEvent;

/// <summary>A reversal took pokok below the amount due: the member is an applicant again.</summary>
public sealed record MemberActivationRevoked(Guid MemberId, Guid ReversalId, EventMeta Meta) : IDomainEvent;

/// <summary>Profile fields changed; null fields are unchanged.</summary>
public sealed record MemberProfileChanged(Guid MemberId, string? Name, string? Nik, string? Phone, string? Address, EventMeta Meta) : IDomainEvent;

/// <summary>
/// Money paid into a member's savings. Carries everything the ledger needs to post it without
/// looking anything up: the kind (which equity or liability account), the counterparty class, and
/// the cash point the money went through.
/// </summary>
public sealed record SavingsDeposited(
    Guid MemberId,
    Guid TransactionId,
    SavingsKind Kind,
    decimal Amount,
    CounterpartyClass Counterparty,
    string CashPoint,
    string? Note,
    EventMeta Meta,
    Guid? CollectionBatchId = null) : IDomainEvent;

/// <summary>
/// An approved withdrawal paid out of simpanan sukarela. Meta.Actor is who paid: the approver when approval
/// pays, the kasir who handed over the cash for a counter withdrawal.
/// </summary>
public sealed record SavingsWithdrawn(
    Guid MemberId,
    Guid TransactionId,
    Guid WithdrawalId,
    SavingsKind Kind,
    decimal Amount,
    CounterpartyClass Counterparty,
    string CashPoint,
    string RequestedBy,
    EventMeta Meta) : IDomainEvent;

/// <summary>
/// A mistaken deposit undone by an approved reversal. A new transaction in the current period that
/// names the one it corrects; the original stays in the history. Meta.Actor is the approver.
/// </summary>
public sealed record SavingsDepositReversed(
    Guid MemberId,
    Guid TransactionId,
    Guid ReversalId,
    Guid ReversesTransactionId,
    SavingsKind Kind,
    decimal Amount,
    CounterpartyClass Counterparty,
    string CashPoint,
    string Reason,
    string RequestedBy,
    EventMeta Meta) : IDomainEvent;

/// <summary>
/// A month's interest (jasa simpanan) on sukarela, with the tax withheld (PP 15/2009: 0% up to the
/// threshold, else the rate on the whole gross). Net = Gross − Tax is credited; both figures are
/// kept so the statement and the ledger show gross, tax and net.
/// </summary>
public sealed record SavingsInterestCredited(
    Guid MemberId,
    Guid TransactionId,
    string Month,
    string Basis,
    decimal AnnualRatePercent,
    decimal BalanceBasis,
    decimal Gross,
    decimal Tax,
    EventMeta Meta) : IDomainEvent;

/// <summary>Something the member owes that is settled from the exit refund (loans join this later).</summary>
public sealed record RefundOffset(string Kind, Guid Reference, decimal Amount);

/// <summary>
/// Membership ended (exit or death). All savings are refunded, net of what the member owes; to
/// heirs on death. The refund per kind is what the ledger debits; the offsets go to their accounts.
/// </summary>
public sealed record MemberExited(
    Guid MemberId,
    Guid TransactionId,
    bool Deceased,
    string Reason,
    string? PaidTo,
    SavingsBalances Refund,
    IReadOnlyList<RefundOffset> Offsets,
    CounterpartyClass Counterparty,
    string CashPoint,
    EventMeta Meta) : IDomainEvent
{
    public decimal NetPaid => Refund.Pokok + Refund.Wajib + Refund.Sukarela - Offsets.Sum(o => o.Amount);
}
