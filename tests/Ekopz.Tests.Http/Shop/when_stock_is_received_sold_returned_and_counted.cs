using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Shop;

/// <summary>
/// The valuation scenario end to end, to the rupiah: two receipts at different costs, a member's and
/// a public sale, a return at the cost the goods left at, a stock count with a shortage, and the
/// inventory report equal to the inventory account on every date in between.
/// </summary>
public class when_stock_is_received_sold_returned_and_counted(when_stock_is_received_sold_returned_and_counted.Scenario scenario)
    : IClassFixture<when_stock_is_received_sold_returned_and_counted.Scenario>
{
    private readonly TestKoperasi _kop = scenario.Kop;
    private readonly Guid _member = scenario.Member, _rice = scenario.Rice;

    /// <summary>Built once for the class: every test reads the same books.</summary>
    public sealed class Scenario : IAsyncLifetime
    {
        public TestKoperasi Kop { get; private set; } = null!;
        public Guid Member { get; private set; }
        public Guid Rice { get; private set; }

    public async Task InitializeAsync()
    {
        var _kop = Kop = await TestKoperasi.Create();
        Guid _member, _rice, _firstOrder;
        _member = await _kop.MemberSince("2025-01-02", "Sari");
        await _kop.Deposit(_member, "sukarela", 500_000m, "2025-01-03");
        _rice = await _kop.Product("BRS-5KG", 9_000m, 10_000m);

        await _kop.Receive("2025-02-03", _rice, 10m, 10_000m);
        await _kop.Receive("2025-02-10", _rice, 7m, 12_345.67m, payment: "credit");
        _firstOrder = (await _kop.CounterSale("2025-02-12", _member, (_rice, 3m))).Guid("orderId");
        await _kop.CounterSale("2025-02-15", null, (_rice, 5m));
        (await _kop.Kasir.Post(_kop.Url($"shop/orders/{_firstOrder}/returns"),
            new { reason = "kemasan sobek", businessDate = "2025-02-20", lines = new[] { new { productId = _rice, quantity = 2m } } }))
            .ShouldBe(HttpStatusCode.Created).Decimal("refund").Should().Be(18_000m);
        var count = (await _kop.Pengurus.Post(_kop.Url("shop/stock-counts"),
            new { businessDate = "2025-02-28", lines = new[] { new { productId = _rice, countedQuantity = 10m } } })).ShouldBe(HttpStatusCode.Created);
        count.Decimal("totalValueChange").Should().Be(-10_965.86m);
        (Member, Rice) = (_member, _rice);
    }

    public Task DisposeAsync() => Task.CompletedTask;
    }

    [Theory]
    [InlineData("2025-02-09", 10, 100_000, 10_000)]
    [InlineData("2025-02-10", 17, 186_419.69, 10_965.8641)]
    [InlineData("2025-02-12", 14, 153_522.10, 10_965.8643)]
    [InlineData("2025-02-15", 9, 98_692.78, 10_965.8644)]
    [InlineData("2025-02-20", 11, 120_624.51, 10_965.8645)]
    [InlineData("2025-02-28", 10, 109_658.65, 10_965.865)]
    public async Task stock_and_its_value_are_right_to_the_rupiah_on_every_date(string date, int onHand, double value, double averageCost)
    {
        var line = (await _kop.Inventory(date))[_rice];
        line.Should().Be(((decimal)onHand, (decimal)value, (decimal)averageCost));
    }

    [Fact]
    public async Task the_inventory_account_equals_the_inventory_report_on_any_date() =>
        await _kop.CheckInventoryAgainstBooks("2025-01-31", "2025-02-03", "2025-02-11", "2025-02-12", "2025-02-19", "2025-02-20", "2025-02-28",
            "2025-12-31");

    [Fact]
    public async Task member_and_public_sales_and_their_cost_are_posted_apart()
    {
        var tb = await BookChecks.TrialBalance(_kop, "2025-02-28");
        tb.Of("4-2000").Should().Be(-9_000m, "27,000 to the member less the 18,000 returned");
        tb.Of("4-2100").Should().Be(-50_000m);
        tb.Of("5-1000").Should().Be(32_897.59m - 21_931.73m, "member cost of goods less the restocked cost");
        tb.Of("5-1100").Should().Be(54_829.32m);
        tb.Of("5-1200").Should().Be(10_965.86m, "the count's shortage");
        tb.Of("2-1200").Should().Be(-86_419.69m, "the second receipt was on credit");
        var phu = (await _kop.Pengawas.Get(_kop.Url("reports/income-statement?from=2025-01-01&to=2025-02-28"))).ShouldBe(HttpStatusCode.OK);
        phu.Json["member"]!["revenues"]!["total"]!.GetValue<decimal>().Should().Be(9_000m);
        phu.Json["nonMember"]!["revenues"]!["total"]!.GetValue<decimal>().Should().Be(50_000m);
        phu.Json["nonMember"]!["costOfGoods"]!["total"]!.GetValue<decimal>().Should().Be(54_829.32m);
    }

    [Fact]
    public async Task the_members_purchases_for_shu_are_net_of_the_return()
    {
        var p = (await _kop.Pengawas.Get(_kop.Url($"shop/members/{_member}/purchases?year=2025"))).ShouldBe(HttpStatusCode.OK);
        (p.Decimal("purchases"), p.Decimal("returns"), p.Decimal("net")).Should().Be((27_000m, 18_000m, 9_000m));
        var all = (await _kop.Pengawas.Get(_kop.Url("shop/purchases?year=2025"))).ShouldBe(HttpStatusCode.OK);
        all.Decimal("total").Should().Be(9_000m, "the public sale is nobody's purchase");
    }

    [Fact]
    public async Task the_stock_card_runs_to_the_same_figures()
    {
        var card = (await _kop.Pengawas.Get(_kop.Url($"shop/products/{_rice}/movements?from=2025-02-01&to=2025-02-28"))).ShouldBe(HttpStatusCode.OK);
        card.Json["movements"]!.AsArray().Select(m => m!["kind"]!.GetValue<string>())
            .Should().Equal("receipt", "receipt", "sale", "sale", "return", "count");
        (card.Decimal("closingOnHand"), card.Decimal("closingValue")).Should().Be((10m, 109_658.65m));
    }

    [Fact]
    public async Task the_books_hold_every_invariant() =>
        await BookChecks.CheckInvariants(_kop, [_member], "2025-02-12", "2025-02-28");
}
