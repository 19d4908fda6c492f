using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Members;

public class when_registering_a_member_and_paying_pokok : IAsyncLifetime
{
    private TestKoperasi _kop = null!;

    public async Task InitializeAsync() => _kop = await TestKoperasi.Create(pokok: 100_000m);
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task happy_path_end_to_end()
    {
        var nik = TestKoperasi.NewNik();
        var registered = (await _kop.Kasir.Post(_kop.Url("members"), new { name = "Siti Rahma", nik, phone = "0812 3456 7890" }))
            .ShouldBe(HttpStatusCode.Created);
        registered.String("status").Should().Be("applicant");
        registered.String("memberNumber").Should().Be("000001");
        var id = registered.Guid("memberId");

        var first = (await _kop.Kasir.Post(_kop.Url($"members/{id}/savings/pokok/deposits"), new { amount = 40_000 }))
            .ShouldBe(HttpStatusCode.Created);
        first.Decimal("balance").Should().Be(40_000m);
        first.String("memberStatus").Should().Be("applicant");

        var second = (await _kop.Kasir.Post(_kop.Url($"members/{id}/savings/pokok/deposits"),
            new { amount = 60_000, channel = "transfer", note = "sisa pokok" })).ShouldBe(HttpStatusCode.Created);
        second.Decimal("balance").Should().Be(100_000m);
        second.String("memberStatus").Should().Be("active");

        var member = (await _kop.Pengawas.Get(_kop.Url($"members/{id}"))).ShouldBe(HttpStatusCode.OK);
        member.String("status").Should().Be("active");
        member.String("nik").Should().Be(nik);
        member.Json["balances"]!["pokok"]!.GetValue<decimal>().Should().Be(100_000m);

        var statement = (await _kop.Pengawas.Get(_kop.Url($"members/{id}/statement"))).ShouldBe(HttpStatusCode.OK);
        statement.Json["balances"]!["pokok"]!.GetValue<decimal>().Should().Be(100_000m);
        var lines = statement.Json["lines"]!.AsArray();
        lines.Should().HaveCount(2);
        var line = lines[1]!;
        line["transactionId"]!.GetValue<string>().Should().Be(second.String("transactionId"));
        Guid.Parse(line["eventId"]!.GetValue<string>()).Should().NotBeEmpty();
        line["sequence"]!.GetValue<long>().Should().BeGreaterThan(lines[0]!["sequence"]!.GetValue<long>());
        line["kind"]!.GetValue<string>().Should().Be("pokok");
        line["amount"]!.GetValue<decimal>().Should().Be(60_000m);
        line["balanceAfter"]!.GetValue<decimal>().Should().Be(100_000m);
        line["businessDate"]!.GetValue<string>().Should().MatchRegex(@"^\d{4}-\d{2}-\d{2}$");
        line["recordedAt"]!.GetValue<string>().Should().EndWith("Z");
        line["actor"]!.GetValue<string>().Should().Be(_kop.Kasir.Username);
        line["channel"]!.GetValue<string>().Should().Be("transfer");
        line["correlationId"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        line["note"]!.GetValue<string>().Should().Be("sisa pokok");
    }

    [Fact]
    public async Task member_numbers_follow_each_other_and_are_unique_under_a_burst()
    {
        var kop = await TestKoperasi.Create();
        var replies = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            kop.Kasir.Post(kop.Url("members"), new { name = $"Anggota {i}", nik = TestKoperasi.NewNik() })));
        replies.Should().OnlyContain(r => r.Status == HttpStatusCode.Created);
        replies.Select(r => r.String("memberNumber")).Order()
            .Should().Equal(Enumerable.Range(1, 12).Select(n => n.ToString("D6")));
    }

    [Fact]
    public async Task a_nik_registered_twice_at_once_is_accepted_once()
    {
        var nik = TestKoperasi.NewNik();
        var replies = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            _kop.Kasir.Post(_kop.Url("members"), new { name = "Kembar", nik })));
        replies.Count(r => r.Status == HttpStatusCode.Created).Should().Be(1);
        replies.Where(r => r.Status != HttpStatusCode.Created).Should()
            .OnlyContain(r => r.Status == HttpStatusCode.Conflict && r.Code == "conflict");
    }

    [Fact]
    public async Task a_back_dated_registration_keeps_its_date_and_deposits_cannot_predate_it()
    {
        var reply = (await _kop.Kasir.Post(_kop.Url("members"), new { name = "Lama", nik = TestKoperasi.NewNik(), businessDate = "2025-01-02" }))
            .ShouldBe(HttpStatusCode.Created);
        var id = reply.Guid("memberId");
        (await _kop.Kasir.Post(_kop.Url($"members/{id}/savings/pokok/deposits"), new { amount = 1000, businessDate = "2025-01-01" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await _kop.Kasir.Post(_kop.Url($"members/{id}/savings/pokok/deposits"), new { amount = 1000, businessDate = "2025-01-02" }))
            .ShouldBe(HttpStatusCode.Created);
        var member = (await _kop.Kasir.Get(_kop.Url($"members/{id}"))).ShouldBe(HttpStatusCode.OK);
        member.String("registeredOn").Should().Be("2025-01-02");
    }
}
