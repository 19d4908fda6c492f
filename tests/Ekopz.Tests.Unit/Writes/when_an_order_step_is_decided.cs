using Ekopz.Domain.Common;
using Ekopz.Domain.Members;
using Ekopz.Domain.Shop;
using static Ekopz.Tests.Unit.Shop.ShopTestData;

namespace Ekopz.Tests.Unit.Writes;

/// <summary>
/// <see cref="OrderSteps"/>: each step of an order is one pure decision that returns every event of every stream it touches
/// (the order, its products, its voucher, the seller unit), with no database (docs/adr/0039).
/// </summary>
public class when_an_order_step_is_decided
{
    private static (ShopOrder Order, ShopProduct Product, ShopVoucher? Voucher) Placed(ShopProduct product, decimal quantity, string channel = Channels.Counter,
        Member? buyer = null, ShopVoucher? voucher = null)
    {
        var priced = ShopOrderDecider.Price(Guid.NewGuid(), channel, buyer?.Id, buyer, [new OrderLineRequest(product.Id, quantity)], Map(product),
            null, null, null, Meta(channel: channel));
        if (voucher is not null)
        {
            var (withVoucher, redeemed) = ShopOrderDecider.ApplyVoucher(priced, voucher, Meta(channel: channel));
            priced = withVoucher;
            voucher = ShopVoucher.Evolve(voucher, redeemed);
        }
        var (placed, reservations) = ShopOrderDecider.Place(priced, 0m, Map(product), Meta(channel: channel));
        return (ShopOrder.Evolve(null, placed)!, product.Apply([.. reservations]), voucher);
    }

    private static ShopOrder Then(ShopOrder order, OrderStep step) => ShopOrder.Evolve(order, step.Order)!;

    [Fact]
    public void paying_a_sellers_counter_sale_sells_the_stock_and_settles_the_seller_in_one_decision()
    {
        var seller = SellerUnit(Guid.NewGuid());
        var (order, product, _) = Placed(Stocked(5m, 0m, Product(unit: seller, sku: "KRP-1")), 2m);
        var step = OrderSteps.Pay(order, "cash", CashPoints.Kas, 10m, Map(product), null, seller, Meta());
        step.Order.Should().BeOfType<OrderPaid>().Which.Completed.Should().BeTrue();
        step.Stock.Should().ContainSingle().Which.Should().BeOfType<StockSold>();
        var settled = step.Unit.Should().BeOfType<SellerSaleSettled>().Subject;
        (settled.UnitId, settled.OrderId, settled.Goods, settled.Commission).Should().Be((seller.Id, order.Id, 20_000m, 2_000m));
        OrderSteps.PaySettlesSeller(order).Should().BeTrue();
    }

    [Fact]
    public void an_own_units_or_shipped_order_is_not_settled_when_paid()
    {
        var (order, product, _) = Placed(Stocked(5m, 7_000m), 1m);
        OrderSteps.Pay(order, "cash", CashPoints.Kas, 10m, Map(product), null, null, Meta()).Unit.Should().BeNull();
        var seller = SellerUnit();
        var (web, webProduct, _) = Placed(Stocked(5m, 0m, Product(unit: seller, sku: "KRP-2")), 1m, Channels.Web);
        OrderSteps.PaySettlesSeller(web).Should().BeFalse("a shipped order is settled on delivery");
        var paid = OrderSteps.Pay(web, "transfer", CashPoints.Bank, 10m, Map(webProduct), null, null, Meta(channel: Channels.Web));
        paid.Unit.Should().BeNull();
        var shipped = OrderSteps.Ship(Then(web, paid), "JNE", "T-1", 9_000m, Map(webProduct.Apply([.. paid.Stock])), Meta(channel: Channels.Web));
        var delivered = OrderSteps.Deliver(Then(Then(web, paid), shipped), 10m, seller, Meta(channel: Channels.Web));
        delivered.Unit.Should().BeOfType<SellerSaleSettled>().Which.Commission.Should().Be(1_000m);
    }

    [Fact]
    public void credit_is_for_an_active_members_order_only_and_checked_before_anything_is_decided()
    {
        var buyer = Member(MemberStatus.Active);
        var (order, product, _) = Placed(Stocked(5m, 7_000m), 1m, buyer: buyer);
        OrderSteps.Pay(order, "credit", ShopPayments.Credit, 0m, Map(product), buyer, null, Meta()).Order.Should().BeOfType<OrderPaid>()
            .Which.CashPoint.Should().Be(ShopPayments.Credit);
        var left = () => OrderSteps.Pay(order, "credit", ShopPayments.Credit, 0m, Map(product), buyer with { Status = MemberStatus.Exited }, null, Meta());
        left.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InvalidState);
        var (publicOrder, publicProduct, _) = Placed(Stocked(5m, 7_000m), 1m);
        var anonymous = () => OrderSteps.Pay(publicOrder, "credit", ShopPayments.Credit, 0m, Map(publicProduct), null, null, Meta());
        anonymous.Should().Throw<DomainException>().Which.Errors!.Keys.Should().Equal("method");
    }

    [Fact]
    public void cancelling_releases_the_reservation_and_gives_the_voucher_use_back_in_one_decision()
    {
        var voucher = ShopVoucher.Evolve(null, VoucherDecider.Create(Guid.NewGuid(), "HEMAT10", DiscountKinds.Percent, 10m, 2, Day.PlusDays(30), null,
            null, Day, Meta()))!;
        var (order, product, used) = Placed(Stocked(5m, 7_000m), 2m, voucher: voucher);
        used!.Used.Should().Be(1);
        var step = OrderSteps.Cancel(order, null, Map(product), used, null, Meta());
        step.Order.Should().BeOfType<OrderCancelled>().Which.WasPaid.Should().BeFalse();
        step.Stock.Should().ContainSingle().Which.Should().BeOfType<StockReleased>().Which.Quantity.Should().Be(2m);
        step.Voucher.Should().Be(new VoucherReleased(voucher.Id, order.Id, Meta()));
        ShopVoucher.Evolve(used, step.Voucher!)!.Used.Should().Be(0);

        var twice = () => OrderSteps.Cancel(Then(order, step), null, Map(product), used, null, Meta());
        twice.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InvalidState);
    }

    [Fact]
    public void a_paid_credit_order_is_refunded_onto_the_account_while_the_debt_covers_it_and_in_cash_otherwise()
    {
        var buyer = Member(MemberStatus.Active);
        var (order, product, _) = Placed(Stocked(5m, 7_000m), 1m, Channels.Web, buyer);
        var paid = OrderSteps.Pay(order, "credit", ShopPayments.Credit, 0m, Map(product), buyer, null, Meta(channel: Channels.Web));
        var after = Then(order, paid);
        var stock = Map(product.Apply([.. paid.Stock]));
        ((OrderCancelled)OrderSteps.Cancel(after, "salah", stock, null, owed: 9_000m, Meta()).Order).CashPoint.Should().Be(ShopPayments.Credit);
        ((OrderCancelled)OrderSteps.Cancel(after, "salah", stock, null, owed: 1_000m, Meta()).Order).CashPoint.Should().Be(CashPoints.Kas);
        OrderSteps.Cancel(after, null, stock, null, 9_000m, Meta()).Stock.Should().ContainSingle().Which.Should().BeOfType<StockRestocked>();
    }

    [Fact]
    public void a_return_of_a_sellers_order_reverses_the_sellers_share_and_restocks()
    {
        var seller = SellerUnit();
        var (order, product, _) = Placed(Stocked(5m, 0m, Product(unit: seller, sku: "KRP-3")), 2m);
        var paid = OrderSteps.Pay(order, "cash", CashPoints.Kas, 10m, Map(product), null, seller, Meta());
        var completed = Then(order, paid);
        var stock = Map(product.Apply([.. paid.Stock]));
        var step = OrderSteps.Return(completed, Guid.NewGuid(), [(product.Id, 1m)], "rusak", true, OrderSteps.RefundCashPoint(completed, null), stock,
            null, seller, Meta());
        var returned = step.Order.Should().BeOfType<OrderReturned>().Subject;
        returned.Refund.Should().Be(10_000m);
        returned.CashPoint.Should().Be(CashPoints.Kas, "back the way it was paid");
        step.Stock.Should().ContainSingle().Which.Should().BeOfType<StockRestocked>();
        step.Unit.Should().BeOfType<SellerSaleReversed>().Which.Commission.Should().Be(1_000m);

        var credit = () => OrderSteps.RefundCashPoint(completed, "credit");
        credit.Should().Throw<DomainException>().Which.Errors!.Keys.Should().Equal("method");
    }

    [Fact]
    public void a_payment_method_names_its_cash_point_and_defaults_by_channel()
    {
        OrderSteps.CashPointOf("cash", Channels.Web).Should().Be(CashPoints.Kas);
        OrderSteps.CashPointOf(null, Channels.Counter).Should().Be(CashPoints.Kas);
        OrderSteps.CashPointOf(null, Channels.Web).Should().Be(CashPoints.Bank);
        var bad = () => OrderSteps.CashPointOf("cek", Channels.Web);
        bad.Should().Throw<DomainException>().Which.Errors!.Keys.Should().Equal("method");
    }
}
