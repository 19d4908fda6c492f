using Ekopz.Domain.Common;
using Ekopz.Domain.Ledger;
using Ekopz.Domain.Shop;
using static Ekopz.Tests.Unit.Shop.ShopTestData;

namespace Ekopz.Tests.Unit.Shop;

public class ShopPostingsTests
{
    private static readonly Chart Chart = Ekopz.Domain.Ledger.Chart.Evolve(null, new ChartOpened(ChartTemplate.Default, Meta()))!;
    private static readonly Guid MemberId = Guid.NewGuid();

    private static IReadOnlyList<JournalLine> Lines(IDomainEvent e) =>
        PostingRuleBook.Post(e, new EventRef(Guid.NewGuid(), 9), Chart).Should().ContainSingle().Subject.Lines;

    private static (string, decimal, decimal) L(JournalLine l) => (l.AccountCode, l.Debit, l.Credit);

    [Fact]
    public void AReceiptPaidInCash_DebitsInventoryAndCreditsKas_AsSuppliersCash()
    {
        var lines = Lines(new StockReceived(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "PT A", 7m, 12_345.67m, 86_419.69m, "cash", Meta()));
        lines.Select(L).Should().Equal(("1-1300", 86_419.69m, 0m), ("1-1000", 0m, 86_419.69m));
        lines[1].CashFlow.Should().Be(CashFlows.Suppliers);
    }

    [Fact]
    public void AReceiptOnCredit_IsOwedToTheSupplier() =>
        Lines(new StockReceived(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "PT A", 1m, 500m, 500m, "credit", Meta()))
            .Select(L).Should().Equal(("1-1300", 500m, 0m), ("2-1200", 0m, 500m));

    [Fact]
    public void AMembersSale_CreditsMemberSales_WithTheMember_AndShippingApart()
    {
        var paid = new OrderPaid(Guid.NewGuid(), Guid.NewGuid(), UnitKind.Own, 18_000m, 15_000m, "transfer", CashPoints.Bank, CounterpartyClass.Member,
            MemberId, [], false, 0m, Meta(channel: Channels.Web));
        var lines = Lines(paid);
        lines.Select(L).Should().Equal(("1-1010", 33_000m, 0m), ("4-2000", 0m, 18_000m), ("4-2300", 0m, 15_000m));
        lines[0].CashFlow.Should().Be(CashFlows.ShopSales);
        lines[1].Counterparty.Should().Be(CounterpartyClass.Member);
        lines[1].MemberId.Should().Be(MemberId);
    }

    [Fact]
    public void ASaleToThePublic_CreditsNonMemberSales_AndItsCostGoesToNonMemberCogs()
    {
        Lines(new OrderPaid(Guid.NewGuid(), Guid.NewGuid(), UnitKind.Own, 20_000m, 0m, "cash", CashPoints.Kas, CounterpartyClass.NonMember, null, [], true, 0m,
                Meta()))
            .Select(L).Should().Equal(("1-1000", 20_000m, 0m), ("4-2100", 0m, 20_000m));
        Lines(new StockSold(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), 2m, 14_000m, true, false, CounterpartyClass.NonMember, null, Meta()))
            .Select(L).Should().Equal(("5-1100", 14_000m, 0m), ("1-1300", 0m, 14_000m));
    }

    [Fact]
    public void AReturn_DebitsTheSameSalesAccountWithTheMember_AndRestocksAtCost()
    {
        var returned = new OrderReturned(Guid.NewGuid(), Guid.NewGuid(), UnitKind.Own, Guid.NewGuid(), [new ReturnLine(1, Guid.NewGuid(), 1m, 9_000m, 7_000m)],
            "cacat", true, CashPoints.Kas, CounterpartyClass.Member, MemberId, Meta());
        var lines = Lines(returned);
        lines.Select(L).Should().Equal(("4-2000", 9_000m, 0m), ("1-1000", 0m, 9_000m));
        lines[0].MemberId.Should().Be(MemberId);
        Lines(new StockRestocked(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), 1m, 7_000m, true, CounterpartyClass.Member, MemberId, Meta()))
            .Select(L).Should().Equal(("1-1300", 7_000m, 0m), ("5-1000", 0m, 7_000m));
    }

    [Fact]
    public void ASellersSale_IsOwedToTheSeller_AndTheCommissionIsIncomeAtDelivery()
    {
        Lines(new OrderPaid(Guid.NewGuid(), Guid.NewGuid(), UnitKind.Seller, 40_000m, 15_000m, "transfer", CashPoints.Bank, CounterpartyClass.Member, MemberId,
                [], false, 0m, Meta()))
            .Select(L).Should().Equal(("1-1010", 55_000m, 0m), ("2-1250", 0m, 40_000m), ("4-2300", 0m, 15_000m));
        Lines(new SellerSaleSettled(Guid.NewGuid(), Guid.NewGuid(), 40_000m, 5m, 2_000m, CounterpartyClass.Member, MemberId, Meta()))
            .Select(L).Should().Equal(("2-1250", 2_000m, 0m), ("4-2400", 0m, 2_000m));
        var payout = Lines(new UnitPayoutApproved(Guid.NewGuid(), Guid.NewGuid(), 38_000m, CashPoints.Bank, "toko", CounterpartyClass.Member, MemberId, Meta()));
        payout.Select(L).Should().Equal(("2-1250", 38_000m, 0m), ("1-1010", 0m, 38_000m));
        payout[1].CashFlow.Should().Be(CashFlows.UnitPayouts);
    }

    [Fact]
    public void ASaleOnTheMembersAccount_IsAReceivable_WithNoCashFlow_AndARepaymentIsCash()
    {
        var lines = Lines(new OrderPaid(Guid.NewGuid(), Guid.NewGuid(), UnitKind.Own, 180_000m, 0m, "credit", ShopPayments.Credit, CounterpartyClass.Member,
            MemberId, [], true, 0m, Meta()));
        lines.Select(L).Should().Equal(("1-1200", 180_000m, 0m), ("4-2000", 0m, 180_000m));
        (lines[0].CashFlow, lines[0].MemberId).Should().Be((null, MemberId));
        var repaid = Lines(new ShopCreditRepaid(MemberId, Guid.NewGuid(), 50_000m, CashPoints.Kas, Meta()));
        repaid.Select(L).Should().Equal(("1-1000", 50_000m, 0m), ("1-1200", 0m, 50_000m));
        repaid[0].CashFlow.Should().Be(CashFlows.ShopSales);
    }

    [Fact]
    public void AShortageAndASurplus_GoAgainstSelisihPersediaan()
    {
        Lines(new StockCounted(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), 11m, 10m, -1m, -10_965.86m, Meta()))
            .Select(L).Should().Equal(("5-1200", 10_965.86m, 0m), ("1-1300", 0m, 10_965.86m));
        Lines(new StockAdjusted(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), 2m, 5_000m, "ditemukan", Meta()))
            .Select(L).Should().Equal(("1-1300", 5_000m, 0m), ("5-1200", 0m, 5_000m));
    }

    [Fact]
    public void MovementsWithoutMoney_PostNothing()
    {
        var r = new EventRef(Guid.NewGuid(), 1);
        PostingRuleBook.Post(new StockSold(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), 2m, 0m, true, false, CounterpartyClass.Member, null, Meta()), r, Chart)
            .Should().BeEmpty("consigned goods have no cost");
        PostingRuleBook.Post(new StockReserved(Guid.NewGuid(), Guid.NewGuid(), 1m, Meta()), r, Chart).Should().BeEmpty();
        PostingRuleBook.Post(new OrderCancelled(Guid.NewGuid(), Guid.NewGuid(), UnitKind.Own, "x", false, 10m, 0m, null, CounterpartyClass.NonMember, null,
            Meta()), r, Chart).Should().BeEmpty("an unpaid order moved no money");
    }
}
