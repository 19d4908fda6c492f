using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace Ekopz.Tests.Http.Support;

/// <summary>
/// The real API in-process, on the real PostgreSQL that ./ekopz test started (EKOPZ_TEST_DB). One
/// host is shared by every test class: classes run in parallel and stay apart because each one
/// works in koperasi (tenants) of its own. See docs/adr/0004-local-postgres-and-test-isolation.md.
/// </summary>
public sealed class EkopzApp : WebApplicationFactory<Program>
{
    public const string AdminPassword = "admin-test-password";

    private static readonly Lazy<EkopzApp> Shared = new(() =>
    {
        var app = new EkopzApp();
        // Starting the server applies the schema and creates the operator account.
        app.CreateClient().Dispose();
        return app;
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    public static EkopzApp Instance => Shared.Value;

    /// <summary>
    /// The one clock of the test run (docs/adr/0040): NodaTime's <see cref="FakeClock"/>, started at the real moment the run
    /// began, so "today" in a koperasi's zone is a real date and the koperasi's calendar (wajib months, due dates) behaves
    /// as on the day the suite runs. Every read moves it on by a microsecond, so two events never share a moment and "as
    /// known at" has a strict before and after; a test that needs a gap moves it with <see cref="Between"/> instead of
    /// sleeping. It only ever moves forward, and only by seconds, because classes running in parallel share it.
    /// </summary>
    public static readonly FakeClock Clock = new(SystemClock.Instance.GetCurrentInstant(), Duration.FromTicks(10));

    /// <summary>A moment strictly between what was recorded before this call and what is recorded after it.</summary>
    public static Instant Between()
    {
        Clock.Advance(Duration.FromSeconds(1));
        var moment = Clock.GetCurrentInstant();
        Clock.Advance(Duration.FromSeconds(1));
        return moment;
    }

    /// <summary><see cref="Between"/> as the API's <c>knownAt</c> parameter (ISO-8601, UTC).</summary>
    public static string BetweenText() => Between().ToString("uuuu-MM-ddTHH:mm:ss.fff'Z'", null);

    /// <summary>Today in a zone by the run's clock (what the API takes as the business date when none is given).</summary>
    public static LocalDate Today(string zone = "Asia/Jakarta") => Clock.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb[zone]).Date;

    /// <summary>A clock of a host's own, for a test that moves time by minutes or days (a lockout) without moving everyone's.</summary>
    public static FakeClock OwnClock() => new(Clock.GetCurrentInstant(), Duration.FromTicks(10));

    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly IClock? _clock;

    public EkopzApp() : this(new Dictionary<string, string>()) { }

    /// <summary>
    /// Another host on the same database with settings of its own (a lowered report page cap, say), and a clock of
    /// its own when given (to move time past a lockout). Koperasi and logins made through <see cref="Instance"/> work
    /// on it: same data, same token key.
    /// </summary>
    public EkopzApp(IReadOnlyDictionary<string, string> settings, IClock? clock = null)
    {
        _settings = settings;
        _clock = clock;
    }

    /// <summary>
    /// The header a test sets to play a client connecting from another machine: the host takes it as the connection's
    /// remote address, so X-Forwarded-For from that "machine" must be ignored (docs/adr/0018). Without it, a test
    /// request comes in-process, that is from this host, whose X-Forwarded-For is believed.
    /// </summary>
    public const string PeerHeader = "X-Test-Peer";

    /// <summary>
    /// Limits for the shared host: every test class signs in from the same place, and the operator `admin` signs in
    /// for every koperasi a test creates, so the request limits are out of reach and a lockout needs far more failures
    /// than any test makes (a test of hostile input may well send `admin` with a wrong password). Tests of the limits
    /// and of the lockout start hosts of their own with the defaults or lower.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Unlimited = new Dictionary<string, string>
    {
        ["EKOPZ_SIGNIN_PER_ADDRESS"] = "1000000",
        ["EKOPZ_SIGNIN_PER_ACCOUNT"] = "1000000",
        ["EKOPZ_LOCKOUT_FAILURES"] = "1000",
        ["EKOPZ_APPLY_PER_ADDRESS"] = "1000000",
    };

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("EKOPZ_TEST_DB") is { Length: > 0 } cs ? cs
        : throw new InvalidOperationException("EKOPZ_TEST_DB is not set: run the tests with ./ekopz test, which starts a private PostgreSQL.");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("EKOPZ_DB", ConnectionString);
        builder.UseSetting("EKOPZ_ADMIN_PASSWORD", AdminPassword);
        builder.UseSetting("EKOPZ_JWT_KEY", "test-signing-key-for-ekopz-http-tests-only-0123456789");
        builder.UseSetting("EKOPZ_SEED_DEMO", "false");
        foreach (var (key, value) in Unlimited) builder.UseSetting(key, value);
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(_clock ?? Clock);
            services.AddSingleton<IStartupFilter, PeerFromHeader>();
        });
    }

    private sealed class PeerFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, following) =>
            {
                if (IPAddress.TryParse(http.Request.Headers[PeerHeader].ToString(), out var peer)) http.Connection.RemoteIpAddress = peer;
                return following(http);
            });
            next(app);
        };
    }
}
