using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Loans;

/// <summary>
/// The lending limits and the required allowance percentages are settings: a change takes effect from its date,
/// so approvals and reports dated on or after it follow it, and those dated before do not.
/// </summary>
public class when_lending_limits_and_allowances_change : IAsyncLifetime
{
    private TestKoperasi _kop = null!;
    private Guid _member;
    private Guid _other;
    private Guid _third;

    public async Task InitializeAsync()
    {
        _kop = await TestKoperasi.Create();
        // Own capital 10,000,000 + three members' pokok of 100,000 = 10,300,000: 15% is 1,545,000, 10% is 1,030,000, 5% is 515,000.
        await _kop.Capital(10_000_000m, LoanKit.DaysAgo(10));
        _member = await _kop.MemberSince(LoanKit.DaysAgo(10), "Peminjam");
        _other = await _kop.MemberSince(LoanKit.DaysAgo(10), "Keponakan Pengawas");
        _third = await _kop.MemberSince(LoanKit.DaysAgo(10), "Anggota Biasa");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<Reply> ChangeSettings(object body)
    {
        var changed = (await _kop.Pengurus.Put(_kop.Url("loan-settings"), body)).ShouldBe(HttpStatusCode.OK);
        changed.String("asOf").Should().Be(LoanKit.Today);
        return changed;
    }

    [Fact]
    public async Task lowering_the_lending_limit_to_ten_percent_refuses_an_approval_that_fifteen_allowed()
    {
        var loan = await _kop.Apply(_member, 1_200_000m, 6, date: LoanKit.DaysAgo(2));
        var changed = await ChangeSettings(new { lendingLimitPercent = 10 });
        changed.Json["current"]!["lendingLimitPercent"]!.GetValue<decimal>().Should().Be(10m);
        changed.Json["current"]!["insiderLendingLimitPercent"]!.GetValue<decimal>().Should().Be(10m);

        var before = (await _kop.Loan(loan)).Text;
        var refused = (await _kop.Pengurus2.Post(_kop.Url($"loans/{loan}/approve"), new { }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "limit_exceeded");
        refused.String("detail").Should().Contain("10% of own capital").And.Contain("1,030,000");
        (await _kop.Loan(loan)).Text.Should().Be(before, "a refused approval changes nothing");

        // The same approval dated yesterday, before the change, is within 15%.
        var approved = (await _kop.Pengurus2.Post(_kop.Url($"loans/{loan}/approve"), new { businessDate = LoanKit.DaysAgo(1) }))
            .ShouldBe(HttpStatusCode.OK);
        approved.Json["lendingLimit"]!["limitPercent"]!.GetValue<decimal>().Should().Be(15m);
        approved.Json["lendingLimit"]!["limit"]!.GetValue<decimal>().Should().Be(1_545_000m);

        // From today 1,030,000 is the most another member may owe.
        var fits = (await _kop.Pengurus2.Post(_kop.Url($"loans/{await _kop.Apply(_other, 1_030_000m, 6)}/approve"), new { }))
            .ShouldBe(HttpStatusCode.OK);
        fits.Json["lendingLimit"]!["limitPercent"]!.GetValue<decimal>().Should().Be(10m);
        fits.Json["lendingLimit"]!["limit"]!.GetValue<decimal>().Should().Be(1_030_000m);
    }

    [Fact]
    public async Task lowering_the_insider_limit_holds_pengurus_pengawas_and_affiliates_to_it_and_no_one_else()
    {
        await ChangeSettings(new { insiderLendingLimitPercent = 5 });

        // Filed as an insider's loan (a pengurus's spouse, say): 800,000 is within 10% (1,030,000) but not 5% (515,000).
        var insider = (await _kop.Pengurus.Post(_kop.Url($"members/{_member}/loans"),
            new { principal = 800_000, periods = 6, annualRate = 12, method = "flat", insider = true, businessDate = LoanKit.DaysAgo(2) }))
            .ShouldBe(HttpStatusCode.Created).Guid("loanId");
        var refused = (await _kop.Pengurus2.Post(_kop.Url($"loans/{insider}/approve"), new { }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "limit_exceeded");
        refused.String("detail").Should().Contain("5% of own capital").And.Contain("515,000").And.Contain("pengurus, pengawas or affiliate");
        (await _kop.Loan(insider)).String("status").Should().Be("applied");
        var before = (await _kop.Pengurus2.Post(_kop.Url($"loans/{insider}/approve"), new { businessDate = LoanKit.DaysAgo(1) }))
            .ShouldBe(HttpStatusCode.OK);
        before.Json["lendingLimit"]!["limitPercent"]!.GetValue<decimal>().Should().Be(10m);

        // An ordinary member's 800,000 is held to 15%, unless the approver finds the borrower is an insider.
        var loan = await _kop.Apply(_other, 800_000m, 6);
        (await _kop.Pengurus2.Post(_kop.Url($"loans/{loan}/approve"), new { insider = true }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "limit_exceeded").String("detail").Should().Contain("515,000");
        var ordinary = (await _kop.Pengurus2.Post(_kop.Url($"loans/{await _kop.Apply(_third, 800_000m, 6)}/approve"), new { }))
            .ShouldBe(HttpStatusCode.OK);
        ordinary.Json["lendingLimit"]!["limitPercent"]!.GetValue<decimal>().Should().Be(15m);
        ordinary.Json["lendingLimit"]!["limit"]!.GetValue<decimal>().Should().Be(1_545_000m);
    }

    [Fact]
    public async Task the_required_allowance_follows_changed_percentages_from_their_date_on_and_not_before()
    {
        var kop = await TestKoperasi.Create();
        await kop.Capital(100_000_000m, LoanKit.DaysAgo(90));
        var punctual = await kop.MemberSince(LoanKit.DaysAgo(90), "Tepat Waktu");
        var behind = await kop.MemberSince(LoanKit.DaysAgo(90), "Menunggak");
        // 12,000,000 lancar (nothing due yet); 6,000,000 whose first installment is about 50 days overdue: dalam perhatian khusus.
        await kop.ActiveLoan(punctual, LoanKit.DaysAgo(10), 12_000_000m, 12);
        await kop.ActiveLoan(behind, LoanKit.DaysAgo(80), 6_000_000m, 12);

        async Task<Dictionary<string, (decimal Percent, decimal Required)>> Portfolio(string date, decimal total)
        {
            var p = (await kop.Pengawas.Get(kop.Url($"reports/loan-portfolio?asOf={date}"))).ShouldBe(HttpStatusCode.OK);
            p.Decimal("requiredAllowance").Should().Be(total, $"the required allowance on {date}");
            p.Json["reconciles"]!.GetValue<bool>().Should().BeTrue();
            return p.Json["byKolektibilitas"]!.AsArray().ToDictionary(c => c!["kolektibilitas"]!.GetValue<string>(),
                c => (c!["allowancePercent"]!.GetValue<decimal>(), c["requiredAllowance"]!.GetValue<decimal>()));
        }

        // The defaults: 0.5% of each class.
        (await Portfolio(LoanKit.Today, 60_000m + 30_000m))["dalam_perhatian_khusus"].Should().Be((0.5m, 30_000m));

        (await kop.Pengurus.Put(kop.Url("loan-settings"), new { allowanceLancar = 1, allowanceDpk = 5 })).ShouldBe(HttpStatusCode.OK);

        var today = await Portfolio(LoanKit.Today, 120_000m + 300_000m);
        today["lancar"].Should().Be((1m, 120_000m));
        today["dalam_perhatian_khusus"].Should().Be((5m, 300_000m));
        today["macet"].Percent.Should().Be(100m, "what the change did not name keeps its value");
        var yesterday = await Portfolio(LoanKit.DaysAgo(1), 60_000m + 30_000m);
        yesterday["lancar"].Should().Be((0.5m, 60_000m));
        yesterday["dalam_perhatian_khusus"].Should().Be((0.5m, 30_000m));

        // Booking the allowance "up to required" books what today's percentages require.
        var booked = (await kop.Pengurus.Post(kop.Url("loans/allowance"), new { })).ShouldBe(HttpStatusCode.Created);
        booked.Decimal("required").Should().Be(420_000m);
        (await BookChecks.TrialBalance(kop, LoanKit.Today)).Of("1-1190").Should().Be(-420_000m);
        await BookChecks.CheckInvariants(kop, [punctual, behind], LoanKit.DaysAgo(1), LoanKit.Today);
    }
}
