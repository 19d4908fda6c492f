using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Shu;

/// <summary>
/// Paying the members their SHU, some at a time: what nobody collected stays in utang SHU anggota (2-1400),
/// and a member who has left is paid in cash only (docs/adr/0012).
/// </summary>
public class when_shu_is_paid_out
{
    [Fact]
    public async Task unclaimed_shu_stays_payable_and_a_member_who_left_is_paid_only_in_cash()
    {
        var ex = await DomainExample.Build();
        var kop = ex.Kop;
        await ex.CloseYear();
        await ex.Approve();

        // Eka leaves after the year ended: she still shares 2025 (a member all year), but has no savings to credit any more.
        (await kop.Pengurus.Post(kop.Url($"members/{ex.Eka}/exit"), new { reason = "Pindah ke luar kota", businessDate = "2026-03-16" }))
            .ShouldBe(HttpStatusCode.OK);

        // Budi collects in cash and Ani has hers credited to sukarela; Eka cannot be credited: refused, and nothing changes.
        (await kop.Kasir.Post(kop.Url("shu/2025/distribute"), new { method = "cash", memberIds = new[] { ex.Budi }, businessDate = "2026-03-20" }))
            .ShouldBe(HttpStatusCode.OK);
        var payableBefore = (await BookChecks.TrialBalance(kop, "2026-03-20")).Of("2-1400");
        var refused = (await kop.Kasir.Post(kop.Url("shu/2025/distribute"), new { method = "sukarela", memberIds = new[] { ex.Eka }, businessDate = "2026-03-20" }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state");
        refused.String("detail").Should().Contain("has left").And.Contain("cash");
        (await BookChecks.TrialBalance(kop, "2026-03-20")).Of("2-1400").Should().Be(payableBefore);
        (await kop.Kasir.Post(kop.Url("shu/2025/distribute"), new { method = "sukarela", memberIds = new[] { ex.Ani }, businessDate = "2026-03-20" }))
            .ShouldBe(HttpStatusCode.OK).String("status").Should().Be("partly_distributed");
        (await kop.Balance(ex.Ani, "sukarela")).Should().Be(DomainExample.TotalOf("Ani"));

        // What Citra, Dedi and Eka have not collected is still owed: 2-1400 equals their totals, and the year says so.
        var unclaimed = DomainExample.TotalOf("Citra") + DomainExample.TotalOf("Dedi") + DomainExample.TotalOf("Eka");
        unclaimed.Should().Be(29_575_000m);
        (-(await BookChecks.TrialBalance(kop, "2026-03-20")).Of("2-1400")).Should().Be(unclaimed);
        var year = (await kop.Pengawas.Get(kop.Url("shu/2025"))).ShouldBe(HttpStatusCode.OK);
        year.Json["decision"]!["status"]!.GetValue<string>().Should().Be("partly_distributed");
        year.Json["membersPaid"]!.GetValue<int>().Should().Be(2);
        year.Decimal("amountPaid").Should().Be(650_000m + DomainExample.TotalOf("Ani"));
        year.Decimal("amountUnclaimed").Should().Be(unclaimed);

        // The RAT list says who was paid and how.
        var list = (await kop.Pengawas.Get(kop.Url("shu/2025/members"))).ShouldBe(HttpStatusCode.OK).Json.AsArray()
            .ToDictionary(m => m!["name"]!.GetValue<string>());
        list["Budi"]!["payment"]!["method"]!.GetValue<string>().Should().Be("cash");
        list["Ani"]!["payment"]!["method"]!.GetValue<string>().Should().Be("sukarela");
        list["Ani"]!["payment"]!["businessDate"]!.GetValue<string>().Should().Be("2026-03-20");
        foreach (var name in new[] { "Citra", "Dedi", "Eka" }) list[name]!["payment"].Should().BeNull(name);
        list.Values.Where(m => m!["payment"] is null).Sum(m => m!["total"]!.GetValue<decimal>()).Should().Be(unclaimed);

        // Crediting everyone left: Citra and Dedi get sukarela; Eka is passed over with a warning, her SHU still payable.
        var rest = (await kop.Kasir.Post(kop.Url("shu/2025/distribute"), new { method = "sukarela", businessDate = "2026-03-21" })).ShouldBe(HttpStatusCode.OK);
        rest.String("status").Should().Be("partly_distributed");
        rest.Json["warnings"]!.AsArray().Select(w => w!.GetValue<string>()).Should().ContainSingle().Which.Should().StartWith("member_left:");
        (await kop.Balance(ex.Citra, "sukarela")).Should().Be(DomainExample.TotalOf("Citra"));
        (-(await BookChecks.TrialBalance(kop, "2026-03-21")).Of("2-1400")).Should().Be(DomainExample.TotalOf("Eka"));
        (await kop.Pengawas.Get(kop.Url("shu/2025"))).ShouldBe(HttpStatusCode.OK).Decimal("amountUnclaimed").Should().Be(DomainExample.TotalOf("Eka"));

        // Eka collects in cash: the year is fully distributed and nothing is payable any more.
        (await kop.Kasir.Post(kop.Url("shu/2025/distribute"), new { method = "cash", memberIds = new[] { ex.Eka }, businessDate = "2026-03-23" }))
            .ShouldBe(HttpStatusCode.OK).String("status").Should().Be("distributed");
        (await BookChecks.TrialBalance(kop, "2026-03-31")).Of("2-1400").Should().Be(0m);
        var done = (await kop.Pengawas.Get(kop.Url("shu/2025"))).ShouldBe(HttpStatusCode.OK);
        done.Decimal("amountUnclaimed").Should().Be(0m);
        done.Json["recomputedMatchesDecision"]!.GetValue<bool>().Should().BeTrue(done.Text);

        await BookChecks.CheckInvariants(kop, ex.Members, "2026-03-20", "2026-03-31");
    }
}
