using Ekopz.Domain.Logins;
using NodaTime;

namespace Ekopz.Tests.Unit.Logins;

/// <summary>The lockout rule, pure (docs/adr/0018): failures within the window, the lockout, what clears them.</summary>
public class when_sign_ins_fail
{
    private static readonly Instant Start = Instant.FromUtc(2026, 12, 4, 1, 0);
    private static readonly Guid Id = LoginRecord.StreamId("kasir.uji");

    private static LoginMeta At(Instant when) => new("kasir.uji", when, "192.0.2.1", "Test", null, "c1");

    private static LoginRecord? Apply(LoginRecord? record, IEnumerable<object> events) =>
        events.Aggregate(record, (r, e) => LoginRecord.Evolve(r, Id, e));

    private static LoginRecord? FailAt(LoginRecord? record, Instant when, out Instant? lockedUntil)
    {
        var (events, until) = LoginDecider.Fail(record, "kasir.uji", LoginFailureReasons.WrongPassword, At(when), LockoutRule.Default);
        lockedUntil = until;
        return Apply(record, events);
    }

    [Fact]
    public void the_fifth_failure_within_fifteen_minutes_locks_for_fifteen_minutes()
    {
        LoginRecord? record = null;
        for (var i = 0; i < 4; i++)
        {
            record = FailAt(record, Start + Duration.FromMinutes(3 * i), out var none);
            none.Should().BeNull();
        }
        record = FailAt(record, Start + Duration.FromMinutes(13), out var until);
        until.Should().Be(Start + Duration.FromMinutes(28));
        record!.LockedAt(Start + Duration.FromMinutes(27)).Should().Be(until);
        record.LockedAt(Start + Duration.FromMinutes(28)).Should().BeNull("the lockout ends at its moment");
        record.RecentFailures.Should().BeEmpty("a lockout starts the count again");
        record.Lockouts.Should().Be(1);
    }

    [Fact]
    public void failures_outside_the_window_do_not_count()
    {
        LoginRecord? record = null;
        for (var i = 0; i < 4; i++) record = FailAt(record, Start + Duration.FromMinutes(i), out _);
        record = FailAt(record, Start + Duration.FromMinutes(16), out var until);
        until.Should().BeNull("only the failures of the last 15 minutes count: three earlier ones fell out");
        record = FailAt(record, Start + Duration.FromMinutes(16.5), out until);
        until.Should().BeNull();
    }

    [Fact]
    public void a_success_or_a_reset_clears_the_count_and_a_reset_ends_a_lockout()
    {
        LoginRecord? record = null;
        for (var i = 0; i < 4; i++) record = FailAt(record, Start + Duration.FromMinutes(i), out _);
        record = Apply(record, [new LoginSucceeded("kasir.uji", Guid.NewGuid(), At(Start + Duration.FromMinutes(5)))]);
        record!.RecentFailures.Should().BeEmpty();
        record.LastSucceededAt.Should().Be(Start + Duration.FromMinutes(5));

        for (var i = 0; i < 5; i++) record = FailAt(record, Start + Duration.FromMinutes(6 + i), out _);
        record!.LockedUntil.Should().NotBeNull();
        record = Apply(record, [new PasswordReset("kasir.uji", At(Start + Duration.FromMinutes(12)) with { Actor = "pengurus.uji" })]);
        record!.LockedAt(Start + Duration.FromMinutes(12)).Should().BeNull();
    }

    [Fact]
    public void refusals_while_locked_are_not_counted()
    {
        LoginRecord? record = null;
        for (var i = 0; i < 5; i++) record = FailAt(record, Start + Duration.FromMinutes(i), out _);
        var until = record!.LockedUntil!.Value;
        for (var i = 0; i < 20; i++)
            record = Apply(record, [new LoginRefusedWhileLocked("kasir.uji", until, At(Start + Duration.FromMinutes(5) + Duration.FromSeconds(i)))]);
        record!.LockedUntil.Should().Be(until, "trying during a lockout does not extend it");
        record.RecentFailures.Should().BeEmpty();
    }

    [Fact]
    public void each_login_name_has_its_own_stream()
    {
        LoginRecord.StreamId("kasir.uji").Should().Be(LoginRecord.StreamId("kasir.uji"));
        LoginRecord.StreamId("kasir.uji").Should().NotBe(LoginRecord.StreamId("kasir.uji2"));
    }
}
