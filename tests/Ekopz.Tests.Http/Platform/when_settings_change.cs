using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Platform;

public class when_settings_change
{
    [Fact]
    public async Task a_new_pokok_amount_applies_from_its_date_and_the_history_is_kept()
    {
        var kop = await TestKoperasi.Create(pokok: 100_000m);
        var today = (await kop.Pengurus.Get(kop.Url("settings"))).ShouldBe(HttpStatusCode.OK).String("asOf");
        var from = NodaTime.Text.LocalDatePattern.Iso.Parse(today).Value.PlusDays(10);
        var changed = (await kop.Pengurus.Put(kop.Url("settings"), new { pokokAmount = 150_000, effectiveFrom = from.ToString("yyyy-MM-dd", null) }))
            .ShouldBe(HttpStatusCode.OK);
        changed.Json["history"]!.AsArray().Should().HaveCount(2);

        (await kop.Pengurus.Get(kop.Url("settings"))).Decimal("pokokAmount").Should().Be(100_000m);
        (await kop.Pengurus.Get(kop.Url($"settings?asOf={from:yyyy-MM-dd}"))).Decimal("pokokAmount").Should().Be(150_000m);

        // Today's applicant still pays today's pokok.
        var member = await kop.Register();
        (await kop.Kasir.Post(kop.Url($"members/{member}/savings/pokok/deposits"), new { amount = 100_000 }))
            .ShouldBe(HttpStatusCode.Created).String("memberStatus").Should().Be("active");
    }

    [Fact]
    public async Task a_change_cannot_reach_into_the_past()
    {
        var kop = await TestKoperasi.Create();
        (await kop.Pengurus.Put(kop.Url("settings"), new { pokokAmount = 1, effectiveFrom = "2020-01-01" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
    }
}
