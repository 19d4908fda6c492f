using System.Net;
using Ekopz.Tests.Http.Loans;
using Ekopz.Tests.Http.Shop;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Shu;

/// <summary>
/// SHU end to end, from events posted through the earlier issues' endpoints: savings (capital), loans
/// (interest members paid) and the shop (purchases), a closed 2025, then simulate, the RAT decision,
/// distribution, and each member's view.
/// </summary>
public class when_the_year_surplus_is_shared
{
    private static readonly object[] Buckets =
    [
        new { name = "Cadangan", percent = 40, kind = "reserve" },
        new { name = "Jasa usaha USP", percent = 20, kind = "jasa_usaha", basis = "loan_interest" },
        new { name = "Jasa usaha toko", percent = 10, kind = "jasa_usaha", basis = "purchases" },
        new { name = "Jasa modal", percent = 15, kind = "jasa_modal" },
        new { name = "Dana pengurus", percent = 5, kind = "fund" },
        new { name = "Dana pendidikan", percent = 5, kind = "fund" },
        new { name = "Dana sosial", percent = 5, kind = "fund" },
    ];

    [Fact]
    public async Task simulate_decide_distribute_and_show_each_member_how()
    {
        var kop = await TestKoperasi.Create(pokok: 100_000m, wajib: 25_000m);
        var ani = await kop.MemberSince("2025-01-02", "Ani");
        var budi = await kop.MemberSince("2025-01-02", "Budi");
        var citra = await kop.MemberSince("2025-01-02", "Citra");
        await kop.Deposit(ani, "wajib", 300_000m, "2025-01-03");
        await kop.Deposit(budi, "wajib", 100_000m, "2025-01-03");
        // A grant gives the koperasi own capital to lend against (the lending limit is a share of it).
        await kop.Capital(200_000_000m, "2025-01-02");

        var aniInterest = await LoanWithPayments(kop, ani, 12_000_000m, 3);
        var budiInterest = await LoanWithPayments(kop, budi, 6_000_000m, 2);
        aniInterest.Should().Be(3 * 180_000m, "flat 18% on 12,000,000 is 180,000 interest a month");
        budiInterest.Should().Be(2 * 90_000m);

        // The shop: Ani and Citra buy at member prices, a walk-in customer at the public price.
        var beras = await kop.Product("BRS-5", 60_000m, 65_000m);
        await kop.Receive("2025-05-02", beras, 100m, 50_000m);
        var aniBought = (await kop.CounterSale("2025-05-05", ani, (beras, 3m))).Decimal("total");
        var citraBought = (await kop.CounterSale("2025-05-06", citra, (beras, 1m))).Decimal("total");
        await kop.CounterSale("2025-05-07", null, (beras, 10m));
        aniBought.Should().Be(180_000m);
        citraBought.Should().Be(60_000m);

        for (var m = 1; m <= 12; m++) (await kop.Pengurus.Post(kop.Url($"periods/2025-{m:D2}/close"))).ShouldBe(HttpStatusCode.OK);
        var year = (await kop.Pengurus.Post(kop.Url("years/2025/close"))).ShouldBe(HttpStatusCode.OK);
        var shu = year.Decimal("shu");
        shu.Should().BeGreaterThan(0);

        // Simulation: nothing is written; member figures follow SHU_a = Σ pool × V_a / V_total, rounded down.
        (await kop.Pengurus.Post(kop.Url("shu/2025/simulate"), new { buckets = Buckets.Take(6).ToArray() }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        var sim = (await kop.Pengawas.Post(kop.Url("shu/2025/simulate"), new { buckets = Buckets })).ShouldBe(HttpStatusCode.OK);
        sim.Decimal("shuTotal").Should().Be(shu);
        (sim.Decimal("memberPart") + sim.Decimal("nonMemberPart")).Should().Be(shu);
        sim.Decimal("nonMemberPart").Should().BeGreaterThan(0, "there were sales to a non-member");
        var pools = sim.Json["buckets"]!.AsArray().ToDictionary(b => b!["name"]!.GetValue<string>(), b => b!["amount"]!.GetValue<decimal>());
        pools.Values.Sum().Should().BeLessThanOrEqualTo(sim.Decimal("memberPart"));
        var members = sim.Json["members"]!.AsArray().ToDictionary(m => Guid.Parse(m!["memberId"]!.GetValue<string>()));
        var totalInterest = aniInterest + budiInterest;
        members[ani]!["jasaUsaha"]!.GetValue<decimal>().Should().Be(
            Math.Floor(pools["Jasa usaha USP"] * aniInterest / totalInterest) + Math.Floor(pools["Jasa usaha toko"] * aniBought / (aniBought + citraBought)));
        var capital = new Dictionary<Guid, decimal> { [ani] = 400_000m, [budi] = 200_000m, [citra] = 100_000m };
        members[budi]!["jasaModal"]!.GetValue<decimal>().Should().Be(Math.Floor(pools["Jasa modal"] * 200_000m / capital.Values.Sum()));
        var jasaPools = pools["Jasa usaha USP"] + pools["Jasa usaha toko"] + pools["Jasa modal"];
        (members.Values.Sum(m => m!["total"]!.GetValue<decimal>()) + sim.Decimal("residue") - (sim.Decimal("memberPart") - pools.Values.Sum()))
            .Should().Be(jasaPools, "members plus the rounding residue equal the pools, exactly");
        (await kop.Pengawas.Get(kop.Url("shu/2025"))).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");

        // The RAT decides: the allocation is posted.
        (await kop.Pengawas.Post(kop.Url("shu/2025/approve"), new { buckets = Buckets, businessDate = "2026-03-14" }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        var decided = (await kop.Pengurus.Post(kop.Url("shu/2025/approve"), new { buckets = Buckets, businessDate = "2026-03-14" })).ShouldBe(HttpStatusCode.OK);
        decided.Json["members"]!.ToJsonString().Should().Be(sim.Json["members"]!.ToJsonString());
        (await kop.Pengurus.Post(kop.Url("shu/2025/approve"), new { buckets = Buckets, businessDate = "2026-03-14" }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state");
        var tb = await BookChecks.TrialBalance(kop, "2026-03-14");
        tb.Of("3-3100").Should().Be(0m, "the whole SHU of 2025 was allocated");
        (-tb.Of("2-1400")).Should().Be(members.Values.Sum(m => m!["total"]!.GetValue<decimal>()));
        (-tb.Of("2-1410")).Should().Be(pools["Dana pengurus"]);
        (-tb.Of("3-2000")).Should().Be(pools["Cadangan"] + sim.Decimal("nonMemberPart") + sim.Decimal("residue"));

        // Each member sees how their SHU was computed; nobody else's.
        var aniApp = await kop.MemberLogin(ani);
        var mine = (await aniApp.Get(kop.Url($"shu/2025/members/{ani}"))).ShouldBe(HttpStatusCode.OK);
        mine.Json["basis"]!["loan_interest"]!.GetValue<decimal>().Should().Be(aniInterest);
        mine.Json["basis"]!["purchases"]!.GetValue<decimal>().Should().Be(aniBought);
        mine.Json["basis"]!["capital"]!.GetValue<decimal>().Should().Be(400_000m);
        mine.Json["basisTotals"]!["Jasa usaha USP"]!.GetValue<decimal>().Should().Be(totalInterest);
        mine.Decimal("total").Should().Be(members[ani]!["total"]!.GetValue<decimal>());
        (await aniApp.Get(kop.Url($"shu/2025/members/{budi}"))).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
        var csv = (await kop.Pengawas.Send(HttpMethod.Get, kop.Url("shu/2025/members"), null, accept: "text/csv")).ShouldBe(HttpStatusCode.OK);
        csv.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(1 + members.Count);

        // Distribution: Citra collects in cash; the rest is credited to sukarela; each once.
        (await kop.Kasir.Post(kop.Url("shu/2025/distribute"), new { method = "cash", memberIds = new[] { citra }, businessDate = "2026-03-20" }))
            .ShouldBe(HttpStatusCode.OK);
        (await kop.Kasir.Post(kop.Url("shu/2025/distribute"), new { method = "cash", memberIds = new[] { citra }, businessDate = "2026-03-20" }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state");
        var aniBefore = await kop.Balance(ani, "sukarela");
        (await kop.Kasir.Post(kop.Url("shu/2025/distribute"), new { method = "sukarela", businessDate = "2026-03-21" })).ShouldBe(HttpStatusCode.OK)
            .String("status").Should().Be("distributed");
        (await kop.Balance(ani, "sukarela")).Should().Be(aniBefore + members[ani]!["total"]!.GetValue<decimal>());
        (await kop.Statement(ani)).Json["lines"]!.AsArray().Should().Contain(l => l!["type"]!.GetValue<string>() == "shu");
        (-(await BookChecks.TrialBalance(kop, "2026-03-31")).Of("2-1400")).Should().Be(0m);

        // Reproducible: a correction dated in 2026 does not change 2025.
        await kop.Adjust("2026-04-01", "Koreksi pendapatan", ("1-1000", 1_000m, 0m), ("4-9000", 0m, 1_000m));
        var again = (await kop.Pengawas.Get(kop.Url("shu/2025"))).ShouldBe(HttpStatusCode.OK);
        again.Json["recomputedMatchesDecision"]!.GetValue<bool>().Should().BeTrue(again.Text);
        again.Decimal("amountUnclaimed").Should().Be(0m);

        await BookChecks.CheckInvariants(kop, [ani, budi, citra], "2025-12-31", "2026-03-31");
    }

    [Fact]
    public async Task the_year_must_be_closed_first()
    {
        var kop = await TestKoperasi.Create();
        (await kop.Pengawas.Post(kop.Url("shu/2025/simulate"), new { buckets = Buckets })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state");
        (await kop.Pengurus.Post(kop.Url("shu/2025/approve"), new { buckets = Buckets })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state");
        (await kop.Kasir.Post(kop.Url("shu/2025/distribute"), new { method = "cash" })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state");
    }

    [Fact]
    public async Task bad_buckets_are_refused_naming_the_field_at_fault()
    {
        // Bad buckets are bad input whatever the state of the year: 400 with the field, before the year is even looked at.
        var kop = await TestKoperasi.Create();
        async Task Refused(string field, string says, params object[] buckets)
        {
            foreach (var (user, action) in new[] { (kop.Pengawas, "simulate"), (kop.Pengurus, "approve") })
            {
                var problem = (await user.Post(kop.Url($"shu/2025/{action}"), new { buckets })).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
                var errors = problem.Json["errors"]!.AsObject();
                errors.Select(e => e.Key).Should().Contain(field, problem.Text);
                errors[field]!.AsArray().Select(m => m!.GetValue<string>()).Should().Contain(m => m.Contains(says), problem.Text);
            }
        }

        var reserve = new { name = "Cadangan", percent = 40m, kind = "reserve" };
        var modal = new { name = "Jasa modal", percent = 60m, kind = "jasa_modal" };
        await Refused("buckets", "sum to 95%", reserve, new { name = "Jasa modal", percent = 55m, kind = "jasa_modal" });
        await Refused("buckets", "sum to 100.5%", reserve, new { name = "Jasa modal", percent = 60.5m, kind = "jasa_modal" });
        await Refused("buckets[1].kind", "reserve, jasa_usaha, jasa_modal or fund", reserve, new { name = "Bonus", percent = 60m, kind = "bonus" });
        await Refused("buckets[1].basis", "'loan_interest' or 'purchases'", reserve, new { name = "Jasa usaha", percent = 60m, kind = "jasa_usaha" });
        await Refused("buckets[1].basis", "'loan_interest' or 'purchases'", reserve, new { name = "Jasa usaha", percent = 60m, kind = "jasa_usaha", basis = "capital" });
        await Refused("buckets[0].basis", "take no basis", new { name = "Cadangan", percent = 40m, kind = "reserve", basis = "purchases" }, modal);
        // A negative bucket is refused even where the percents still add up to 100.
        await Refused("buckets[2].percent", "above 0", reserve, new { name = "Jasa modal", percent = 70m, kind = "jasa_modal" },
            new { name = "Dana sosial", percent = -10m, kind = "fund" });
        await Refused("buckets", "must be different", reserve, new { name = " cadangan ", percent = 60m, kind = "reserve" });
        await Refused("buckets[1].name", "has a name", reserve, new { name = "", percent = 60m, kind = "jasa_modal" });
        await Refused("buckets", "Name the buckets");
    }

    /// <summary>A flat 18% loan over 12 months disbursed on 10 January 2025, with its first installments paid on time; returns the interest paid.</summary>
    private static async Task<decimal> LoanWithPayments(TestKoperasi kop, Guid member, decimal principal, int installments)
    {
        var loan = await kop.ActiveLoan(member, "2025-01-10", principal);
        decimal interest = 0;
        for (var i = 1; i <= installments; i++)
            interest += (await kop.Pay(loan, principal / 12 + principal * 0.015m, $"2025-{1 + i:D2}-10")).Json["allocation"]!["interest"]!.GetValue<decimal>();
        return interest;
    }
}
