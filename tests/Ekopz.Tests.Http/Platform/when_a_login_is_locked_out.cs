using System.Net;
using Ekopz.Domain.Logins;
using Ekopz.Tests.Http.Support;
using NodaTime;

namespace Ekopz.Tests.Http.Platform;

/// <summary>
/// The lockout (docs/adr/0018): 5 failed sign-ins within 15 minutes lock the name for 15 minutes, during which
/// every sign-in is 429 <c>rate_limited</c> with Retry-After, the right password included; a name no login has
/// locks the same way; a pengurus's reset ends it; each attempt is an event of the login's stream. On hosts with the
/// default lockout and request limits out of reach.
/// </summary>
public class when_a_login_is_locked_out : IAsyncLifetime
{
    private static readonly Dictionary<string, string> DefaultLockout = new()
    {
        ["EKOPZ_LOCKOUT_FAILURES"] = "5",
        ["EKOPZ_LOCKOUT_WINDOW_MINUTES"] = "15",
        ["EKOPZ_LOCKOUT_MINUTES"] = "15",
    };

    private static readonly Lazy<EkopzApp> Locking = new(() => SignIns.Host(DefaultLockout), LazyThreadSafetyMode.ExecutionAndPublication);

    private TestKoperasi _kop = null!;

    public async Task InitializeAsync() => _kop = await TestKoperasi.Create();
    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task FailFourTimes(EkopzApp app, string username)
    {
        for (var i = 1; i <= 4; i++)
            (await SignIns.Token(app, username, $"wrong-password-{i}", forwardedFor: "192.0.2.10")).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task the_fifth_failure_locks_for_fifteen_minutes_and_then_the_right_password_works_again()
    {
        var clock = EkopzApp.OwnClock();
        using var app = SignIns.Host(DefaultLockout, clock);
        var kasir = await _kop.NewKasir();

        await FailFourTimes(app, kasir);
        var first = (await SignIns.Token(app, kasir, "wrong-password-5", forwardedFor: "192.0.2.10")).ShouldBeLimited(min: 890, max: 900);
        // The right password changes nothing while locked.
        (await SignIns.Token(app, kasir, TestKoperasi.Password, forwardedFor: "192.0.2.11")).ShouldBeLimited(min: 880, max: first);

        clock.Advance(Duration.FromMinutes(14));
        (await SignIns.Token(app, kasir, TestKoperasi.Password, forwardedFor: "192.0.2.11")).ShouldBeLimited(min: 1, max: 60);

        clock.Advance(Duration.FromMinutes(1) + Duration.FromSeconds(5));
        (await SignIns.Token(app, kasir, TestKoperasi.Password, forwardedFor: "192.0.2.11")).ShouldBe(HttpStatusCode.OK);

        // A success clears the count: four more failures do not lock, the fifth does again.
        await FailFourTimes(app, kasir);
        (await SignIns.Token(app, kasir, TestKoperasi.Password, forwardedFor: "192.0.2.11")).ShouldBe(HttpStatusCode.OK);
        await FailFourTimes(app, kasir);
        (await SignIns.Token(app, kasir, "wrong-password-5", forwardedFor: "192.0.2.10")).ShouldBeLimited(min: 890, max: 900);
    }

    [Fact]
    public async Task failures_older_than_the_window_do_not_count()
    {
        var clock = EkopzApp.OwnClock();
        using var app = SignIns.Host(DefaultLockout, clock);
        var kasir = await _kop.NewKasir();

        await FailFourTimes(app, kasir);
        clock.Advance(Duration.FromMinutes(16));
        (await SignIns.Token(app, kasir, "wrong-password-5", forwardedFor: "192.0.2.10")).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
        (await SignIns.Token(app, kasir, TestKoperasi.Password, forwardedFor: "192.0.2.10")).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task every_attempt_is_an_event_with_its_address_user_agent_and_moment()
    {
        var kasir = await _kop.NewKasir();
        await FailFourTimes(Locking.Value, kasir);
        (await SignIns.Token(Locking.Value, kasir, "wrong-password-5", forwardedFor: "192.0.2.10")).ShouldBeLimited(min: 890, max: 900);
        (await SignIns.Token(Locking.Value, kasir, TestKoperasi.Password, forwardedFor: "192.0.2.12")).ShouldBeLimited(min: 850, max: 900);

        var events = await SignIns.Events(kasir);
        events.Select(e => e.GetType().Name).Should().Equal(
            "LoginFailed", "LoginFailed", "LoginFailed", "LoginFailed", "LoginFailed", "LoginLockedOut", "LoginRefusedWhileLocked");
        events.OfType<LoginFailed>().Should().OnlyContain(f => f.Reason == LoginFailureReasons.WrongPassword && f.Username == kasir
            && f.Meta.Address == "192.0.2.10" && f.Meta.UserAgent == SignIns.UserAgent && f.Meta.Actor == kasir);
        var locked = events.OfType<LoginLockedOut>().Single();
        locked.Failures.Should().Be(5);
        (locked.Until - locked.Meta.RecordedAt).Should().Be(Duration.FromMinutes(15));
        var refused = events.OfType<LoginRefusedWhileLocked>().Single();
        refused.Meta.Address.Should().Be("192.0.2.12");
        refused.LockedUntil.Should().Be(locked.Until);
        events.Cast<object>().Select(Moment).Should().BeInAscendingOrder();

        // The pengurus sees the lockout in the list of logins.
        var listed = (await _kop.Pengurus.Get(_kop.Url("users"))).ShouldBe(HttpStatusCode.OK).Json.AsArray()
            .Single(u => u!["username"]!.GetValue<string>() == kasir)!;
        listed["lockedUntil"]!.GetValue<string>().Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task the_login_events_belong_to_the_platform_not_to_a_koperasi()
    {
        var kasir = await _kop.NewKasir();
        (await SignIns.Token(Locking.Value, kasir, TestKoperasi.Password)).ShouldBe(HttpStatusCode.OK);
        var signedIn = (await SignIns.RawEvents(kasir)).Single();
        signedIn.TenantId.Should().Be("*DEFAULT*");
        // Not even the koperasi's own staff read them as the koperasi's events (addresses are personal data).
        (await _kop.Pengurus.Get(_kop.Url($"events/{signedIn.Id}"))).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
    }

    private static Instant Moment(object e) => e switch
    {
        LoginFailed x => x.Meta.RecordedAt,
        LoginLockedOut x => x.Meta.RecordedAt,
        LoginRefusedWhileLocked x => x.Meta.RecordedAt,
        _ => throw new InvalidOperationException(e.GetType().Name),
    };

    [Fact]
    public async Task a_name_no_login_has_locks_the_same_way_so_the_answers_tell_nothing()
    {
        var kasir = await _kop.NewKasir();
        var nobody = $"nobody{Guid.NewGuid().ToString("N")[..8]}";
        var known = new List<Reply>();
        var unknown = new List<Reply>();
        for (var i = 1; i <= 6; i++)
        {
            known.Add(await SignIns.Token(Locking.Value, kasir, $"wrong-password-{i}", forwardedFor: "192.0.2.20"));
            unknown.Add(await SignIns.Token(Locking.Value, nobody, $"wrong-password-{i}", forwardedFor: "192.0.2.21"));
        }
        known.Select(r => r.Status).Should().Equal(unknown.Select(r => r.Status));
        known.Select(r => r.Code).Should().Equal(unknown.Select(r => r.Code));
        known.Select(r => r.Json["detail"]!.ToString()).Should().Equal(unknown.Select(r => r.Json["detail"]!.ToString()));
        known.Select(r => r.Status).Should().Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 4).Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 2)));

        (await SignIns.Events(nobody)).OfType<LoginFailed>().Should().OnlyContain(f => f.Reason == LoginFailureReasons.UnknownUser);
        (await SignIns.Events(nobody)).OfType<LoginLockedOut>().Should().ContainSingle();
    }

    [Fact]
    public async Task a_reset_by_the_pengurus_ends_the_lockout_and_is_recorded()
    {
        var kasir = await _kop.NewKasir();
        await FailFourTimes(Locking.Value, kasir);
        (await SignIns.Token(Locking.Value, kasir, "wrong-password-5", forwardedFor: "192.0.2.10")).ShouldBeLimited(min: 890, max: 900);

        var reset = (await _kop.Pengurus.Post(_kop.Url($"users/{kasir}/password"), new { password = "sandi-dari-pengurus-7" })).ShouldBe(HttpStatusCode.OK);
        reset.Json["lockedUntil"].Should().BeNull();
        (await SignIns.Token(Locking.Value, kasir, "sandi-dari-pengurus-7", forwardedFor: "192.0.2.10")).ShouldBe(HttpStatusCode.OK);

        var byPengurus = (await SignIns.Events(kasir)).OfType<PasswordReset>().Single();
        byPengurus.Meta.Actor.Should().Be(_kop.Pengurus.Username);
        byPengurus.Username.Should().Be(kasir);
    }

    [Fact]
    public async Task wrong_current_passwords_count_towards_the_lockout()
    {
        var kasir = await _kop.NewKasir();
        var token = (await SignIns.Token(Locking.Value, kasir, TestKoperasi.Password)).ShouldBe(HttpStatusCode.OK).String("accessToken");
        for (var i = 1; i <= 4; i++)
            (await SignIns.Post(Locking.Value, "/api/v1/auth/password", new { currentPassword = $"guess-{i}-xyz", newPassword = "sandi-baru-sekali-9" }, bearer: token))
                .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed").Json["errors"]!["currentPassword"].Should().NotBeNull();
        (await SignIns.Post(Locking.Value, "/api/v1/auth/password", new { currentPassword = "guess-5-xyz", newPassword = "sandi-baru-sekali-9" }, bearer: token))
            .ShouldBeLimited(min: 890, max: 900);
        // Locked for signing in as well, the right password included.
        (await SignIns.Token(Locking.Value, kasir, TestKoperasi.Password)).ShouldBeLimited(min: 850, max: 900);
        (await SignIns.Events(kasir)).OfType<LoginFailed>().Should().HaveCount(5).And.OnlyContain(f => f.Reason == LoginFailureReasons.WrongCurrentPassword);
    }
}
