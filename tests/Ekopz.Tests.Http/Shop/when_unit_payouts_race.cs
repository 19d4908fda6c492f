using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Shop;

/// <summary>
/// A seller's balance (saldo toko) is money: payout requests, approvals and retries of one unit that arrive at once
/// take turns on the unit's stream (docs/adr/0041), so none is decided on a balance another has already spent. Each
/// test starts from a seller owed Rp129.500 (ten delivered packs at Rp14.000, less 7,5% commission).
/// </summary>
public class when_unit_payouts_race : IAsyncLifetime
{
    private const decimal Owed = 129_500m;

    private TestKoperasi _kop = null!;
    private Guid _unit;
    private string _today = null!;

    public async Task InitializeAsync()
    {
        _kop = await TestKoperasi.Create();
        var owner = await _kop.ActiveMember("Bu Siti");
        var buyer = await _kop.ActiveMember("Pak Agus");
        (await _kop.Pengurus.Put(_kop.Url("shop/settings"), new { commissionPercent = 7.5 })).ShouldBe(HttpStatusCode.OK);
        _unit = (await _kop.Pengurus.Post(_kop.Url("shop/units"), new { name = "Keripik Bu Siti", kind = "seller", ownerMemberId = owner }))
            .ShouldBe(HttpStatusCode.Created).Guid("unitId");
        await _kop.AssignToko(_unit);
        var chips = await _kop.Product("KRP-200", 14_000m, 15_000m, unitId: _unit, by: _kop.Toko);
        (await _kop.Toko.Post(_kop.Url("shop/stock-receipts"), new { supplier = "Bu Siti", lines = new[] { new { productId = chips, quantity = 40 } } }))
            .ShouldBe(HttpStatusCode.Created);
        var order = (await _kop.PlaceOrder(_kop.Toko, buyer, "web", null, (chips, 10m))).ShouldBe(HttpStatusCode.Created).Guid("orderId");
        (await _kop.Toko.Post(_kop.Url($"shop/orders/{order}/pay"))).ShouldBe(HttpStatusCode.OK);
        (await _kop.Toko.Post(_kop.Url($"shop/orders/{order}/ship"), new { trackingNumber = "SICEPAT-1" })).ShouldBe(HttpStatusCode.OK);
        (await _kop.Toko.Post(_kop.Url($"shop/orders/{order}/deliver"))).ShouldBe(HttpStatusCode.OK);
        _today = (await _kop.Pengurus.Get(_kop.Url("settings"))).String("asOf");
        (await Balance()).Decimal("available").Should().Be(Owed);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private string Payouts => _kop.Url($"shop/units/{_unit}/payouts");

    private async Task<Reply> Balance() => (await _kop.Pengawas.Get(_kop.Url($"shop/units/{_unit}/balance"))).ShouldBe(HttpStatusCode.OK);

    /// <summary>What the books owe the seller (the unit-balance liability, a credit).</summary>
    private async Task<decimal> OwedInTheBooks() => -(await BookChecks.TrialBalance(_kop, _today)).Of("2-1250");

    /// <summary>The journal entries posted for <paramref name="payoutId"/>.</summary>
    private async Task<int> EntriesOf(Guid payoutId)
    {
        var journal = (await _kop.Pengawas.Get(_kop.Url($"ledger/journal?from=2000-01-01&to={_today}&pageSize=1000"))).ShouldBe(HttpStatusCode.OK);
        return journal.Json["entries"]!.AsArray().Count(e => e!["reference"]?.GetValue<Guid>() == payoutId);
    }

    [Fact]
    public async Task eight_requests_at_once_for_more_than_is_owed_never_overdraw_the_sellers_balance()
    {
        var replies = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _kop.Toko.Post(Payouts, new { amount = 40_000 })));

        // 129.500 covers three of 40.000; whichever three came first, the other five found too little left.
        var accepted = replies.Where(r => r.Status == HttpStatusCode.Accepted).ToList();
        accepted.Should().HaveCount(3, string.Join("\n", replies.Select(r => r.Text)));
        foreach (var refused in replies.Where(r => r.Status != HttpStatusCode.Accepted))
            refused.ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "insufficient_balance");
        var balance = await Balance();
        (balance.Decimal("requested"), balance.Decimal("available")).Should().Be((120_000m, Owed - 3 * 40_000m));
        balance.Json["payouts"]!.AsArray().Should().HaveCount(3, "a refused request records nothing");

        // Paying the three leaves exactly what was owed less three payouts, in the balance and in the books.
        foreach (var payout in accepted.Select(r => r.Guid("payoutId")))
            (await _kop.Pengurus2.Post(_kop.Url($"shop/units/{_unit}/payouts/{payout}/approve"))).ShouldBe(HttpStatusCode.OK);
        balance = await Balance();
        (balance.Decimal("paidOut"), balance.Decimal("requested"), balance.Decimal("available")).Should().Be((120_000m, 0m, Owed - 3 * 40_000m));
        (await OwedInTheBooks()).Should().Be(Owed - 3 * 40_000m);
    }

    [Fact]
    public async Task four_approvals_of_one_payout_at_once_pay_it_once()
    {
        var payout = (await _kop.Toko.Post(Payouts, new { amount = 100_000 })).ShouldBe(HttpStatusCode.Accepted).Guid("payoutId");

        var replies = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            _kop.Pengurus2.Post(_kop.Url($"shop/units/{_unit}/payouts/{payout}/approve"), new { channel = "transfer" })));

        replies.Where(r => r.Status == HttpStatusCode.OK).Should().ContainSingle(string.Join("\n", replies.Select(r => r.Text)))
            .Which.String("status").Should().Be("paid");
        foreach (var late in replies.Where(r => r.Status != HttpStatusCode.OK))
            late.ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state");
        var balance = await Balance();
        (balance.Decimal("paidOut"), balance.Decimal("available")).Should().Be((100_000m, Owed - 100_000m));
        (await EntriesOf(payout)).Should().Be(1, "the money left once, so it was posted once");
        (await OwedInTheBooks()).Should().Be(Owed - 100_000m);
    }

    [Fact]
    public async Task the_same_request_sent_eight_times_at_once_records_one_payout_and_answers_each_the_same()
    {
        var replies = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            _kop.Toko.Post(Payouts, new { amount = 40_000, note = "pencairan minggu 1" }, idempotencyKey: "payout-double-submit")));

        replies.Should().OnlyContain(r => r.Status == HttpStatusCode.Accepted, string.Join("\n", replies.Select(r => r.Text)));
        replies.Select(r => r.Text).Distinct().Should().HaveCount(1, "every submit gets the one original answer");
        replies.Count(r => r.Headers.ContainsKey("Idempotent-Replayed")).Should().Be(7);
        var balance = await Balance();
        balance.Json["payouts"]!.AsArray().Should().ContainSingle();
        (balance.Decimal("requested"), balance.Decimal("available")).Should().Be((40_000m, Owed - 40_000m));
    }
}
