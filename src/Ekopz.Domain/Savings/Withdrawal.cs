using Ekopz.Domain.Common;
using Ekopz.Domain.Members;

namespace Ekopz.Domain.Savings;

public enum WithdrawalStatus
{
    Requested,
    Paid,
    Rejected,
}

/// <summary>A member (or a kasir for them) asks to take money out of simpanan sukarela.</summary>
public sealed record WithdrawalRequested(Guid WithdrawalId, Guid MemberId, SavingsKind Kind, decimal Amount, string? Note, EventMeta Meta) : IDomainEvent;

/// <summary>A pengurus other than the requester approved; the payout is <see cref="SavingsWithdrawn"/> on the member's stream.</summary>
public sealed record WithdrawalApproved(Guid WithdrawalId, Guid MemberId, Guid TransactionId, EventMeta Meta) : IDomainEvent;

public sealed record WithdrawalRejected(Guid WithdrawalId, Guid MemberId, string Reason, EventMeta Meta) : IDomainEvent;

/// <summary>A withdrawal request: its own short stream, so requests and approvals never contend with deposits.</summary>
public sealed record Withdrawal(
    Guid Id,
    Guid MemberId,
    SavingsKind Kind,
    decimal Amount,
    string? Note,
    WithdrawalStatus Status,
    string RequestedBy,
    string Channel,
    NodaTime.LocalDate RequestedOn,
    NodaTime.Instant RequestedAt,
    string? DecidedBy = null,
    NodaTime.Instant? DecidedAt = null,
    string? RejectionReason = null,
    Guid? TransactionId = null)
{
    public static Withdrawal? Evolve(Withdrawal? state, object @event) => @event switch
    {
        WithdrawalRequested e => new Withdrawal(e.WithdrawalId, e.MemberId, e.Kind, e.Amount, e.Note, WithdrawalStatus.Requested,
            e.Meta.Actor, e.Meta.Channel, e.Meta.BusinessDate, e.Meta.RecordedAt),
        WithdrawalApproved e when state is not null => state with
        {
            Status = WithdrawalStatus.Paid, DecidedBy = e.Meta.Actor, DecidedAt = e.Meta.RecordedAt, TransactionId = e.TransactionId,
        },
        WithdrawalRejected e when state is not null => state with
        {
            Status = WithdrawalStatus.Rejected, DecidedBy = e.Meta.Actor, DecidedAt = e.Meta.RecordedAt, RejectionReason = e.Reason,
        },
        _ => state,
    };
}

/// <summary>Pure decisions for withdrawals. Only sukarela can be withdrawn; pokok and wajib leave only through exit.</summary>
public static class WithdrawalDecider
{
    public static WithdrawalRequested Request(Guid withdrawalId, SavingsKind kind, decimal amount, string? note, Member? member, EventMeta meta)
    {
        if (member is null) throw DomainException.NotFound("The member");
        if (kind != SavingsKind.Sukarela)
            throw new DomainException(ErrorCodes.NotWithdrawable,
                $"Simpanan {kind.Name()} cannot be withdrawn; it is refunded only when membership ends.");
        Money.RequirePositive(amount);
        if (note is { Length: > 500 }) throw DomainException.Validation("note", "The note may have at most 500 characters.");
        if (member.Status != MemberStatus.Active)
            throw DomainException.InvalidState($"Member {member.MemberNumber} is {member.Status.Name()}; only active members withdraw.");
        if (member.Balances.Sukarela < amount)
            throw new DomainException(ErrorCodes.InsufficientBalance,
                $"Simpanan sukarela is Rp{member.Balances.Sukarela:N2}; Rp{amount:N2} cannot be withdrawn.");
        return new WithdrawalRequested(withdrawalId, member.Id, kind, amount, note, meta);
    }

    /// <summary>
    /// Approval pays out. The balance is checked again now: it may have fallen since the request
    /// (another withdrawal, a reversal). The approver may not be the requester.
    /// </summary>
    public static (WithdrawalApproved Approved, SavingsWithdrawn Paid) Approve(Withdrawal? withdrawal, Member? member, string channel, EventMeta meta)
    {
        if (withdrawal is null) throw DomainException.NotFound("The withdrawal");
        if (withdrawal.Status != WithdrawalStatus.Requested)
            throw DomainException.InvalidState($"The withdrawal is already {withdrawal.Status.ToString().ToLowerInvariant()}.");
        if (string.Equals(withdrawal.RequestedBy, meta.Actor, StringComparison.OrdinalIgnoreCase))
            throw new DomainException(ErrorCodes.SameMakerChecker, "The person who requested a withdrawal cannot approve it.");
        if (meta.BusinessDate < withdrawal.RequestedOn)
            throw DomainException.Validation("businessDate", $"The payout cannot be dated before the request ({withdrawal.RequestedOn:yyyy-MM-dd}).");
        if (member is null) throw DomainException.NotFound("The member");
        if (member.HasLeft)
            throw DomainException.InvalidState($"Member {member.MemberNumber} has left the koperasi; the refund was settled at exit.");
        if (member.Balances.Of(withdrawal.Kind) < withdrawal.Amount)
            throw new DomainException(ErrorCodes.InsufficientBalance,
                $"Simpanan sukarela is Rp{member.Balances.Sukarela:N2} now; Rp{withdrawal.Amount:N2} cannot be paid.");
        var transactionId = Guid.NewGuid();
        return (new WithdrawalApproved(withdrawal.Id, member.Id, transactionId, meta),
            new SavingsWithdrawn(member.Id, transactionId, withdrawal.Id, withdrawal.Kind, withdrawal.Amount, CounterpartyClass.Member,
                Channels.CashPointFor(channel), withdrawal.RequestedBy, meta with { Channel = channel }));
    }

    public static WithdrawalRejected Reject(Withdrawal? withdrawal, string? reason, EventMeta meta)
    {
        if (withdrawal is null) throw DomainException.NotFound("The withdrawal");
        if (withdrawal.Status != WithdrawalStatus.Requested)
            throw DomainException.InvalidState($"The withdrawal is already {withdrawal.Status.ToString().ToLowerInvariant()}.");
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 500)
            throw DomainException.Validation("reason", "Give the reason (at most 500 characters).");
        return new WithdrawalRejected(withdrawal.Id, withdrawal.MemberId, reason.Trim(), meta);
    }
}
