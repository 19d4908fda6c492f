using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ekopz.Tests.Http.Support;
using Xunit.Abstractions;

namespace Ekopz.Tests.Http.Faults;

/// <summary>
/// Money under faults (issue 11, docs/adr/0019): 2,000 deposits race with Idempotency-Keys while the API
/// process is killed with SIGKILL and restarted, and PostgreSQL is restarted (every session ends with
/// 57P01). Clients retry unanswered requests with the same key, as the API contract asks. Afterwards
/// nothing is lost, nothing is doubled, no request got a 500, the books balance, and verify-books is green.
/// Runs on a PostgreSQL cluster and an API process of its own, so the other tests never see the faults.
/// </summary>
[Collection("faults")]
public sealed class when_the_api_and_the_database_fail(ITestOutputHelper log) : IAsyncLifetime
{
    private const string Admin = "admin-fault-password";
    private const string JwtKey = "fault-test-signing-key-0123456789-abcdefgh";
    private const string Slug = "fault";
    private const string Password = "fault-password-1";
    private string _db = "";
    private int _port;
    private Process _api = default!;
    private readonly object _apiGate = new();

    public async Task InitializeAsync()
    {
        var (exit, stdout, stderr) = await ProjectScript.Run(null, "pg-fault", "start");
        exit.Should().Be(0, stderr);
        _db = stdout.Trim().Split('\n').Last();
        _port = ProjectScript.FreePort();
        _api = ProjectScript.StartApi(_db, _port, Admin, JwtKey);
        await WaitForApi();
    }

    public async Task DisposeAsync()
    {
        if (!_api.HasExited) _api.Kill(entireProcessTree: true);
        await ProjectScript.Run(null, "pg-fault", "stop");
    }

    [Fact]
    public async Task racing_deposits_survive_a_killed_api_and_a_restarted_database()
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_port}"), Timeout = TimeSpan.FromSeconds(15) };
        var admin = await Token(http, "admin", Admin);
        (await Send(http, admin, HttpMethod.Post, "/api/v1/koperasi", new { slug = Slug, name = "Koperasi Tahan Banting", timeZone = "Asia/Jakarta" })).Should().Be(HttpStatusCode.Created);
        (await Send(http, admin, HttpMethod.Post, $"/api/v1/koperasi/{Slug}/users", new { username = "kasir.fault", password = Password, roles = new[] { "kasir" } }))
            .Should().Be(HttpStatusCode.Created);
        (await Send(http, admin, HttpMethod.Post, $"/api/v1/koperasi/{Slug}/users", new { username = "pengawas.fault", password = Password, roles = new[] { "pengawas" } }))
            .Should().Be(HttpStatusCode.Created);
        var kasir = await Token(http, "kasir.fault", Password);
        var members = new List<Guid>();
        for (var i = 0; i < 16; i++)
        {
            using var reply = await Post(http, kasir, $"/api/v1/koperasi/{Slug}/members", new { name = $"Anggota {i}", nik = $"32010115018{i:D5}" });
            var id = Guid.Parse(JsonNode.Parse(await reply.Content.ReadAsStringAsync())!["memberId"]!.GetValue<string>());
            members.Add(id);
            using var pokok = await Post(http, kasir, $"/api/v1/koperasi/{Slug}/members/{id}/savings/pokok/deposits", new { amount = 100_000m });
            pokok.StatusCode.Should().Be(HttpStatusCode.Created);
        }

        const int deposits = 2000;
        var answered = new ConcurrentDictionary<int, decimal>();
        var serverErrors = new ConcurrentBag<string>();
        var unavailable = 0;
        var transportFailures = 0;
        var deadline = Stopwatch.StartNew();
        var next = -1;

        async Task Worker()
        {
            while (true)
            {
                var n = Interlocked.Increment(ref next);
                if (n >= deposits) return;
                var member = members[n % members.Count];
                var amount = 1_000m + n;
                // Retry with the same key until answered: the contract for a lost answer.
                while (true)
                {
                    deadline.Elapsed.Should().BeLessThan(TimeSpan.FromMinutes(4), "the deposits must get through within a few minutes");
                    try
                    {
                        using var reply = await Post(http, kasir, $"/api/v1/koperasi/{Slug}/members/{member}/savings/sukarela/deposits", new { amount }, $"deposit-{n}");
                        if (reply.StatusCode == HttpStatusCode.Created) { answered[n] = amount; break; }
                        if ((int)reply.StatusCode >= 500 && reply.StatusCode != HttpStatusCode.ServiceUnavailable)
                            serverErrors.Add($"{(int)reply.StatusCode} {await reply.Content.ReadAsStringAsync()}");
                        if (reply.StatusCode == HttpStatusCode.ServiceUnavailable)
                        {
                            Interlocked.Increment(ref unavailable);
                            reply.Headers.RetryAfter.Should().NotBeNull("a 503 says when to try again");
                        }
                        else if (reply.StatusCode != HttpStatusCode.Unauthorized)
                            ((int)reply.StatusCode).Should().BeGreaterThanOrEqualTo(500, await reply.Content.ReadAsStringAsync());
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        Interlocked.Increment(ref transportFailures); // the process was killed, or is starting
                    }
                    await Task.Delay(100);
                }
            }
        }

        async Task Chaos()
        {
            await Until(() => answered.Count >= 400);
            KillAndRestartApi();
            await Until(() => answered.Count >= 900);
            (await ProjectScript.Run(null, "pg-fault", "restart")).Exit.Should().Be(0);
            await Until(() => answered.Count >= 1400);
            KillAndRestartApi();
            await Until(() => answered.Count >= 1700);
            (await ProjectScript.Run(null, "pg-fault", "restart")).Exit.Should().Be(0);
        }

        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Worker()).Append(Chaos()));

        log.WriteLine($"{deposits} deposits in {deadline.Elapsed.TotalSeconds:0.0} s; answered 503: {unavailable}; "
            + $"connection refused or cut: {transportFailures}; answered 500: {serverErrors.Count}");
        serverErrors.Should().BeEmpty("no request may be answered 500, even under faults");
        answered.Count.Should().Be(deposits);
        transportFailures.Should().BeGreaterThan(0, "the API really was killed while requests were in flight");

        // Nothing lost, nothing doubled: every member's sukarela is exactly the sum of the deposits meant for them,
        // and there is exactly one deposit line per key.
        var pengawas = await Token(http, "pengawas.fault", Password);
        decimal total = 0;
        for (var i = 0; i < members.Count; i++)
        {
            var expected = Enumerable.Range(0, deposits).Where(n => n % members.Count == i).Sum(n => 1_000m + n);
            var statement = await Get(http, pengawas, $"/api/v1/koperasi/{Slug}/members/{members[i]}/statement?pageSize=1000");
            statement["balances"]!["sukarela"]!.GetValue<decimal>().Should().Be(expected, $"member {i}");
            statement["lines"]!.AsArray().Count(l => l!["kind"]!.GetValue<string>() == "sukarela").Should().Be(deposits / members.Count + (i < deposits % members.Count ? 1 : 0));
            total += expected;
        }
        var tb = await Get(http, pengawas, $"/api/v1/koperasi/{Slug}/ledger/trial-balance");
        tb["balanced"]!.GetValue<bool>().Should().BeTrue();
        tb["lines"]!.AsArray().Single(l => l!["accountCode"]!.GetValue<string>() == "2-1000")!["credit"]!.GetValue<decimal>().Should().Be(total);
        var verification = await Get(http, pengawas, $"/api/v1/koperasi/{Slug}/ledger/verification");
        verification["ledgerMatchesEvents"]!.GetValue<bool>().Should().BeTrue(verification.ToJsonString());
        verification["dailyTotalsMatchLines"]!.GetValue<bool>().Should().BeTrue(verification.ToJsonString());

        // And the operator's own check, the program run as ./ekopz verify-books runs it.
        var verify = Process.Start(new ProcessStartInfo("dotnet", [Path.Combine(ProjectScript.RepositoryRoot, "src", "Ekopz.Api", "bin", "Debug", "net10.0", "Ekopz.Api.dll"), "verify-books", Slug])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
            Environment = { ["EKOPZ_DB"] = _db, ["EKOPZ_JWT_KEY"] = JwtKey, ["ASPNETCORE_ENVIRONMENT"] = "Testing", ["Logging__LogLevel__Default"] = "Warning" },
        })!;
        var output = await verify.StandardOutput.ReadToEndAsync();
        await verify.WaitForExitAsync();
        verify.ExitCode.Should().Be(0, output);
    }

    [Fact]
    public async Task while_the_database_is_down_requests_get_503_and_the_first_one_after_it_is_back_succeeds()
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_port}"), Timeout = TimeSpan.FromSeconds(30) };
        var admin = await Token(http, "admin", Admin);
        (await Send(http, admin, HttpMethod.Post, "/api/v1/koperasi", new { slug = Slug, name = "Koperasi Mati Lampu", timeZone = "Asia/Jakarta" })).Should().Be(HttpStatusCode.Created);
        (await Send(http, admin, HttpMethod.Post, $"/api/v1/koperasi/{Slug}/users", new { username = "kasir.fault", password = Password, roles = new[] { "kasir" } }))
            .Should().Be(HttpStatusCode.Created);
        var kasir = await Token(http, "kasir.fault", Password);
        using (var warm = await Post(http, kasir, $"/api/v1/koperasi/{Slug}/members", new { name = "Anggota Awal", nik = "3201011501800001" }))
            warm.StatusCode.Should().Be(HttpStatusCode.Created);

        (await ProjectScript.Run(null, "pg-fault", "stop")).Exit.Should().Be(0);
        // A write without an Idempotency-Key cannot be repeated safely: it is answered 503, never 500.
        using (var down = await Post(http, kasir, $"/api/v1/koperasi/{Slug}/members", new { name = "Anggota Gelap", nik = "3201011501800002" }))
        {
            down.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, await down.Content.ReadAsStringAsync());
            down.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
            JsonNode.Parse(await down.Content.ReadAsStringAsync())!["code"]!.GetValue<string>().Should().Be("unavailable");
            down.Headers.RetryAfter!.Delta.Should().BeGreaterThan(TimeSpan.Zero);
        }
        using (var read = await Authorized(http, kasir, $"/api/v1/koperasi/{Slug}/members"))
            read.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);

        (await ProjectScript.Run(null, "pg-fault", "resume")).Exit.Should().Be(0);
        // The pool still holds connections the server closed: the first request must not pay for them.
        using (var first = await Post(http, kasir, $"/api/v1/koperasi/{Slug}/members", new { name = "Anggota Terang", nik = "3201011501800003" }))
            first.StatusCode.Should().Be(HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        using (var list = await Authorized(http, kasir, $"/api/v1/koperasi/{Slug}/members"))
        {
            list.StatusCode.Should().Be(HttpStatusCode.OK);
            JsonNode.Parse(await list.Content.ReadAsStringAsync())!["total"]!.GetValue<long>().Should().Be(2, "the refused write changed nothing");
        }
    }

    private static async Task<HttpResponseMessage> Authorized(HttpClient http, string token, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }

    private void KillAndRestartApi()
    {
        lock (_apiGate)
        {
            _api.Kill(entireProcessTree: true); // SIGKILL: no graceful shutdown, requests in flight are cut
            _api.WaitForExit();
            _api = ProjectScript.StartApi(_db, _port, Admin, JwtKey);
        }
    }

    private async Task WaitForApi()
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_port}"), Timeout = TimeSpan.FromSeconds(5) };
        for (var i = 0; i < 240; i++)
        {
            try { if ((await http.GetAsync("/health")).IsSuccessStatusCode) return; } catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException("The API did not start.");
    }

    private static async Task Until(Func<bool> condition)
    {
        while (!condition()) await Task.Delay(50);
    }

    private static async Task<string> Token(HttpClient http, string username, string password)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var reply = await http.PostAsJsonAsync("/api/v1/auth/token", new { username, password });
                if (reply.IsSuccessStatusCode) return JsonNode.Parse(await reply.Content.ReadAsStringAsync())!["accessToken"]!.GetValue<string>();
            }
            catch (HttpRequestException) when (attempt < 100) { }
            // The API's first request compiles Wolverine's generated handlers; on a busy machine that can outlast the
            // client's timeout. Asking again is what a client does; the races below are what this test is about.
            catch (TaskCanceledException) when (attempt < 5) { }
            await Task.Delay(200);
        }
    }

    private static async Task<HttpResponseMessage> Post(HttpClient http, string token, string url, object body, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return await http.SendAsync(request);
    }

    private static async Task<HttpStatusCode> Send(HttpClient http, string token, HttpMethod method, string url, object body)
    {
        using var reply = await Post(http, token, url, body);
        return reply.StatusCode;
    }

    private static async Task<JsonNode> Get(HttpClient http, string token, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var reply = await http.SendAsync(request);
        var text = await reply.Content.ReadAsStringAsync();
        reply.StatusCode.Should().Be(HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!;
    }
}
