using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Loans;

/// <summary>Loan quality over time, the portfolio report, the allowance, write-off, recovery and restructuring.</summary>
public class when_loans_go_bad : IAsyncLifetime
{
    private TestKoperasi _kop = null!;
    private Guid _good;
    private Guid _bad;
    private Guid _goodLoan;
    private Guid _badLoan;
    private string _start = null!;

    public async Task InitializeAsync()
    {
        _kop = await TestKoperasi.Create();
        _start = LoanKit.DaysAgo(300);
        await _kop.Capital(200_000_000m, LoanKit.Plus(_start, days: -5));
        _good = await _kop.MemberSince(LoanKit.Plus(_start, days: -5), "Lancar Jaya");
        _bad = await _kop.MemberSince(LoanKit.Plus(_start, days: -5), "Seret Terus");
        _goodLoan = await _kop.ActiveLoan(_good, _start, 6_000_000m, 24);
        _badLoan = await _kop.ActiveLoan(_bad, _start, 4_000_000m, 12);
        // The good borrower pays every installment due so far on its day; the bad one never pays.
        for (var k = 1; LoanKit.Plus(_start, months: k).CompareTo(LoanKit.Today) <= 0; k++)
            await _kop.Pay(_goodLoan, 250_000m + 90_000m, LoanKit.Plus(_start, months: k));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private string Due(int k) => LoanKit.Plus(_start, months: k);

    [Fact]
    public async Task kolektibilitas_follows_the_days_past_due_on_any_date()
    {
        async Task<(int Dpd, string Kol)> At(string date)
        {
            var v = await _kop.Loan(_badLoan, date);
            return (v.Json["daysPastDue"]!.GetValue<int>(), v.String("kolektibilitas"));
        }

        (await At(Due(1))).Should().Be((0, "lancar"));
        (await At(LoanKit.Plus(Due(1), days: 30))).Should().Be((30, "lancar"));
        (await At(LoanKit.Plus(Due(1), days: 31))).Should().Be((31, "dalam_perhatian_khusus"));
        (await At(LoanKit.Plus(Due(1), days: 91))).Should().Be((91, "kurang_lancar"));
        (await At(LoanKit.Plus(Due(1), days: 121))).Should().Be((121, "diragukan"));
        (await At(LoanKit.Plus(Due(1), days: 181))).Should().Be((181, "macet"));
        (await _kop.Loan(_goodLoan)).String("kolektibilitas").Should().Be("lancar");

        // Thresholds are settings: from today, a koperasi that calls 60 days lancar sees the change today, not in the past.
        var early = LoanKit.Plus(Due(1), days: 40);
        (await _kop.Pengurus.Put(_kop.Url("loan-settings"), new { lancarMaxDays = 60, effectiveFrom = LoanKit.DaysAgo(1) }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await _kop.Pengurus.Put(_kop.Url("loan-settings"), new { dpkMaxDays = 20 }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await _kop.Pengurus.Put(_kop.Url("loan-settings"), new { diragukanMaxDays = 400, kurangLancarMaxDays = 300, dpkMaxDays = 200, lancarMaxDays = 100 }))
            .ShouldBe(HttpStatusCode.OK);
        (await At(early)).Kol.Should().Be("dalam_perhatian_khusus", "settings never reach back");
        var today = await _kop.Loan(_badLoan);
        // About 270 days past due: macet by the defaults, kurang lancar (201..300) by the new thresholds.
        today.Json["daysPastDue"]!.GetValue<int>().Should().BeInRange(265, 275);
        today.String("kolektibilitas").Should().Be("kurang_lancar");
        (await _kop.Loan(_badLoan, LoanKit.DaysAgo(1))).String("kolektibilitas").Should().Be("macet");
    }

    [Fact]
    public async Task the_portfolio_shows_outstanding_by_quality_the_problem_ratio_and_both_allowances()
    {
        var date = LoanKit.Plus(Due(1), days: 100);
        var p = (await _kop.Pengawas.Get(_kop.Url($"reports/loan-portfolio?asOf={date}"))).ShouldBe(HttpStatusCode.OK);
        p.Json["loans"]!.GetValue<int>().Should().Be(2);
        var good = (await _kop.Loan(_goodLoan, date)).Decimal("outstandingPrincipal");
        p.Decimal("outstanding").Should().Be(good + 4_000_000m);
        var classes = p.Json["byKolektibilitas"]!.AsArray().ToDictionary(c => c!["kolektibilitas"]!.GetValue<string>(), c => c!);
        classes["lancar"]["outstanding"]!.GetValue<decimal>().Should().Be(good);
        classes["kurang_lancar"]["outstanding"]!.GetValue<decimal>().Should().Be(4_000_000m);
        p.Decimal("problemOutstanding").Should().Be(4_000_000m);
        p.Decimal("problemLoanRatio").Should().Be(decimal.Round(4_000_000m * 100m / (good + 4_000_000m), 2, MidpointRounding.AwayFromZero));
        // PPAPWD: 0.5% of lancar + 10% of kurang lancar, each to the rupiah.
        p.Decimal("requiredAllowance").Should().Be(Math.Round(good * 0.005m, MidpointRounding.AwayFromZero) + 400_000m);
        p.Decimal("bookedAllowance").Should().Be(0m);
        p.Json["reconciles"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task a_macet_loan_is_written_off_against_the_allowance_and_a_recovery_is_income()
    {
        var today = LoanKit.Today;
        (await _kop.Pengurus.Post(_kop.Url($"loans/{_badLoan}/write-off"), new { reason = "tidak dapat ditagih" }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "insufficient_balance");

        // Book the allowance to what the portfolio requires today (macet: 100%).
        var booked = (await _kop.Pengurus.Post(_kop.Url("loans/allowance"), new { })).ShouldBe(HttpStatusCode.Created);
        var required = booked.Decimal("required");
        required.Should().BeGreaterThan(4_000_000m);
        booked.Decimal("balance").Should().Be(required);
        (await _kop.Pengurus.Post(_kop.Url("loans/allowance"), new { })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state");
        (await _kop.Pengurus.Post(_kop.Url("loans/allowance"), new { amount = -(required + 1) }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "insufficient_balance");
        var portfolio = (await _kop.Pengawas.Get(_kop.Url("reports/loan-portfolio"))).ShouldBe(HttpStatusCode.OK);
        portfolio.Decimal("bookedAllowance").Should().Be(required);
        portfolio.Decimal("allowanceShortfall").Should().Be(0m);

        (await _kop.Pengurus.Post(_kop.Url($"loans/{_goodLoan}/write-off"), new { reason = "coba" }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state");
        var writtenOff = (await _kop.Pengurus.Post(_kop.Url($"loans/{_badLoan}/write-off"), new { reason = "tidak dapat ditagih" }))
            .ShouldBe(HttpStatusCode.OK);
        writtenOff.Decimal("principal").Should().Be(4_000_000m);
        writtenOff.Decimal("allowanceLeft").Should().Be(required - 4_000_000m);

        var tb = await BookChecks.TrialBalance(_kop, today);
        tb.Of("1-1190").Should().Be(-(required - 4_000_000m));
        tb.Of("5-2100").Should().Be(required);
        (await _kop.Loan(_badLoan)).String("status").Should().Be("written_off");
        (await _kop.Loan(_badLoan, LoanKit.DaysAgo(1))).String("status").Should().Be("active");
        (await _kop.Kasir.Post(_kop.Url($"loans/{_badLoan}/payments"), new { amount = 100_000 }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state");

        var recovered = (await _kop.Kasir.Post(_kop.Url($"loans/{_badLoan}/recoveries"), new { amount = 750_000 })).ShouldBe(HttpStatusCode.Created);
        recovered.Decimal("leftToRecover").Should().Be(3_250_000m);
        (await _kop.Kasir.Post(_kop.Url($"loans/{_badLoan}/recoveries"), new { amount = 3_250_001 }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        var recovery = (await _kop.Pengawas.Get(_kop.Url($"ledger/accounts/4-1300/lines?from={today}&to={today}"))).ShouldBe(HttpStatusCode.OK);
        recovery.Json["lines"]!.AsArray().Should().ContainSingle().Which!["memberId"]!.GetValue<Guid>().Should().Be(_bad);

        var after = (await _kop.Pengawas.Get(_kop.Url("reports/loan-portfolio"))).ShouldBe(HttpStatusCode.OK);
        after.Json["loans"]!.GetValue<int>().Should().Be(1);
        after.Json["reconciles"]!.GetValue<bool>().Should().BeTrue();
        await BookChecks.CheckInvariants(_kop, [_good, _bad], Due(1), LoanKit.DaysAgo(1), today);
    }

    [Fact]
    public async Task a_restructured_loan_gets_a_new_schedule_and_keeps_the_old_one()
    {
        var date = LoanKit.DaysAgo(5);
        var before = await _kop.Loan(_badLoan, date);
        var overdueInterest = before.Json["schedule"]!.AsArray().Where(r => r!["dueDate"]!.GetValue<string>().CompareTo(date) <= 0)
            .Sum(r => r!["interest"]!.GetValue<decimal>());

        var restructured = (await _kop.Pengurus.Post(_kop.Url($"loans/{_badLoan}/restructure"),
            new { periods = 24, annualRate = 12, method = "efektif", reason = "usaha terdampak banjir", businessDate = date })).ShouldBe(HttpStatusCode.OK);
        restructured.Json["scheduleVersion"]!.GetValue<int>().Should().Be(2);
        restructured.Decimal("principal").Should().Be(4_000_000m);
        restructured.Decimal("carriedInterest").Should().Be(overdueInterest);
        restructured.Json["schedule"]!.AsArray().Sum(r => r!["principal"]!.GetValue<decimal>()).Should().Be(4_000_000m);

        var now = await _kop.Loan(_badLoan);
        now.Json["daysPastDue"]!.GetValue<int>().Should().Be(0);
        now.String("kolektibilitas").Should().Be("lancar");
        now.Json["scheduleVersions"]!.AsArray().Should().HaveCount(2);
        now.Json["schedule"]!.AsArray().Should().HaveCount(24);
        now.Json["schedule"]![0]!["interest"]!.GetValue<decimal>().Should().Be(40_000m + overdueInterest);
        // As of a date before the restructuring the old schedule and its arrears are still what was true.
        var old = await _kop.Loan(_badLoan, LoanKit.DaysAgo(6));
        old.Json["scheduleVersion"]!.GetValue<int>().Should().Be(1);
        old.String("kolektibilitas").Should().Be("macet");
        await BookChecks.CheckInvariants(_kop, [_good, _bad], LoanKit.Today);
    }
}
