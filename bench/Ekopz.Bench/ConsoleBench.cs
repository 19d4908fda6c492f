using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Ekopz.Api.Auth;
using Ekopz.Api.Platform;
using Ekopz.Domain.Members;
using Marten;
using NodaTime;

/// <summary>
/// The web console under a year of a 5,000-member koperasi (README "Performance", docs/adr/0016):
/// starts the real host (the Release build of Ekopz.Api, as ./ekopz up runs it) on the bench
/// database, signs in through the sign-in page like a browser, then times the dashboard, member pages
/// and the neraca, and weighs each page's first load (HTML + CSS + JS as transferred).
/// </summary>
public static class ConsoleBench
{
    private const string Password = "bench-console-password";

    public static async Task Run(IDocumentStore store, string connectionString, string tenant, IClock clock)
    {
        await Prepare(store, tenant, clock);
        var port = int.Parse(Environment.GetEnvironmentVariable("EKOPZ_BENCH_CONSOLE_PORT") ?? "5095");
        var baseUrl = $"http://127.0.0.1:{port}";
        using var host = StartHost(connectionString, baseUrl);
        try
        {
            using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AutomaticDecompression = DecompressionMethods.None })
                { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
            await WaitFor(http, host);
            await SignIn(http, $"pengurus.{tenant}");

            await using var q = store.QuerySession(tenant);
            var memberIds = (await q.Query<Member>().OrderBy(m => m.MemberNumber).Select(m => m.Id).ToListAsync()).ToArray();
            var random = new Random(11);
            Console.WriteLine($"console on {baseUrl} against {tenant} ({memberIds.Length:N0} members)");
            await Page(http, "dashboard (/beranda)", () => "/beranda", 60);
            await Page(http, "member page (/anggota/{id}), random member", () => $"/anggota/{memberIds[random.Next(memberIds.Length)]}", 100);
            await Page(http, "neraca (/laporan/neraca), 31 Dec 2025", () => "/laporan/neraca?per=2025-12-31", 60);
        }
        finally
        {
            if (!host.HasExited) host.Kill(entireProcessTree: true);
        }
    }

    /// <summary>The bench koperasi as the API knows a koperasi (its record) and a pengurus login, written once.</summary>
    private static async Task Prepare(IDocumentStore store, string tenant, IClock clock)
    {
        await using var s = store.LightweightSession();
        if (await s.LoadAsync<KoperasiRecord>(tenant) is null)
            s.Store(new KoperasiRecord { Id = tenant, Name = "Bench 5000", CreatedAt = clock.GetCurrentInstant(), CreatedBy = "bench" });
        var username = $"pengurus.{tenant}";
        if (await s.LoadAsync<UserAccount>(username) is null)
            s.Store(new UserAccount
            {
                Id = username, UserId = Guid.NewGuid(), PasswordHash = PasswordHasher.Hash(Password), Koperasi = tenant, Roles = ["pengurus"],
                CreatedAt = clock.GetCurrentInstant(), CreatedBy = "bench",
            });
        await s.SaveChangesAsync();
    }

    private static Process StartHost(string connectionString, string baseUrl)
    {
        var dll = Path.Combine(Root(), "src", "Ekopz.Api", "bin", "Release", "net10.0", "Ekopz.Api.dll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"{dll} is missing: ./ekopz bench builds it.");
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", baseUrl])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.Environment["EKOPZ_DB"] = connectionString;
        start.Environment["EKOPZ_JWT_KEY"] = "bench-console-signing-key-0123456789-abcdef";
        start.Environment["EKOPZ_ADMIN_PASSWORD"] = "bench-admin-password";
        start.Environment["EKOPZ_SEED_DEMO"] = "false";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 }) Console.Error.WriteLine("  host: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitFor(HttpClient http, Process host)
    {
        for (var i = 0; i < 120; i++)
        {
            if (host.HasExited) throw new InvalidOperationException("The host stopped during start.");
            try
            {
                if ((await http.GetAsync("/health")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(500);
        }
        throw new TimeoutException("The host did not answer /health within a minute.");
    }

    /// <summary>Signs in through /masuk exactly as the browser does: antiforgery token, form post, session cookie.</summary>
    private static async Task SignIn(HttpClient http, string username)
    {
        var form = await http.GetStringAsync("/masuk");
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var response = await http.PostAsync("/masuk", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["_handler"] = "masuk", ["f.Username"] = username, ["f.Password"] = Password,
        }));
        if (!(await http.GetAsync("/beranda")).IsSuccessStatusCode) throw new InvalidOperationException($"Sign-in as {username} failed ({response.StatusCode}).");
    }

    private static async Task Page(HttpClient http, string name, Func<string> path, int runs)
    {
        for (var i = 0; i < 5; i++) (await http.GetAsync(path())).EnsureSuccessStatusCode();
        var times = new List<TimeSpan>();
        var html = 0L;
        for (var i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            using var response = await http.GetAsync(path());
            var body = await response.Content.ReadAsByteArrayAsync();
            times.Add(sw.Elapsed);
            response.EnsureSuccessStatusCode();
            html = Math.Max(html, body.Length);
        }
        times.Sort();
        // First load: the page plus its stylesheet and script, as a browser that accepts brotli receives them.
        var page = await http.GetStringAsync(path());
        long assets = 0;
        foreach (Match m in Regex.Matches(page, "(?:href|src)=\"(/assets/[^\"]+\\.(?:css|js))\""))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, m.Groups[1].Value);
            request.Headers.AcceptEncoding.ParseAdd("br, gzip");
            using var asset = await http.SendAsync(request);
            assets += (await asset.Content.ReadAsByteArrayAsync()).Length;
        }
        static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
        static string Kb(long b) => (b / 1024.0).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
        Console.WriteLine($"{name,-48} n={runs,4}  p50 {Ms(times[runs / 2]),6} ms  p95 {Ms(times[runs * 95 / 100]),6} ms  "
            + $"HTML {Kb(html),6} KB  + CSS/JS {Kb(assets),5} KB  = first load {Kb(html + assets),6} KB");
    }

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Ekopz.sln"))) return dir.FullName;
        throw new InvalidOperationException("Ekopz.sln not found above " + AppContext.BaseDirectory);
    }
}
