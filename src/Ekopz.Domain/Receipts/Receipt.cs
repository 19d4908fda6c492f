using Ekopz.Domain.Common;
using Ekopz.Domain.Members;
using NodaTime;

namespace Ekopz.Domain.Receipts;

/// <summary>What a receipt can be for: the three kinds of counter money the issuer names.</summary>
public static class ReceiptSources
{
    public const string Savings = "savings";
    public const string LoanPayment = "loan_payment";
    public const string ShopOrder = "shop_order";

    public static readonly IReadOnlySet<string> All = new HashSet<string> { Savings, LoanPayment, ShopOrder };
}

/// <summary>Money received by the koperasi (<c>in</c>) or paid out by it (<c>out</c>).</summary>
public static class ReceiptDirections
{
    public const string In = "in";
    public const string Out = "out";
}

/// <summary>Stable codes of receipt lines; clients translate them (the API writes no Indonesian for them).</summary>
public static class ReceiptLineKinds
{
    public const string SavingsDeposit = "savings_deposit";
    public const string SavingsWithdrawal = "savings_withdrawal";
    public const string LoanPenalty = "loan_penalty";
    public const string LoanInterest = "loan_interest";
    public const string LoanPrincipal = "loan_principal";
    public const string LoanRecovery = "loan_recovery";
    public const string ShopItem = "shop_item";
    public const string ShopDiscount = "shop_discount";
    public const string ShopShipping = "shop_shipping";
}

/// <summary>
/// The money event a receipt is for, as its issuer names it. A shop order is named by its order id
/// (<paramref name="TransactionId"/>), a loan payment by its transaction and its loan.
/// </summary>
public sealed record ReceiptSource(string Kind, Guid TransactionId, Guid? LoanId = null)
{
    /// <summary>The id of this source's receipt: a repeat finds the receipt already issued, and a second one cannot be stored.</summary>
    public Guid ReceiptId => DeterministicGuid.Create($"receipt:{Kind}:{TransactionId}");
}

/// <param name="Kind">A <see cref="ReceiptLineKinds"/> code.</param>
/// <param name="Description">Neutral text: the product and quantity of a shop item, a discount's label; else empty.</param>
/// <param name="Amount">Signed: a discount is negative. The lines sum to the receipt's total.</param>
/// <param name="SavingsKind">pokok, wajib or sukarela, on savings lines.</param>
public sealed record ReceiptLine(string Kind, string Description, decimal Amount, string? SavingsKind = null);

/// <summary>
/// What the money event says, as a receipt shows it (built by <see cref="ReceiptContents"/>): the lines,
/// who handled the cash (the event's actor), through which channel, on which day.
/// </summary>
public sealed record ReceiptMoney(
    string Direction,
    IReadOnlyList<ReceiptLine> Lines,
    Guid? MemberId,
    string Cashier,
    string Channel,
    LocalDate BusinessDate,
    Instant RecordedAt,
    Guid TransactionId,
    Guid? LoanId = null,
    Guid? OrderId = null)
{
    public decimal Total => Lines.Sum(l => l.Amount);
}

/// <summary>Everything printed on a receipt, frozen when it is issued: a later change of a member's name does not rewrite it.</summary>
/// <param name="Total">The sum of the lines: the cash that moved.</param>
public sealed record ReceiptContent(
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
    Guid? OrderId);

/// <summary>
/// A receipt (kwitansi) was issued with the next number of the koperasi's receipt book. Meta.Actor is
/// who issued it; the cashier of the money is in the content.
/// </summary>
public sealed record ReceiptIssued(Guid BookId, Guid ReceiptId, int Number, ReceiptSource Source, ReceiptContent Content, EventMeta Meta)
    : IDomainEvent;

/// <summary>
/// A koperasi's receipt book: one stream per koperasi (its id derived from the slug), holding every
/// <see cref="ReceiptIssued"/>. Issuing locks it, so numbers are handed out one at a time: 1, 2, 3, …,
/// never skipped and never given twice (docs/adr/0014).
/// </summary>
public sealed record ReceiptBook(Guid Id, int LastNumber)
{
    public static Guid StreamId(string slug) => DeterministicGuid.Create("receipts:" + slug);

    public static ReceiptBook? Evolve(ReceiptBook? state, object @event) => @event switch
    {
        ReceiptIssued e => new ReceiptBook(e.BookId, e.Number),
        _ => state,
    };
}

public static class ReceiptDecider
{
    /// <summary>
    /// Issues the receipt of <paramref name="money"/> with the book's next number. The caller has
    /// already looked for this source's receipt under the book's lock: a repeat never reaches here.
    /// </summary>
    public static ReceiptIssued Issue(Guid bookId, ReceiptBook? book, ReceiptSource source, ReceiptMoney money, string koperasiName,
        string koperasiSlug, Member? member, EventMeta meta)
    {
        // The member printed is the member of the money, as they are named today.
        if (member is not null && member.Id != money.MemberId) member = null;
        var content = new ReceiptContent(koperasiName, koperasiSlug, money.Direction, money.MemberId, member?.Name, member?.MemberNumber,
            money.Lines, money.Total, money.Cashier, money.Channel, money.BusinessDate, money.RecordedAt, money.TransactionId, money.LoanId,
            money.OrderId);
        return new ReceiptIssued(bookId, source.ReceiptId, (book?.LastNumber ?? 0) + 1, source, content, meta);
    }
}
