using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Savings;

/// <summary>
/// A withdrawal requested with <c>payAtCounter</c>: the pengurus approves (nothing moves), the kasir
/// hands over the cash (the money moves, is posted and shows on the statement as the kasir's).
/// </summary>
public class when_a_withdrawal_is_paid_at_the_counter : IAsyncLifetime
{
    private TestKoperasi _kop = null!;

    public async Task InitializeAsync() => _kop = await TestKoperasi.Create();
    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<Guid> RequestAtCounter(Guid member, decimal amount, string? businessDate = null)
    {
        var reply = (await _kop.Kasir.Post(_kop.Url($"members/{member}/savings/sukarela/withdrawals"), new { amount, businessDate, payAtCounter = true }))
            .ShouldBe(HttpStatusCode.Accepted);
        reply.String("status").Should().Be("requested");
        reply.Json["payAtCounter"]!.GetValue<bool>().Should().BeTrue();
        return reply.Guid("withdrawalId");
    }

    private Task<Reply> Pay(Guid withdrawal, ApiUser? by = null) => (by ?? _kop.Kasir).Post(_kop.Url($"withdrawals/{withdrawal}/pay"));

    [Fact]
    public async Task the_pengurus_approves_and_the_kasir_pays_the_cash()
    {
        var member = await _kop.ActiveMember();
        await _kop.Deposit(member, "sukarela", 500_000m);
        var id = await RequestAtCounter(member, 200_000m);

        (await _kop.Kasir.Post(_kop.Url($"withdrawals/{id}/approve"))).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");

        var approved = (await _kop.Pengurus.Post(_kop.Url($"withdrawals/{id}/approve"))).ShouldBe(HttpStatusCode.OK);
        approved.String("status").Should().Be("approved");
        approved.Json["withdrawalId"]!.GetValue<string>().Should().Be(id.ToString());
        approved.Text.Should().Contain("\"transactionId\":null", "no money moved").And.Contain("\"balance\":null");
        (await _kop.Balance(member, "sukarela")).Should().Be(500_000m, "approval alone pays nothing");

        // The kasir's queue: approved counter withdrawals waiting for the cash.
        var queue = (await _kop.Kasir.Get(_kop.Url("withdrawals?status=approved"))).ShouldBe(HttpStatusCode.OK);
        var waiting = queue.Json.AsArray().Single(w => w!["withdrawalId"]!.GetValue<string>() == id.ToString())!;
        waiting["status"]!.GetValue<string>().Should().Be("approved");
        waiting["payAtCounter"]!.GetValue<bool>().Should().BeTrue();
        waiting["approvedBy"]!.GetValue<string>().Should().Be(_kop.Pengurus.Username);
        waiting["approvedAt"].Should().NotBeNull();
        waiting["paidBy"].Should().BeNull();
        (await _kop.Kasir.Get(_kop.Url("withdrawals?status=requested"))).Json.AsArray()
            .Should().NotContain(w => w!["withdrawalId"]!.GetValue<string>() == id.ToString());

        // No body at all, like an empty body or {}.
        var paid = (await _kop.Kasir.Send(HttpMethod.Post, _kop.Url($"withdrawals/{id}/pay"), null)).ShouldBe(HttpStatusCode.OK);
        paid.String("status").Should().Be("paid");
        paid.Decimal("balance").Should().Be(300_000m);
        var transactionId = paid.Guid("transactionId");

        var statement = await _kop.Statement(member);
        statement.Json["balances"]!["sukarela"]!.GetValue<decimal>().Should().Be(300_000m);
        var line = statement.Json["lines"]!.AsArray().Last()!;
        line["type"]!.GetValue<string>().Should().Be("withdrawal");
        line["amount"]!.GetValue<decimal>().Should().Be(-200_000m);
        line["transactionId"]!.GetValue<string>().Should().Be(transactionId.ToString());
        line["actor"]!.GetValue<string>().Should().Be(_kop.Kasir.Username, "the kasir handed over the cash");
        line["channel"]!.GetValue<string>().Should().Be("counter");

        var view = (await _kop.Pengawas.Get(_kop.Url($"withdrawals/{id}"))).ShouldBe(HttpStatusCode.OK);
        view.String("status").Should().Be("paid");
        view.String("approvedBy").Should().Be(_kop.Pengurus.Username);
        view.String("decidedBy").Should().Be(_kop.Pengurus.Username);
        view.String("paidBy").Should().Be(_kop.Kasir.Username);
        view.Json["paidAt"].Should().NotBeNull();
        view.String("transactionId").Should().Be(transactionId.ToString());

        (await Pay(id)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state");
        await BookChecks.CheckInvariants(_kop, [member], statement.Json["lines"]!.AsArray().Last()!["businessDate"]!.GetValue<string>());
    }

    [Fact]
    public async Task the_payout_is_posted_on_the_day_it_is_paid_not_at_approval()
    {
        var member = await _kop.MemberSince("2025-04-01", "Ani");
        await _kop.Deposit(member, "sukarela", 1_000_000m, "2025-04-01");
        var id = await RequestAtCounter(member, 300_000m, "2025-04-02");
        (await _kop.Pengurus.Post(_kop.Url($"withdrawals/{id}/approve"), new { businessDate = "2025-04-03" }))
            .ShouldBe(HttpStatusCode.OK).String("status").Should().Be("approved");
        (await _kop.Kasir.Post(_kop.Url($"withdrawals/{id}/pay"), new { businessDate = "2025-04-02" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await _kop.Kasir.PostRaw(_kop.Url($"withdrawals/{id}/pay"), """{"businessDate":"2025-04-07"}"""))
            .ShouldBe(HttpStatusCode.OK).String("status").Should().Be("paid");

        (await BookChecks.TrialBalance(_kop, "2025-04-06")).Of("1-1000").Should().Be(1_100_000m, "approved but not yet paid");
        var tb = await BookChecks.TrialBalance(_kop, "2025-04-07");
        tb.Of("1-1000").Should().Be(800_000m);
        tb.Of("2-1000").Should().Be(-700_000m);

        var gl = (await _kop.Pengawas.Get(_kop.Url("ledger/accounts/1-1000/lines?from=2025-04-01&to=2025-04-30"))).ShouldBe(HttpStatusCode.OK);
        var payout = gl.Json["lines"]!.AsArray().Single(l => l!["source"]!.GetValue<string>() == "SavingsWithdrawn")!;
        payout["credit"]!.GetValue<decimal>().Should().Be(300_000m);
        payout["businessDate"]!.GetValue<string>().Should().Be("2025-04-07");
        payout["actor"]!.GetValue<string>().Should().Be(_kop.Kasir.Username);

        await BookChecks.CheckInvariants(_kop, [member], "2025-04-03", "2025-04-07", "2025-04-30");
    }

    [Fact]
    public async Task ten_kasir_paying_one_withdrawal_at_once_pay_it_once()
    {
        var member = await _kop.ActiveMember();
        await _kop.Deposit(member, "sukarela", 1_000_000m);
        var id = await RequestAtCounter(member, 150_000m);
        (await _kop.Pengurus.Post(_kop.Url($"withdrawals/{id}/approve"))).ShouldBe(HttpStatusCode.OK);

        var replies = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Pay(id, i % 2 == 0 ? _kop.Kasir : _kop.Pengurus2)));

        replies.Count(r => r.Status == HttpStatusCode.OK).Should().Be(1);
        replies.Where(r => r.Status != HttpStatusCode.OK).Should().HaveCount(9)
            .And.OnlyContain(r => r.Status == HttpStatusCode.UnprocessableEntity && r.Code == "invalid_state");
        (await _kop.Balance(member, "sukarela")).Should().Be(850_000m, "debited once");
        var statement = await _kop.Statement(member);
        statement.Json["lines"]!.AsArray().Count(l => l!["type"]!.GetValue<string>() == "withdrawal").Should().Be(1);
        var date = statement.Json["lines"]!.AsArray().Last()!["businessDate"]!.GetValue<string>();
        await BookChecks.CheckInvariants(_kop, [member], date);
    }

    [Fact]
    public async Task a_withdrawal_is_paid_only_after_approval_and_never_after_rejection()
    {
        var member = await _kop.ActiveMember();
        await _kop.Deposit(member, "sukarela", 100_000m);

        var early = await RequestAtCounter(member, 10_000m);
        (await Pay(early)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state");

        var rejected = await RequestAtCounter(member, 20_000m);
        (await _kop.Pengurus.Post(_kop.Url($"withdrawals/{rejected}/reject"), new { reason = "anggota membatalkan" })).ShouldBe(HttpStatusCode.OK);
        (await Pay(rejected)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state");

        // Approved, then turned down because the member never came: no longer payable either.
        var neverCame = await RequestAtCounter(member, 30_000m);
        (await _kop.Pengurus.Post(_kop.Url($"withdrawals/{neverCame}/approve"))).ShouldBe(HttpStatusCode.OK);
        (await _kop.Pengurus.Post(_kop.Url($"withdrawals/{neverCame}/reject"), new { reason = "tidak diambil" })).ShouldBe(HttpStatusCode.OK);
        (await Pay(neverCame)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state");

        (await Pay(Guid.NewGuid())).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
        (await _kop.Balance(member, "sukarela")).Should().Be(100_000m);
    }

    [Fact]
    public async Task the_balance_is_checked_at_approval_and_again_when_paying()
    {
        var member = await _kop.ActiveMember();
        await _kop.Deposit(member, "sukarela", 150_000m);
        var first = await RequestAtCounter(member, 100_000m);
        var second = await RequestAtCounter(member, 100_000m);
        (await _kop.Pengurus.Post(_kop.Url($"withdrawals/{first}/approve"))).ShouldBe(HttpStatusCode.OK);
        // Approval moves nothing, so both are covered at approval.
        (await _kop.Pengurus.Post(_kop.Url($"withdrawals/{second}/approve"))).ShouldBe(HttpStatusCode.OK);

        (await Pay(first)).ShouldBe(HttpStatusCode.OK);
        (await Pay(second)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "insufficient_balance");

        var third = await RequestAtCounter(member, 50_000m);
        var normal = (await _kop.Kasir.Post(_kop.Url($"members/{member}/savings/sukarela/withdrawals"), new { amount = 10_000 })).Guid("withdrawalId");
        (await _kop.Pengurus.Post(_kop.Url($"withdrawals/{normal}/approve"))).ShouldBe(HttpStatusCode.OK).String("status").Should().Be("paid");
        (await _kop.Pengurus.Post(_kop.Url($"withdrawals/{third}/approve"))).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "insufficient_balance");
        (await _kop.Balance(member, "sukarela")).Should().Be(40_000m);
    }

    [Fact]
    public async Task only_pengurus_and_kasir_pay_and_the_pengurus_who_asked_cannot_approve()
    {
        var member = await _kop.ActiveMember();
        await _kop.Deposit(member, "sukarela", 100_000m);
        var app = await _kop.MemberLogin(member);
        // A member may ask from the app to collect the cash at the counter.
        var id = (await app.Post(_kop.Url($"members/{member}/savings/sukarela/withdrawals"), new { amount = 40_000, payAtCounter = true }))
            .ShouldBe(HttpStatusCode.Accepted).Guid("withdrawalId");
        (await _kop.Pengurus.Post(_kop.Url($"withdrawals/{id}/approve"), new { channel = "transfer" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await _kop.Pengurus.PostRaw(_kop.Url($"withdrawals/{id}/approve"), "")).ShouldBe(HttpStatusCode.OK);

        (await Pay(id, app)).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        (await Pay(id, _kop.Pengawas)).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        (await Pay(id, _kop.Toko)).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        (await _kop.Balance(member, "sukarela")).Should().Be(100_000m);

        // A pengurus at the counter may pay too; the idempotency key replays the answer.
        var paid = (await _kop.Pengurus2.Post(_kop.Url($"withdrawals/{id}/pay"), new { }, idempotencyKey: "pay-1")).ShouldBe(HttpStatusCode.OK);
        var again = (await _kop.Pengurus2.Post(_kop.Url($"withdrawals/{id}/pay"), new { }, idempotencyKey: "pay-1")).ShouldBe(HttpStatusCode.OK);
        again.Text.Should().Be(paid.Text);
        again.Headers.Should().ContainKey("Idempotent-Replayed");
        (await _kop.Balance(member, "sukarela")).Should().Be(60_000m);

        var own = await RequestAtCounter(member, 10_000m);
        (await _kop.Kasir.Post(_kop.Url($"withdrawals/{own}/pay"))).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state");
        var byPengurus = (await _kop.Pengurus.Post(_kop.Url($"members/{member}/savings/sukarela/withdrawals"), new { amount = 10_000, payAtCounter = true }))
            .Guid("withdrawalId");
        (await _kop.Pengurus.Post(_kop.Url($"withdrawals/{byPengurus}/approve"))).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "same_maker_checker");
    }
}
