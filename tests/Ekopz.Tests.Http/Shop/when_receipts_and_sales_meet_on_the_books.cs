using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Shop;

/// <summary>
/// A stock receipt (inventory up, cash down) and a counter sale (cash up, inventory down, revenue, cost) post to the same
/// accounts on the same day from the other side: their daily-total rows can be met in opposite orders. Whatever PostgreSQL
/// does about it (a lock wait, a deadlock that ConflictRetry reruns), every request is answered once, no posting is lost or
/// doubled, and the books agree with the stock.
/// </summary>
public class when_receipts_and_sales_meet_on_the_books
{
    [Fact]
    public async Task receipts_of_one_product_and_sales_of_another_at_once_are_each_recorded_once_and_the_books_agree()
    {
        var kop = await TestKoperasi.Create();
        var received = await kop.Product("RCV-RACE", 9_000m, 10_000m);
        var sold = await kop.Product("SAL-RACE", 9_000m, 10_000m);
        await kop.Receive("2025-03-01", received, 10m, 6_000m);
        await kop.Receive("2025-03-01", sold, 20m, 7_000m);
        var before = await BookChecks.TrialBalance(kop, "2025-03-05");

        const int each = 6;
        var receipts = Enumerable.Range(0, each).Select(_ => kop.Receive("2025-03-05", received, 1m, 6_000m));
        var sales = Enumerable.Range(0, each).Select(_ => kop.CounterSale("2025-03-05", null, (sold, 1m)));
        var replies = await Task.WhenAll(receipts.Concat(sales));
        replies.Should().HaveCount(2 * each);

        var inventory = await kop.Inventory("2025-03-05");
        inventory[received].Should().Be((10m + each, (10m + each) * 6_000m, 6_000m), "each receipt was recorded once");
        inventory[sold].OnHand.Should().Be(20m - each, "each sale took its unit once");
        await kop.CheckInventoryAgainstBooks("2025-03-05");

        // Cash moved by exactly the receipts paid out and the sales taken in (public price: no member on the sales).
        var after = await BookChecks.TrialBalance(kop, "2025-03-05");
        (after.Of("1-1000") - before.Of("1-1000")).Should().Be(each * 10_000m - each * 6_000m);
    }
}
