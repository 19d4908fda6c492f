using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Shu;

/// <summary>
/// The worked example of the domain rules (section 4) comes out of the API exactly, from events posted by
/// the savings, ledger, loan and shop endpoints (see <see cref="DomainExample"/> for how the figures were chosen).
/// </summary>
public class when_the_domain_example_is_shared
{
    [Fact]
    public async Task budi_gets_300_000_and_200_000_jasa_usaha_and_150_000_jasa_modal()
    {
        var ex = await DomainExample.Build();
        var kop = ex.Kop;

        // The year's income statement is the one the example was designed for.
        var phu = (await kop.Pengawas.Get(kop.Url("reports/income-statement?from=2025-01-01&to=2025-12-31"))).ShouldBe(HttpStatusCode.OK);
        phu.Json["member"]!["net"]!.GetValue<decimal>().Should().Be(240_000_000m, "interest 180 + member margin 60 million");
        phu.Json["nonMember"]!["net"]!.GetValue<decimal>().Should().Be(48_000_000m, "public margin 30 + other income 18 million");
        phu.Decimal("shuAfterTax").Should().Be(120_000_000m);
        (await ex.CloseYear()).Decimal("shu").Should().Be(120_000_000m);

        // Simulation: SHU, its two parts, the pools and each member, exactly; the rounding residue is nil because every share divides evenly.
        var sim = (await kop.Pengawas.Post(kop.Url("shu/2025/simulate"), new { buckets = DomainExample.Buckets })).ShouldBe(HttpStatusCode.OK);
        sim.Decimal("shuTotal").Should().Be(120_000_000m);
        sim.Decimal("nonMemberPart").Should().Be(20_000_000m);
        sim.Decimal("memberPart").Should().Be(100_000_000m);
        sim.Decimal("residue").Should().Be(0m);
        sim.String("capitalBasis").Should().Be("year_end");
        var pools = sim.Json["buckets"]!.AsArray().ToDictionary(b => b!["name"]!.GetValue<string>(),
            b => (Amount: b!["amount"]!.GetValue<decimal>(), BasisTotal: b["basisTotal"]!.GetValue<decimal>(), Account: b["accountCode"]?.GetValue<string>()));
        pools["Cadangan"].Should().Be((40_000_000m, 0m, "3-2000"));
        pools["Jasa usaha USP"].Should().Be((15_000_000m, 180_000_000m, null));
        pools["Jasa usaha toko"].Should().Be((10_000_000m, 600_000_000m, null));
        pools["Jasa modal"].Should().Be((15_000_000m, 500_000_000m, null));
        pools["Dana pengurus"].Should().Be((5_000_000m, 0m, "2-1410"));
        pools["Dana karyawan"].Should().Be((5_000_000m, 0m, "2-1420"));
        pools["Dana pendidikan"].Should().Be((5_000_000m, 0m, "2-1430"));
        pools["Dana sosial"].Should().Be((2_500_000m, 0m, "2-1440"));
        pools["Dana pembangunan daerah kerja"].Should().Be((2_500_000m, 0m, "2-1450"));

        var members = sim.Json["members"]!.AsArray().ToDictionary(m => m!["name"]!.GetValue<string>());
        members.Should().HaveCount(5);
        foreach (var name in new[] { "Budi", "Ani", "Citra", "Dedi", "Eka" })
        {
            var (usp, toko, modal) = DomainExample.Expected[name];
            members[name]!["jasaUsaha"]!.GetValue<decimal>().Should().Be(usp + toko, name);
            members[name]!["jasaModal"]!.GetValue<decimal>().Should().Be(modal, name);
            members[name]!["total"]!.GetValue<decimal>().Should().Be(usp + toko + modal, name);
        }
        members["Budi"]!["total"]!.GetValue<decimal>().Should().Be(650_000m);

        // The RAT decides the same; Budi sees, in his own app, how his 650,000 was computed.
        var decided = await ex.Approve();
        decided.Json["members"]!.ToJsonString().Should().Be(sim.Json["members"]!.ToJsonString());
        var budiApp = await kop.MemberLogin(ex.Budi);
        var mine = (await budiApp.Get(kop.Url($"shu/2025/members/{ex.Budi}"))).ShouldBe(HttpStatusCode.OK);
        mine.Json["basis"]!["loan_interest"]!.GetValue<decimal>().Should().Be(3_600_000m);
        mine.Json["basis"]!["purchases"]!.GetValue<decimal>().Should().Be(12_000_000m);
        mine.Json["basis"]!["capital"]!.GetValue<decimal>().Should().Be(5_000_000m);
        var shares = mine.Json["shares"]!.AsArray().ToDictionary(s => s!["bucket"]!.GetValue<string>(),
            s => (Value: s!["memberValue"]!.GetValue<decimal>(), Total: s["basisTotal"]!.GetValue<decimal>(), Pool: s["pool"]!.GetValue<decimal>(),
                Amount: s["amount"]!.GetValue<decimal>()));
        shares["Jasa usaha USP"].Should().Be((3_600_000m, 180_000_000m, 15_000_000m, 300_000m));
        shares["Jasa usaha toko"].Should().Be((12_000_000m, 600_000_000m, 10_000_000m, 200_000m));
        shares["Jasa modal"].Should().Be((5_000_000m, 500_000_000m, 15_000_000m, 150_000m));
        mine.Decimal("jasaUsaha").Should().Be(500_000m);
        mine.Decimal("jasaModal").Should().Be(150_000m);
        mine.Decimal("total").Should().Be(650_000m);
        mine.Decimal("memberPart").Should().Be(100_000_000m);

        // The decision is posted: SHU of 2025 out of "belum dibagi"; cadangan 40 + the non-member 20 million; the funds;
        // 40 million payable to members (15 + 10 + 15 of jasa pools, nothing left over).
        var tb = await BookChecks.TrialBalance(kop, "2026-03-14");
        tb.Of("3-3100").Should().Be(0m);
        (-tb.Of("3-2000")).Should().Be(60_000_000m);
        (-tb.Of("2-1400")).Should().Be(40_000_000m);
        (-tb.Of("2-1410")).Should().Be(5_000_000m);
        (-tb.Of("2-1420")).Should().Be(5_000_000m);
        (-tb.Of("2-1430")).Should().Be(5_000_000m);
        (-tb.Of("2-1440")).Should().Be(2_500_000m);
        (-tb.Of("2-1450")).Should().Be(2_500_000m);
        var journal = (await kop.Pengawas.Get(kop.Url("ledger/journal?from=2026-03-14&to=2026-03-14"))).ShouldBe(HttpStatusCode.OK);
        var entry = journal.Json["entries"]!.AsArray().Single(e => e!["source"]!.GetValue<string>() == "ShuAllocationApproved")!;
        entry["totalDebit"]!.GetValue<decimal>().Should().Be(120_000_000m);
        entry["lines"]!.AsArray().Should().Contain(l => l!["accountCode"]!.GetValue<string>() == "3-3100" && l["debit"]!.GetValue<decimal>() == 120_000_000m);

        var check = (await kop.Pengawas.Get(kop.Url("shu/2025"))).ShouldBe(HttpStatusCode.OK);
        check.Json["recomputedMatchesDecision"]!.GetValue<bool>().Should().BeTrue(check.Text);
        check.Json["differences"]!.AsArray().Should().BeEmpty();
        check.Decimal("amountUnclaimed").Should().Be(40_000_000m);

        await BookChecks.CheckInvariants(kop, ex.Members, "2025-12-31", "2026-03-14");
    }
}
