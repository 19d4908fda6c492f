using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Savings;

public class when_withdrawing_sukarela : IAsyncLifetime
{
    private TestKoperasi _kop = null!;

    public async Task InitializeAsync() => _kop = await TestKoperasi.Create();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task a_member_asks_from_the_app_and_a_pengurus_approves_and_pays()
    {
        var member = await _kop.ActiveMember();
        await _kop.Deposit(member, "sukarela", 500_000m);
        var app = await _kop.MemberLogin(member);

        var requested = (await app.Post(_kop.Url($"members/{member}/savings/sukarela/withdrawals"), new { amount = 200_000, note = "biaya sekolah" }))
            .ShouldBe(HttpStatusCode.Accepted);
        requested.String("status").Should().Be("requested");
        var id = requested.Guid("withdrawalId");
        (await _kop.Balance(member, "sukarela")).Should().Be(500_000m, "nothing is paid before approval");

        var queue = (await _kop.Pengurus.Get(_kop.Url("withdrawals?status=requested"))).ShouldBe(HttpStatusCode.OK);
        queue.Json.AsArray().Select(w => w!["withdrawalId"]!.GetValue<string>()).Should().Contain(id.ToString());

        var approved = (await _kop.Pengurus.Post(_kop.Url($"withdrawals/{id}/approve"), new { channel = "transfer" })).ShouldBe(HttpStatusCode.OK);
        approved.String("status").Should().Be("paid");
        approved.Decimal("balance").Should().Be(300_000m);

        var statement = await _kop.Statement(member);
        statement.Json["balances"]!["sukarela"]!.GetValue<decimal>().Should().Be(300_000m);
        var line = statement.Json["lines"]!.AsArray().Last()!;
        line["type"]!.GetValue<string>().Should().Be("withdrawal");
        line["amount"]!.GetValue<decimal>().Should().Be(-200_000m);
        line["actor"]!.GetValue<string>().Should().Be(_kop.Pengurus.Username);
        line["channel"]!.GetValue<string>().Should().Be("transfer");

        var mine = (await app.Get(_kop.Url($"withdrawals/{id}"))).ShouldBe(HttpStatusCode.OK);
        mine.String("status").Should().Be("paid");
        mine.String("requestedBy").Should().Be(app.Username);
    }

    [Fact]
    public async Task the_requester_cannot_approve_their_own_request()
    {
        var member = await _kop.ActiveMember();
        await _kop.Deposit(member, "sukarela", 100_000m);
        var id = (await _kop.Pengurus.Post(_kop.Url($"members/{member}/savings/sukarela/withdrawals"), new { amount = 10_000 }))
            .ShouldBe(HttpStatusCode.Accepted).Guid("withdrawalId");
        (await _kop.Pengurus.Post(_kop.Url($"withdrawals/{id}/approve"), new { })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "same_maker_checker");
        (await _kop.Balance(member, "sukarela")).Should().Be(100_000m);
        (await _kop.Pengurus2.Post(_kop.Url($"members/{member}/savings/sukarela/withdrawals/{id}/approve"), new { }))
            .ShouldBe(HttpStatusCode.OK);
        (await _kop.Balance(member, "sukarela")).Should().Be(90_000m);
        (await _kop.Pengurus2.Post(_kop.Url($"withdrawals/{id}/approve"), new { })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state");
    }

    [Theory]
    [InlineData("pokok")]
    [InlineData("wajib")]
    public async Task pokok_and_wajib_are_not_withdrawable(string kind)
    {
        var member = await _kop.ActiveMember();
        (await _kop.Kasir.Post(_kop.Url($"members/{member}/savings/{kind}/withdrawals"), new { amount = 1_000 }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "not_withdrawable");
    }

    [Fact]
    public async Task asking_for_more_than_the_balance_is_insufficient_balance()
    {
        var member = await _kop.ActiveMember();
        await _kop.Deposit(member, "sukarela", 1_000m);
        (await _kop.Kasir.Post(_kop.Url($"members/{member}/savings/sukarela/withdrawals"), new { amount = 1_000.01m }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "insufficient_balance");
    }

    [Fact]
    public async Task two_approvals_racing_for_a_balance_that_covers_one_pay_exactly_one()
    {
        var member = await _kop.ActiveMember();
        await _kop.Deposit(member, "sukarela", 150_000m);
        var ids = new List<Guid>();
        for (var i = 0; i < 2; i++)
            ids.Add((await _kop.Kasir.Post(_kop.Url($"members/{member}/savings/sukarela/withdrawals"), new { amount = 100_000 }))
                .ShouldBe(HttpStatusCode.Accepted).Guid("withdrawalId"));

        var replies = await Task.WhenAll(
            _kop.Pengurus.Post(_kop.Url($"withdrawals/{ids[0]}/approve"), new { }),
            _kop.Pengurus2.Post(_kop.Url($"withdrawals/{ids[1]}/approve"), new { }));
        replies.Count(r => r.Status == HttpStatusCode.OK).Should().Be(1);
        replies.Single(r => r.Status != HttpStatusCode.OK).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "insufficient_balance");
        (await _kop.Balance(member, "sukarela")).Should().Be(50_000m);
        var statement = await _kop.Statement(member);
        statement.Json["lines"]!.AsArray().Count(l => l!["type"]!.GetValue<string>() == "withdrawal").Should().Be(1);
    }

    [Fact]
    public async Task many_withdrawals_approved_at_once_never_overdraw()
    {
        var member = await _kop.ActiveMember();
        await _kop.Deposit(member, "sukarela", 1_000_000m);
        var ids = new List<Guid>();
        for (var i = 0; i < 15; i++)
            ids.Add((await _kop.Kasir.Post(_kop.Url($"members/{member}/savings/sukarela/withdrawals"), new { amount = 100_000 }))
                .ShouldBe(HttpStatusCode.Accepted).Guid("withdrawalId"));
        var replies = await Task.WhenAll(ids.Select((id, i) =>
            (i % 2 == 0 ? _kop.Pengurus : _kop.Pengurus2).Post(_kop.Url($"withdrawals/{id}/approve"), new { })));
        replies.Count(r => r.Status == HttpStatusCode.OK).Should().Be(10);
        replies.Where(r => r.Status != HttpStatusCode.OK).Should().OnlyContain(r => r.Code == "insufficient_balance");
        (await _kop.Balance(member, "sukarela")).Should().Be(0m);
    }

    [Fact]
    public async Task a_rejected_request_pays_nothing_and_only_a_pengurus_decides()
    {
        var member = await _kop.ActiveMember();
        await _kop.Deposit(member, "sukarela", 100_000m);
        var app = await _kop.MemberLogin(member);
        var id = (await app.Post(_kop.Url($"members/{member}/savings/sukarela/withdrawals"), new { amount = 50_000 }))
            .ShouldBe(HttpStatusCode.Accepted).Guid("withdrawalId");
        (await app.Post(_kop.Url($"withdrawals/{id}/approve"), new { })).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        (await _kop.Kasir.Post(_kop.Url($"withdrawals/{id}/approve"), new { })).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        (await _kop.Pengawas.Post(_kop.Url($"withdrawals/{id}/reject"), new { reason = "x" })).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        (await _kop.Pengurus.Post(_kop.Url($"withdrawals/{id}/reject"), new { })).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await _kop.Pengurus.Post(_kop.Url($"withdrawals/{id}/reject"), new { reason = "saldo untuk angsuran" }))
            .ShouldBe(HttpStatusCode.OK).String("status").Should().Be("rejected");
        (await _kop.Balance(member, "sukarela")).Should().Be(100_000m);
    }
}
