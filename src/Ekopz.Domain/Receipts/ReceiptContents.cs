using System.Globalization;
using Ekopz.Domain.Common;
using Ekopz.Domain.Loans;
using Ekopz.Domain.Members;
using Ekopz.Domain.Savings;
using Ekopz.Domain.Shop;

namespace Ekopz.Domain.Receipts;

/// <summary>
/// What a receipt shows for each kind of money event, read from the event alone (its amounts, its
/// actor, channel and dates), so a receipt says exactly what the books posted. An event that moved no
/// cash at the counter has no receipt: 422 <c>invalid_state</c>.
/// </summary>
public static class ReceiptContents
{
    /// <summary>A savings transaction: a deposit is money received, a withdrawal money paid out.</summary>
    public static ReceiptMoney Savings(IDomainEvent? e) => e switch
    {
        SavingsDeposited d => Money(ReceiptDirections.In, [new ReceiptLine(ReceiptLineKinds.SavingsDeposit, "", d.Amount, d.Kind.Name())],
            d.MemberId, d.TransactionId, d.Meta),
        SavingsWithdrawn w => Money(ReceiptDirections.Out, [new ReceiptLine(ReceiptLineKinds.SavingsWithdrawal, "", w.Amount, w.Kind.Name())],
            w.MemberId, w.TransactionId, w.Meta),
        _ => throw DomainException.InvalidState(
            "Receipts are issued for savings deposits and withdrawals; this savings transaction moved no cash at the counter."),
    };

    /// <summary>
    /// A loan payment, split as it was allocated (penalty, interest, principal; parts of zero left out),
    /// or a recovery on a written-off loan.
    /// </summary>
    public static ReceiptMoney LoanPayment(IDomainEvent e) => e switch
    {
        LoanPaymentReceived p => Money(ReceiptDirections.In, NonZero(
                new ReceiptLine(ReceiptLineKinds.LoanPenalty, "", p.Penalty),
                new ReceiptLine(ReceiptLineKinds.LoanInterest, "", p.Interest),
                new ReceiptLine(ReceiptLineKinds.LoanPrincipal, "", p.Principal)),
            p.MemberId, p.TransactionId, p.Meta, loanId: p.LoanId),
        LoanRecoveryReceived r => Money(ReceiptDirections.In, [new ReceiptLine(ReceiptLineKinds.LoanRecovery, "", r.Amount)],
            r.MemberId, r.TransactionId, r.Meta, loanId: r.LoanId),
        _ => throw new ArgumentException($"{e.GetType().Name} is not a loan payment.", nameof(e)),
    };

    /// <summary>
    /// A paid shop order: each line at its gross price (product × quantity), its flash-sale discount and
    /// the voucher as negative lines, and the shipping charged. Together they are what was paid.
    /// An order paid on the member's account (bon) received no money, so it has no receipt.
    /// </summary>
    public static ReceiptMoney ShopOrder(ShopOrder order, OrderPaid? paid)
    {
        if (order.Status == OrderStatus.Cancelled)
            throw DomainException.InvalidState("The order was cancelled; a cancelled order has no receipt.");
        if (paid is null || order.Status == OrderStatus.Placed)
            throw DomainException.InvalidState("The order is not paid yet: its receipt is issued once it is paid.");
        if (paid.CashPoint == ShopPayments.Credit)
            throw DomainException.InvalidState("The order was paid on the member's account (bon): no money was received, so there is no receipt.");

        var lines = new List<ReceiptLine>();
        foreach (var l in order.Lines)
        {
            lines.Add(new ReceiptLine(ReceiptLineKinds.ShopItem, $"{l.Name} × {Quantity(l.Quantity)}", l.Gross));
            if (l.FlashDiscount != 0) lines.Add(new ReceiptLine(ReceiptLineKinds.ShopDiscount, l.DiscountLabel ?? l.Name, -l.FlashDiscount));
        }
        var voucher = order.Lines.Sum(l => l.VoucherDiscount);
        if (voucher != 0) lines.Add(new ReceiptLine(ReceiptLineKinds.ShopDiscount, order.VoucherCode ?? "", -voucher));
        if (paid.Shipping != 0) lines.Add(new ReceiptLine(ReceiptLineKinds.ShopShipping, "", paid.Shipping));

        var money = Money(ReceiptDirections.In, lines, order.MemberId, order.Id, paid.Meta, orderId: order.Id);
        if (money.Total != paid.Amount)
            throw new InvalidOperationException($"The receipt of order {order.Id} sums to {money.Total}, not the {paid.Amount} paid.");
        return money;
    }

    private static ReceiptMoney Money(string direction, IReadOnlyList<ReceiptLine> lines, Guid? memberId, Guid transactionId, EventMeta meta,
        Guid? loanId = null, Guid? orderId = null) =>
        new(direction, lines, memberId, meta.Actor, meta.Channel, meta.BusinessDate, meta.RecordedAt, transactionId, loanId, orderId);

    private static IReadOnlyList<ReceiptLine> NonZero(params ReceiptLine[] lines) => lines.Where(l => l.Amount != 0).ToList();

    /// <summary>2 for 2.000, 1.5 for 1.500: the quantity as people write it.</summary>
    private static string Quantity(decimal quantity) => (quantity / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
}
