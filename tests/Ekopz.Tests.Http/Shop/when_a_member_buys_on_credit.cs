using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Shop;

/// <summary>
/// Bon anggota: an active member pays on their account (member receivable), returns go back onto it,
/// repayments reduce it, and whatever is left is netted from the refund when the member leaves.
/// </summary>
public class when_a_member_buys_on_credit
{
    [Fact]
    public async Task the_debt_is_posted_to_the_member_receivable_repaid_and_settled_at_exit()
    {
        var kop = await TestKoperasi.Create();
        var member = await kop.MemberSince("2025-01-02", "Bon");
        await kop.Deposit(member, "sukarela", 200_000m, "2025-01-03");
        var rice = await kop.Product("BRS-BON", 60_000m, 65_000m);
        await kop.Receive("2025-03-01", rice, 10m, 50_000m);

        var order = (await kop.PlaceOrder(kop.Kasir, member, "counter", "2025-03-05", (rice, 3m))).ShouldBe(HttpStatusCode.Created).Guid("orderId");
        (await kop.Kasir.Post(kop.Url($"shop/orders/{order}/pay"), new { method = "credit", businessDate = "2025-03-05" }))
            .ShouldBe(HttpStatusCode.OK).String("paymentMethod").Should().Be("credit");
        var tb = await BookChecks.TrialBalance(kop, "2025-03-05");
        (tb.Of("1-1200"), tb.Of("4-2000"), tb.Of("1-1000")).Should().Be((180_000m, -180_000m, 100_000m + 200_000m - 500_000m));
        (await kop.Pengawas.Get(kop.Url($"shop/members/{member}/credit"))).Decimal("owed").Should().Be(180_000m);

        // A returned sack goes back onto the account, a repayment takes some off, overpaying is refused.
        (await kop.Kasir.Post(kop.Url($"shop/orders/{order}/returns"), new { reason = "berkutu", businessDate = "2025-03-06", lines = new[] { new { productId = rice, quantity = 1 } } }))
            .ShouldBe(HttpStatusCode.Created);
        (await kop.Kasir.Post(kop.Url($"shop/members/{member}/credit-payments"), new { amount = 50_000, businessDate = "2025-03-07" }))
            .ShouldBe(HttpStatusCode.Created).Decimal("owed").Should().Be(70_000m);
        (await kop.Kasir.Post(kop.Url($"shop/members/{member}/credit-payments"), new { amount = 70_000.01m }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "insufficient_balance");

        // A non-member cannot buy on credit.
        var walkIn = (await kop.PlaceOrder(kop.Kasir, null, "counter", "2025-03-07", (rice, 1m))).ShouldBe(HttpStatusCode.Created).Guid("orderId");
        (await kop.Kasir.Post(kop.Url($"shop/orders/{walkIn}/pay"), new { method = "credit" })).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");

        // Leaving: pokok 100,000 + sukarela 200,000 are refunded less the 70,000 still owed.
        var exit = (await kop.Pengurus.Post(kop.Url($"members/{member}/exit"), new { reason = "pindah", businessDate = "2025-03-10" })).ShouldBe(HttpStatusCode.OK);
        exit.Decimal("netPaid").Should().Be(230_000m);
        (await kop.Pengawas.Get(kop.Url($"shop/members/{member}/credit"))).Decimal("owed").Should().Be(0m);
        (await BookChecks.TrialBalance(kop, "2025-03-10")).Of("1-1200").Should().Be(0m);

        var purchases = (await kop.Pengawas.Get(kop.Url($"shop/members/{member}/purchases?year=2025"))).ShouldBe(HttpStatusCode.OK);
        purchases.Decimal("net").Should().Be(120_000m);
        await kop.CheckInventoryAgainstBooks("2025-03-05", "2025-03-10");
        await BookChecks.CheckInvariants(kop, [member], "2025-03-10");
    }
}
