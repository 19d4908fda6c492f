using Ekopz.Domain.Common;
using Ekopz.Domain.Shop;
using static Ekopz.Tests.Unit.Shop.ShopTestData;

namespace Ekopz.Tests.Unit.Shop;

public class ShopUnitDeciderTests
{
    private static ShopUnit Apply(ShopUnit unit, params IDomainEvent[] events) => events.Aggregate(unit, (u, e) => ShopUnit.Evolve(u, e)!);

    private static ShopUnit SellerWith(decimal goods, decimal percent = 5m)
    {
        var unit = SellerUnit(Guid.NewGuid());
        return Apply(unit, ShopUnitDecider.Settle(unit, Guid.NewGuid(), goods, percent, Meta()));
    }

    [Fact]
    public void ASettlementKeepsTheCommission_AndTheRestIsAvailable()
    {
        var unit = SellerWith(140_000m, 7.5m);
        (unit.Earned, unit.Commission, unit.Available).Should().Be((140_000m, 10_500m, 129_500m));
        unit.SellerClass.Should().Be(CounterpartyClass.Member);
    }

    [Fact]
    public void PendingRequestsAreHeldBack_SoTwoRequestsCannotPromiseTheSameMoney()
    {
        var unit = SellerWith(100_000m, 0m);
        unit = Apply(unit, ShopUnitDecider.RequestPayout(unit, Guid.NewGuid(), 60_000m, null, Meta()));
        unit.Available.Should().Be(40_000m);
        var act = () => ShopUnitDecider.RequestPayout(unit, Guid.NewGuid(), 40_000.01m, null, Meta());
        act.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InsufficientBalance);
    }

    [Fact]
    public void ApprovalNeedsASecondPerson_AndChecksTheBalanceAgain()
    {
        var unit = SellerWith(100_000m, 0m);
        var requested = ShopUnitDecider.RequestPayout(unit, Guid.NewGuid(), 100_000m, null, Meta(actor: "toko"));
        unit = Apply(unit, requested);
        var self = () => ShopUnitDecider.ApprovePayout(unit, requested.PayoutId, CashPoints.Bank, Meta(actor: "toko"));
        self.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.SameMakerChecker);

        // A return since the request took some of the balance back.
        var afterReturn = Apply(unit, ShopUnitDecider.Reverse(unit, Guid.NewGuid(), Guid.NewGuid(), 10_000m, 0m, Meta()));
        var late = () => ShopUnitDecider.ApprovePayout(afterReturn, requested.PayoutId, CashPoints.Bank, Meta(actor: "pengurus"));
        late.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InsufficientBalance);

        var approved = ShopUnitDecider.ApprovePayout(unit, requested.PayoutId, CashPoints.Bank, Meta(actor: "pengurus"));
        var paid = Apply(unit, approved);
        (paid.PaidOut, paid.Available, paid.Payouts.Single().Status).Should().Be((100_000m, 0m, PayoutStatuses.Paid));
        var twice = () => ShopUnitDecider.ApprovePayout(paid, requested.PayoutId, CashPoints.Bank, Meta(actor: "pengurus"));
        twice.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InvalidState);
    }

    [Fact]
    public void TheKoperasisOwnUnitHasNothingToPayOut()
    {
        var act = () => ShopUnitDecider.RequestPayout(OwnUnit, Guid.NewGuid(), 1m, null, Meta());
        act.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InvalidState);
    }

    [Fact]
    public void AssigningAManagerTwiceDecidesNothing()
    {
        var unit = Apply(OwnUnit, ShopUnitDecider.AssignManager(OwnUnit, "toko.a", Meta())!);
        unit.IsManagedBy("TOKO.A").Should().BeTrue();
        ShopUnitDecider.AssignManager(unit, "toko.a", Meta()).Should().BeNull();
    }
}
