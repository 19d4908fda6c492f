using Ekopz.Domain.Common;
using Ekopz.Domain.Members;

namespace Ekopz.Domain.Savings;

public enum WithdrawalStatus
{
    Requested,
    /// <summary>A counter withdrawal approved and waiting for the kasir to pay it; no money has moved.</summary>
    Approved,
    Paid,
    Rejected,
}

/// <summary>A member (or a kasir for them) asks to take money out of simpanan sukarela.</summary>
/// <param name="PayAtCounter">Approval records the decision only; a kasir pays it out in cash later
/// (<see cref="WithdrawalPaidAtCounter"/>). Absent from events recorded before the option existed: false.</param>
public sealed record WithdrawalRequested(Guid WithdrawalId, Guid MemberId, SavingsKind Kind, decimal Amount, string? Note, EventMeta Meta,
    bool PayAtCounter = false) : IDomainEvent;

/// <summary>A pengurus other than the requester approved; the payout is <see cref="SavingsWithdrawn"/> on the member's stream.</summary>
public sealed record WithdrawalApproved(Guid WithdrawalId, Guid MemberId, Guid TransactionId, EventMeta Meta) : IDomainEvent;

/// <summary>
/// A pengurus other than the requester approved a counter withdrawal. No money moves and nothing is
/// posted: the payout happens when the kasir hands over the cash (<see cref="WithdrawalPaidAtCounter"/>).
/// </summary>
public sealed record WithdrawalApprovedForCounter(Guid WithdrawalId, Guid MemberId, EventMeta Meta) : IDomainEvent;

/// <summary>
/// The kasir (Meta.Actor) paid an approved counter withdrawal in cash. The money is
/// <see cref="SavingsWithdrawn"/> on the member's stream, appended in the same transaction.
/// </summary>
public sealed record WithdrawalPaidAtCounter(Guid WithdrawalId, Guid MemberId, Guid TransactionId, EventMeta Meta) : IDomainEvent;

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
    Guid? TransactionId = null,
    bool PayAtCounter = false,
    NodaTime.LocalDate? DecidedOn = null,
    string? PaidBy = null,
    NodaTime.Instant? PaidAt = null)
{
    public static Withdrawal? Evolve(Withdrawal? state, object @event) => @event switch
    {
        WithdrawalRequested e => new Withdrawal(e.WithdrawalId, e.MemberId, e.Kind, e.Amount, e.Note, WithdrawalStatus.Requested,
            e.Meta.Actor, e.Meta.Channel, e.Meta.BusinessDate, e.Meta.RecordedAt, PayAtCounter: e.PayAtCounter),
        // Approved and paid in one step: the approver paid.
        WithdrawalApproved e when state is not null => state with
        {
            Status = WithdrawalStatus.Paid, DecidedBy = e.Meta.Actor, DecidedAt = e.Meta.RecordedAt, DecidedOn = e.Meta.BusinessDate,
            TransactionId = e.TransactionId, PaidBy = e.Meta.Actor, PaidAt = e.Meta.RecordedAt,
        },
        WithdrawalApprovedForCounter e when state is not null => state with
        {
            Status = WithdrawalStatus.Approved, DecidedBy = e.Meta.Actor, DecidedAt = e.Meta.RecordedAt, DecidedOn = e.Meta.BusinessDate,
        },
        WithdrawalPaidAtCounter e when state is not null => state with
        {
            Status = WithdrawalStatus.Paid, TransactionId = e.TransactionId, PaidBy = e.Meta.Actor, PaidAt = e.Meta.RecordedAt,
        },
        WithdrawalRejected e when state is not null => state with
        {
            Status = WithdrawalStatus.Rejected, DecidedBy = e.Meta.Actor, DecidedAt = e.Meta.RecordedAt, DecidedOn = e.Meta.BusinessDate,
            RejectionReason = e.Reason,
        },
        _ => state,
    };
}

/// <summary>Pure decisions for withdrawals. Only sukarela can be withdrawn; pokok and wajib leave only through exit.</summary>
public static class WithdrawalDecider
{
    /// <param name="payAtCounter">Approval will record the decision only, and a kasir pays the cash out later.</param>
    public static WithdrawalRequested Request(Guid withdrawalId, SavingsKind kind, decimal amount, string? note, Member? member, EventMeta meta,
        bool payAtCounter = false)
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
        return new WithdrawalRequested(withdrawalId, member.Id, kind, amount, note, meta, payAtCounter);
    }

    /// <summary>
    /// Approval pays out. The balance is checked again now: it may have fallen since the request
    /// (another withdrawal, a reversal). The approver may not be the requester. A counter withdrawal
    /// is approved with <see cref="ApproveForCounter"/> instead.
    /// </summary>
    public static (WithdrawalApproved Approved, SavingsWithdrawn Paid) Approve(Withdrawal? withdrawal, Member? member, string channel, EventMeta meta)
    {
        var (w, m) = CheckApproval(withdrawal, member, meta, payAtCounter: false);
        var transactionId = Guid.NewGuid();
        return (new WithdrawalApproved(w.Id, m.Id, transactionId, meta), Payout(w, m, transactionId, channel, meta));
    }

    /// <summary>
    /// Approval of a counter withdrawal records the decision only: no money moves and nothing is posted
    /// until the kasir pays (<see cref="PayAtCounter"/>). The same rules as a paying approval apply now
    /// (a second person, a balance that still covers it), and the balance is checked again at payment.
    /// </summary>
    public static WithdrawalApprovedForCounter ApproveForCounter(Withdrawal? withdrawal, Member? member, EventMeta meta)
    {
        var (w, m) = CheckApproval(withdrawal, member, meta, payAtCounter: true);
        return new WithdrawalApprovedForCounter(w.Id, m.Id, meta);
    }

    /// <summary>
    /// The kasir pays an approved counter withdrawal in cash: the payout is dated the payment's business
    /// day (not before the approval) and attributed to the kasir, through the kas drawer. The balance is
    /// checked once more, because deposits and other payouts may have moved it since the approval.
    /// </summary>
    public static (WithdrawalPaidAtCounter Paid, SavingsWithdrawn Withdrawn) PayAtCounter(Withdrawal? withdrawal, Member? member, EventMeta meta)
    {
        if (withdrawal is null) throw DomainException.NotFound("The withdrawal");
        if (withdrawal.Status != WithdrawalStatus.Approved)
            throw DomainException.InvalidState(withdrawal.Status == WithdrawalStatus.Requested
                ? "The withdrawal is not approved yet: a pengurus approves it before the kasir pays."
                : $"The withdrawal is {StatusName(withdrawal)}; only an approved counter withdrawal is paid.");
        if (withdrawal.DecidedOn is { } approvedOn && meta.BusinessDate < approvedOn)
            throw DomainException.Validation("businessDate", $"The payout cannot be dated before the approval ({approvedOn:yyyy-MM-dd}).");
        var m = PayableMember(member, withdrawal);
        var counter = meta with { Channel = Channels.Counter };
        var transactionId = Guid.NewGuid();
        return (new WithdrawalPaidAtCounter(withdrawal.Id, m.Id, transactionId, counter), Payout(withdrawal, m, transactionId, Channels.Counter, counter));
    }

    public static WithdrawalRejected Reject(Withdrawal? withdrawal, string? reason, EventMeta meta)
    {
        if (withdrawal is null) throw DomainException.NotFound("The withdrawal");
        // An approved counter withdrawal that was never paid (the member did not come) may still be turned down.
        if (withdrawal.Status is not (WithdrawalStatus.Requested or WithdrawalStatus.Approved))
            throw DomainException.InvalidState($"The withdrawal is already {StatusName(withdrawal)}.");
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 500)
            throw DomainException.Validation("reason", "Give the reason (at most 500 characters).");
        return new WithdrawalRejected(withdrawal.Id, withdrawal.MemberId, reason.Trim(), meta);
    }

    private static (Withdrawal, Member) CheckApproval(Withdrawal? withdrawal, Member? member, EventMeta meta, bool payAtCounter)
    {
        if (withdrawal is null) throw DomainException.NotFound("The withdrawal");
        if (withdrawal.Status != WithdrawalStatus.Requested)
            throw DomainException.InvalidState($"The withdrawal is already {StatusName(withdrawal)}.");
        if (withdrawal.PayAtCounter != payAtCounter)
            throw new InvalidOperationException(payAtCounter
                ? "A withdrawal paid on approval is approved with Approve."
                : "A counter withdrawal is approved with ApproveForCounter.");
        if (string.Equals(withdrawal.RequestedBy, meta.Actor, StringComparison.OrdinalIgnoreCase))
            throw new DomainException(ErrorCodes.SameMakerChecker, "The person who requested a withdrawal cannot approve it.");
        if (meta.BusinessDate < withdrawal.RequestedOn)
            throw DomainException.Validation("businessDate",
                $"The {(payAtCounter ? "approval" : "payout")} cannot be dated before the request ({withdrawal.RequestedOn:yyyy-MM-dd}).");
        return (withdrawal, PayableMember(member, withdrawal));
    }

    /// <summary>The member can still be paid this withdrawal now: they have not left and the balance covers it.</summary>
    private static Member PayableMember(Member? member, Withdrawal withdrawal)
    {
        if (member is null) throw DomainException.NotFound("The member");
        if (member.HasLeft)
            throw DomainException.InvalidState($"Member {member.MemberNumber} has left the koperasi; the refund was settled at exit.");
        if (member.Balances.Of(withdrawal.Kind) < withdrawal.Amount)
            throw new DomainException(ErrorCodes.InsufficientBalance,
                $"Simpanan sukarela is Rp{member.Balances.Sukarela:N2} now; Rp{withdrawal.Amount:N2} cannot be paid.");
        return member;
    }

    private static SavingsWithdrawn Payout(Withdrawal w, Member m, Guid transactionId, string channel, EventMeta meta) =>
        new(m.Id, transactionId, w.Id, w.Kind, w.Amount, CounterpartyClass.Member, Channels.CashPointFor(channel), w.RequestedBy,
            meta with { Channel = channel });

    private static string StatusName(Withdrawal w) => w.Status.ToString().ToLowerInvariant();
}
