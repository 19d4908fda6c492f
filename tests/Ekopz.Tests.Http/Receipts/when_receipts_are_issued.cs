using System.Net;
using System.Text.Json.Nodes;
using Ekopz.Tests.Http.Loans;
using Ekopz.Tests.Http.Shop;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Receipts;

/// <summary>
/// Receipts (kwitansi) for counter money: what each one shows, one receipt per transaction however often
/// and however concurrently it is asked for, and numbers 1, 2, 3, … per koperasi with no gap.
/// </summary>
public class when_receipts_are_issued : IAsyncLifetime
{
    private TestKoperasi _kop = null!;

    public async Task InitializeAsync() => _kop = await TestKoperasi.Create();
    public Task DisposeAsync() => Task.CompletedTask;

    private Task<Reply> Issue(object body, ApiUser? by = null) => (by ?? _kop.Kasir).Post(_kop.Url("receipts"), body);

    private static IEnumerable<JsonNode> Lines(Reply receipt) => receipt.Json["lines"]!.AsArray().Select(l => l!);

    private static (string Kind, string Description, decimal Amount) Line(JsonNode l) =>
        (l["kind"]!.GetValue<string>(), l["description"]!.GetValue<string>(), l["amount"]!.GetValue<decimal>());

    [Fact]
    public async Task a_deposit_gets_a_receipt_for_money_received_and_every_repeat_the_same_one()
    {
        var member = await _kop.ActiveMember("Rina Wati");
        var deposit = await _kop.Deposit(member, "sukarela", 250_000m);
        var transactionId = deposit.Guid("transactionId");
        var profile = (await _kop.Pengawas.Get(_kop.Url($"members/{member}"))).ShouldBe(HttpStatusCode.OK);

        var receipt = (await Issue(new { source = "savings", transactionId })).ShouldBe(HttpStatusCode.Created);

        receipt.Json["receiptNumber"]!.GetValue<int>().Should().Be(1, "no receipt was asked for the pokok deposit");
        receipt.String("source").Should().Be("savings");
        receipt.String("direction").Should().Be("in");
        receipt.String("koperasiSlug").Should().Be(_kop.Slug);
        receipt.String("koperasiName").Should().Be("Koperasi " + _kop.Slug);
        receipt.String("memberId").Should().Be(member.ToString());
        receipt.String("memberName").Should().Be("Rina Wati");
        receipt.String("memberNumber").Should().Be(profile.String("memberNumber"));
        Lines(receipt).Select(Line).Should().Equal(("savings_deposit", "", 250_000m));
        Lines(receipt).Single()["savingsKind"]!.GetValue<string>().Should().Be("sukarela");
        receipt.Decimal("total").Should().Be(250_000m);
        receipt.String("cashier").Should().Be(_kop.Kasir.Username);
        receipt.String("channel").Should().Be("counter");
        receipt.String("businessDate").Should().Be(deposit.String("businessDate"));
        receipt.String("transactionId").Should().Be(transactionId.ToString());
        receipt.Json["loanId"].Should().BeNull();
        receipt.Json["orderId"].Should().BeNull();
        receipt.String("issuedBy").Should().Be(_kop.Kasir.Username);

        // Asked again, by anyone allowed: the same receipt, the same number.
        var again = (await Issue(new { source = "savings", transactionId }, _kop.Pengurus)).ShouldBe(HttpStatusCode.OK);
        again.Text.Should().Be(receipt.Text);
        var byNumber = (await _kop.Pengawas.Get(_kop.Url($"receipts/{receipt.Json["receiptNumber"]}"))).ShouldBe(HttpStatusCode.OK);
        byNumber.Text.Should().Be(receipt.Text);
    }

    [Fact]
    public async Task a_withdrawal_paid_at_the_counter_gets_a_receipt_for_money_paid_out()
    {
        var member = await _kop.ActiveMember();
        await _kop.Deposit(member, "sukarela", 500_000m);
        var id = (await _kop.Kasir.Post(_kop.Url($"members/{member}/savings/sukarela/withdrawals"), new { amount = 120_000, payAtCounter = true }))
            .ShouldBe(HttpStatusCode.Accepted).Guid("withdrawalId");
        (await _kop.Pengurus.Post(_kop.Url($"withdrawals/{id}/approve"))).ShouldBe(HttpStatusCode.OK);
        var paid = (await _kop.Kasir.Post(_kop.Url($"withdrawals/{id}/pay"))).ShouldBe(HttpStatusCode.OK);

        var receipt = (await Issue(new { source = "savings", transactionId = paid.Guid("transactionId") })).ShouldBe(HttpStatusCode.Created);

        receipt.String("direction").Should().Be("out");
        Lines(receipt).Select(Line).Should().Equal(("savings_withdrawal", "", 120_000m));
        receipt.Decimal("total").Should().Be(120_000m);
        receipt.String("cashier").Should().Be(_kop.Kasir.Username, "the kasir handed over the cash");
        receipt.String("channel").Should().Be("counter");
        receipt.Json["receiptNumber"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public async Task a_loan_payment_receipt_splits_penalty_interest_and_principal()
    {
        var start = LoanKit.DaysAgo(150);
        await _kop.Capital(100_000_000m, LoanKit.Plus(start, days: -10));
        var member = await _kop.MemberSince(LoanKit.Plus(start, days: -10), "Budi Peminjam");
        var product = (await _kop.Pengurus.Post(_kop.Url("loan-products"), new
        {
            name = "Pinjaman Harian Pasar", effectiveFrom = LoanKit.Plus(start, days: -10),
            terms = new { method = "flat", annualRate = 18, penaltyRatePerDay = 0.1, penaltyGraceDays = 3 },
        })).ShouldBe(HttpStatusCode.Created).Guid("productId");
        var loan = await _kop.ActiveLoan(member, start, productId: product);
        var late = LoanKit.Plus(LoanKit.Plus(start, months: 1), days: 10);
        var payment = await _kop.Pay(loan, 1_188_260m, late);

        var receipt = (await Issue(new { source = "loan_payment", transactionId = payment.Guid("transactionId"), loanId = loan }))
            .ShouldBe(HttpStatusCode.Created);

        receipt.String("direction").Should().Be("in");
        Lines(receipt).Select(Line).Should().Equal(("loan_penalty", "", 8_260m), ("loan_interest", "", 180_000m), ("loan_principal", "", 1_000_000m));
        receipt.Decimal("total").Should().Be(1_188_260m);
        Lines(receipt).Sum(l => l["amount"]!.GetValue<decimal>()).Should().Be(receipt.Decimal("total"));
        receipt.String("loanId").Should().Be(loan.ToString());
        receipt.String("memberName").Should().Be("Budi Peminjam");
        receipt.String("businessDate").Should().Be(late);
        receipt.String("cashier").Should().Be(_kop.Kasir.Username);

        // The payment named under another loan is not found.
        (await Issue(new { source = "loan_payment", transactionId = payment.Guid("transactionId"), loanId = Guid.NewGuid() }))
            .ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task a_paid_counter_order_gets_a_receipt_of_its_items_and_an_unpaid_one_none()
    {
        var member = await _kop.ActiveMember("Siti Pembeli");
        var rice = await _kop.Product("BRS-5KG", 70_000m, 75_000m);
        var oil = await _kop.Product("MNY-1L", 18_000m, 20_000m);
        await _kop.Receive("2025-01-03", rice, 10m, 60_000m);
        await _kop.Receive("2025-01-03", oil, 10m, 15_000m);

        var open = (await _kop.PlaceOrder(_kop.Kasir, member, "counter", null, (rice, 1m))).ShouldBe(HttpStatusCode.Created).Guid("orderId");
        (await Issue(new { source = "shop_order", transactionId = open })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state");

        var sale = await _kop.CounterSale(LoanKit.Today, member, (rice, 1m), (oil, 2m));
        var orderId = sale.Guid("orderId");
        var receipt = (await Issue(new { source = "shop_order", transactionId = orderId })).ShouldBe(HttpStatusCode.Created);

        receipt.String("direction").Should().Be("in");
        Lines(receipt).Select(Line).Should().Equal(("shop_item", "Produk BRS-5KG × 1", 70_000m), ("shop_item", "Produk MNY-1L × 2", 36_000m));
        receipt.Decimal("total").Should().Be(106_000m).And.Be(sale.Decimal("total"));
        receipt.String("orderId").Should().Be(orderId.ToString());
        receipt.String("transactionId").Should().Be(orderId.ToString());
        receipt.String("memberName").Should().Be("Siti Pembeli");
        receipt.String("cashier").Should().Be(_kop.Kasir.Username);
        receipt.String("channel").Should().Be("counter");
    }

    [Fact]
    public async Task twenty_receipts_issued_at_once_are_numbered_1_to_20()
    {
        var member = await _kop.ActiveMember();
        var deposits = new List<Guid>();
        for (var i = 1; i <= 20; i++) deposits.Add((await _kop.Deposit(member, "sukarela", 1_000m * i)).Guid("transactionId"));

        var journal = _kop.Url($"ledger/journal?from=2000-01-01&to={LoanKit.Today}");
        var entriesBefore = (await _kop.Pengawas.Get(journal)).ShouldBe(HttpStatusCode.OK).Json["totalEntries"]!.GetValue<long>();

        var replies = await Task.WhenAll(deposits.Select((t, i) => Issue(new { source = "savings", transactionId = t }, i % 2 == 0 ? _kop.Kasir : _kop.Pengurus)));

        replies.Should().OnlyContain(r => r.Status == HttpStatusCode.Created);
        replies.Select(r => r.Json["receiptNumber"]!.GetValue<int>()).Order().Should().Equal(Enumerable.Range(1, 20));
        // Each number belongs to its own deposit.
        replies.Select(r => r.String("transactionId")).Should().OnlyHaveUniqueItems().And.HaveCount(20);

        var list = (await _kop.Pengawas.Get(_kop.Url($"receipts?from={LoanKit.Today}&to={LoanKit.Today}&pageSize=15"))).ShouldBe(HttpStatusCode.OK);
        list.Json["total"]!.GetValue<long>().Should().Be(20);
        list.Json["receipts"]!.AsArray().Select(r => r!["receiptNumber"]!.GetValue<int>()).Should().Equal(Enumerable.Range(1, 15));
        var next = (await _kop.Pengawas.Get(_kop.Url("receipts?page=2&pageSize=15"))).ShouldBe(HttpStatusCode.OK);
        next.Json["receipts"]!.AsArray().Select(r => r!["receiptNumber"]!.GetValue<int>()).Should().Equal(Enumerable.Range(16, 5));
        var tomorrow = LoanKit.Plus(LoanKit.Today, days: 1);
        (await _kop.Pengawas.Get(_kop.Url($"receipts?from={tomorrow}"))).ShouldBe(HttpStatusCode.OK).Json["total"]!.GetValue<long>().Should().Be(0);

        // A receipt is a document about money already booked: it posts nothing, and the books still verify.
        (await _kop.Pengawas.Get(journal)).Json["totalEntries"]!.GetValue<long>().Should().Be(entriesBefore);
        await BookChecks.CheckInvariants(_kop, [member], LoanKit.Today);
    }

    [Fact]
    public async Task ten_requests_for_one_receipt_at_once_issue_it_once()
    {
        var member = await _kop.ActiveMember();
        var transactionId = (await _kop.Deposit(member, "wajib", 25_000m)).Guid("transactionId");

        var replies = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            Issue(new { source = "savings", transactionId }, i % 2 == 0 ? _kop.Kasir : _kop.Pengurus)));

        replies.Count(r => r.Status == HttpStatusCode.Created).Should().Be(1);
        replies.Count(r => r.Status == HttpStatusCode.OK).Should().Be(9);
        replies.Select(r => r.Text).Distinct().Should().HaveCount(1, "every answer is the one receipt");
        replies[0].Json["receiptNumber"]!.GetValue<int>().Should().Be(1);
        (await _kop.Pengawas.Get(_kop.Url("receipts"))).ShouldBe(HttpStatusCode.OK).Json["total"]!.GetValue<long>().Should().Be(1);

        // The next receipt takes the next number: nothing was used up by the repeats.
        var other = (await _kop.Deposit(member, "sukarela", 5_000m)).Guid("transactionId");
        (await Issue(new { source = "savings", transactionId = other })).ShouldBe(HttpStatusCode.Created).Json["receiptNumber"]!.GetValue<int>().Should().Be(2);
    }

    [Fact]
    public async Task unknown_money_is_404_and_bad_requests_are_400()
    {
        (await Issue(new { source = "savings", transactionId = Guid.NewGuid() })).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
        (await Issue(new { source = "shop_order", transactionId = Guid.NewGuid() })).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
        (await Issue(new { source = "loan_payment", transactionId = Guid.NewGuid(), loanId = Guid.NewGuid() }))
            .ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
        (await _kop.Pengawas.Get(_kop.Url("receipts/1"))).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");

        (await Issue(new { source = "gift", transactionId = Guid.NewGuid() })).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed")
            .Json["errors"]!.AsObject().Select(e => e.Key).Should().Equal("source");
        (await Issue(new { source = "savings" })).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed")
            .Json["errors"]!.AsObject().Select(e => e.Key).Should().Equal("transactionId");
        (await Issue(new { source = "loan_payment", transactionId = Guid.NewGuid() })).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed")
            .Json["errors"]!.AsObject().Select(e => e.Key).Should().Equal("loanId");
        (await _kop.Pengawas.Get(_kop.Url("receipts?from=2026-13-01"))).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task only_counter_staff_issue_receipts_and_the_pengawas_reads_them()
    {
        var member = await _kop.ActiveMember();
        var transactionId = (await _kop.Deposit(member, "sukarela", 10_000m)).Guid("transactionId");
        var app = await _kop.MemberLogin(member);

        (await Issue(new { source = "savings", transactionId }, app)).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        (await Issue(new { source = "savings", transactionId }, _kop.Pengawas)).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        (await Issue(new { source = "savings", transactionId }, _kop.Toko)).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        (await _kop.Pengawas.Get(_kop.Url("receipts"))).ShouldBe(HttpStatusCode.OK).Json["total"]!.GetValue<long>().Should().Be(0);

        // A pengelola toko gives receipts for the orders of the units they run, and only those.
        var product = await _kop.Product("GLA-1KG", 15_000m, 16_000m);
        await _kop.Receive("2025-01-03", product, 5m, 12_000m);
        var order = (await _kop.CounterSale(LoanKit.Today, null, (product, 1m))).Guid("orderId");
        (await Issue(new { source = "shop_order", transactionId = order }, _kop.Toko)).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        await _kop.AssignToko(await _kop.MainUnit());
        var receipt = (await Issue(new { source = "shop_order", transactionId = order }, _kop.Toko)).ShouldBe(HttpStatusCode.Created);
        receipt.Json["memberId"].Should().BeNull("a walk-in buyer");
        receipt.Json["receiptNumber"]!.GetValue<int>().Should().Be(1);
        (await _kop.Pengawas.Get(_kop.Url("receipts/1"))).ShouldBe(HttpStatusCode.OK).Text.Should().Be(receipt.Text);
    }
}
