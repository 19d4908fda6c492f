using System.Net;
using System.Text;
using System.Text.Json;
using Ekopz.Domain.Logins;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Ekopz.Tests.Http.Support;

/// <summary>Calls to the auth routes as a client somewhere would make them: from an address, with a User-Agent.</summary>
public static class SignIns
{
    public const string UserAgent = "EkopzTest/1.0 (uji)";

    /// <summary>A host of its own on the shared database, with these settings over the shared host's.</summary>
    public static EkopzApp Host(IReadOnlyDictionary<string, string> settings, NodaTime.IClock? clock = null)
    {
        _ = EkopzApp.Instance; // the shared host first: it applies the schema and creates the operator
        var app = new EkopzApp(settings, clock);
        app.CreateClient().Dispose();
        return app;
    }

    /// <summary>A POST to an auth route from <paramref name="forwardedFor"/> (as the console or a proxy on this host says), or from a machine <paramref name="peer"/>.</summary>
    public static async Task<Reply> Post(EkopzApp app, string path, object body, string? forwardedFor = null, string? peer = null, string? bearer = null)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        if (forwardedFor is not null) request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
        if (peer is not null) request.Headers.TryAddWithoutValidation(EkopzApp.PeerHeader, peer);
        if (bearer is not null) request.Headers.Authorization = new("Bearer", bearer);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var headers = response.Headers.Concat(response.Content.Headers).ToDictionary(h => h.Key, h => string.Join(",", h.Value));
        return new Reply(response.StatusCode, text, headers, response.Content.Headers.ContentType?.MediaType);
    }

    public static Task<Reply> Token(EkopzApp app, string username, string password, string? forwardedFor = null, string? peer = null) =>
        Post(app, "/api/v1/auth/token", new { username, password }, forwardedFor, peer);

    public static Task<Reply> Refresh(EkopzApp app, string refreshToken, string? forwardedFor = null) =>
        Post(app, "/api/v1/auth/refresh", new { refreshToken }, forwardedFor);

    /// <summary>429 <c>rate_limited</c> with a Retry-After of whole seconds within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static int ShouldBeLimited(this Reply reply, int min = 1, int max = 60)
    {
        reply.ShouldBeProblem(HttpStatusCode.TooManyRequests, "rate_limited");
        reply.Headers.Should().ContainKey("Retry-After", reply.Text);
        var seconds = int.Parse(reply.Headers["Retry-After"]);
        seconds.Should().BeInRange(min, max);
        return seconds;
    }

    /// <summary>A new kasir login of <paramref name="kop"/>; returns its username.</summary>
    public static async Task<string> NewKasir(this TestKoperasi kop, string prefix = "kasir")
    {
        var username = $"{prefix}{Guid.NewGuid().ToString("N")[..6]}.{kop.Slug}";
        (await kop.Pengurus.Post(kop.Url("users"), new { username, password = TestKoperasi.Password, roles = new[] { "kasir" } }))
            .ShouldBe(HttpStatusCode.Created);
        return username;
    }

    /// <summary>The events of a login name's stream, oldest first, read from the store (the platform's default tenant).</summary>
    public static async Task<IReadOnlyList<object>> Events(string username) => (await RawEvents(username)).Select(e => e.Data).ToList();

    /// <summary>The same with their ids and metadata.</summary>
    public static async Task<IReadOnlyList<JasperFx.Events.IEvent>> RawEvents(string username)
    {
        var store = EkopzApp.Instance.Services.GetRequiredService<IDocumentStore>();
        await using var session = store.QuerySession();
        return await session.Events.FetchStreamAsync(LoginRecord.StreamId(username));
    }
}
