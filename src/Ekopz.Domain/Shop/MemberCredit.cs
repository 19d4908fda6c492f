using Ekopz.Domain.Common;
using Ekopz.Domain.Members;

namespace Ekopz.Domain.Shop;

/// <summary>
/// Buying on credit (bon anggota, settled later or by payroll deduction): an active member may pay
/// an order with <see cref="Credit"/> as its cash point, which posts to the member receivable
/// (1-1200) with the member's id instead of kas or bank. What a member owes is the balance of that
/// account for their id: the ledger is the one record of it, so a sale, a refund, a repayment and an
/// exit offset all move the same figure (docs/adr/0011).
/// </summary>
public static class ShopPayments
{
    /// <summary>The "cash point" of an order paid on the member's account.</summary>
    public const string Credit = "credit";

    public static Guid CreditStreamId(string slug, Guid memberId) => DeterministicGuid.Create($"shop-credit:{slug}:{memberId}");
}

/// <summary>A member paid off (part of) what they owe the shop. Posts Dr kas or bank / Cr member receivable.</summary>
public sealed record ShopCreditRepaid(Guid MemberId, Guid PaymentId, decimal Amount, string CashPoint, EventMeta Meta) : IDomainEvent;

public static class MemberCreditDecider
{
    /// <summary>Only an active member buys on credit: the debt must be nettable from their savings when they leave.</summary>
    public static void RequireCanBuyOnCredit(ShopOrder order, Member? member)
    {
        if (order.MemberId is null || order.Buyer != CounterpartyClass.Member)
            throw DomainException.Validation("method", "Only an order of an active member can be paid on credit.");
        if (member is not { Status: MemberStatus.Active })
            throw DomainException.InvalidState("The member is not active now: pay in cash or by transfer.");
    }

    public static ShopCreditRepaid Repay(Member? member, decimal owed, decimal amount, string cashPoint, EventMeta meta)
    {
        if (member is null) throw DomainException.NotFound("The member");
        Money.RequirePositive(amount);
        if (amount > owed)
            throw new DomainException(ErrorCodes.InsufficientBalance,
                $"Member {member.MemberNumber} owes the shop Rp{owed:N2}; Rp{amount:N2} is more than that.");
        return new ShopCreditRepaid(member.Id, Guid.NewGuid(), amount, cashPoint, meta);
    }

    /// <summary>A refund of a credit-paid order goes back onto the member's account while it covers the refund, else out in cash.</summary>
    public static string RefundCashPoint(string? paidThrough, decimal owed, decimal refund) =>
        paidThrough == ShopPayments.Credit ? (owed >= refund ? ShopPayments.Credit : CashPoints.Kas) : paidThrough ?? CashPoints.Kas;
}
