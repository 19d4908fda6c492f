using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Savings;

/// <summary>A worked month through the API, to the rupiah; and wajib arrears for a past date.</summary>
public class when_interest_and_wajib_are_computed
{
    [Fact]
    public async Task a_month_of_interest_on_daily_balances_with_tax_above_the_threshold()
    {
        var kop = await TestKoperasi.Create();
        // Settings only speak for today onwards (the "lowest" set here does not reach back to October), so a
        // past month is paid at a rate named in the run, on the basis in force then: daily.
        (await kop.Pengurus.Put(kop.Url("settings"), new { sukarelaInterestRate = 4, interestBasis = "lowest" })).ShouldBe(HttpStatusCode.OK);
        var (small, large) = await TwoSaversInOctober2025(kop);

        // October 2025 (31 days, 365-day year) at 6%:
        //  small: 15 days × 10,000,000 + 9 × 15,000,000 + 7 × 13,000,000 = 376,000,000 → × 0.06 ÷ 365 = 61,808.22 → 61,808, no tax
        //  large: 31 × 60,000,000 × 0.06 ÷ 365 = 305,753.42 → 305,753; tax 30,575; net 275,178
        var run = (await kop.Pengurus.Post(kop.Url("savings/interest-runs"), new { month = "2025-10", annualRate = 6 })).ShouldBe(HttpStatusCode.Created);
        run.Decimal("annualRate").Should().Be(6m);
        run.String("basis").Should().Be("daily");
        var lines = run.Json["lines"]!.AsArray().ToDictionary(l => Guid.Parse(l!["memberId"]!.GetValue<string>()));
        lines[small]!["gross"]!.GetValue<decimal>().Should().Be(61_808m);
        lines[small]!["tax"]!.GetValue<decimal>().Should().Be(0m);
        lines[large]!["gross"]!.GetValue<decimal>().Should().Be(305_753m);
        lines[large]!["tax"]!.GetValue<decimal>().Should().Be(30_575m);
        lines[large]!["net"]!.GetValue<decimal>().Should().Be(275_178m);
        run.Decimal("totalNet").Should().Be(61_808m + 275_178m);

        var statement = await kop.Statement(large);
        var interest = statement.Json["lines"]!.AsArray().Where(l => l!["type"]!.GetValue<string>().StartsWith("interest")).ToList();
        interest.Select(l => (l!["type"]!.GetValue<string>(), l["amount"]!.GetValue<decimal>(), l["businessDate"]!.GetValue<string>()))
            .Should().Equal(("interest", 305_753m, "2025-10-31"), ("interest_tax", -30_575m, "2025-10-31"));
        statement.Json["balances"]!["sukarela"]!.GetValue<decimal>().Should().Be(60_000_000m + 275_178m);

        // The same month again: the answer of the first run, nothing credited twice.
        var again = (await kop.Pengurus.Post(kop.Url("savings/interest-runs"), new { month = "2025-10", annualRate = 6 })).ShouldBe(HttpStatusCode.OK);
        again.Json["alreadyRun"]!.GetValue<bool>().Should().BeTrue();
        again.Decimal("totalGross").Should().Be(run.Decimal("totalGross"));
        (await kop.Balance(large, "sukarela")).Should().Be(60_000_000m + 275_178m);
    }

    [Fact]
    public async Task a_month_of_interest_on_the_lowest_balance()
    {
        var kop = await TestKoperasi.Create();
        var (small, large) = await TwoSaversInOctober2025(kop);

        (await kop.Pengurus.Post(kop.Url("savings/interest-runs"), new { month = "2025-10", annualRate = 6, basis = "weekly" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");

        // October 2025 at 6% a year on the month's lowest closing balance, a twelfth of a year:
        //  small: closing balances 10,000,000 (1-15), 15,000,000 (16-24), 13,000,000 (25-31): lowest 10,000,000 → 50,000, no tax
        //  large: 60,000,000 all month → 300,000, above Rp240,000 so 10% of the whole gross: tax 30,000, net 270,000
        var run = (await kop.Pengurus.Post(kop.Url("savings/interest-runs"), new { month = "2025-10", annualRate = 6, basis = "lowest" }))
            .ShouldBe(HttpStatusCode.Created);
        run.String("basis").Should().Be("lowest");
        var lines = run.Json["lines"]!.AsArray().ToDictionary(l => Guid.Parse(l!["memberId"]!.GetValue<string>()));
        lines[small]!["balanceBasis"]!.GetValue<decimal>().Should().Be(10_000_000m);
        lines[small]!["gross"]!.GetValue<decimal>().Should().Be(50_000m);
        lines[small]!["tax"]!.GetValue<decimal>().Should().Be(0m);
        lines[large]!["gross"]!.GetValue<decimal>().Should().Be(300_000m);
        lines[large]!["tax"]!.GetValue<decimal>().Should().Be(30_000m);
        (await kop.Balance(small, "sukarela")).Should().Be(13_000_000m + 50_000m);
        (await kop.Balance(large, "sukarela")).Should().Be(60_000_000m + 270_000m);
        await BookChecks.CheckInvariants(kop, [small, large], "2025-10-31");
    }

    [Fact]
    public async Task the_same_month_run_twice_at_once_credits_once()
    {
        var kop = await TestKoperasi.Create();
        var member = await kop.MemberSince("2025-01-02");
        await kop.Deposit(member, "sukarela", 1_000_000m, "2025-01-02");
        var replies = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
            kop.Pengurus.Post(kop.Url("savings/interest-runs"), new { month = "2025-02", annualRate = 3 })));
        replies.Count(r => r.Status == HttpStatusCode.Created).Should().Be(1);
        replies.Where(r => r.Status != HttpStatusCode.Created).Should().OnlyContain(r => r.Status == HttpStatusCode.OK);
        // 1,000,000 × 28 days × 3% ÷ 365 = 2,301.37 → 2,301
        (await kop.Balance(member, "sukarela")).Should().Be(1_002_301m);
    }

    [Fact]
    public async Task rates_above_the_cap_and_unfinished_months_are_refused()
    {
        var kop = await TestKoperasi.Create();
        (await kop.Pengurus.Put(kop.Url("settings"), new { sukarelaInterestRate = 9.5 })).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await kop.Pengurus.Post(kop.Url("savings/interest-runs"), new { month = "2025-10", annualRate = 12 }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await kop.Pengurus.Post(kop.Url("savings/interest-runs"), new { month = "2025-10" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed"); // no rate set
        var thisMonth = EkopzApp.Today().ToString("yyyy-MM", null) /* the koperasi's month in progress */;
        (await kop.Pengurus.Post(kop.Url("savings/interest-runs"), new { month = thisMonth, annualRate = 3 }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state");
        (await kop.Kasir.Post(kop.Url("savings/interest-runs"), new { month = "2025-10", annualRate = 3 }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task wajib_arrears_as_of_any_date()
    {
        var kop = await TestKoperasi.Create(pokok: 100_000m, wajib: 25_000m);
        var member = await kop.MemberSince("2025-08-15");
        await kop.Deposit(member, "wajib", 25_000m, "2025-08-20");
        await kop.Deposit(member, "wajib", 25_000m, "2025-10-02");
        var punctual = await kop.MemberSince("2025-08-15", "Rajin");
        await kop.Deposit(punctual, "wajib", 100_000m, "2025-08-20");

        var arrears = (await kop.Pengawas.Get(kop.Url($"members/{member}/savings/wajib/arrears?asOf=2025-11-10"))).ShouldBe(HttpStatusCode.OK);
        arrears.Decimal("totalDue").Should().Be(100_000m);
        arrears.Decimal("totalPaid").Should().Be(50_000m);
        arrears.Json["monthsInArrears"]!.GetValue<int>().Should().Be(1);
        arrears.Decimal("arrearsAmount").Should().Be(25_000m);
        arrears.Json["unpaidMonths"]!.AsArray().Select(m => m!.GetValue<string>()).Should().Equal("2025-10", "2025-11");

        var earlier = (await kop.Pengawas.Get(kop.Url($"members/{member}/savings/wajib/arrears?asOf=2025-09-30"))).ShouldBe(HttpStatusCode.OK);
        earlier.Json["monthsInArrears"]!.GetValue<int>().Should().Be(0, "September is the current month on the 30th");

        var list = (await kop.Pengurus.Get(kop.Url("savings/wajib/arrears?asOf=2025-11-10"))).ShouldBe(HttpStatusCode.OK);
        list.Json.AsArray().Select(m => Guid.Parse(m!["memberId"]!.GetValue<string>())).Should().Equal(member);
    }

    /// <summary>
    /// Two savers for October 2025: "small" closes the days at 10,000,000 (1-15), 15,000,000 (16-24) and
    /// 13,000,000 (25-31) after a withdrawal; "large" holds 60,000,000 all month.
    /// </summary>
    private static async Task<(Guid Small, Guid Large)> TwoSaversInOctober2025(TestKoperasi kop)
    {
        var small = await kop.MemberSince("2025-09-01", "Saldo Kecil");
        var large = await kop.MemberSince("2025-09-01", "Saldo Besar");
        await kop.Deposit(small, "sukarela", 10_000_000m, "2025-09-30");
        await kop.Deposit(small, "sukarela", 5_000_000m, "2025-10-16");
        var w = (await kop.Kasir.Post(kop.Url($"members/{small}/savings/sukarela/withdrawals"), new { amount = 2_000_000, businessDate = "2025-10-25" }))
            .ShouldBe(HttpStatusCode.Accepted).Guid("withdrawalId");
        (await kop.Pengurus.Post(kop.Url($"withdrawals/{w}/approve"), new { businessDate = "2025-10-25" })).ShouldBe(HttpStatusCode.OK);
        await kop.Deposit(large, "sukarela", 60_000_000m, "2025-09-15");
        return (small, large);
    }
}
