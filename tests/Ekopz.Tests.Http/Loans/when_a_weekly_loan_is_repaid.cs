using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Loans;

/// <summary>A weekly loan through its life: paid on time, paid late with penalty after the grace days, falling behind, paid off.</summary>
public class when_a_weekly_loan_is_repaid : IAsyncLifetime
{
    private TestKoperasi _kop = null!;
    private Guid _member;
    private Guid _loan;
    private string _start = null!;

    public async Task InitializeAsync()
    {
        _kop = await TestKoperasi.Create();
        _start = LoanKit.DaysAgo(60);
        await _kop.Capital(100_000_000m, LoanKit.Plus(_start, days: -10));
        _member = await _kop.MemberSince(LoanKit.Plus(_start, days: -10), "Pedagang Pasar");
        // 20.8% a year is 0.4% a week: flat 5,200,000 over 10 weeks is 520,000 principal + 20,800 interest = 540,800 a week.
        var product = (await _kop.Pengurus.Post(_kop.Url("loan-products"), new
        {
            name = "Pinjaman Mingguan Pasar", effectiveFrom = LoanKit.Plus(_start, days: -10),
            terms = new { method = "flat", annualRate = 20.8, frequency = "weekly", penaltyRatePerDay = 0.1, penaltyGraceDays = 2 },
        })).ShouldBe(HttpStatusCode.Created).Guid("productId");
        _loan = await _kop.ActiveLoan(_member, _start, 5_200_000m, 10, productId: product);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private string Due(int k) => LoanKit.Plus(_start, days: 7 * k);

    [Fact]
    public async Task it_is_paid_on_time_then_late_with_penalty_falls_behind_and_is_paid_off_with_the_books_following()
    {
        var disbursed = await _kop.Loan(_loan, _start);
        disbursed.String("frequency").Should().Be("weekly");
        var schedule = disbursed.Json["schedule"]!.AsArray();
        schedule.Should().HaveCount(10);
        schedule.Select(r => r!["dueDate"]!.GetValue<string>()).Should().Equal(Enumerable.Range(1, 10).Select(Due));
        schedule.Should().OnlyContain(r => r!["installment"]!.GetValue<decimal>() == 540_800m && r["interest"]!.GetValue<decimal>() == 20_800m);

        // On time: interest then principal, no penalty.
        foreach (var k in new[] { 1, 2 })
            (await _kop.Pay(_loan, 540_800m, Due(k))).Json["allocation"]!.ToJsonString()
                .Should().Be("{\"penalty\":0,\"interest\":20800,\"principal\":520000}");

        // Late: nothing within the 2 grace days, then 0.1% a day of 540,800 (540.80) from the third day on.
        (await _kop.Loan(_loan, LoanKit.Plus(Due(3), days: 2))).Json["schedule"]![2]!["penaltyAccrued"]!.GetValue<decimal>().Should().Be(0m);
        (await _kop.Loan(_loan, LoanKit.Plus(Due(3), days: 3))).Json["schedule"]![2]!["penaltyAccrued"]!.GetValue<decimal>().Should().Be(541m);
        var late = LoanKit.Plus(Due(3), days: 5);
        var lateView = await _kop.Loan(_loan, late);
        lateView.Json["daysPastDue"]!.GetValue<int>().Should().Be(5);
        lateView.Decimal("dueNow").Should().Be(540_800m + 1_622m); // 3 days × 540.80 = 1,622.40
        (await _kop.Pay(_loan, 542_422m, late)).Json["allocation"]!.ToJsonString()
            .Should().Be("{\"penalty\":1622,\"interest\":20800,\"principal\":520000}");

        // Then nothing more: installment 4 (due 32 days ago) is the oldest unpaid one.
        var due4 = Due(4);
        async Task<(int Dpd, string Kol)> At(string date)
        {
            var v = await _kop.Loan(_loan, date);
            return (v.Json["daysPastDue"]!.GetValue<int>(), v.String("kolektibilitas"));
        }
        (await At(due4)).Should().Be((0, "lancar"));
        (await At(LoanKit.Plus(due4, days: 30))).Should().Be((30, "lancar"));
        (await At(LoanKit.Plus(due4, days: 31))).Should().Be((31, "dalam_perhatian_khusus"));
        var portfolio = (await _kop.Pengawas.Get(_kop.Url($"reports/loan-portfolio?asOf={LoanKit.Plus(due4, days: 31)}"))).ShouldBe(HttpStatusCode.OK);
        portfolio.Json["loanList"]!.AsArray().Should().ContainSingle().Which!["kolektibilitas"]!.GetValue<string>().Should().Be("dalam_perhatian_khusus");

        // The payoff today: principal left, the interest of installments 4..8 (due), each one's penalty; interest of 9 and 10 waived.
        // Penalty days (after 2 grace days, through today): 30, 23, 16, 9, 2 × 540.80, each rounded: 16,224 + 12,438 + 8,653 + 4,867 + 1,082.
        var today = await _kop.Loan(_loan);
        today.Json["daysPastDue"]!.GetValue<int>().Should().Be(32);
        today.Json["schedule"]!.AsArray().Skip(3).Take(5).Select(r => r!["penaltyAccrued"]!.GetValue<decimal>())
            .Should().Equal(16_224m, 12_438m, 8_653m, 4_867m, 1_082m);
        today.Decimal("payoffAmount").Should().Be(3_640_000m + 5 * 20_800m + 43_264m);
        var payoff = (await _kop.Kasir.Post(_kop.Url($"loans/{_loan}/payments"), new { payoff = true })).ShouldBe(HttpStatusCode.Created);
        payoff.Json["allocation"]!.ToJsonString().Should().Be("{\"penalty\":43264,\"interest\":104000,\"principal\":3640000}");
        payoff.Decimal("interestWaived").Should().Be(2 * 20_800m);
        payoff.String("status").Should().Be("paid_off");

        var tb = await BookChecks.TrialBalance(_kop, LoanKit.Today);
        tb.Of("1-1100").Should().Be(0m);
        tb.Of("4-1000").Should().Be(-(3 * 20_800m + 104_000m));
        tb.Of("4-1200").Should().Be(-(1_622m + 43_264m));

        // The control account equals the loan's outstanding principal on every date of its life.
        foreach (var date in new[] { _start, Due(1), late, LoanKit.Plus(due4, days: 31), LoanKit.DaysAgo(1), LoanKit.Today })
        {
            var outstanding = (await _kop.AllLoans(date)).Sum(l => l["outstandingPrincipal"]!.GetValue<decimal>());
            (await _kop.Receivable(date)).Should().Be(outstanding, $"1-1100 on {date}");
        }
        (await _kop.Receivable(late)).Should().Be(5_200_000m - 3 * 520_000m);
        await BookChecks.CheckInvariants(_kop, [_member], _start, late, LoanKit.DaysAgo(1), LoanKit.Today);
    }
}
