using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Shu;

/// <summary>The year close needs all twelve months closed; refused, it names what is open and changes nothing.</summary>
public class when_the_year_is_closed_too_early
{
    [Fact]
    public async Task eleven_closed_months_and_an_open_december_are_refused_and_change_nothing()
    {
        var kop = await TestKoperasi.Create();
        var ani = await kop.MemberSince("2025-01-02", "Ani");
        await kop.Adjust("2025-06-10", "Sewa aula", ("1-1000", 500_000m, 0m), ("4-9000", 0m, 500_000m));
        for (var m = 1; m <= 11; m++) (await kop.Pengurus.Post(kop.Url($"periods/2025-{m:D2}/close"))).ShouldBe(HttpStatusCode.OK);
        var tbBefore = (await kop.Pengawas.Get(kop.Url("ledger/trial-balance?asOf=2026-01-01"))).ShouldBe(HttpStatusCode.OK).Json["lines"]!.ToJsonString();

        var refused = (await kop.Pengurus.Post(kop.Url("years/2025/close"))).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state");
        refused.String("detail").Should().EndWith("still open: 2025-12.");

        // Nothing moved: no closing entry, revenue still in 4-9000, the year not closed for SHU, December still open.
        (await kop.Pengawas.Get(kop.Url("ledger/trial-balance?asOf=2026-01-01"))).ShouldBe(HttpStatusCode.OK).Json["lines"]!.ToJsonString()
            .Should().Be(tbBefore);
        (await BookChecks.TrialBalance(kop, "2025-12-31")).Of("4-9000").Should().Be(-500_000m);
        (await kop.Pengawas.Get(kop.Url("ledger/journal?from=2025-12-31&to=2026-01-01"))).ShouldBe(HttpStatusCode.OK)
            .Json["entries"]!.AsArray().Should().BeEmpty();
        (await kop.Pengawas.Post(kop.Url("shu/2025/simulate"), new { buckets = new[] { new { name = "Cadangan", percent = 100m, kind = "reserve" } } }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state");
        (await kop.Pengawas.Get(kop.Url("periods/2025-12"))).ShouldBe(HttpStatusCode.OK).String("status").Should().Be("open");

        // December was all that was missing.
        (await kop.Pengurus.Post(kop.Url("periods/2025-12/close"))).ShouldBe(HttpStatusCode.OK);
        (await kop.Pengurus.Post(kop.Url("years/2025/close"))).ShouldBe(HttpStatusCode.OK).Decimal("shu").Should().Be(500_000m);
        await BookChecks.CheckInvariants(kop, [ani], "2025-12-31", "2026-01-01");
    }
}
