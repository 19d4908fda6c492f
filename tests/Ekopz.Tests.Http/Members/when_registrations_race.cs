using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Members;

/// <summary>
/// Registrations start a stream and bump the member number without a row to lock: racing ones collide at commit and
/// Wolverine.HTTP's chain is run again by <c>ConflictRetry</c> (docs/adr/0037). Nothing is lost, nothing is doubled.
/// </summary>
public class when_registrations_race
{
    [Fact]
    public async Task many_registrations_at_once_each_get_their_own_number_and_none_is_lost()
    {
        var kop = await TestKoperasi.Create();
        var niks = Enumerable.Range(0, 20).Select(_ => TestKoperasi.NewNik()).ToList();
        var replies = await Task.WhenAll(niks.Select((nik, i) =>
            kop.Kasir.Post(kop.Url("members"), new { name = $"Anggota {i}", nik }, idempotencyKey: $"reg-{nik}")));

        replies.Should().OnlyContain(r => r.Status == HttpStatusCode.Created);
        replies.Select(r => r.String("memberNumber")).Order().Should().Equal(Enumerable.Range(1, 20).Select(n => n.ToString("D6")));
        replies.Select(r => r.Guid("memberId")).Distinct().Should().HaveCount(20);
        CountMembers((await kop.Pengurus.Get(kop.Url("members?pageSize=100"))).ShouldBe(HttpStatusCode.OK)).Should().Be(20);
    }

    [Fact]
    public async Task a_burst_of_two_hundred_registrations_in_one_koperasi_all_succeed_with_numbers_one_to_two_hundred()
    {
        // The load harness's seeding (1,600 at once) once answered one of them 409 "This already exists": the member-number
        // race outran the retries. Registrations now queue on the koperasi's member-number lock (docs/adr/0043).
        var kop = await TestKoperasi.Create();
        var niks = Enumerable.Range(0, 200).Select(_ => TestKoperasi.NewNik()).ToList();
        var replies = await Task.WhenAll(niks.Select((nik, i) => kop.Kasir.Post(kop.Url("members"), new { name = $"Anggota {i}", nik })));

        replies.Where(r => r.Status != HttpStatusCode.Created).Select(r => $"{(int)r.Status} {r.Text}").Should().BeEmpty();
        replies.Select(r => r.String("memberNumber")).Order().Should().Equal(Enumerable.Range(1, 200).Select(n => n.ToString("D6")));
        replies.Select(r => r.Guid("memberId")).Distinct().Should().HaveCount(200);
        CountMembers((await kop.Pengurus.Get(kop.Url("members?pageSize=10"))).ShouldBe(HttpStatusCode.OK)).Should().Be(200);
    }

    [Fact]
    public async Task the_same_registration_sent_many_times_at_once_with_one_key_registers_one_member()
    {
        var kop = await TestKoperasi.Create();
        var nik = TestKoperasi.NewNik();
        var replies = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            kop.Kasir.Post(kop.Url("members"), new { name = "Kembar Satu Kunci", nik }, idempotencyKey: "one-key")));

        replies.Should().OnlyContain(r => r.Status == HttpStatusCode.Created);
        replies.Select(r => r.Guid("memberId")).Distinct().Should().HaveCount(1);
        replies.Select(r => r.String("memberNumber")).Distinct().Should().Equal("000001");
        replies.Count(r => r.Headers.ContainsKey("Idempotent-Replayed")).Should().Be(9);
        CountMembers((await kop.Pengurus.Get(kop.Url("members?pageSize=100"))).ShouldBe(HttpStatusCode.OK)).Should().Be(1);

        // The next registration takes the next number: the losers' attempts left no gap.
        (await kop.Kasir.Post(kop.Url("members"), new { name = "Berikutnya", nik = TestKoperasi.NewNik() }))
            .ShouldBe(HttpStatusCode.Created).String("memberNumber").Should().Be("000002");
    }

    [Fact]
    public async Task profile_corrections_racing_deposits_of_the_same_member_all_land()
    {
        var kop = await TestKoperasi.Create();
        var id = (await kop.Kasir.Post(kop.Url("members"), new { name = "Sibuk", nik = TestKoperasi.NewNik() }))
            .ShouldBe(HttpStatusCode.Created).Guid("memberId");
        var work = Enumerable.Range(0, 12).Select(i => i % 2 == 0
            ? kop.Kasir.Send(HttpMethod.Patch, kop.Url($"members/{id}"), $"{{\"phone\":\"0812000000{i:D2}\"}}")
            : kop.Kasir.Post(kop.Url($"members/{id}/savings/pokok/deposits"), new { amount = 1_000 }));
        var replies = await Task.WhenAll(work);
        replies.Should().OnlyContain(r => r.Status == HttpStatusCode.OK || r.Status == HttpStatusCode.Created);
        var member = (await kop.Pengurus.Get(kop.Url($"members/{id}"))).ShouldBe(HttpStatusCode.OK);
        member.Json["balances"]!["pokok"]!.GetValue<decimal>().Should().Be(6_000m);
    }

    private static long CountMembers(Reply list) => list.Json["total"]!.GetValue<long>();
}
