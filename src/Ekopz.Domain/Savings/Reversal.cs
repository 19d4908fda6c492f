using Ekopz.Domain.Common;
using Ekopz.Domain.Members;

namespace Ekopz.Domain.Savings;

public enum ReversalStatus
{
    Requested,
    Approved,
    Rejected,
}

/// <summary>What the reversal will undo, as the original deposit recorded it.</summary>
public sealed record ReversedDeposit(Guid TransactionId, SavingsKind Kind, decimal Amount, string CashPoint, NodaTime.LocalDate BusinessDate);

/// <summary>A pengurus asks to undo a mistaken deposit. The stream id is derived from the deposit, so one deposit has one reversal.</summary>
public sealed record SavingsReversalRequested(Guid ReversalId, Guid MemberId, ReversedDeposit Deposit, string Reason, EventMeta Meta) : IDomainEvent;

public sealed record SavingsReversalApproved(Guid ReversalId, Guid MemberId, Guid TransactionId, EventMeta Meta) : IDomainEvent;

public sealed record SavingsReversalRejected(Guid ReversalId, Guid MemberId, string Reason, EventMeta Meta) : IDomainEvent;

public sealed record Reversal(
    Guid Id,
    Guid MemberId,
    ReversedDeposit Deposit,
    string Reason,
    ReversalStatus Status,
    string RequestedBy,
    NodaTime.Instant RequestedAt,
    string? DecidedBy = null,
    NodaTime.Instant? DecidedAt = null,
    string? RejectionReason = null,
    Guid? TransactionId = null)
{
    /// <summary>One reversal stream per deposit: a second request for the same deposit meets the same stream.</summary>
    public static Guid StreamId(Guid depositTransactionId) => DeterministicGuid.Create("reversal:" + depositTransactionId);

    public static Reversal? Evolve(Reversal? state, object @event) => @event switch
    {
        SavingsReversalRequested e => new Reversal(e.ReversalId, e.MemberId, e.Deposit, e.Reason, ReversalStatus.Requested,
            e.Meta.Actor, e.Meta.RecordedAt),
        SavingsReversalApproved e when state is not null => state with
        {
            Status = ReversalStatus.Approved, DecidedBy = e.Meta.Actor, DecidedAt = e.Meta.RecordedAt, TransactionId = e.TransactionId,
        },
        SavingsReversalRejected e when state is not null => state with
        {
            Status = ReversalStatus.Rejected, DecidedBy = e.Meta.Actor, DecidedAt = e.Meta.RecordedAt, RejectionReason = e.Reason,
        },
        _ => state,
    };
}

/// <summary>
/// Pure decisions for correcting a mistaken deposit: a pengurus requests, a second person
/// approves, and the correction is a new transaction dated today that references the original.
/// </summary>
public static class ReversalDecider
{
    public static SavingsReversalRequested Request(Reversal? existing, Member? member, ReversedDeposit? deposit, string? reason, EventMeta meta)
    {
        if (member is null) throw DomainException.NotFound("The member");
        if (deposit is null) throw DomainException.NotFound("The deposit");
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 500)
            throw DomainException.Validation("reason", "Give the reason for the correction (at most 500 characters).");
        if (existing is { Status: ReversalStatus.Requested or ReversalStatus.Approved })
            throw DomainException.Conflict($"This deposit already has a reversal that is {existing.Status.ToString().ToLowerInvariant()}.");
        if (member.HasLeft) throw DomainException.InvalidState("The member has left the koperasi; their savings were settled at exit.");
        return new SavingsReversalRequested(Reversal.StreamId(deposit.TransactionId), member.Id, deposit, reason.Trim(), meta);
    }

    public static IReadOnlyList<IDomainEvent> Approve(Reversal? reversal, Member? member, decimal pokokDue, EventMeta meta)
    {
        if (reversal is null) throw DomainException.NotFound("The reversal");
        if (reversal.Status != ReversalStatus.Requested)
            throw DomainException.InvalidState($"The reversal is already {reversal.Status.ToString().ToLowerInvariant()}.");
        if (string.Equals(reversal.RequestedBy, meta.Actor, StringComparison.OrdinalIgnoreCase))
            throw new DomainException(ErrorCodes.SameMakerChecker, "The person who requested a reversal cannot approve it.");
        if (member is null) throw DomainException.NotFound("The member");
        if (member.HasLeft) throw DomainException.InvalidState("The member has left the koperasi; their savings were settled at exit.");
        var d = reversal.Deposit;
        if (member.Balances.Of(d.Kind) < d.Amount)
            throw new DomainException(ErrorCodes.InsufficientBalance,
                $"Simpanan {d.Kind.Name()} is Rp{member.Balances.Of(d.Kind):N2}; the deposit of Rp{d.Amount:N2} cannot be taken back.");

        var transactionId = Guid.NewGuid();
        var events = new List<IDomainEvent>
        {
            new SavingsDepositReversed(member.Id, transactionId, reversal.Id, d.TransactionId, d.Kind, d.Amount, CounterpartyClass.Member,
                d.CashPoint, reversal.Reason, reversal.RequestedBy, meta),
            new SavingsReversalApproved(reversal.Id, member.Id, transactionId, meta),
        };
        if (d.Kind == SavingsKind.Pokok && member.Status == MemberStatus.Active && member.Balances.Pokok - d.Amount < pokokDue)
            events.Add(new MemberActivationRevoked(member.Id, reversal.Id, meta));
        return events;
    }

    public static SavingsReversalRejected Reject(Reversal? reversal, string? reason, EventMeta meta)
    {
        if (reversal is null) throw DomainException.NotFound("The reversal");
        if (reversal.Status != ReversalStatus.Requested)
            throw DomainException.InvalidState($"The reversal is already {reversal.Status.ToString().ToLowerInvariant()}.");
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 500)
            throw DomainException.Validation("reason", "Give the reason (at most 500 characters).");
        return new SavingsReversalRejected(reversal.Id, reversal.MemberId, reason.Trim(), meta);
    }
}
