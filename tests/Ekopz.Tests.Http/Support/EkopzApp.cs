using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

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

    public EkopzApp() : this(new Dictionary<string, string>()) { }

    /// <summary>
    /// Another host on the same database with settings of its own (a lowered report page cap, say).
    /// Koperasi and logins made through <see cref="Instance"/> work on it: same data, same token key.
    /// </summary>
    public EkopzApp(IReadOnlyDictionary<string, string> settings) => _settings = settings;

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
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
    }
}
