using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Loans;

/// <summary>Member exit nets open loans against the savings refund, and closes them.</summary>
public class when_a_borrower_leaves : IAsyncLifetime
{
    private TestKoperasi _kop = null!;
    private Guid _member;
    private string _start = null!;

    public async Task InitializeAsync()
    {
        _kop = await TestKoperasi.Create();
        _start = LoanKit.DaysAgo(75);
        await _kop.Capital(100_000_000m, LoanKit.Plus(_start, days: -5));
        _member = await _kop.MemberSince(LoanKit.Plus(_start, days: -5), "Akan Pindah");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task the_refund_is_net_of_the_loan_and_the_loan_is_settled()
    {
        await _kop.Deposit(_member, "sukarela", 5_000_000m, _start);
        var loan = await _kop.ActiveLoan(_member, _start, 3_000_000m, 6);
        var pending = await _kop.Apply(_member, 500_000m, 6);
        // Installment 1 paid; installment 2 (due a couple of weeks ago) is unpaid: its interest is owed, the rest is principal.
        await _kop.Pay(loan, 545_000m, LoanKit.Plus(_start, months: 1));
        var day = LoanKit.Today;
        var position = await _kop.Loan(loan, day);
        var owed = position.Decimal("payoffAmount");
        owed.Should().Be(2_500_000m + 45_000m);

        var exit = (await _kop.Pengurus.Post(_kop.Url($"members/{_member}/exit"), new { reason = "pindah ke Medan" })).ShouldBe(HttpStatusCode.OK);
        exit.Decimal("netPaid").Should().Be(100_000m + 5_000_000m - owed);
        exit.Json["offsets"]!.AsArray().Select(o => (o!["kind"]!.GetValue<string>(), o["amount"]!.GetValue<decimal>()))
            .Should().BeEquivalentTo(new[] { ("loan.receivable", 2_500_000m), ("loan.interest_income", 45_000m) });

        var settled = await _kop.Loan(loan);
        settled.String("status").Should().Be("settled_at_exit");
        settled.Decimal("outstandingPrincipal").Should().Be(0m);
        settled.Json["payments"]!.AsArray().Last()!["kind"]!.GetValue<string>().Should().Be("settlement_at_exit");
        (await _kop.Loan(pending)).String("status").Should().Be("cancelled");

        (await _kop.Receivable(day)).Should().Be(0m);
        var interest = (await _kop.Pengawas.Get(_kop.Url($"ledger/accounts/4-1000/lines?from={_start}&to={day}"))).ShouldBe(HttpStatusCode.OK);
        interest.Json["lines"]!.AsArray().Should().OnlyContain(l => l!["memberId"]!.GetValue<Guid>() == _member);
        interest.Json["lines"]!.AsArray().Sum(l => l!["credit"]!.GetValue<decimal>()).Should().Be(90_000m);

        (await _kop.Pengurus.Post(_kop.Url($"members/{_member}/loans"), new { principal = 1_000_000, periods = 6, annualRate = 12, method = "flat" }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state");
        await BookChecks.CheckInvariants(_kop, [_member], _start, day);
    }

    [Fact]
    public async Task a_member_owing_more_than_their_savings_cannot_leave_and_nothing_changes()
    {
        var loan = await _kop.ActiveLoan(_member, _start, 3_000_000m, 6);
        var before = (await _kop.Loan(loan)).Text;
        (await _kop.Pengurus.Post(_kop.Url($"members/{_member}/exit"), new { reason = "pindah" }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "insufficient_balance");
        (await _kop.Loan(loan)).Text.Should().Be(before);
        (await _kop.Pengurus.Get(_kop.Url($"members/{_member}"))).String("status").Should().Be("active");
    }
}
