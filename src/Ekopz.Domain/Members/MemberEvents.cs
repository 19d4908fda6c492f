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
    EventMeta Meta) : IDomainEvent;
