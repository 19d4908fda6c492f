using Ekopz.Domain.Common;
using Ekopz.Domain.Loans;
using Ekopz.Domain.Members;
using Ekopz.Domain.Receipts;
using Ekopz.Domain.Savings;
using Ekopz.Domain.Shop;
using NodaTime;

namespace Ekopz.Tests.Unit.Receipts;

/// <summary>Given(receipt book events).When(issue).Then(the receipt), and what each money event shows on its receipt; no database.</summary>
public class ReceiptDeciderTests
{
    private static readonly Guid BookId = ReceiptBook.StreamId("kop");
    private static readonly Guid MemberId = Guid.NewGuid();
    private static readonly LocalDate Day = new(2026, 11, 2);
    private static readonly EventMeta ByKasir = new("kasir1", Day, Instant.FromUtc(2026, 11, 2, 1, 0), Channels.Counter, "c-1");
    private static readonly EventMeta Issuing = ByKasir with { Actor = "kasir2", BusinessDate = Day.PlusDays(1), RecordedAt = Instant.FromUtc(2026, 11, 3, 1, 0) };

    private static readonly Member Budi = new(MemberId, "000007", "Budi", "3201011501800001", null, null, MemberStatus.Active,
        SavingsBalances.Zero, new LocalDate(2026, 1, 1), new LocalDate(2026, 1, 1));

    private static ReceiptBook? Given(params ReceiptIssued[] events) => events.Aggregate((ReceiptBook?)null, (b, e) => ReceiptBook.Evolve(b, e));

    private static SavingsDeposited Deposit(decimal amount) =>
        new(MemberId, Guid.NewGuid(), SavingsKind.Wajib, amount, CounterpartyClass.Member, CashPoints.Kas, null, ByKasir);

    private static ReceiptIssued When(ReceiptBook? book, IDomainEvent money)
    {
        var source = new ReceiptSource(ReceiptSources.Savings, ((SavingsDeposited)money).TransactionId);
        return ReceiptDecider.Issue(BookId, book, source, ReceiptContents.Savings(money), "Koperasi Maju", "kop", Budi, Issuing);
    }

    [Fact]
    public void the_first_receipt_of_a_book_is_number_1_and_each_next_one_follows_the_last()
    {
        var first = When(Given(), Deposit(25_000m));
        first.Number.Should().Be(1);
        var second = When(Given(first), Deposit(10_000m));
        second.Number.Should().Be(2);
        When(Given(first, second), Deposit(5_000m)).Number.Should().Be(3);
    }

    [Fact]
    public void a_deposit_receipt_is_money_received_handled_by_the_depositing_kasir()
    {
        var deposit = Deposit(25_000m);
        var issued = When(Given(), deposit);

        issued.ReceiptId.Should().Be(new ReceiptSource(ReceiptSources.Savings, deposit.TransactionId).ReceiptId, "a repeat finds it by its source");
        issued.Meta.Actor.Should().Be("kasir2", "the event says who issued the receipt");
        issued.Content.Should().BeEquivalentTo(new ReceiptContent("Koperasi Maju", "kop", ReceiptDirections.In, MemberId, "Budi", "000007",
            [new ReceiptLine(ReceiptLineKinds.SavingsDeposit, "", 25_000m, "wajib")], 25_000m, "kasir1", Channels.Counter, Day, ByKasir.RecordedAt,
            deposit.TransactionId, null, null));
    }

    [Fact]
    public void a_withdrawal_receipt_is_money_paid_out_and_interest_has_none()
    {
        var withdrawn = new SavingsWithdrawn(MemberId, Guid.NewGuid(), Guid.NewGuid(), SavingsKind.Sukarela, 40_000m, CounterpartyClass.Member,
            CashPoints.Kas, "anggota", ByKasir);
        var money = ReceiptContents.Savings(withdrawn);
        money.Direction.Should().Be(ReceiptDirections.Out);
        money.Lines.Should().Equal(new ReceiptLine(ReceiptLineKinds.SavingsWithdrawal, "", 40_000m, "sukarela"));

        var interest = new SavingsInterestCredited(MemberId, Guid.NewGuid(), "2026-10", "daily", 6m, 1_000_000m, 5_000m, 0m, ByKasir);
        var act = () => ReceiptContents.Savings(interest);
        act.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InvalidState);
    }

    [Fact]
    public void a_loan_payment_receipt_shows_the_allocation_and_leaves_out_parts_of_zero()
    {
        var loanId = Guid.NewGuid();
        var payment = new LoanPaymentReceived(loanId, MemberId, Guid.NewGuid(), 1_180_000m, 0m, 180_000m, 1_000_000m, [], false, 0m,
            CounterpartyClass.Member, CashPoints.Kas, ByKasir);
        var money = ReceiptContents.LoanPayment(payment);
        money.Lines.Should().Equal(new ReceiptLine(ReceiptLineKinds.LoanInterest, "", 180_000m), new ReceiptLine(ReceiptLineKinds.LoanPrincipal, "", 1_000_000m));
        money.Total.Should().Be(payment.Amount);
        money.LoanId.Should().Be(loanId);
        money.Direction.Should().Be(ReceiptDirections.In);
    }

    private static OrderLine Line(int no, string name, decimal quantity, decimal unitPrice, decimal flash = 0m, decimal voucher = 0m) =>
        new(no, Guid.NewGuid(), "SKU" + no, name, Uoms.Pcs, quantity, PriceKinds.Member, unitPrice, quantity * unitPrice, flash,
            flash == 0 ? null : Guid.NewGuid(), flash == 0 ? null : "Promo gajian", voucher, quantity * unitPrice - flash - voucher);

    private static ShopOrder Placed(params OrderLine[] lines) => ShopOrder.Evolve(null, new OrderPlaced(Guid.NewGuid(), Guid.NewGuid(), UnitKind.Own,
        Channels.Web, MemberId, CounterpartyClass.Member, lines, "HEMAT10", Guid.NewGuid(), 12_000m, "Jl. Merdeka 1", null, null, ByKasir))!;

    private static OrderPaid Paid(ShopOrder order, string cashPoint = CashPoints.Bank) => new(order.Id, order.UnitId, UnitKind.Own, order.Goods,
        order.ShippingCharge, cashPoint == ShopPayments.Credit ? "credit" : "transfer", cashPoint, CounterpartyClass.Member, MemberId, [], false, 0m,
        ByKasir with { Channel = Channels.Web });

    [Fact]
    public void a_shop_receipt_lists_items_their_discounts_the_voucher_and_shipping_and_sums_to_what_was_paid()
    {
        var order = Placed(Line(1, "Beras 5 kg", 2m, 70_000m, flash: 5_000m, voucher: 6_000m), Line(2, "Minyak 1 L", 1.5m, 18_000m, voucher: 1_500m));
        var paid = Paid(order);
        var money = ReceiptContents.ShopOrder(ShopOrder.Evolve(order, paid)!, paid);

        money.Lines.Should().Equal(
            new ReceiptLine(ReceiptLineKinds.ShopItem, "Beras 5 kg × 2", 140_000m),
            new ReceiptLine(ReceiptLineKinds.ShopDiscount, "Promo gajian", -5_000m),
            new ReceiptLine(ReceiptLineKinds.ShopItem, "Minyak 1 L × 1.5", 27_000m),
            new ReceiptLine(ReceiptLineKinds.ShopDiscount, "HEMAT10", -7_500m),
            new ReceiptLine(ReceiptLineKinds.ShopShipping, "", 12_000m));
        money.Total.Should().Be(paid.Amount).And.Be(166_500m);
        money.OrderId.Should().Be(order.Id);
        money.TransactionId.Should().Be(order.Id);
        money.Channel.Should().Be(Channels.Web);
    }

    [Fact]
    public void an_order_that_received_no_money_has_no_receipt()
    {
        var order = Placed(Line(1, "Beras 5 kg", 1m, 70_000m));
        var unpaid = () => ReceiptContents.ShopOrder(order, null);
        unpaid.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InvalidState);

        var onCredit = Paid(order, ShopPayments.Credit);
        var bon = () => ReceiptContents.ShopOrder(ShopOrder.Evolve(order, onCredit)!, onCredit);
        bon.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InvalidState);

        var paid = Paid(order);
        var cancelled = ShopOrder.Evolve(ShopOrder.Evolve(order, paid), new OrderCancelled(order.Id, order.UnitId, UnitKind.Own, "stok rusak", true,
            order.Goods, order.ShippingCharge, CashPoints.Bank, CounterpartyClass.Member, MemberId, ByKasir))!;
        var refunded = () => ReceiptContents.ShopOrder(cancelled, paid);
        refunded.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InvalidState);
    }

    [Fact]
    public void each_source_has_its_own_receipt_id()
    {
        var id = Guid.NewGuid();
        new ReceiptSource(ReceiptSources.Savings, id).ReceiptId.Should().Be(new ReceiptSource(ReceiptSources.Savings, id).ReceiptId);
        new ReceiptSource(ReceiptSources.Savings, id).ReceiptId.Should().NotBe(new ReceiptSource(ReceiptSources.ShopOrder, id).ReceiptId);
    }
}
