using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Loans;

/// <summary>
/// Restructuring carries the overdue interest into the new installment 1. Paying off before that installment
/// falls due still pays that interest: it was earned, and a payoff waives only interest not yet earned.
/// </summary>
public class when_a_restructured_loan_is_paid_off : IAsyncLifetime
{
    private TestKoperasi _kop = null!;
    private Guid _member;
    private Guid _loan;
    private string _start = null!;
    private string _restructured = null!;

    public async Task InitializeAsync()
    {
        _kop = await TestKoperasi.Create();
        _start = LoanKit.DaysAgo(75);
        _restructured = LoanKit.DaysAgo(5);
        await _kop.Capital(100_000_000m, LoanKit.Plus(_start, days: -5));
        _member = await _kop.MemberSince(LoanKit.Plus(_start, days: -5), "Terdampak Banjir");
        // 6,000,000 flat at 12% over 6 months: 60,000 interest a month. Installments 1 and 2 fall due unpaid before the restructuring.
        _loan = await _kop.ActiveLoan(_member, _start, 6_000_000m, 6, 12m);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task the_payoff_before_the_first_new_due_date_pays_the_carried_interest_and_the_books_show_it_as_income()
    {
        var restructured = (await _kop.Pengurus.Post(_kop.Url($"loans/{_loan}/restructure"),
            new { periods = 12, reason = "usaha terdampak banjir", businessDate = _restructured })).ShouldBe(HttpStatusCode.OK);
        restructured.Decimal("carriedInterest").Should().Be(120_000m);
        var firstNewDue = restructured.Json["schedule"]![0]!["dueDate"]!.GetValue<string>();
        firstNewDue.CompareTo(LoanKit.Today).Should().BeGreaterThan(0, "the payoff below comes before the first new installment falls due");
        var newInterest = restructured.Json["schedule"]!.AsArray().Sum(r => r!["interest"]!.GetValue<decimal>()) - 120_000m;

        // Nothing is overdue after the restructuring, yet the payoff amount holds the carried interest.
        var before = await _kop.Loan(_loan);
        before.Json["daysPastDue"]!.GetValue<int>().Should().Be(0);
        before.Decimal("dueNow").Should().Be(0m);
        before.Decimal("payoffAmount").Should().Be(6_000_000m + 120_000m);
        var tbBefore = await BookChecks.TrialBalance(_kop, LoanKit.Today);
        tbBefore.Of("4-1000").Should().Be(0m);

        // The full principal alone is less than the payoff amount: it does not close the loan.
        (await _kop.Kasir.Post(_kop.Url($"loans/{_loan}/payments"), new { amount = 6_000_000, payoff = true }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed").String("detail").Should().Contain("6,120,000");
        (await BookChecks.TrialBalance(_kop, LoanKit.Today)).Should().Equal(tbBefore);

        var payoff = (await _kop.Kasir.Post(_kop.Url($"loans/{_loan}/payments"), new { payoff = true })).ShouldBe(HttpStatusCode.Created);
        payoff.Decimal("amount").Should().Be(6_120_000m);
        payoff.Json["allocation"]!.ToJsonString().Should().Be("{\"penalty\":0,\"interest\":120000,\"principal\":6000000}");
        payoff.Json["installments"]![0]!["version"]!.GetValue<int>().Should().Be(2);
        payoff.Json["installments"]![0]!["number"]!.GetValue<int>().Should().Be(1);
        payoff.Json["installments"]![0]!["interest"]!.GetValue<decimal>().Should().Be(120_000m);
        payoff.Decimal("interestWaived").Should().Be(newInterest);
        payoff.String("status").Should().Be("paid_off");
        payoff.Decimal("outstandingPrincipal").Should().Be(0m);

        // The books: receivable cleared, the carried interest credited to interest income for this member, the cash in.
        var tb = await BookChecks.TrialBalance(_kop, LoanKit.Today);
        tb.Of("1-1100").Should().Be(0m);
        tb.Of("4-1000").Should().Be(-120_000m);
        (tb.Of("1-1000") - tbBefore.Of("1-1000")).Should().Be(6_120_000m);
        var interest = (await _kop.Pengawas.Get(_kop.Url($"ledger/accounts/4-1000/lines?from={LoanKit.Today}&to={LoanKit.Today}")))
            .ShouldBe(HttpStatusCode.OK).Json["lines"]!.AsArray();
        interest.Should().ContainSingle().Which!["credit"]!.GetValue<decimal>().Should().Be(120_000m);
        interest[0]!["memberId"]!.GetValue<Guid>().Should().Be(_member);

        (await _kop.Loan(_loan)).String("status").Should().Be("paid_off");
        await BookChecks.CheckInvariants(_kop, [_member], _start, _restructured, LoanKit.Today);
    }
}
