using Ekopz.Domain.Receipts;
using Ekopz.Projections.Receipts;
using NodaTime;

namespace Ekopz.Api.Receipts;

/// <summary>A receipt (kwitansi) as printed: numbered, with the koperasi, the member, the lines and who handled the cash.</summary>
/// <param name="ReceiptNumber">The koperasi's running number: 1, 2, 3, … with no gaps and never reused.</param>
/// <param name="Source"><c>savings</c>, <c>loan_payment</c> or <c>shop_order</c>.</param>
/// <param name="Direction"><c>in</c>: money received by the koperasi; <c>out</c>: money it paid out (a withdrawal).</param>
/// <param name="Lines">Stable kinds (<c>savings_deposit</c>, <c>savings_withdrawal</c>, <c>loan_penalty</c>, <c>loan_interest</c>,
/// <c>loan_principal</c>, <c>loan_recovery</c>, <c>shop_item</c>, <c>shop_discount</c> (negative), <c>shop_shipping</c>); the client
/// translates them.</param>
/// <param name="Total">The sum of the lines: the cash that moved.</param>
/// <param name="Cashier">Who handled the money (the actor of the money event).</param>
/// <param name="Channel">The money event's channel: counter, transfer, web, mobile or marketplace.</param>
/// <param name="BusinessDate">The money event's business date.</param>
/// <param name="RecordedAt">When the money event was recorded.</param>
/// <param name="TransactionId">The savings or loan transaction; for a shop order, the order id.</param>
/// <param name="IssuedBy">Who issued the receipt (may differ from the cashier: a receipt issued later for an earlier deposit).</param>
public sealed record ReceiptView(
    int ReceiptNumber,
    string Source,
    string KoperasiName,
    string KoperasiSlug,
    string Direction,
    Guid? MemberId,
    string? MemberName,
    string? MemberNumber,
    IReadOnlyList<ReceiptLine> Lines,
    decimal Total,
    string Cashier,
    string Channel,
    LocalDate BusinessDate,
    Instant RecordedAt,
    Guid TransactionId,
    Guid? LoanId,
    Guid? OrderId,
    Instant IssuedAt,
    string IssuedBy)
{
    public static ReceiptView Of(IssuedReceipt r) => Of(r.Number, r.Source, r.Content, r.IssuedAt, r.IssuedBy);

    public static ReceiptView Of(ReceiptIssued e) => Of(e.Number, e.Source, e.Content, e.Meta.RecordedAt, e.Meta.Actor);

    private static ReceiptView Of(int number, ReceiptSource source, ReceiptContent c, Instant issuedAt, string issuedBy) =>
        new(number, source.Kind, c.KoperasiName, c.KoperasiSlug, c.Direction, c.MemberId, c.MemberName, c.MemberNumber, c.Lines, c.Total,
            c.Cashier, c.Channel, c.BusinessDate, c.RecordedAt, c.TransactionId, c.LoanId, c.OrderId, issuedAt, issuedBy);
}

/// <summary>One page of receipts in number order.</summary>
/// <param name="From">First issue date included (the koperasi's business date when the receipt was issued).</param>
/// <param name="To">Last issue date included.</param>
/// <param name="Total">How many receipts match in all (not just on this page).</param>
public sealed record ReceiptListView(LocalDate? From, LocalDate? To, int Page, int PageSize, long Total, IReadOnlyList<ReceiptView> Receipts);
