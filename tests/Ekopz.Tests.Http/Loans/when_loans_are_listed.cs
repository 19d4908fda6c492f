using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Loans;

/// <summary>The koperasi's loan list is paged with a total counted in the store: no loan is ever silently left off.</summary>
public class when_loans_are_listed : IAsyncLifetime
{
    private TestKoperasi _kop = null!;
    private Guid _running;
    private Guid _paidToday;
    private Guid _rejected;
    private Guid _approved;
    private Guid _appliedToday;

    public async Task InitializeAsync()
    {
        _kop = await TestKoperasi.Create();
        await _kop.Capital(100_000_000m, LoanKit.DaysAgo(40));
        var a = await _kop.MemberSince(LoanKit.DaysAgo(40), "Satu");
        var b = await _kop.MemberSince(LoanKit.DaysAgo(40), "Dua");
        var c = await _kop.MemberSince(LoanKit.DaysAgo(40), "Tiga");
        _running = await _kop.ActiveLoan(a, LoanKit.DaysAgo(30), 3_000_000m, 6);
        _paidToday = await _kop.ActiveLoan(b, LoanKit.DaysAgo(30), 1_000_000m, 6);
        (await _kop.Kasir.Post(_kop.Url($"loans/{_paidToday}/payments"), new { payoff = true })).ShouldBe(HttpStatusCode.Created)
            .String("status").Should().Be("paid_off");
        _rejected = await _kop.Apply(c, 2_000_000m, 6, date: LoanKit.DaysAgo(10));
        (await _kop.Pengurus2.Post(_kop.Url($"loans/{_rejected}/reject"), new { reason = "agunan kurang", businessDate = LoanKit.DaysAgo(9) }))
            .ShouldBe(HttpStatusCode.OK);
        _approved = await _kop.Apply(c, 1_500_000m, 6, date: LoanKit.DaysAgo(5));
        (await _kop.Pengurus2.Post(_kop.Url($"loans/{_approved}/approve"), new { businessDate = LoanKit.DaysAgo(5) })).ShouldBe(HttpStatusCode.OK);
        _appliedToday = await _kop.Apply(a, 500_000m, 6);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static IEnumerable<Guid> Ids(IEnumerable<System.Text.Json.Nodes.JsonNode> loans) => loans.Select(l => l["loanId"]!.GetValue<Guid>());

    [Fact]
    public async Task every_loan_is_on_some_page_and_the_total_is_counted_in_the_store()
    {
        var firstPage = (await _kop.Pengawas.Get(_kop.Url("loans?pageSize=2"))).ShouldBe(HttpStatusCode.OK);
        firstPage.Json["total"]!.GetValue<long>().Should().Be(5);
        firstPage.Json["pageSize"]!.GetValue<int>().Should().Be(2);
        firstPage.Json["loans"]!.AsArray().Should().HaveCount(2);

        // In application order, across three pages of two.
        Ids(await _kop.AllLoans(LoanKit.Today, pageSize: 2)).Should().Equal(_running, _paidToday, _rejected, _approved, _appliedToday);
        var beyond = (await _kop.Pengawas.Get(_kop.Url("loans?page=4&pageSize=2"))).ShouldBe(HttpStatusCode.OK);
        beyond.Json["loans"]!.AsArray().Should().BeEmpty();
        beyond.Json["total"]!.GetValue<long>().Should().Be(5);

        // As of an earlier date only the loans applied for by then are counted.
        Ids(await _kop.AllLoans(LoanKit.DaysAgo(1), pageSize: 3)).Should().Equal(_running, _paidToday, _rejected, _approved);
        Ids(await _kop.AllLoans(LoanKit.DaysAgo(20), pageSize: 1)).Should().Equal(_running, _paidToday);
    }

    [Fact]
    public async Task a_status_filter_counts_the_status_of_the_date_asked_for()
    {
        // Today (the store filters): one running loan; yesterday (read from each loan's history): two, one of them paid off today.
        Ids(await _kop.AllLoans(LoanKit.Today, "active", pageSize: 1)).Should().Equal(_running);
        Ids(await _kop.AllLoans(LoanKit.Today, "paid_off")).Should().Equal(_paidToday);
        Ids(await _kop.AllLoans(LoanKit.DaysAgo(1), "active", pageSize: 1)).Should().Equal(_running, _paidToday);
        Ids(await _kop.AllLoans(LoanKit.DaysAgo(1), "applied")).Should().BeEmpty();
        Ids(await _kop.AllLoans(LoanKit.DaysAgo(6), "applied")).Should().BeEmpty();
        Ids(await _kop.AllLoans(LoanKit.DaysAgo(10), "applied")).Should().Equal(_rejected);
        Ids(await _kop.AllLoans(LoanKit.DaysAgo(1), "approved")).Should().Equal(_approved);

        var page2 = (await _kop.Pengawas.Get(_kop.Url($"loans?asOf={LoanKit.DaysAgo(1)}&status=active&page=2&pageSize=1"))).ShouldBe(HttpStatusCode.OK);
        page2.Json["total"]!.GetValue<long>().Should().Be(2);
        Ids(page2.Json["loans"]!.AsArray().Select(l => l!)).Should().Equal(_paidToday);
        page2.Json["loans"]![0]!["status"]!.GetValue<string>().Should().Be("active");
    }

    [Fact]
    public async Task the_outstanding_principal_over_all_pages_equals_the_control_account()
    {
        foreach (var date in new[] { LoanKit.DaysAgo(30), LoanKit.DaysAgo(1), LoanKit.Today })
        {
            var outstanding = (await _kop.AllLoans(date, pageSize: 1)).Sum(l => l["outstandingPrincipal"]!.GetValue<decimal>());
            (await _kop.Receivable(date)).Should().Be(outstanding, $"1-1100 on {date}");
        }
        (await _kop.Receivable(LoanKit.DaysAgo(1))).Should().Be(4_000_000m);
        (await _kop.Receivable(LoanKit.Today)).Should().Be(3_000_000m);
    }

    [Fact]
    public async Task bad_paging_is_refused()
    {
        (await _kop.Pengawas.Get(_kop.Url("loans?pageSize=0"))).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await _kop.Pengawas.Get(_kop.Url("loans?pageSize=1001"))).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await _kop.Pengawas.Get(_kop.Url("loans?page=0"))).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await _kop.Pengawas.Get(_kop.Url("loans?status=lunas"))).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
    }
}
