using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Savings;

/// <summary>
/// Withdrawal requests that arrive at once, from a member's app and alongside the approvals. A request moves no money and
/// holds none back: it is checked against the sukarela balance as it stands under the member's lock, and the approval, which
/// pays, checks it again under the same lock. So however the requests and approvals interleave, the balance never goes
/// below zero, what is paid never exceeds what was there, every refusal is 422 <c>insufficient_balance</c>, and a request
/// sent many times with one Idempotency-Key is recorded once.
/// </summary>
public class when_a_withdrawal_is_requested_many_times_at_once : IAsyncLifetime
{
    private TestKoperasi _kop = null!;
    private Guid _member;
    private ApiUser _app = null!;

    public async Task InitializeAsync()
    {
        _kop = await TestKoperasi.Create();
        _member = await _kop.ActiveMember();
        _app = await _kop.MemberLogin(_member);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private string Withdrawals => _kop.Url($"members/{_member}/savings/sukarela/withdrawals");

    private Task<Reply> Approve(Guid id, int i) => (i % 2 == 0 ? _kop.Pengurus : _kop.Pengurus2).Post(_kop.Url($"withdrawals/{id}/approve"), new { });

    private async Task<int> PaidWithdrawals() =>
        (await _kop.Statement(_member)).Json["lines"]!.AsArray().Count(l => l!["type"]!.GetValue<string>() == "withdrawal");

    [Fact]
    public async Task requests_for_more_than_the_balance_at_once_are_each_recorded_and_approving_them_all_at_once_pays_only_what_is_there()
    {
        await _kop.Deposit(_member, "sukarela", 300_000m);

        var requests = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _app.Post(Withdrawals, new { amount = 100_000 })));
        // Each asks for no more than the balance, and a request holds nothing back: all eight wait for a pengurus.
        requests.Should().OnlyContain(r => r.Status == HttpStatusCode.Accepted, string.Join("\n", requests.Select(r => r.Text)));
        (await _kop.Balance(_member, "sukarela")).Should().Be(300_000m, "nothing is paid before approval");

        var approvals = await Task.WhenAll(requests.Select((r, i) => Approve(r.Guid("withdrawalId"), i)));
        approvals.Count(r => r.Status == HttpStatusCode.OK).Should().Be(3, string.Join("\n", approvals.Select(r => r.Text)));
        foreach (var refused in approvals.Where(r => r.Status != HttpStatusCode.OK))
            refused.ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "insufficient_balance");
        approvals.Where(r => r.Status == HttpStatusCode.OK).Select(r => r.Decimal("balance")).Order()
            .Should().Equal([0m, 100_000m, 200_000m], "each payment saw the one before it");
        (await _kop.Balance(_member, "sukarela")).Should().Be(0m);
        (await PaidWithdrawals()).Should().Be(3);
        await BookChecks.CheckInvariants(_kop, [_member], (await _kop.Pengurus.Get(_kop.Url("settings"))).String("asOf"));
    }

    [Fact]
    public async Task requests_racing_the_approvals_never_overdraw_and_are_refused_with_insufficient_balance()
    {
        await _kop.Deposit(_member, "sukarela", 250_000m);
        var earlier = new List<Guid>();
        for (var i = 0; i < 2; i++)
            earlier.Add((await _app.Post(Withdrawals, new { amount = 100_000 })).ShouldBe(HttpStatusCode.Accepted).Guid("withdrawalId"));

        // Two approvals and six new requests at once: a request that comes after both payments finds Rp50.000 left.
        var approving = earlier.Select(Approve).ToList();
        var asking = Enumerable.Range(0, 6).Select(_ => _app.Post(Withdrawals, new { amount = 100_000 })).ToList();
        await Task.WhenAll(approving.Concat(asking));

        var approved = approving.Select(t => t.Result).ToList();
        approved.Should().OnlyContain(r => r.Status == HttpStatusCode.OK, "the balance covers both earlier requests: "
            + string.Join("\n", approved.Select(r => r.Text)));
        var asked = asking.Select(t => t.Result).ToList();
        foreach (var refused in asked.Where(r => r.Status != HttpStatusCode.Accepted))
            refused.ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "insufficient_balance");

        // Whatever was accepted meanwhile cannot be paid from the Rp50.000 left, however many approvals come at once.
        var accepted = asked.Where(r => r.Status == HttpStatusCode.Accepted).Select(r => r.Guid("withdrawalId")).ToList();
        var late = await Task.WhenAll(accepted.Select(Approve));
        foreach (var refused in late) refused.ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "insufficient_balance");
        (await _kop.Balance(_member, "sukarela")).Should().Be(50_000m);
        (await PaidWithdrawals()).Should().Be(2);
    }

    [Fact]
    public async Task the_same_request_sent_eight_times_at_once_is_recorded_once_and_answers_each_the_same()
    {
        await _kop.Deposit(_member, "sukarela", 300_000m);

        var replies = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            _app.Post(Withdrawals, new { amount = 120_000, note = "biaya sekolah" }, idempotencyKey: "tarik-sekolah")));

        replies.Should().OnlyContain(r => r.Status == HttpStatusCode.Accepted, string.Join("\n", replies.Select(r => r.Text)));
        replies.Select(r => r.Text).Distinct().Should().HaveCount(1, "every submit gets the one original answer");
        replies.Count(r => r.Headers.ContainsKey("Idempotent-Replayed")).Should().Be(7);
        var mine = (await _app.Get(Withdrawals)).ShouldBe(HttpStatusCode.OK).Json.AsArray();
        mine.Should().ContainSingle("one request, however many times it was sent")
            .Which!["withdrawalId"]!.GetValue<Guid>().Should().Be(replies[0].Guid("withdrawalId"));

        (await Approve(replies[0].Guid("withdrawalId"), 0)).ShouldBe(HttpStatusCode.OK).Decimal("balance").Should().Be(180_000m);
        (await PaidWithdrawals()).Should().Be(1);
    }
}
