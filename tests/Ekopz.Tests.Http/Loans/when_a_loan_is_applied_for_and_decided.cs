using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Loans;

public class when_a_loan_is_applied_for_and_decided : IAsyncLifetime
{
    private TestKoperasi _kop = null!;
    private Guid _member;

    public async Task InitializeAsync()
    {
        _kop = await TestKoperasi.Create();
        await _kop.Capital(200_000_000m, LoanKit.DaysAgo(30));
        _member = await _kop.ActiveMember("Peminjam");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task the_member_applies_from_the_app_and_another_pengurus_approves_within_the_limit()
    {
        var anggota = await _kop.MemberLogin(_member);
        var applied = (await anggota.Post(_kop.Url($"members/{_member}/loans"),
            new { principal = 12_000_000, periods = 12, annualRate = 18, method = "anuitas", purpose = "modal warung" }))
            .ShouldBe(HttpStatusCode.Created);
        applied.String("status").Should().Be("applied");
        var loan = applied.Guid("loanId");

        // The member sees their application; the queue shows it to staff.
        (await anggota.Get(_kop.Url($"loans/{loan}"))).ShouldBe(HttpStatusCode.OK).String("status").Should().Be("applied");
        var queue = (await _kop.Pengurus.Get(_kop.Url("loans?status=applied"))).ShouldBe(HttpStatusCode.OK);
        queue.Json["loans"]!.AsArray().Should().ContainSingle(l => l!["loanId"]!.GetValue<Guid>() == loan);
        queue.Json["total"]!.GetValue<long>().Should().Be(1);

        var approved = (await _kop.Pengurus.Post(_kop.Url($"loans/{loan}/approve"), new { })).ShouldBe(HttpStatusCode.OK);
        approved.String("status").Should().Be("approved");
        // Own capital is the grant plus the member's pokok; 15% of it is the limit.
        approved.Json["lendingLimit"]!["ownCapital"]!.GetValue<decimal>().Should().Be(200_100_000m);
        approved.Json["lendingLimit"]!["limit"]!.GetValue<decimal>().Should().Be(30_015_000m);

        var disbursed = (await _kop.Kasir.Post(_kop.Url($"loans/{loan}/disburse"), new { })).ShouldBe(HttpStatusCode.OK);
        disbursed.String("status").Should().Be("active");
        disbursed.Json["schedule"]!.AsArray().Should().HaveCount(12);
        (await anggota.Get(_kop.Url($"loans/{loan}"))).ShouldBe(HttpStatusCode.OK).Json["schedule"]!.AsArray()[0]!["installment"]!
            .GetValue<decimal>().Should().Be(1_100_160m);
    }

    [Fact]
    public async Task the_one_who_filed_an_application_cannot_approve_it_and_nothing_changes()
    {
        var loan = await _kop.Apply(_member, 1_000_000m, 6);
        (await _kop.Pengurus.Post(_kop.Url($"loans/{loan}/approve"), new { }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "same_maker_checker");
        (await _kop.Loan(loan)).String("status").Should().Be("applied");
        (await _kop.Kasir.Post(_kop.Url($"loans/{loan}/approve"), new { })).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task an_exposure_beyond_the_lending_limit_is_refused_counting_open_loans()
    {
        var kop = await TestKoperasi.Create();
        await kop.Capital(10_000_000m, LoanKit.DaysAgo(10));
        var member = await kop.ActiveMember();
        // Own capital 10,100,000: the limit is 1,515,000 for an ordinary member, 1,010,000 for an insider.
        var first = await kop.Apply(member, 1_000_000m, 6);
        (await kop.Pengurus2.Post(kop.Url($"loans/{first}/approve"), new { })).ShouldBe(HttpStatusCode.OK);
        var second = await kop.Apply(member, 600_000m, 6);
        var refused = (await kop.Pengurus2.Post(kop.Url($"loans/{second}/approve"), new { }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "limit_exceeded");
        refused.String("detail").Should().Contain("1,515,000");
        (await kop.Loan(second)).String("status").Should().Be("applied");

        // The same amount fits once the first loan is rejected, but not for an insider.
        (await kop.Pengurus.Post(kop.Url($"loans/{first}/reject"), new { reason = "diganti pengajuan baru" })).ShouldBe(HttpStatusCode.OK);
        var big = await kop.Apply(member, 1_500_000m, 6);
        (await kop.Pengurus2.Post(kop.Url($"loans/{big}/approve"), new { insider = true }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "limit_exceeded");
        (await kop.Pengurus2.Post(kop.Url($"loans/{big}/approve"), new { })).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task two_approvals_racing_for_one_borrower_cannot_together_exceed_the_limit()
    {
        var kop = await TestKoperasi.Create();
        await kop.Capital(10_000_000m, LoanKit.DaysAgo(10));
        var member = await kop.ActiveMember();
        // The limit is 1,515,000: each loan fits alone, both together do not.
        var loans = new[] { await kop.Apply(member, 1_000_000m, 6), await kop.Apply(member, 1_000_000m, 6) };
        var replies = await Task.WhenAll(loans.Select(l => kop.Pengurus2.Post(kop.Url($"loans/{l}/approve"), new { })));
        replies.Count(r => r.Status == HttpStatusCode.OK).Should().Be(1);
        replies.Single(r => r.Status != HttpStatusCode.OK).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "limit_exceeded");
    }

    [Fact]
    public async Task only_active_members_borrow_and_only_the_member_or_a_pengurus_files()
    {
        var applicant = await _kop.Register("Belum Aktif");
        (await _kop.Pengurus.Post(_kop.Url($"members/{applicant}/loans"), new { principal = 1_000_000, periods = 6, annualRate = 12, method = "flat" }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state");
        (await _kop.Kasir.Post(_kop.Url($"members/{_member}/loans"), new { principal = 1_000_000, periods = 6, annualRate = 12, method = "flat" }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        var other = await _kop.ActiveMember("Orang Lain");
        var anggota = await _kop.MemberLogin(_member);
        (await anggota.Post(_kop.Url($"members/{other}/loans"), new { principal = 1_000_000, periods = 6, annualRate = 12, method = "flat" }))
            .ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
        (await _kop.Pengurus.Get(_kop.Url($"members/{applicant}/loans"))).ShouldBe(HttpStatusCode.OK).Json.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task a_rejected_loan_is_closed_to_every_further_step()
    {
        var loan = await _kop.Apply(_member, 2_000_000m, 6);
        (await _kop.Pengurus2.Post(_kop.Url($"loans/{loan}/reject"), new { })).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        var rejected = (await _kop.Pengurus2.Post(_kop.Url($"loans/{loan}/reject"), new { reason = "agunan kurang" })).ShouldBe(HttpStatusCode.OK);
        rejected.String("status").Should().Be("rejected");
        (await _kop.Pengurus2.Post(_kop.Url($"loans/{loan}/approve"), new { })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state");
        (await _kop.Kasir.Post(_kop.Url($"loans/{loan}/disburse"), new { })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state");
        (await _kop.Kasir.Post(_kop.Url($"loans/{loan}/payments"), new { amount = 1_000 })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state");
        var view = await _kop.Loan(loan);
        view.String("rejectionReason").Should().Be("agunan kurang");
        view.Decimal("outstandingPrincipal").Should().Be(0m);
    }

    [Fact]
    public async Task an_approved_loan_is_disbursed_once_and_the_books_show_it()
    {
        var loan = await _kop.Apply(_member, 3_000_000m, 6);
        (await _kop.Pengurus2.Post(_kop.Url($"loans/{loan}/approve"), new { })).ShouldBe(HttpStatusCode.OK);
        var replies = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _kop.Kasir.Post(_kop.Url($"loans/{loan}/disburse"), new { })));
        replies.Count(r => r.Status == HttpStatusCode.OK).Should().Be(1, "a loan is paid out once");
        replies.Where(r => r.Status != HttpStatusCode.OK).Should().OnlyContain(r => r.Code == "invalid_state");
        var journal = (await _kop.Pengawas.Get(_kop.Url($"ledger/accounts/1-1100/lines?from={LoanKit.DaysAgo(1)}&to={LoanKit.Today}")))
            .ShouldBe(HttpStatusCode.OK);
        journal.Json["lines"]!.AsArray().Where(l => l!["memberId"]!.GetValue<Guid>() == _member)
            .Sum(l => l!["debit"]!.GetValue<decimal>()).Should().Be(3_000_000m);
    }
}
