using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Platform;

/// <summary>
/// The request limits of the auth routes (docs/adr/0018), on a host of their own with low limits (3 requests per
/// username, 5 per address) and no lockout in reach, so only the limits answer: 429
/// <c>rate_limited</c> with Retry-After, per username whatever the address, per address whatever the username, and
/// the address a client is counted under is the one a proxy on this host forwarded, never one a remote client claims.
/// Deterministic on purpose: the window is an hour, so a fixed window that starts at a key's first request never rolls
/// over (and hands back its permits) in the middle of a test on a slow machine, and every address comes from a counter,
/// so no two tests (nor two calls that must differ) ever share one, as random addresses now and then did.
/// </summary>
public class when_sign_in_is_limited : IAsyncLifetime
{
    private static readonly Lazy<EkopzApp> Low = new(() => SignIns.Host(new Dictionary<string, string>
    {
        ["EKOPZ_SIGNIN_PER_ADDRESS"] = "5",
        ["EKOPZ_SIGNIN_PER_ACCOUNT"] = "3",
        ["EKOPZ_SIGNIN_WINDOW_SECONDS"] = WindowSeconds.ToString(),
    }), LazyThreadSafetyMode.ExecutionAndPublication);

    private const int WindowSeconds = 3_600;

    private TestKoperasi _kop = null!;

    public async Task InitializeAsync() => _kop = await TestKoperasi.Create();
    public Task DisposeAsync() => Task.CompletedTask;

    private static int _addresses;

    /// <summary>An address of the documentation ranges (198.51.0.1 on) no other call of this host has used.</summary>
    private static string Address()
    {
        var n = Interlocked.Increment(ref _addresses);
        return $"198.51.{n / 254}.{n % 254 + 1}";
    }

    private static int _machines;

    /// <summary>A remote machine's own address (203.0.113.1 on), each one new.</summary>
    private static string Machine() => $"203.0.113.{Interlocked.Increment(ref _machines)}";

    [Fact]
    public async Task a_fourth_attempt_at_one_username_within_the_window_is_429_from_any_address()
    {
        var kasir = await _kop.NewKasir();
        for (var i = 0; i < 3; i++)
            (await SignIns.Token(Low.Value, kasir, "wrong-password-" + i, forwardedFor: Address())).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");

        // Even the right password, from an address never seen: the username has had its three.
        (await SignIns.Token(Low.Value, kasir, TestKoperasi.Password, forwardedFor: Address())).ShouldBeLimited(max: WindowSeconds);
        // A name no login has is limited the same way, so the limit tells nothing about which names exist.
        var nobody = $"nobody{Guid.NewGuid().ToString("N")[..6]}";
        for (var i = 0; i < 3; i++)
            (await SignIns.Token(Low.Value, nobody, "wrong-password-" + i, forwardedFor: Address())).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
        (await SignIns.Token(Low.Value, nobody, "wrong-password-x", forwardedFor: Address())).ShouldBeLimited(max: WindowSeconds);

        // Other usernames are not affected, and the shared host (its own limits) still signs the kasir in.
        var other = await _kop.NewKasir();
        (await SignIns.Token(Low.Value, other, TestKoperasi.Password, forwardedFor: Address())).ShouldBe(HttpStatusCode.OK);
        (await SignIns.Token(EkopzApp.Instance, kasir, TestKoperasi.Password)).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task a_sixth_attempt_from_one_address_within_the_window_is_429_whatever_the_username()
    {
        var address = Address();
        for (var i = 0; i < 5; i++)
            (await SignIns.Token(Low.Value, $"guess{i}{Guid.NewGuid().ToString("N")[..6]}", "wrong-password", forwardedFor: address))
                .ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
        var kasir = await _kop.NewKasir();
        var refused = (await SignIns.Token(Low.Value, kasir, TestKoperasi.Password, forwardedFor: address)).ShouldBeLimited(max: WindowSeconds);
        refused.Should().BePositive();

        // The person at the next desk (another address) signs in.
        (await SignIns.Token(Low.Value, kasir, TestKoperasi.Password, forwardedFor: Address())).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task refreshing_is_limited_per_address_too()
    {
        var address = Address();
        for (var i = 0; i < 5; i++)
            (await SignIns.Refresh(Low.Value, "not-a-token-" + i, forwardedFor: address)).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
        (await SignIns.Refresh(Low.Value, "not-a-token-6", forwardedFor: address)).ShouldBeLimited(max: WindowSeconds);
    }

    [Fact]
    public async Task a_forwarded_address_is_believed_only_from_this_host()
    {
        // A machine elsewhere that claims a new X-Forwarded-For each time is still counted as itself.
        var machine = Machine();
        for (var i = 0; i < 5; i++)
            (await SignIns.Token(Low.Value, $"spoof{i}{Guid.NewGuid().ToString("N")[..6]}", "wrong-password", forwardedFor: Address(), peer: machine))
                .ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
        (await SignIns.Token(Low.Value, "spoof-last", "wrong-password", forwardedFor: Address(), peer: machine)).ShouldBeLimited(max: WindowSeconds);

        // From this host (the console, or a proxy beside the API), the forwarded address is the client's.
        (await SignIns.Token(Low.Value, "from-console", "wrong-password", forwardedFor: Address(), peer: "127.0.0.1"))
            .ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task the_events_name_the_forwarded_address_and_the_user_agent()
    {
        var kasir = await _kop.NewKasir();
        var address = Address();
        var machine = Machine();
        (await SignIns.Token(Low.Value, kasir, TestKoperasi.Password, forwardedFor: address)).ShouldBe(HttpStatusCode.OK);
        (await SignIns.Token(Low.Value, kasir, "wrong-password", peer: machine, forwardedFor: "10.0.0.1"))
            .ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");

        var events = await SignIns.Events(kasir);
        var succeeded = events.OfType<Ekopz.Domain.Logins.LoginSucceeded>().Single();
        succeeded.Meta.Address.Should().Be(address);
        succeeded.Meta.ForwardedBy.Should().Be("local", "the test client is in-process, that is on this host");
        succeeded.Meta.UserAgent.Should().Be(SignIns.UserAgent);
        succeeded.Meta.Actor.Should().Be(kasir);
        var failed = events.OfType<Ekopz.Domain.Logins.LoginFailed>().Single();
        failed.Meta.Address.Should().Be(machine, "a remote machine's forwarded address is not believed");
        failed.Meta.ForwardedBy.Should().BeNull();
        failed.Reason.Should().Be("wrong_password");
    }
}
