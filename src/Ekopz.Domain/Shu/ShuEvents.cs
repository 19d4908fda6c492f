using Ekopz.Domain.Common;

namespace Ekopz.Domain.Shu;

/// <summary>A bucket as the RAT decided it: the pool and the account it is credited to.</summary>
public sealed record DecidedBucket(string Name, decimal Percent, string Kind, string? Basis, decimal Amount, decimal BasisTotal, string? AccountCode);

/// <summary>What one member is owed, and how it was computed.</summary>
public sealed record DecidedMember(Guid MemberId, string MemberNumber, string Name, decimal JasaUsaha, decimal JasaModal, IReadOnlyList<MemberShare> Shares,
    IReadOnlyDictionary<string, decimal> Basis)
{
    public decimal Total => JasaUsaha + JasaModal;
}

/// <summary>
/// The RAT decided how the year's SHU is shared. Posts the allocation: SHU of earlier years down;
/// reserves up (reserve buckets, the non-member part, the rounding residue); fund payables and SHU
/// payable to members up. Meta.BusinessDate is the RAT date.
/// </summary>
public sealed record ShuAllocationApproved(
    int Year,
    decimal Shu,
    decimal MemberPart,
    decimal NonMemberPart,
    string NonMemberAccount,
    IReadOnlyList<DecidedBucket> Buckets,
    IReadOnlyList<DecidedMember> Members,
    decimal Residue,
    string ResidueAccount,
    string CapitalBasis,
    EventMeta Meta) : IDomainEvent;

/// <summary>A member's SHU paid in cash (or to their heirs). Meta.Actor paid it.</summary>
public sealed record ShuPaidInCash(int Year, Guid MemberId, decimal Amount, string CashPoint, EventMeta Meta) : IDomainEvent;

/// <summary>A member's SHU credited to their simpanan sukarela (also on the member's stream, see <see cref="ShuCreditedToSavings"/>).</summary>
public sealed record ShuCredited(int Year, Guid MemberId, Guid TransactionId, decimal Amount, EventMeta Meta) : IDomainEvent;

/// <summary>On the member's stream: SHU of a year added to simpanan sukarela. The ledger posts it (Dr SHU payable / Cr sukarela).</summary>
public sealed record ShuCreditedToSavings(Guid MemberId, Guid TransactionId, int Year, decimal Amount, EventMeta Meta) : IDomainEvent;
