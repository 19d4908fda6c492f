using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Loans;

public class when_loan_payments_race : IAsyncLifetime
{
    private TestKoperasi _kop = null!;
    private Guid _member;

    public async Task InitializeAsync()
    {
        _kop = await TestKoperasi.Create();
        await _kop.Capital(100_000_000m, LoanKit.DaysAgo(60));
        _member = await _kop.MemberSince(LoanKit.DaysAgo(60));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task two_payments_of_the_same_installment_at_once_never_both_apply_to_it()
    {
        // Disbursed 40 days ago: installment 1 is due (10 days ago), installment 2 is not yet.
        var loan = await _kop.ActiveLoan(_member, LoanKit.DaysAgo(40));
        var replies = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            _kop.Kasir.Post(_kop.Url($"loans/{loan}/payments"), new { amount = 1_180_000 })));
        replies.Should().OnlyContain(r => r.Status == HttpStatusCode.Created);

        // One paid installment 1; the other found it paid and went on to installment 2.
        var first = replies.Select(r => r.Json["installments"]!.AsArray().Select(l => l!["number"]!.GetValue<int>()).ToList()).ToList();
        first.Should().ContainSingle(numbers => numbers.SequenceEqual(new[] { 1 }));
        first.Should().ContainSingle(numbers => numbers.SequenceEqual(new[] { 2 }));
        var view = await _kop.Loan(loan);
        view.Json["schedule"]![0]!["interestPaid"]!.GetValue<decimal>().Should().Be(180_000m, "installment 1's interest is paid once");
        view.Json["schedule"]![0]!["principalPaid"]!.GetValue<decimal>().Should().Be(1_000_000m);
        view.Json["schedule"]![1]!["status"]!.GetValue<string>().Should().Be("paid");
        view.Decimal("outstandingPrincipal").Should().Be(10_000_000m);
        replies.Select(r => r.Decimal("outstandingPrincipal")).Order().Should().Equal(10_000_000m, 11_000_000m);
    }

    [Fact]
    public async Task many_parallel_payments_are_each_taken_once_and_the_books_agree()
    {
        var loan = await _kop.ActiveLoan(_member, LoanKit.DaysAgo(40), principal: 6_000_000m, periods: 6, method: "anuitas");
        var replies = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            _kop.Kasir.Post(_kop.Url($"loans/{loan}/payments"), new { amount = 100_000 + i })));
        replies.Should().OnlyContain(r => r.Status == HttpStatusCode.Created);
        replies.Select(r => r.Decimal("outstandingPrincipal")).Should().OnlyHaveUniqueItems("each payment saw the one before it");

        var view = await _kop.Loan(loan);
        var paid = Enumerable.Range(0, 12).Sum(i => 100_000m + i);
        view.Json["payments"]!.AsArray().Sum(p => p!["amount"]!.GetValue<decimal>()).Should().Be(paid);
        var totals = view.Json["totalPaid"]!;
        (totals["interest"]!.GetValue<decimal>() + totals["principal"]!.GetValue<decimal>() + totals["penalty"]!.GetValue<decimal>()).Should().Be(paid);
        (await _kop.Receivable(LoanKit.Today)).Should().Be(view.Decimal("outstandingPrincipal"));
        await BookChecks.CheckInvariants(_kop, [_member], LoanKit.Today);
    }
}
