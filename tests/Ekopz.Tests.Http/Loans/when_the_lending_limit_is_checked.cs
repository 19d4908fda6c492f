using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Loans;

/// <summary>The lending-limit check an approval would make, shown before it is made and recorded nowhere.</summary>
public class when_the_lending_limit_is_checked : IAsyncLifetime
{
    private TestKoperasi _kop = null!;
    private Guid _member;

    public async Task InitializeAsync()
    {
        _kop = await TestKoperasi.Create();
        // Own capital 10,000,000 + one member's pokok of 100,000 = 10,100,000: 15% is 1,515,000, 10% is 1,010,000.
        await _kop.Capital(10_000_000m, LoanKit.DaysAgo(10));
        _member = await _kop.MemberSince(LoanKit.DaysAgo(10), "Peminjam");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<Reply> Check(ApiUser user, Guid loan, string query = "") => user.Get(_kop.Url($"loans/{loan}/lending-limit{query}"));

    [Fact]
    public async Task the_check_is_the_one_the_approval_then_records()
    {
        var running = await _kop.ActiveLoan(_member, LoanKit.DaysAgo(5), 600_000m, 6);
        var loan = await _kop.Apply(_member, 900_000m, 6, date: LoanKit.DaysAgo(2));
        var events = await DirectSql.CountFor("mt_events", _kop.Slug);

        var check = (await Check(_kop.Pengawas, loan)).ShouldBe(HttpStatusCode.OK);
        check.Guid("loanId").Should().Be(loan);
        check.Guid("memberId").Should().Be(_member);
        check.String("status").Should().Be("applied");
        check.String("businessDate").Should().Be(LoanKit.Today);
        check.Json["insider"]!.GetValue<bool>().Should().BeFalse();
        check.Decimal("ownCapital").Should().Be(10_100_000m);
        check.Decimal("limitPercent").Should().Be(15m);
        check.Decimal("limit").Should().Be(1_515_000m);
        check.Decimal("otherExposure").Should().Be(600_000m, "the running loan, nothing repaid yet");
        check.Decimal("thisLoan").Should().Be(900_000m);
        check.Decimal("exposure").Should().Be(1_500_000m);
        check.Json["within"]!.GetValue<bool>().Should().BeTrue();
        (await DirectSql.CountFor("mt_events", _kop.Slug)).Should().Be(events, "a check records nothing");
        (await _kop.Loan(loan)).String("status").Should().Be("applied");

        var approved = (await _kop.Pengurus2.Post(_kop.Url($"loans/{loan}/approve"), new { })).ShouldBe(HttpStatusCode.OK);
        var recorded = approved.Json["lendingLimit"]!;
        foreach (var field in new[] { "ownCapital", "limitPercent", "limit", "otherExposure", "exposure" })
            recorded[field]!.GetValue<decimal>().Should().Be(check.Decimal(field), field);
        _ = running;
    }

    [Fact]
    public async Task over_the_limit_it_says_so_where_the_approval_refuses_and_an_insider_is_held_to_ten_percent()
    {
        var loan = await _kop.Apply(_member, 1_200_000m, 6, date: LoanKit.DaysAgo(2));
        var check = (await Check(_kop.Pengurus, loan)).ShouldBe(HttpStatusCode.OK);
        check.Json["within"]!.GetValue<bool>().Should().BeTrue("1,200,000 is within 15% of 10,100,000");

        var insider = (await Check(_kop.Pengurus, loan, "?insider=true")).ShouldBe(HttpStatusCode.OK);
        insider.Json["insider"]!.GetValue<bool>().Should().BeTrue();
        insider.Decimal("limitPercent").Should().Be(10m);
        insider.Decimal("limit").Should().Be(1_010_000m);
        insider.Json["within"]!.GetValue<bool>().Should().BeFalse();
        (await _kop.Pengurus2.Post(_kop.Url($"loans/{loan}/approve"), new { insider = true }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "limit_exceeded");

        // On a date before the capital came in there is nothing to lend from.
        var early = (await Check(_kop.Pengawas, loan, $"?businessDate={LoanKit.DaysAgo(20)}")).ShouldBe(HttpStatusCode.OK);
        early.Decimal("ownCapital").Should().Be(0m);
        early.Decimal("limit").Should().Be(0m);
        early.Json["within"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public async Task only_pengurus_and_pengawas_may_check_and_bad_input_is_refused()
    {
        var loan = await _kop.Apply(_member, 500_000m, 6);
        foreach (var user in new[] { _kop.Kasir, _kop.Toko, await _kop.MemberLogin(_member) })
            (await Check(user, loan)).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        (await Check(_kop.Pengurus, Guid.NewGuid())).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
        (await Check(_kop.Pengurus, loan, "?businessDate=2026-13-01")).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await Check(_kop.Pengurus, loan, $"?businessDate={LoanKit.Plus(LoanKit.Today, days: 1)}"))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        var other = await TestKoperasi.Create();
        (await Check(other.Pengurus, loan)).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
    }
}
