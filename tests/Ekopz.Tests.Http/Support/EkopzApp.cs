using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

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
            if (_clock is not null) services.AddSingleton(_clock);
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

    /// <summary>A clock that runs with the system clock, moved by a test (see <see cref="EkopzApp(IReadOnlyDictionary{string, string}, IClock)"/>).</summary>
    public sealed class MovableClock : IClock
    {
        private long _offsetTicks;
        public Instant GetCurrentInstant() => SystemClock.Instance.GetCurrentInstant() + Duration.FromTicks(Interlocked.Read(ref _offsetTicks));
        public void Advance(Duration by) => Interlocked.Add(ref _offsetTicks, by.BclCompatibleTicks);
    }
}
