using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Ekopz.Tests.Browser.Support;

/// <summary>
/// A fresh koperasi for one test class, with a login per role (two pengurus, for maker-checker),
/// created through the API as an operator would. Its users sign in to the console in the browser.
/// </summary>
public sealed class ConsoleKoperasi
{
    public const string Password = "browser-pass-1";

    public required ConsoleHost Host { get; init; }
    public required string Slug { get; init; }
    public required string Name { get; init; }
    public required HttpClient Admin { get; init; }

    public string Pengurus => $"pengurus.{Slug}";
    public string Pengurus2 => $"bendahara.{Slug}";
    public string Kasir => $"kasir.{Slug}";
    public string Pengawas => $"pengawas.{Slug}";
    public string Toko => $"toko.{Slug}";

    public string Url(string path) => $"/api/v1/koperasi/{Slug}/{path.TrimStart('/')}";

    public static async Task<ConsoleKoperasi> Create(string name = "Koperasi Uji Peramban")
    {
        var host = await ConsoleHost.Instance;
        var slug = "b-" + Guid.NewGuid().ToString("N")[..10];
        var admin = await host.ApiAs("admin", ConsoleHost.AdminPassword);
        (await admin.PostAsJsonAsync("/api/v1/koperasi", new { slug, name, timeZone = "Asia/Jakarta", pokokAmount = 100_000m, wajibMonthlyAmount = 25_000m }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        foreach (var (user, role) in new[] { ("pengurus", "pengurus"), ("bendahara", "pengurus"), ("kasir", "kasir"), ("pengawas", "pengawas"), ("toko", "pengelola_toko") })
        {
            var created = await admin.PostAsJsonAsync($"/api/v1/koperasi/{slug}/users", new { username = $"{user}.{slug}", password = Password, roles = new[] { role } });
            created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        }
        return new ConsoleKoperasi { Host = host, Slug = slug, Name = name, Admin = admin };
    }

    /// <summary>An API client signed in as one of this koperasi's users.</summary>
    public Task<HttpClient> Api(string username) => Host.ApiAs(username, Password);

    public async Task<JsonNode> Get(string username, string path)
    {
        var client = await Api(username);
        var response = await client.GetAsync(Url(path));
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!;
    }

    public async Task<JsonNode> Post(string username, string path, object body)
    {
        var client = await Api(username);
        var response = await client.PostAsJsonAsync(Url(path), body);
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).Should().BeLessThan(300, text);
        return JsonNode.Parse(text)!;
    }

    private static int _nik = Random.Shared.Next(0, 500_000);

    public static string NewNik()
    {
        var n = Interlocked.Increment(ref _nik);
        return $"3273{n / 10000 % 100:D2}150180{n % 10000:D4}";
    }

    /// <summary>An active member (registered, pokok paid) made through the API; returns its id.</summary>
    public async Task<Guid> ActiveMember(string name)
    {
        var member = await Post(Kasir, "members", new { name, nik = NewNik(), phone = "081234567890" });
        var id = Guid.Parse(member["memberId"]!.GetValue<string>());
        await Post(Kasir, $"members/{id}/savings/pokok/deposits", new { amount = 100_000m });
        return id;
    }
}
