using Ekopz.Domain.Common;
using Ekopz.Domain.Members;
using Ekopz.Domain.Shop;
using FsCheck;
using FsCheck.Xunit;
using NodaTime;
using static Ekopz.Tests.Unit.Shop.ShopTestData;

namespace Ekopz.Tests.Unit.Shop;

public class OrderDeciderTests
{
    private static PricedOrder Price(ShopProduct product, decimal quantity, Member? buyer = null, string channel = Channels.Counter) =>
        ShopOrderDecider.Price(Guid.NewGuid(), channel, buyer?.Id, buyer, [new OrderLineRequest(product.Id, quantity)], Map(product), null, null, null,
            Meta());

    private static (ShopOrder Order, ShopProduct Product) Placed(ShopProduct product, decimal quantity, Member? buyer = null, string channel = Channels.Counter,
        decimal shipping = 0m)
    {
        var priced = Price(product, quantity, buyer, channel);
        var (placed, reservations) = ShopOrderDecider.Place(priced, shipping, Map(product), Meta());
        return (ShopOrder.Evolve(null, placed)!, product.Apply([.. reservations]));
    }

    private static ShopOrder Apply(ShopOrder order, params IDomainEvent[] events) => events.Aggregate(order, (o, e) => ShopOrder.Evolve(o, e)!);

    [Fact]
    public void AnActiveMemberPaysTheMemberPrice_AndTheSaleIsAMembers()
    {
        var priced = Price(Stocked(5m, 7_000m), 2m, Member(MemberStatus.Active));
        priced.Buyer.Should().Be(CounterpartyClass.Member);
        priced.Lines.Single().Should().Match<OrderLine>(l => l.PriceKind == PriceKinds.Member && l.UnitPrice == 9_000m && l.Net == 18_000m);
    }

    [Theory]
    [InlineData(MemberStatus.Exited)]
    [InlineData(MemberStatus.Applicant)]
    [InlineData(MemberStatus.Deceased)]
    public void AnyoneElsePaysThePublicPrice(MemberStatus status)
    {
        var priced = Price(Stocked(5m, 7_000m), 2m, Member(status));
        priced.Buyer.Should().Be(CounterpartyClass.NonMember);
        priced.Lines.Single().Net.Should().Be(20_000m);
    }

    [Fact]
    public void PricesChangeFromTheirDate()
    {
        var p = Stocked(5m, 7_000m);
        p = p.Apply(ShopProductDecider.ChangePrice(p, 9_500m, 11_000m, Day.PlusDays(1), Day, Meta()));
        Price(p, 1m).Lines.Single().UnitPrice.Should().Be(10_000m);
        ShopOrderDecider.Price(Guid.NewGuid(), Channels.Counter, null, null, [new OrderLineRequest(p.Id, 1m)], Map(p), null, null, null,
            Meta(date: Day.PlusDays(1))).Lines.Single().UnitPrice.Should().Be(11_000m);
    }

    [Fact]
    public void AFlashSaleTakesItsDiscountOffEachUnit_WhileItRuns()
    {
        var p = Stocked(5m, 7_000m);
        p = p.Apply(ShopProductDecider.ScheduleDiscount(p, Guid.NewGuid(), DiscountKinds.Percent, 15m, Moment.Minus(Duration.FromHours(1)),
            Moment.Plus(Duration.FromHours(1)), "Flash 12.12", Meta()));
        var line = Price(p, 3m).Lines.Single();
        (line.Gross, line.FlashDiscount, line.Net, line.DiscountLabel).Should().Be((30_000m, 4_500m, 25_500m, "Flash 12.12"));
    }

    [Fact]
    public void AnOrderMixingUnits_AnUnknownProduct_AndBadQuantities_AreRefusedWithTheirFields()
    {
        var own = Stocked(5m, 7_000m);
        var seller = Product(unit: SellerUnit(), sku: "KRP-1");
        var act = () => ShopOrderDecider.Price(Guid.NewGuid(), Channels.Counter, null, null,
            [new OrderLineRequest(own.Id, 1m), new OrderLineRequest(seller.Id, 1m)], Map(own, seller), null, null, null, Meta());
        act.Should().Throw<DomainException>().Which.Errors!.Should().ContainKey("lines");

        var bad = () => ShopOrderDecider.Price(Guid.NewGuid(), "fax", null, null,
            [new OrderLineRequest(Guid.NewGuid(), 1m), new OrderLineRequest(own.Id, 0.5m)], Map(own), null, null, null, Meta());
        bad.Should().Throw<DomainException>().Which.Errors!.Keys.Should().BeEquivalentTo("channel", "lines[0].productId", "lines[1].quantity");
    }

    [Fact]
    public void PayingTwice_IsRefused()
    {
        var (order, product) = Placed(Stocked(5m, 7_000m), 2m);
        var (paid, sold) = ShopOrderDecider.Pay(order, "cash", CashPoints.Kas, 0m, Map(product), Meta());
        paid.Completed.Should().BeTrue("a counter sale is complete once paid");
        var again = () => ShopOrderDecider.Pay(Apply(order, paid), "cash", CashPoints.Kas, 0m, Map(product.Apply([.. sold])), Meta());
        again.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InvalidState);
    }

    [Fact]
    public void ShippingACancelledOrder_IsRefused()
    {
        var (order, product) = Placed(Stocked(5m, 7_000m), 2m, channel: Channels.Web, shipping: 15_000m);
        var (cancelled, stock, _) = ShopOrderDecider.Cancel(order, "salah pesan", Map(product), null, Meta());
        stock.Should().ContainSingle().Which.Should().BeOfType<StockReleased>();
        var act = () => ShopOrderDecider.Ship(Apply(order, cancelled), "JNE", "JNE123", 15_000m, Map(product.Apply([.. stock])), Meta());
        act.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InvalidState);
    }

    [Fact]
    public void AnOnlineOrderGoesPaidShippedDeliveredCompleted_AndCannotBeCancelledOnceShipped()
    {
        var (order, product) = Placed(Stocked(5m, 7_000m), 2m, channel: Channels.Web, shipping: 15_000m);
        order.Total.Should().Be(35_000m);
        var (paid, sold) = ShopOrderDecider.Pay(order, "transfer", CashPoints.Bank, 0m, Map(product), Meta());
        paid.Completed.Should().BeFalse();
        sold.Single().AwaitsShipment.Should().BeTrue();
        product = product.Apply([.. sold]);
        order = Apply(order, paid);
        var (shipped, stock) = ShopOrderDecider.Ship(order, "JNE", "JNE123", 15_000m, Map(product), Meta());
        product = product.Apply([.. stock]);
        product.AwaitingShipment.Should().Be(0m);
        order = Apply(order, shipped);
        var cancel = () => ShopOrderDecider.Cancel(order, null, Map(product), null, Meta());
        cancel.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InvalidState);
        order = Apply(order, ShopOrderDecider.Deliver(order, 5m, Meta()));
        order = Apply(order, ShopOrderDecider.Complete(order, Meta()));
        order.Status.Should().Be(OrderStatus.Completed);
    }

    [Fact]
    public void CancellingAPaidOrder_RestocksAtTheCostTheGoodsLeftAt()
    {
        var (order, product) = Placed(Stocked(4m, 2_500m), 3m, channel: Channels.Web);
        var (paid, sold) = ShopOrderDecider.Pay(order, "transfer", CashPoints.Bank, 0m, Map(product), Meta());
        product = product.Apply([.. sold]);
        var (cancelled, stock, _) = ShopOrderDecider.Cancel(Apply(order, paid), "stok rusak", Map(product), null, Meta());
        cancelled.Refund.Should().Be(30_000m);
        stock.Single().Should().BeOfType<StockRestocked>().Which.Cost.Should().Be(7_500m);
        product = product.Apply([.. stock]);
        (product.OnHand, product.Value, product.AwaitingShipment).Should().Be((4m, 10_000m, 0m));
    }

    [Fact]
    public void AReturnInPartsRefundsExactlyTheLinesNet()
    {
        var p = Stocked(10m, 3_000m);
        p = p.Apply(ShopProductDecider.ScheduleDiscount(p, Guid.NewGuid(), DiscountKinds.Amount, 333.33m, Moment.Minus(Duration.FromHours(1)),
            Moment.Plus(Duration.FromHours(1)), null, Meta()));
        var (order, product) = Placed(p, 3m);
        var (paid, sold) = ShopOrderDecider.Pay(order, "cash", CashPoints.Kas, 0m, Map(product), Meta());
        order = Apply(order, paid);
        product = product.Apply([.. sold]);
        var net = order.Lines.Single().Net;
        net.Should().Be(29_000.01m);

        var refunds = new List<decimal>();
        for (var i = 0; i < 3; i++)
        {
            var (returned, stock) = ShopOrderDecider.Return(order, Guid.NewGuid(), [(p.Id, 1m)], "cacat", true, CashPoints.Kas, Map(product), Meta());
            refunds.Add(returned.Refund);
            order = Apply(order, returned);
            product = product.Apply([.. stock]);
        }
        refunds.Sum().Should().Be(net);
        (product.OnHand, product.Value).Should().Be((10m, 30_000m));
        var more = () => ShopOrderDecider.Return(order, Guid.NewGuid(), [(p.Id, 1m)], "lagi", true, CashPoints.Kas, Map(product), Meta());
        more.Should().Throw<DomainException>().Which.Errors!.Should().ContainKey("lines[0].quantity");
    }

    [Fact]
    public void AVoucherHonoursItsLimitExpiryAndMinimum()
    {
        var voucher = ShopVoucher.Evolve(null, VoucherDecider.Create(Guid.NewGuid(), "hemat10", DiscountKinds.Percent, 10m, 1, Day, 50_000m, null, Day,
            Meta()))!;
        voucher.Code.Should().Be("HEMAT10");
        var small = () => VoucherDecider.Redeem(voucher, Guid.NewGuid(), Guid.NewGuid(), 49_999m, Meta());
        small.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InvalidState);
        var (redeemed, discount) = VoucherDecider.Redeem(voucher, Guid.NewGuid(), Guid.NewGuid(), 80_000m, Meta());
        discount.Should().Be(8_000m);
        var used = ShopVoucher.Evolve(voucher, redeemed);
        var twice = () => VoucherDecider.Redeem(used, Guid.NewGuid(), Guid.NewGuid(), 80_000m, Meta());
        twice.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.LimitExceeded);
        var late = () => VoucherDecider.Redeem(voucher, Guid.NewGuid(), Guid.NewGuid(), 80_000m, Meta(date: Day.PlusDays(1)));
        late.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InvalidState);
    }

    /// <summary>However the voucher and the lines fall, the shares are cents, sum to the discount and never exceed a line.</summary>
    [Property(MaxTest = 300)]
    public bool AVoucherIsSpreadOverTheLinesToTheCent(PositiveInt[] nets, PositiveInt discountCents)
    {
        if (nets.Length == 0) return true;
        var lines = nets.Take(20).Select((n, i) => new OrderLine(i + 1, Guid.NewGuid(), "S", "N", Uoms.Pcs, 1m, PriceKinds.Public, n.Get / 100m,
            n.Get / 100m, 0m, null, null, 0m, n.Get / 100m)).ToList();
        var total = lines.Sum(l => l.Net);
        var discount = Math.Min(total, discountCents.Get / 100m);
        var spread = OrderPricing.ApplyVoucher(lines, discount);
        return spread.Sum(l => l.VoucherDiscount) == discount
            && spread.All(l => l.VoucherDiscount >= 0 && l.Net >= 0 && decimal.Round(l.VoucherDiscount, 2) == l.VoucherDiscount)
            && spread.Sum(l => l.Net) == total - discount;
    }

    [Fact]
    public void ASellerOrdersCommissionIsGivenBackInProportionOnReturns()
    {
        var seller = SellerUnit(Guid.NewGuid());
        var p = Product(unit: seller, sku: "KRP-1");
        p = p.Apply(ShopProductDecider.Receive(p, Guid.NewGuid(), "Bu Siti", 10m, null, "cash", "l", Meta()));
        var (order, product) = Placed(p, 4m, channel: Channels.Web);
        var (paid, sold) = ShopOrderDecider.Pay(order, "transfer", CashPoints.Bank, 5m, Map(product), Meta());
        sold.Single().Cost.Should().Be(0m);
        order = Apply(order, paid);
        var (shipped, _) = ShopOrderDecider.Ship(order, "JNE", "X1", 0m, Map(product), Meta());
        order = Apply(order, shipped);
        order = Apply(order, ShopOrderDecider.Deliver(order, 5m, Meta()));
        order.Commission.Should().Be(2_000m);
        var (returned, _) = ShopOrderDecider.Return(order, Guid.NewGuid(), [(p.Id, 1m)], "rusak", true, CashPoints.Bank, Map(product), Meta());
        ShopOrder.CommissionOnReturn(order, returned.Refund).Should().Be(500m);
        ShopOrder.Evolve(order, returned)!.Commission.Should().Be(1_500m);
    }
}
