using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Savings;

public class when_a_deposit_is_reversed : IAsyncLifetime
{
    private TestKoperasi _kop = null!;

    public async Task InitializeAsync() => _kop = await TestKoperasi.Create();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task the_statement_known_before_the_reversal_shows_the_original_and_after_it_both()
    {
        var member = await _kop.ActiveMember();
        var deposit = await _kop.Deposit(member, "sukarela", 250_000m);
        var tx = deposit.String("transactionId");
        var before = EkopzApp.BetweenText();

        var reversal = (await _kop.Pengurus.Post(_kop.Url($"members/{member}/savings/transactions/{tx}/reversal"), new { reason = "salah input, seharusnya 25.000" }))
            .ShouldBe(HttpStatusCode.Accepted);
        var reversalId = reversal.Guid("reversalId");
        (await _kop.Pengurus.Post(_kop.Url($"reversals/{reversalId}/approve"))).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "same_maker_checker");
        var approved = (await _kop.Pengurus2.Post(_kop.Url($"reversals/{reversalId}/approve"))).ShouldBe(HttpStatusCode.OK);
        approved.String("status").Should().Be("approved");

        var now = await _kop.Statement(member);
        var lines = now.Json["lines"]!.AsArray().Where(l => l!["kind"]!.GetValue<string>() == "sukarela").ToList();
        lines.Select(l => (l!["type"]!.GetValue<string>(), l["amount"]!.GetValue<decimal>())).Should().Equal(("deposit", 250_000m), ("reversal", -250_000m));
        lines[1]!["reverses"]!.GetValue<string>().Should().Be(tx);
        lines[1]!["actor"]!.GetValue<string>().Should().Be(_kop.Pengurus2.Username);
        now.Json["balances"]!["sukarela"]!.GetValue<decimal>().Should().Be(0m);

        var known = await _kop.Statement(member, $"?knownAt={before}");
        var knownLines = known.Json["lines"]!.AsArray().Where(l => l!["kind"]!.GetValue<string>() == "sukarela").ToList();
        knownLines.Should().ContainSingle().Which!["type"]!.GetValue<string>().Should().Be("deposit");
        known.Json["balances"]!["sukarela"]!.GetValue<decimal>().Should().Be(250_000m);
    }

    [Fact]
    public async Task a_deposit_is_reversed_at_most_once()
    {
        var member = await _kop.ActiveMember();
        var tx = (await _kop.Deposit(member, "wajib", 25_000m)).String("transactionId");
        var url = _kop.Url($"members/{member}/savings/transactions/{tx}/reversal");
        var id = (await _kop.Pengurus.Post(url, new { reason = "dobel" })).ShouldBe(HttpStatusCode.Accepted).Guid("reversalId");
        (await _kop.Pengurus2.Post(url, new { reason = "dobel lagi" })).ShouldBeProblem(HttpStatusCode.Conflict, "conflict");
        (await _kop.Pengurus2.Post(_kop.Url($"reversals/{id}/approve"))).ShouldBe(HttpStatusCode.OK);
        (await _kop.Pengurus2.Post(_kop.Url($"reversals/{id}/approve"))).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state");
        (await _kop.Pengurus.Post(url, new { reason = "tiga kali" })).ShouldBeProblem(HttpStatusCode.Conflict, "conflict");
        (await _kop.Balance(member, "wajib")).Should().Be(0m);
    }

    [Fact]
    public async Task a_deposit_already_withdrawn_cannot_be_reversed()
    {
        var member = await _kop.ActiveMember();
        var tx = (await _kop.Deposit(member, "sukarela", 100_000m)).String("transactionId");
        var w = (await _kop.Kasir.Post(_kop.Url($"members/{member}/savings/sukarela/withdrawals"), new { amount = 60_000 })).Guid("withdrawalId");
        (await _kop.Pengurus.Post(_kop.Url($"withdrawals/{w}/approve"), new { })).ShouldBe(HttpStatusCode.OK);
        var id = (await _kop.Pengurus.Post(_kop.Url($"members/{member}/savings/transactions/{tx}/reversal"), new { reason = "salah" }))
            .ShouldBe(HttpStatusCode.Accepted).Guid("reversalId");
        (await _kop.Pengurus2.Post(_kop.Url($"reversals/{id}/approve"))).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "insufficient_balance");
        (await _kop.Balance(member, "sukarela")).Should().Be(40_000m);
    }

    [Fact]
    public async Task unknown_transactions_and_roles_without_rights_are_refused()
    {
        var member = await _kop.ActiveMember();
        var tx = (await _kop.Deposit(member, "sukarela", 1_000m)).String("transactionId");
        (await _kop.Pengurus.Post(_kop.Url($"members/{member}/savings/transactions/{Guid.NewGuid()}/reversal"), new { reason = "x" }))
            .ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
        (await _kop.Kasir.Post(_kop.Url($"members/{member}/savings/transactions/{tx}/reversal"), new { reason = "x" }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        (await _kop.Pengurus.Post(_kop.Url($"members/{member}/savings/transactions/{tx}/reversal"), new { }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
    }
}
