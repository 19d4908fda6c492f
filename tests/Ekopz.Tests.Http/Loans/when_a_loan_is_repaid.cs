using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Loans;

/// <summary>The worked example lived through: disbursed months ago, repaid on time, late and early, with the books checked on the way.</summary>
public class when_a_loan_is_repaid : IAsyncLifetime
{
    private TestKoperasi _kop = null!;
    private Guid _member;
    private Guid _loan;
    private string _start = null!;

    public async Task InitializeAsync()
    {
        _kop = await TestKoperasi.Create();
        _start = LoanKit.DaysAgo(150);
        await _kop.Capital(100_000_000m, LoanKit.Plus(_start, days: -10));
        _member = await _kop.MemberSince(LoanKit.Plus(_start, days: -10), "Budi Peminjam");
        _loan = await _kop.ActiveLoan(_member, _start);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private string Due(int k) => LoanKit.Plus(_start, months: k);

    [Fact]
    public async Task installments_are_allocated_interest_then_principal_and_the_books_follow()
    {
        var first = await _kop.Pay(_loan, 1_180_000m, Due(1));
        first.Json["allocation"]!.ToJsonString().Should().Be("{\"penalty\":0,\"interest\":180000,\"principal\":1000000}");
        first.Decimal("outstandingPrincipal").Should().Be(11_000_000m);

        // A partial payment: interest first.
        var partial = await _kop.Pay(_loan, 500_000m, Due(2));
        partial.Json["allocation"]!.ToJsonString().Should().Be("{\"penalty\":0,\"interest\":180000,\"principal\":320000}");
        var rest = await _kop.Pay(_loan, 680_000m, LoanKit.Plus(Due(2), days: 2));
        rest.Json["allocation"]!["principal"]!.GetValue<decimal>().Should().Be(680_000m);

        // The loan as of each date shows that date's state, with what was paid when.
        var mid = await _kop.Loan(_loan, LoanKit.Plus(Due(1), days: 1));
        mid.Decimal("outstandingPrincipal").Should().Be(11_000_000m);
        mid.Json["schedule"]![0]!["status"]!.GetValue<string>().Should().Be("paid");
        mid.Json["schedule"]![0]!["paidOn"]!.GetValue<string>().Should().Be(Due(1));
        mid.Json["schedule"]![1]!["status"]!.GetValue<string>().Should().Be("upcoming");
        mid.Json["payments"]!.AsArray().Should().HaveCount(1);
        var now = await _kop.Loan(_loan);
        now.Decimal("outstandingPrincipal").Should().Be(10_000_000m);
        now.Json["schedule"]![1]!["payments"]!.AsArray().Should().HaveCount(2);
        now.Json["schedule"]![1]!["paidOn"]!.GetValue<string>().Should().Be(LoanKit.Plus(Due(2), days: 2));

        // Income and cash are where they belong, and the revenue names the member (SHU reads it).
        var tb = await BookChecks.TrialBalance(_kop, LoanKit.Today);
        tb.Of("1-1100").Should().Be(10_000_000m);
        tb.Of("4-1000").Should().Be(-360_000m);
        var interest = (await _kop.Pengawas.Get(_kop.Url($"ledger/accounts/4-1000/lines?from={_start}&to={LoanKit.Today}"))).ShouldBe(HttpStatusCode.OK);
        interest.Json["lines"]!.AsArray().Should().OnlyContain(l => l!["memberId"]!.GetValue<Guid>() == _member
            && l["counterparty"]!.GetValue<string>() == "member");
        var cashFlow = (await _kop.Pengawas.Get(_kop.Url($"reports/cash-flow?from={_start}&to={LoanKit.Today}"))).ShouldBe(HttpStatusCode.OK);
        cashFlow.Text.Should().Contain("operating.loans_disbursed").And.Contain("operating.loans_repaid").And.Contain("operating.loan_income");

        await ControlAccountEqualsTheLoans(_start, Due(1), Due(2), LoanKit.Today);
        await BookChecks.CheckInvariants(_kop, [_member], _start, Due(1), Due(2), LoanKit.Today);
    }

    [Fact]
    public async Task a_late_installment_pays_its_penalty_first_when_the_product_charges_one()
    {
        var kop = await TestKoperasi.Create();
        await kop.Capital(100_000_000m, LoanKit.Plus(_start, days: -10));
        var member = await kop.MemberSince(LoanKit.Plus(_start, days: -10));
        var product = (await kop.Pengurus.Post(kop.Url("loan-products"), new
        {
            name = "Pinjaman Harian Pasar", effectiveFrom = LoanKit.Plus(_start, days: -10),
            terms = new { method = "flat", annualRate = 18, penaltyRatePerDay = 0.1, penaltyGraceDays = 3 },
        })).ShouldBe(HttpStatusCode.Created).Guid("productId");
        var loan = await kop.ActiveLoan(member, _start, productId: product);

        // Ten days late: days 4..10 after the due date are charged, 7 × 0.1% × 1,180,000 = 8,260.
        var late = LoanKit.Plus(Due(1), days: 10);
        var before = await kop.Loan(loan, late);
        before.Json["daysPastDue"]!.GetValue<int>().Should().Be(10);
        before.Json["kolektibilitas"]!.GetValue<string>().Should().Be("lancar");
        before.Json["schedule"]![0]!["penaltyAccrued"]!.GetValue<decimal>().Should().Be(8_260m);
        before.Decimal("dueNow").Should().Be(1_188_260m);
        var paid = await kop.Pay(loan, 1_188_260m, late);
        paid.Json["allocation"]!.ToJsonString().Should().Be("{\"penalty\":8260,\"interest\":180000,\"principal\":1000000}");
        (await BookChecks.TrialBalance(kop, late)).Of("4-1200").Should().Be(-8_260m);
        await BookChecks.CheckInvariants(kop, [member], late);
    }

    [Fact]
    public async Task an_early_payoff_closes_the_loan_and_a_closed_loan_takes_nothing_more()
    {
        await _kop.Pay(_loan, 1_180_000m, Due(1));
        var payoffDay = LoanKit.Plus(Due(1), days: 5);
        (await _kop.Loan(_loan, payoffDay)).Decimal("payoffAmount").Should().Be(11_000_000m);

        var over = (await _kop.Kasir.Post(_kop.Url($"loans/{_loan}/payments"), new { amount = 11_000_001, businessDate = payoffDay }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        over.String("detail").Should().Contain("11,000,000");

        var payoff = (await _kop.Kasir.Post(_kop.Url($"loans/{_loan}/payments"), new { payoff = true, businessDate = payoffDay }))
            .ShouldBe(HttpStatusCode.Created);
        payoff.Decimal("amount").Should().Be(11_000_000m);
        payoff.String("status").Should().Be("paid_off");
        payoff.Decimal("interestWaived").Should().Be(11 * 180_000m);
        payoff.Decimal("outstandingPrincipal").Should().Be(0m);

        var tbBefore = await BookChecks.TrialBalance(_kop, LoanKit.Today);
        (await _kop.Kasir.Post(_kop.Url($"loans/{_loan}/payments"), new { amount = 1_000 }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state");
        (await BookChecks.TrialBalance(_kop, LoanKit.Today)).Should().Equal(tbBefore);

        var view = await _kop.Loan(_loan);
        view.String("status").Should().Be("paid_off");
        view.Json["kolektibilitas"].Should().BeNull();
        view.Json["schedule"]!.AsArray().Skip(1).Should().OnlyContain(r => r!["status"]!.GetValue<string>() == "waived");
        (await _kop.Loan(_loan, Due(1))).String("status").Should().Be("active");
        await ControlAccountEqualsTheLoans(Due(1), payoffDay, LoanKit.Today);
        await BookChecks.CheckInvariants(_kop, [_member], payoffDay, LoanKit.Today);
    }

    [Fact]
    public async Task a_retried_payment_with_the_same_key_is_taken_once()
    {
        var first = await _kop.Pay(_loan, 1_180_000m, Due(1), key: "angsuran-1");
        var again = await _kop.Pay(_loan, 1_180_000m, Due(1), key: "angsuran-1");
        again.Text.Should().Be(first.Text);
        (await _kop.Loan(_loan)).Json["payments"]!.AsArray().Should().HaveCount(1);
    }

    [Fact]
    public async Task the_member_sees_their_own_loans_and_nobody_elses()
    {
        await _kop.Pay(_loan, 1_180_000m, Due(1));
        var anggota = await _kop.MemberLogin(_member);
        var own = (await anggota.Get(_kop.Url($"loans/{_loan}"))).ShouldBe(HttpStatusCode.OK);
        own.Json["schedule"]![0]!["payments"]![0]!["businessDate"]!.GetValue<string>().Should().Be(Due(1));
        (await anggota.Get(_kop.Url($"members/{_member}/loans"))).ShouldBe(HttpStatusCode.OK).Json.AsArray().Should().ContainSingle();

        var other = await _kop.MemberSince(LoanKit.Plus(_start, days: -5), "Tetangga");
        var stranger = await _kop.MemberLogin(other);
        (await stranger.Get(_kop.Url($"loans/{_loan}"))).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
        (await stranger.Get(_kop.Url($"members/{_member}/loans"))).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
        (await stranger.Get(_kop.Url("loans"))).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
    }

    /// <summary>The loan receivable control account equals the outstanding principal of the loans, date by date.</summary>
    private async Task ControlAccountEqualsTheLoans(params string[] dates)
    {
        foreach (var date in dates)
        {
            var portfolio = (await _kop.Pengawas.Get(_kop.Url($"reports/loan-portfolio?asOf={date}"))).ShouldBe(HttpStatusCode.OK);
            var loans = (await _kop.AllLoans(date)).Sum(l => l["outstandingPrincipal"]!.GetValue<decimal>());
            (await _kop.Receivable(date)).Should().Be(loans, $"1-1100 on {date}");
            portfolio.Decimal("outstanding").Should().Be(loans);
            portfolio.Json["reconciles"]!.GetValue<bool>().Should().BeTrue(portfolio.Text);
        }
    }
}
