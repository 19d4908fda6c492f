using Ekopz.Domain.Common;

namespace Ekopz.Domain.Loans;

/// <summary>
/// The accounting allowance (CKPN) was raised (positive) or released (negative) by a pengurus, against
/// the loan loss expense. <paramref name="Required"/> is the PPAPWD the portfolio needed on that date,
/// recorded for the auditor.
/// </summary>
public sealed record LoanAllowanceBooked(Guid TransactionId, decimal Amount, decimal Required, decimal BalanceBefore, string? Note, EventMeta Meta)
    : IDomainEvent;

/// <summary>A write-off used part of the allowance. Posts nothing itself: the write-off's entry does.</summary>
public sealed record LoanAllowanceUsed(Guid LoanId, Guid TransactionId, decimal Amount, EventMeta Meta) : IDomainEvent;

/// <summary>
/// The booked allowance of a koperasi: one stream (id from the slug), so bookings and write-offs that
/// draw on it take turns on its row lock and can never together use more than it holds.
/// </summary>
public sealed record LoanAllowance(Guid Id, decimal Balance)
{
    public static Guid StreamId(string slug) => DeterministicGuid.Create("loan-allowance:" + slug);

    public static LoanAllowance? Evolve(LoanAllowance? state, object @event) => @event switch
    {
        LoanAllowanceBooked e => (state ?? new LoanAllowance(Guid.Empty, 0m)) with { Balance = (state?.Balance ?? 0m) + e.Amount },
        LoanAllowanceUsed e => (state ?? new LoanAllowance(Guid.Empty, 0m)) with { Balance = (state?.Balance ?? 0m) - e.Amount },
        _ => state,
    };
}

public static class LoanAllowanceDecider
{
    /// <summary>
    /// Books <paramref name="amount"/> (signed), or, when none is given, whatever brings the allowance to
    /// the required figure. The allowance never goes below zero.
    /// </summary>
    public static LoanAllowanceBooked Book(LoanAllowance? state, decimal? amount, decimal required, string? note, Guid transactionId, EventMeta meta)
    {
        var balance = state?.Balance ?? 0m;
        if (note is { Length: > 500 }) throw DomainException.Validation("note", "At most 500 characters.");
        var delta = amount ?? required - balance;
        if (amount is { } a && (a == 0 || Math.Abs(a) > Money.Max || decimal.Round(a, 2) != a))
            throw DomainException.Validation("amount", "A non-zero amount with at most 2 decimals (negative releases allowance).");
        if (delta == 0)
            throw DomainException.InvalidState($"The allowance is already Rp{balance:N2}, the required amount.");
        if (balance + delta < 0)
            throw new DomainException(ErrorCodes.InsufficientBalance, $"The allowance is Rp{balance:N2}; Rp{-delta:N2} cannot be released.");
        return new LoanAllowanceBooked(transactionId, delta, required, balance, note?.Trim(), meta);
    }
}
