using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Ekopz.Tests.Browser.Support;

/// <summary>
/// The real host (API and console) on Kestrel at a free loopback port, on the PostgreSQL that
/// ./ekopz test started, and one headless Chromium (Debian's) shared by every test. Each test class
/// works in a koperasi of its own (<see cref="ConsoleKoperasi"/>), so classes run side by side.
/// </summary>
public sealed class ConsoleHost : WebApplicationFactory<Program>
{
    /// <summary>
    /// The same as the HTTP tests' (EkopzApp.AdminPassword): ./ekopz test runs both projects at once on one database, and
    /// whichever host starts first creates the operator account with its password; the other must be able to sign in too.
    /// </summary>
    public const string AdminPassword = "admin-test-password";

    private static readonly Lazy<Task<ConsoleHost>> Shared = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    public static Task<ConsoleHost> Instance => Shared.Value;

    public Uri BaseAddress { get; private set; } = default!;
    public IBrowser Browser { get; private set; } = default!;
    public HttpClient Http { get; private set; } = default!;

    /// <summary>The clock of this host's sessions; only a host of its own moves it (see <see cref="StartOwn"/>).</summary>
    public ShiftedTime Time { get; } = new();
    private bool _ownClock;

    /// <summary>
    /// A second host on the same database with a clock of its own, for tests that move time (session
    /// expiry) without touching the sessions of tests running beside them. Shares the one Chromium.
    /// </summary>
    public static async Task<ConsoleHost> StartOwn()
    {
        var shared = await Instance;
        var host = new ConsoleHost { _ownClock = true };
        host.UseKestrel(0);
        host.StartServer();
        host.BaseAddress = Address(host);
        host.Http = new HttpClient { BaseAddress = host.BaseAddress };
        host.Browser = shared.Browser;
        return host;
    }

    private static Uri Address(ConsoleHost host) =>
        new(host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            .Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1"));

    private static async Task<ConsoleHost> StartAsync()
    {
        var host = new ConsoleHost();
        host.UseKestrel(0);
        host.StartServer();
        var addresses = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        host.BaseAddress = new Uri(addresses.First().Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1"));
        host.Http = new HttpClient { BaseAddress = host.BaseAddress };

        var playwright = await Playwright.CreateAsync();
        host.Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium(),
            Headless = true,
            // As root in a sandbox with no network: no Chromium sandbox, no background calls home.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        return host;
    }

    /// <summary>Debian's Chromium: EKOPZ_CHROMIUM (set by ./ekopz test), else the chromium on PATH.</summary>
    private static string Chromium()
    {
        if (Environment.GetEnvironmentVariable("EKOPZ_CHROMIUM") is { Length: > 0 } configured) return configured;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
            foreach (var name in new[] { "chromium", "chromium-browser" })
                if (File.Exists(Path.Combine(dir, name))) return Path.Combine(dir, name);
        throw new InvalidOperationException("Chromium is not installed: run the tests with ./ekopz test (it installs Debian's chromium) or apt-get install chromium.");
    }

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("EKOPZ_TEST_DB") is { Length: > 0 } cs ? cs
        : throw new InvalidOperationException("EKOPZ_TEST_DB is not set: run the tests with ./ekopz test, which starts a private PostgreSQL.");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("EKOPZ_DB", ConnectionString);
        builder.UseSetting("EKOPZ_ADMIN_PASSWORD", AdminPassword);
        builder.UseSetting("EKOPZ_JWT_KEY", "test-signing-key-for-ekopz-browser-tests-only-012345");
        builder.UseSetting("EKOPZ_SEED_DEMO", "false");
        // Every browser and every API call of the tests comes from 127.0.0.1, and the helpers sign in per call: the
        // request limits are out of reach. The lockout keeps its default (5 failures), which a journey checks.
        builder.UseSetting("EKOPZ_SIGNIN_PER_ADDRESS", "1000000");
        builder.UseSetting("EKOPZ_APPLY_PER_ADDRESS", "1000000");
        builder.UseSetting("EKOPZ_SIGNIN_PER_ACCOUNT", "1000000");
        if (_ownClock)
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Time));
    }

    /// <summary>A token for API calls a test makes beside the browser (to set up, or to check what the page did).</summary>
    public async Task<HttpClient> ApiAs(string username, string password)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username, password });
        response.EnsureSuccessStatusCode();
        var token = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["accessToken"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
