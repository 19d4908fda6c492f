using Ekopz.Domain.Common;
using Ekopz.Domain.Shop;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static Ekopz.Tests.Unit.Shop.ShopTestData;

namespace Ekopz.Tests.Unit.Shop;

public class StockValuationTests
{
    [Fact]
    public void ASequenceOfReceiptsSalesAReturnAndACount_IsValuedToTheRupiah()
    {
        var p = Product();
        p = p.Apply(ShopProductDecider.Receive(p, Guid.NewGuid(), "A", 10m, 10_000m, "cash", "l", Meta()));
        p = p.Apply(ShopProductDecider.Receive(p, Guid.NewGuid(), "B", 7m, 12_345.67m, "cash", "l", Meta()));
        p.Value.Should().Be(186_419.69m);
        p.Position.AverageCost.Should().Be(10_965.8641m);

        var sale1 = ShopProductDecider.Sell(p, Guid.NewGuid(), 3m, false, false, CounterpartyClass.Member, null, Meta());
        sale1.Cost.Should().Be(32_897.59m);
        p = p.Apply(sale1);
        var sale2 = ShopProductDecider.Sell(p, Guid.NewGuid(), 5m, false, false, CounterpartyClass.NonMember, null, Meta());
        sale2.Cost.Should().Be(54_829.32m);
        p = p.Apply(sale2);
        (p.OnHand, p.Value).Should().Be((9m, 98_692.78m));

        // Two of the first three come back at the cost they left at, not at today's average.
        var backCost = OrderPricing.ShareOf(sale1.Cost, 2m, 3m, 0m, 3m);
        backCost.Should().Be(21_931.73m);
        p = p.Apply(ShopProductDecider.Restock(p, sale1.OrderId, Guid.NewGuid(), 2m, backCost, true, CounterpartyClass.Member, null, Meta()));
        (p.OnHand, p.Value).Should().Be((11m, 120_624.51m));

        var count = ShopProductDecider.Count(p, Guid.NewGuid(), 10m, "lines[0]", Meta());
        (count.QuantityChange, count.ValueChange).Should().Be((-1m, -10_965.86m));
        p = p.Apply(count);
        (p.OnHand, p.Value).Should().Be((10m, 109_658.65m));

        // The last units out take exactly what is left: an empty shelf is worth zero.
        var last = ShopProductDecider.Sell(p, Guid.NewGuid(), 10m, false, false, CounterpartyClass.Member, null, Meta());
        last.Cost.Should().Be(109_658.65m);
        p = p.Apply(last);
        (p.OnHand, p.Value).Should().Be((0m, 0m));
    }

    [Fact]
    public void ACountSurplusOnAnEmptyShelf_IsValuedAtTheLastKnownCost()
    {
        var p = Stocked(4m, 2_500m);
        p = p.Apply(ShopProductDecider.Sell(p, Guid.NewGuid(), 4m, false, false, CounterpartyClass.NonMember, null, Meta()));
        var count = ShopProductDecider.Count(p, Guid.NewGuid(), 2m, "l", Meta());
        (count.QuantityChange, count.ValueChange).Should().Be((2m, 5_000m));
    }

    [Fact]
    public void ACountCannotLoseGoodsPackedForPaidOrders()
    {
        var p = Stocked(5m, 1_000m);
        var order = Guid.NewGuid();
        p = p.Apply(ShopProductDecider.Reserve(p, order, 5m, Meta()));
        p = p.Apply(ShopProductDecider.Sell(p, order, 5m, true, true, CounterpartyClass.Member, null, Meta()));
        // The 5 packed parcels are on the shelf: counting 5 changes nothing.
        ShopProductDecider.Count(p, Guid.NewGuid(), 5m, "l", Meta()).QuantityChange.Should().Be(0m);
        var act = () => ShopProductDecider.Count(p, Guid.NewGuid(), 3m, "l", Meta());
        act.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InsufficientStock);
    }

    [Fact]
    public void ReservedUnitsAreNotAvailable_AndTheLastUnitGoesOnce()
    {
        var p = Stocked(1m, 1_000m);
        p = p.Apply(ShopProductDecider.Reserve(p, Guid.NewGuid(), 1m, Meta()));
        var act = () => ShopProductDecider.Reserve(p, Guid.NewGuid(), 1m, Meta());
        act.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InsufficientStock);
    }

    [Fact]
    public void StockMovesInDateOrder()
    {
        var p = Stocked(3m, 1_000m);
        var act = () => ShopProductDecider.Receive(p, Guid.NewGuid(), "A", 1m, 1_000m, "cash", "lines[0]", Meta(date: Day.PlusDays(-1)));
        act.Should().Throw<DomainException>().Which.Errors!.Should().ContainKey("businessDate");
    }

    [Theory]
    [InlineData(0, "pcs")]
    [InlineData(-1, "pcs")]
    [InlineData(1.5, "pcs")]
    [InlineData(0.0001, "kg")]
    public void BadQuantitiesAreRefused(double quantity, string uom)
    {
        var act = () => Uoms.RequireQuantity((decimal)quantity, uom, "q");
        act.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.ValidationFailed);
    }

    [Fact]
    public void WeighedGoodsTakeDecimals() => Uoms.RequireQuantity(1.25m, Uoms.Kg, "q").Should().Be(1.25m);

    [Fact]
    public void ConsignedGoodsHaveNoCost()
    {
        var p = Product(unit: SellerUnit());
        var act = () => ShopProductDecider.Receive(p, Guid.NewGuid(), "Bu Siti", 5m, 1_000m, "cash", "lines[0]", Meta());
        act.Should().Throw<DomainException>().Which.Errors!.Should().ContainKey("lines[0].unitCost");
        ShopProductDecider.Receive(p, Guid.NewGuid(), "Bu Siti", 5m, null, "cash", "lines[0]", Meta()).Value.Should().Be(0m);
    }

    /// <summary>
    /// Whatever the sequence of receipts and sales, the tracked value is exactly the sum of the
    /// amounts that moved (what the inventory account holds), never negative, and zero on an empty shelf.
    /// </summary>
    [Property(MaxTest = 300)]
    public Property ValueNeverDriftsFromThePostedAmounts()
    {
        var step = Gen.OneOf(
            Gen.Choose(1, 50).SelectMany(q => Gen.Choose(1, 2_000_000).Select(c => (In: true, Q: (decimal)q, Cost: c / 100m))),
            Gen.Choose(1, 50).Select(q => (In: false, Q: (decimal)q, Cost: 0m)));
        return Prop.ForAll(Gen.ListOf(step).ToArbitrary(), steps =>
        {
            var position = StockPosition.Empty;
            decimal posted = 0;
            foreach (var s in steps)
            {
                if (s.In)
                {
                    var v = StockPosition.ReceiptValue(s.Q, s.Cost);
                    position = position.In(s.Q, v);
                    posted += v;
                }
                else
                {
                    var q = Math.Min(s.Q, position.OnHand);
                    var cost = position.CostOf(q);
                    position = position.Out(q, cost);
                    posted -= cost;
                }
                if (position.Value < 0 || (position.OnHand == 0 && position.Value != 0) || decimal.Round(position.Value, 2) != position.Value)
                    return false;
            }
            return position.Value == posted;
        });
    }
}
