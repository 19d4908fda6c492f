using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Loans;

/// <summary>Only active members borrow: not before the day they became active, and never after they left.</summary>
public class when_a_member_may_not_borrow : IAsyncLifetime
{
    private TestKoperasi _kop = null!;
    private string _activated = null!;

    public async Task InitializeAsync()
    {
        _kop = await TestKoperasi.Create();
        _activated = LoanKit.DaysAgo(5);
        await _kop.Capital(50_000_000m, LoanKit.DaysAgo(30));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<Reply> Apply(Guid member, string? date = null) =>
        _kop.Pengurus.Post(_kop.Url($"members/{member}/loans"),
            new { principal = 1_000_000, periods = 6, annualRate = 12, method = "flat", businessDate = date });

    /// <summary>What an application must not change: the member's loans, the koperasi's loan list and the books.</summary>
    private async Task<string> Snapshot(Guid member) =>
        (await _kop.Pengawas.Get(_kop.Url($"members/{member}/loans"))).ShouldBe(HttpStatusCode.OK).Text
        + (await _kop.Pengawas.Get(_kop.Url("loans"))).ShouldBe(HttpStatusCode.OK).Text
        + (await _kop.Pengawas.Get(_kop.Url($"ledger/trial-balance?asOf={LoanKit.Today}"))).ShouldBe(HttpStatusCode.OK).Text;

    [Fact]
    public async Task an_application_dated_before_the_activation_date_is_refused_and_changes_nothing()
    {
        var member = await _kop.MemberSince(_activated, "Baru Aktif");
        var before = await Snapshot(member);

        var refused = (await Apply(member, LoanKit.Plus(_activated, days: -1))).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state");
        refused.String("detail").Should().Contain("not an active member on " + LoanKit.Plus(_activated, days: -1));
        (await Snapshot(member)).Should().Be(before);

        // From the activation date on the member may apply.
        (await Apply(member, _activated)).ShouldBe(HttpStatusCode.Created).String("status").Should().Be("applied");
    }

    [Fact]
    public async Task a_member_who_has_exited_cannot_apply_and_nothing_changes()
    {
        var member = await _kop.MemberSince(LoanKit.DaysAgo(20), "Sudah Keluar");
        (await _kop.Pengurus.Post(_kop.Url($"members/{member}/exit"), new { reason = "pindah ke Makassar" })).ShouldBe(HttpStatusCode.OK);
        (await _kop.Pengurus.Get(_kop.Url($"members/{member}"))).ShouldBe(HttpStatusCode.OK).String("status").Should().Be("exited");
        var before = await Snapshot(member);

        (await Apply(member)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state")
            .String("detail").Should().Contain("has left the koperasi");
        // Not even dated back to when they were still a member.
        (await Apply(member, LoanKit.DaysAgo(10))).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state");
        (await Snapshot(member)).Should().Be(before);
        await BookChecks.CheckInvariants(_kop, [member], LoanKit.Today);
    }
}
