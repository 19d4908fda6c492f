using System.Net;
using Ekopz.Tests.Http.Shop;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Shu;

/// <summary>
/// Jasa modal on pokok + wajib at year end (the default) or on the year's average daily balance (the koperasi
/// setting <c>jasaModalBasis</c>, in force on the day of the RAT), and the RAT's member list as JSON.
/// </summary>
public class when_jasa_modal_follows_the_average_balance
{
    private static readonly object[] Buckets =
    [
        new { name = "Cadangan", percent = 50m, kind = "reserve" },
        new { name = "Jasa modal", percent = 50m, kind = "jasa_modal" },
    ];

    [Fact]
    public async Task the_member_list_shows_each_members_average_capital_and_share()
    {
        var kop = await TestKoperasi.Create(pokok: 100_000m, wajib: 25_000m);

        // Capital over 2025 (365 days), worked by hand:
        //  Ani   pokok 100,000 all year + wajib 365,000 from 2 July (183 days): average 100,000 + 365,000 × 183/365 = 283,000; year end 465,000.
        //  Budi  pokok 100,000 from 8 August (146 days):                         average 100,000 × 146/365 = 40,000;            year end 100,000.
        //  Citra pokok 100,000 all year + wajib 730,000 on 31 December (1 day):  average 100,000 + 730,000 / 365 = 102,000;      year end 830,000.
        // Totals: average 425,000; year end 1,395,000.
        var ani = await kop.MemberSince("2025-01-01", "Ani");
        var budi = await kop.MemberSince("2025-08-08", "Budi");
        var citra = await kop.MemberSince("2025-01-01", "Citra");
        await kop.Deposit(ani, "wajib", 365_000m, "2025-07-02");
        await kop.Deposit(citra, "wajib", 730_000m, "2025-12-31");

        // SHU 1,700,000, all of it member business: Ani buys 10 units at the member price 200,000 that cost 30,000 each.
        var pupuk = await kop.Product("PPK-1", 200_000m, 220_000m);
        await kop.Receive("2025-03-03", pupuk, 10m, 30_000m);
        await kop.CounterSale("2025-03-04", ani, (pupuk, 10m));
        for (var m = 1; m <= 12; m++) (await kop.Pengurus.Post(kop.Url($"periods/2025-{m:D2}/close"))).ShouldBe(HttpStatusCode.OK);
        (await kop.Pengurus.Post(kop.Url("years/2025/close"))).ShouldBe(HttpStatusCode.OK).Decimal("shu").Should().Be(1_700_000m);

        // At year end (the default), the jasa modal pool of 850,000 shares by 465 : 100 : 830 and rounds down:
        // Ani 283,333.33 → 283,333; Budi 60,931.89 → 60,931; Citra 505,734.77 → 505,734; residue 2.
        var yearEnd = (await kop.Pengawas.Post(kop.Url("shu/2025/simulate"), new { buckets = Buckets })).ShouldBe(HttpStatusCode.OK);
        yearEnd.String("capitalBasis").Should().Be("year_end");
        JasaModal(yearEnd).Should().Equal(new Dictionary<string, decimal> { ["Ani"] = 283_333m, ["Budi"] = 60_931m, ["Citra"] = 505_734m });
        yearEnd.Decimal("residue").Should().Be(2m);

        // The bylaws change to the average balance, from today on; the RAT meets today and applies them: 850,000 ÷ 425,000 = 2
        // rupiah per rupiah of average capital: Ani 566,000, Budi 80,000, Citra 204,000, nothing left over.
        (await kop.Pengurus.Put(kop.Url("settings"), new { jasaModalBasis = "average" })).ShouldBe(HttpStatusCode.OK);
        var average = (await kop.Pengawas.Post(kop.Url("shu/2025/simulate"), new { buckets = Buckets })).ShouldBe(HttpStatusCode.OK);
        average.String("capitalBasis").Should().Be("average");
        JasaModal(average).Should().Equal(new Dictionary<string, decimal> { ["Ani"] = 566_000m, ["Budi"] = 80_000m, ["Citra"] = 204_000m });
        average.Decimal("residue").Should().Be(0m);

        // A bad decision is refused and decides nothing; the good one is taken (dated today: later than 30 June, so a warning).
        (await kop.Pengurus.Post(kop.Url("shu/2025/approve"), new { buckets = Buckets.Take(1).ToArray() }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await kop.Pengawas.Get(kop.Url("shu/2025"))).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
        var decided = (await kop.Pengurus.Post(kop.Url("shu/2025/approve"), new { buckets = Buckets })).ShouldBe(HttpStatusCode.OK);
        decided.String("capitalBasis").Should().Be("average");
        decided.Json["warnings"]!.AsArray().Should().ContainSingle(w => w!.GetValue<string>().StartsWith("rat_late:"));

        // The RAT's list, as JSON: each member's average capital, the total it is measured against, the pool and the share.
        var list = (await kop.Pengawas.Get(kop.Url("shu/2025/members"))).ShouldBe(HttpStatusCode.OK).Json.AsArray();
        list.Select(m => m!["name"]!.GetValue<string>()).Should().Equal("Ani", "Budi", "Citra");
        foreach (var (name, capital, share) in new[] { ("Ani", 283_000m, 566_000m), ("Budi", 40_000m, 80_000m), ("Citra", 102_000m, 204_000m) })
        {
            var m = list.Single(x => x!["name"]!.GetValue<string>() == name)!;
            m["year"]!.GetValue<int>().Should().Be(2025);
            m["basis"]!["capital"]!.GetValue<decimal>().Should().Be(capital, name);
            m["basisTotals"]!["Jasa modal"]!.GetValue<decimal>().Should().Be(425_000m);
            var s = m["shares"]!.AsArray().Single()!;
            s["bucket"]!.GetValue<string>().Should().Be("Jasa modal");
            s["memberValue"]!.GetValue<decimal>().Should().Be(capital);
            s["pool"]!.GetValue<decimal>().Should().Be(850_000m);
            s["amount"]!.GetValue<decimal>().Should().Be(share);
            m["jasaUsaha"]!.GetValue<decimal>().Should().Be(0m);
            m["jasaModal"]!.GetValue<decimal>().Should().Be(share);
            m["total"]!.GetValue<decimal>().Should().Be(share);
            m["payment"].Should().BeNull();
            m["memberPart"]!.GetValue<decimal>().Should().Be(1_700_000m);
            m["pools"]!.AsArray().Select(p => p!["amount"]!.GetValue<decimal>()).Should().Equal(850_000m, 850_000m);
        }
        list.Single(x => x!["name"]!.GetValue<string>() == "Budi")!["memberId"]!.GetValue<Guid>().Should().Be(budi);

        // The check recomputes the average from the events and agrees.
        var check = (await kop.Pengawas.Get(kop.Url("shu/2025"))).ShouldBe(HttpStatusCode.OK);
        check.Json["recomputedMatchesDecision"]!.GetValue<bool>().Should().BeTrue(check.Text);
        check.Json["decision"]!["capitalBasis"]!.GetValue<string>().Should().Be("average");
    }

    private static Dictionary<string, decimal> JasaModal(Reply simulation) =>
        simulation.Json["members"]!.AsArray().ToDictionary(m => m!["name"]!.GetValue<string>(), m => m!["jasaModal"]!.GetValue<decimal>());
}
