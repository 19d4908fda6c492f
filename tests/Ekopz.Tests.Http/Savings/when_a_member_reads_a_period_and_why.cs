using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Savings;

/// <summary>
/// What MyKoperasi reads (docs/adr/0021): a statement for a period (lines from <c>from</c>, the opening balances just
/// before it, running balances over the whole history), one line with the correction that undid it, and raw events
/// an anggota may read: their own, never another member's.
/// </summary>
public class when_a_member_reads_a_period_and_why : IAsyncLifetime
{
    private TestKoperasi _kop = null!;

    public async Task InitializeAsync() => _kop = await TestKoperasi.Create();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task a_period_has_its_opening_balances_and_only_its_lines()
    {
        var member = await _kop.MemberSince("2025-01-10");
        await _kop.Deposit(member, "sukarela", 100_000m, "2025-02-01");
        await _kop.Deposit(member, "sukarela", 40_000m, "2025-03-05");
        await _kop.Deposit(member, "sukarela", 7_000m, "2025-04-01");

        var period = await _kop.Statement(member, "?from=2025-03-01&asOf=2025-03-31");
        period.Json["from"]!.GetValue<string>().Should().Be("2025-03-01");
        period.Json["opening"]!["sukarela"]!.GetValue<decimal>().Should().Be(100_000m);
        period.Json["opening"]!["pokok"]!.GetValue<decimal>().Should().BeGreaterThan(0m);
        period.Json["balances"]!["sukarela"]!.GetValue<decimal>().Should().Be(140_000m);
        var lines = period.Json["lines"]!.AsArray();
        lines.Should().ContainSingle();
        lines[0]!["amount"]!.GetValue<decimal>().Should().Be(40_000m);
        lines[0]!["balanceAfter"]!.GetValue<decimal>().Should().Be(140_000m, "the running balance counts the lines before the period");
        period.Json["totalLines"]!.GetValue<int>().Should().Be(1);

        (await _kop.Statement(member)).Json["opening"].Should().BeNull("without from nothing changes");
        (await _kop.Pengawas.Get(_kop.Url($"members/{member}/statement?from=2025-05-01&asOf=2025-04-01")))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task a_line_shows_the_correction_that_undid_it_and_an_anggota_reads_only_their_own_events()
    {
        var member = await _kop.ActiveMember("Rina");
        var other = await _kop.ActiveMember("Tetangga");
        var tx = (await _kop.Deposit(member, "sukarela", 70_000m)).String("transactionId");
        var reversal = (await _kop.Pengurus.Post(_kop.Url($"members/{member}/savings/transactions/{tx}/reversal"), new { reason = "salah anggota" }))
            .ShouldBe(HttpStatusCode.Accepted).Guid("reversalId");
        (await _kop.Pengurus2.Post(_kop.Url($"reversals/{reversal}/approve"))).ShouldBe(HttpStatusCode.OK);
        var eventId = (await _kop.Statement(member)).Json["lines"]!.AsArray().Single(l => l!["transactionId"]!.GetValue<string>() == tx)!["eventId"]!.GetValue<string>();
        var otherEvent = (await _kop.Statement(other)).Json["lines"]!.AsArray()[0]!["eventId"]!.GetValue<string>();

        var rina = await _kop.MemberLogin(member);
        var why = (await rina.Get(_kop.Url($"members/{member}/statement/events/{eventId}"))).ShouldBe(HttpStatusCode.OK);
        why.Json["lines"]!.AsArray().Should().ContainSingle().Which!["amount"]!.GetValue<decimal>().Should().Be(70_000m);
        var undo = why.Json["reversedBy"]!.AsArray().Should().ContainSingle().Subject!;
        undo["amount"]!.GetValue<decimal>().Should().Be(-70_000m);
        undo["actor"]!.GetValue<string>().Should().Be(_kop.Pengurus2.Username);
        undo["reverses"]!.GetValue<string>().Should().Be(tx);

        (await rina.Get(_kop.Url($"events/{eventId}"))).ShouldBe(HttpStatusCode.OK).String("actor").Should().Be(_kop.Kasir.Username);
        (await rina.Get(_kop.Url($"events/{otherEvent}"))).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
        (await rina.Get(_kop.Url($"members/{member}/statement/events/{otherEvent}"))).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
        (await rina.Get(_kop.Url($"members/{other}/statement/events/{otherEvent}"))).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");

        // Their own withdrawal's stream is theirs too: its first event names them.
        await _kop.Deposit(member, "sukarela", 5_000m);
        var withdrawal = (await rina.Post(_kop.Url($"members/{member}/savings/sukarela/withdrawals"), new { amount = 1_000m, payAtCounter = true }))
            .ShouldBe(HttpStatusCode.Accepted).Guid("withdrawalId");
        var requested = await FirstEventOf(withdrawal);
        (await rina.Get(_kop.Url($"events/{requested}"))).ShouldBe(HttpStatusCode.OK).String("type").Should().Be("withdrawal_requested");
        var otherRina = await _kop.MemberLogin(other);
        (await otherRina.Get(_kop.Url($"events/{requested}"))).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
    }

    private async Task<Guid> FirstEventOf(Guid streamId)
    {
        await using var connection = new Npgsql.NpgsqlConnection(EkopzApp.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            $"select id from {DirectSql.Schema}.mt_events where tenant_id = @t and stream_id = @s order by version limit 1", connection);
        command.Parameters.AddWithValue("t", _kop.Slug);
        command.Parameters.AddWithValue("s", streamId);
        return (Guid)(await command.ExecuteScalarAsync())!;
    }
}
