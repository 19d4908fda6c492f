using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Savings;

public class when_a_long_statement_is_paged
{
    [Fact]
    public async Task every_page_carries_the_running_balances_of_the_whole_history()
    {
        var kop = await TestKoperasi.Create(pokok: 100_000m, wajib: 25_000m);
        var member = await kop.MemberSince("2025-01-02", "Panjang");
        // 23 more lines after pokok, in two kinds, on dates out of recording order, so the page boundary
        // falls between kinds and the order is by business date, not by when the kasir typed them in.
        var expected = new List<(string Date, string Kind, decimal Amount)> { ("2025-01-02", "pokok", 100_000m) };
        for (var i = 1; i <= 12; i++)
        {
            var date = $"2025-{13 - i:D2}-10";
            await kop.Deposit(member, "wajib", 25_000m, date);
            expected.Add((date, "wajib", 25_000m));
        }
        for (var i = 1; i <= 11; i++)
        {
            var date = $"2025-{i:D2}-15";
            await kop.Deposit(member, "sukarela", 10_000m + i * 0.25m, date);
            expected.Add((date, "sukarela", 10_000m + i * 0.25m));
        }
        var ordered = expected.OrderBy(e => e.Date).ToList();
        var running = new Dictionary<string, decimal>();
        var balancesAfter = ordered.Select(e => running[e.Kind] = running.GetValueOrDefault(e.Kind) + e.Amount).ToList();

        var whole = await kop.Statement(member, "?asOf=2025-12-31");
        whole.Json["totalLines"]!.GetValue<int>().Should().Be(24);

        var seen = new List<(string Date, string Kind, decimal Amount, decimal BalanceAfter)>();
        for (var page = 1; page <= 5; page++)
        {
            var reply = await kop.Statement(member, $"?asOf=2025-12-31&page={page}&pageSize=5");
            reply.Json["totalLines"]!.GetValue<int>().Should().Be(24);
            reply.Json["page"]!.GetValue<int>().Should().Be(page);
            reply.Json["balances"]!.ToJsonString().Should().Be(whole.Json["balances"]!.ToJsonString(), "balances are of the whole statement");
            var lines = reply.Json["lines"]!.AsArray();
            lines.Should().HaveCount(page < 5 ? 5 : 4);
            seen.AddRange(lines.Select(l => (l!["businessDate"]!.GetValue<string>(), l["kind"]!.GetValue<string>(),
                l["amount"]!.GetValue<decimal>(), l["balanceAfter"]!.GetValue<decimal>())));
        }

        seen.Select(s => (s.Date, s.Kind, s.Amount)).Should().Equal(ordered, "the pages together are the whole statement, in order, once");
        seen.Select(s => s.BalanceAfter).Should().Equal(balancesAfter, "each line's running balance counts every earlier line, on any page");
        whole.Json["balances"]!["wajib"]!.GetValue<decimal>().Should().Be(300_000m);
        whole.Json["balances"]!["sukarela"]!.GetValue<decimal>().Should().Be(110_000m + 16.5m);

        // A page past the end is empty, not an error; a bad page size is refused.
        (await kop.Statement(member, "?asOf=2025-12-31&page=9&pageSize=5")).Json["lines"]!.AsArray().Should().BeEmpty();
        (await kop.Pengawas.Get(kop.Url($"members/{member}/statement?pageSize=0"))).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
    }
}
