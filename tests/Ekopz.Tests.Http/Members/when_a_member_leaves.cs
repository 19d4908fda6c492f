using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Members;

public class when_a_member_leaves : IAsyncLifetime
{
    private TestKoperasi _kop = null!;

    public async Task InitializeAsync() => _kop = await TestKoperasi.Create(pokok: 100_000m, wajib: 25_000m);
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task every_balance_is_refunded_and_the_member_can_no_longer_save()
    {
        var lastYear = $"{int.Parse(Loans.LoanKit.Today[..4]) - 1}-03-01";
        var member = await _kop.MemberSince(lastYear);
        await _kop.Deposit(member, "wajib", 25_000m, lastYear);
        await _kop.Deposit(member, "sukarela", 400_000m);

        var exit = (await _kop.Pengurus.Post(_kop.Url($"members/{member}/exit"), new { reason = "pindah ke luar kota", channel = "transfer" }))
            .ShouldBe(HttpStatusCode.OK);
        exit.String("status").Should().Be("exited");
        exit.Json["refund"]!["pokok"]!.GetValue<decimal>().Should().Be(100_000m);
        exit.Json["refund"]!["wajib"]!.GetValue<decimal>().Should().Be(25_000m);
        exit.Json["refund"]!["sukarela"]!.GetValue<decimal>().Should().Be(400_000m);
        exit.Decimal("netPaid").Should().Be(525_000m);
        // The only member capital at the start of the year was this member's: it falls to zero.
        exit.Json["warnings"]!.AsArray().Should().ContainSingle().Which!.GetValue<string>().Should().StartWith("own_capital_below_year_start");

        var statement = await _kop.Statement(member);
        statement.Json["balances"]!.ToJsonString().Should().Be("{\"pokok\":0,\"wajib\":0,\"sukarela\":0}");
        statement.Json["lines"]!.AsArray().Where(l => l!["type"]!.GetValue<string>() == "refund").Should().HaveCount(3);

        (await _kop.Kasir.Post(_kop.Url($"members/{member}/savings/sukarela/deposits"), new { amount = 1_000 }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state");
        (await _kop.Kasir.Post(_kop.Url($"members/{member}/savings/sukarela/withdrawals"), new { amount = 1_000 }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state");
        (await _kop.Pengurus.Post(_kop.Url($"members/{member}/exit"), new { reason = "lagi" }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state");
        (await _kop.Pengurus.Get(_kop.Url($"members/{member}"))).String("status").Should().Be("exited");
    }

    [Fact]
    public async Task on_death_the_refund_goes_to_the_heirs()
    {
        var member = await _kop.ActiveMember("Almarhum");
        (await _kop.Pengurus.Post(_kop.Url($"members/{member}/exit"), new { reason = "meninggal dunia", deceased = true }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        var exit = (await _kop.Pengurus.Post(_kop.Url($"members/{member}/exit"), new { reason = "meninggal dunia", deceased = true, paidTo = "Siti (istri)" }))
            .ShouldBe(HttpStatusCode.OK);
        exit.String("status").Should().Be("deceased");
        exit.String("paidTo").Should().Be("Siti (istri)");
        (await _kop.Statement(member)).Json["lines"]!.AsArray().Last()!["type"]!.GetValue<string>().Should().Be("refund_heirs");
    }

    [Fact]
    public async Task no_warning_while_capital_stays_above_the_start_of_the_year()
    {
        var kop = await TestKoperasi.Create();
        var lastYear = $"{int.Parse(Loans.LoanKit.Today[..4]) - 1}-06-01";
        await kop.MemberSince(lastYear, "Lama Satu");
        await kop.MemberSince(lastYear, "Lama Dua");
        var newcomer = await kop.ActiveMember("Baru");
        var newer = await kop.ActiveMember("Baru Dua");
        var exit = (await kop.Pengurus.Post(kop.Url($"members/{newcomer}/exit"), new { reason = "berubah pikiran" })).ShouldBe(HttpStatusCode.OK);
        exit.Json["warnings"]!.AsArray().Should().BeEmpty();
        _ = newer;
    }

    [Fact]
    public async Task only_a_pengurus_ends_a_membership()
    {
        var member = await _kop.ActiveMember();
        (await _kop.Kasir.Post(_kop.Url($"members/{member}/exit"), new { reason = "x" })).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        (await _kop.Pengawas.Post(_kop.Url($"members/{member}/exit"), new { reason = "x" })).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task profile_changes_are_recorded_and_the_nik_stays_unique()
    {
        var member = await _kop.ActiveMember("Nama Lama");
        var other = await _kop.Register("Orang Lain");
        var changed = (await _kop.Kasir.Send(HttpMethod.Patch, _kop.Url($"members/{member}"), "{\"name\":\"Nama Baru\",\"phone\":\"08111222333\"}"))
            .ShouldBe(HttpStatusCode.OK);
        changed.String("name").Should().Be("Nama Baru");
        changed.String("phone").Should().Be("08111222333");
        // The kasir sees NIKs masked (docs/adr/0017); the pengurus reads the other member's whole NIK for the kasir to type.
        (await _kop.Kasir.Get(_kop.Url($"members/{other}"))).String("nik").Should().StartWith("************");
        var otherNik = (await _kop.Pengurus.Get(_kop.Url($"members/{other}"))).String("nik");
        (await _kop.Kasir.Send(HttpMethod.Patch, _kop.Url($"members/{member}"), $"{{\"nik\":\"{otherNik}\"}}"))
            .ShouldBeProblem(HttpStatusCode.Conflict, "conflict");
        (await _kop.Kasir.Send(HttpMethod.Patch, _kop.Url($"members/{member}"), "{}"))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
    }
}
