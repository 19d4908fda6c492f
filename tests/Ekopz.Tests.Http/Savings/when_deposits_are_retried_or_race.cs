using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Savings;

public class when_deposits_are_retried_or_race : IAsyncLifetime
{
    private TestKoperasi _kop = null!;
    private Guid _member;

    public async Task InitializeAsync()
    {
        _kop = await TestKoperasi.Create();
        _member = await _kop.ActiveMember();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private string Deposits => _kop.Url($"members/{_member}/savings/sukarela/deposits");

    private async Task<(decimal Balance, int Lines)> Sukarela()
    {
        var s = (await _kop.Pengawas.Get(_kop.Url($"members/{_member}/statement"))).ShouldBe(HttpStatusCode.OK);
        return (s.Json["balances"]!["sukarela"]!.GetValue<decimal>(),
            s.Json["lines"]!.AsArray().Count(l => l!["kind"]!.GetValue<string>() == "sukarela"));
    }

    [Fact]
    public async Task an_idempotent_retry_returns_the_original_answer_and_changes_nothing()
    {
        var first = (await _kop.Kasir.Post(Deposits, new { amount = 50_000 }, idempotencyKey: "retry-1")).ShouldBe(HttpStatusCode.Created);
        var again = (await _kop.Kasir.Post(Deposits, new { amount = 50_000 }, idempotencyKey: "retry-1")).ShouldBe(HttpStatusCode.Created);
        again.Text.Should().Be(first.Text);
        again.Headers.Should().ContainKey("Idempotent-Replayed");
        (await Sukarela()).Should().Be((50_000m, 1));
    }

    [Fact]
    public async Task the_same_key_with_a_different_body_is_409()
    {
        (await _kop.Kasir.Post(Deposits, new { amount = 10_000 }, idempotencyKey: "retry-2")).ShouldBe(HttpStatusCode.Created);
        var before = await Sukarela();
        (await _kop.Kasir.Post(Deposits, new { amount = 99_000 }, idempotencyKey: "retry-2")).ShouldBeProblem(HttpStatusCode.Conflict, "conflict");
        (await Sukarela()).Should().Be(before);
    }

    [Fact]
    public async Task a_double_submit_of_the_same_deposit_at_once_deposits_once()
    {
        var kop = await TestKoperasi.Create();
        var member = await kop.ActiveMember();
        var url = kop.Url($"members/{member}/savings/sukarela/deposits");
        var replies = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            kop.Kasir.Post(url, new { amount = 75_000 }, idempotencyKey: "double-submit")));
        replies.Should().OnlyContain(r => r.Status == HttpStatusCode.Created);
        replies.Select(r => r.Text).Distinct().Should().HaveCount(1, "every submit gets the one original answer");
        var s = (await kop.Pengawas.Get(kop.Url($"members/{member}/statement"))).ShouldBe(HttpStatusCode.OK);
        s.Json["balances"]!["sukarela"]!.GetValue<decimal>().Should().Be(75_000m);
    }

    [Fact]
    public async Task many_parallel_deposits_to_one_member_give_exactly_the_sum()
    {
        var kop = await TestKoperasi.Create();
        var member = await kop.ActiveMember();
        var url = kop.Url($"members/{member}/savings/sukarela/deposits");
        var amounts = Enumerable.Range(1, 40).Select(i => 1_000m * i + 0.25m).ToList();
        var replies = await Task.WhenAll(amounts.Select(a => kop.Kasir.Post(url, new { amount = a })));
        replies.Should().OnlyContain(r => r.Status == HttpStatusCode.Created);

        var s = (await kop.Pengawas.Get(kop.Url($"members/{member}/statement"))).ShouldBe(HttpStatusCode.OK);
        s.Json["balances"]!["sukarela"]!.GetValue<decimal>().Should().Be(amounts.Sum());
        var balances = replies.Select(r => r.Decimal("balance")).Order().ToList();
        balances.Should().OnlyHaveUniqueItems("each deposit saw the one before it");
        balances.Last().Should().Be(amounts.Sum());
    }
}
