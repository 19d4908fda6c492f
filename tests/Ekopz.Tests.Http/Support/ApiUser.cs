using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ekopz.Tests.Http.Support;

/// <summary>An HTTP client logged in as one user, with terse helpers that keep tests readable.</summary>
public sealed class ApiUser(HttpClient client, string username)
{
    public HttpClient Client { get; } = client;
    public string Username { get; } = username;

    public static ApiUser Anonymous() => new(EkopzApp.Instance.CreateClient(), "anonymous");

    public static async Task<ApiUser> Login(string username, string password)
    {
        var client = EkopzApp.Instance.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username, password });
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, $"login of {username} should work: {body}");
        var token = JsonNode.Parse(body)!["accessToken"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new ApiUser(client, username);
    }

    public static Task<ApiUser> Admin() => Login("admin", EkopzApp.AdminPassword);

    /// <summary>The same login, talking to another host (see <see cref="EkopzApp(IReadOnlyDictionary{string, string})"/>).</summary>
    public ApiUser On(EkopzApp app)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = Client.DefaultRequestHeaders.Authorization;
        return new ApiUser(client, Username);
    }

    public Task<Reply> Get(string url) => Send(HttpMethod.Get, url, null);

    public Task<Reply> Post(string url, object? body = null, string? idempotencyKey = null) =>
        Send(HttpMethod.Post, url, body is null ? "{}" : JsonSerializer.Serialize(body), idempotencyKey);

    public Task<Reply> PostRaw(string url, string json, string? idempotencyKey = null) =>
        Send(HttpMethod.Post, url, json, idempotencyKey);

    public Task<Reply> Put(string url, object body) => Send(HttpMethod.Put, url, JsonSerializer.Serialize(body));

    public async Task<Reply> Send(HttpMethod method, string url, string? json, string? idempotencyKey = null, string? accept = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        if (accept is not null) request.Headers.Accept.ParseAdd(accept);
        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new Reply(response.StatusCode, text, response.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value)),
            response.Content.Headers.ContentType?.MediaType);
    }
}

/// <summary>A response, read once: status, body text and JSON access.</summary>
public sealed record Reply(HttpStatusCode Status, string Text, IReadOnlyDictionary<string, string> Headers, string? ContentType)
{
    public JsonNode Json => JsonNode.Parse(Text) ?? throw new InvalidOperationException("Empty body");
    public JsonNode this[string name] => Json[name]!;
    public string? Code => Status >= HttpStatusCode.BadRequest ? Json["code"]?.GetValue<string>() : null;

    public Reply ShouldBe(HttpStatusCode status)
    {
        Status.Should().Be(status, Text);
        return this;
    }

    /// <summary>A problem-details refusal with this status and stable code.</summary>
    public Reply ShouldBeProblem(HttpStatusCode status, string code)
    {
        Status.Should().Be(status, Text);
        ContentType.Should().Be("application/problem+json");
        Code.Should().Be(code, Text);
        return this;
    }

    public decimal Decimal(string name) => Json[name]!.GetValue<decimal>();
    public string String(string name) => Json[name]!.GetValue<string>();
    public Guid Guid(string name) => System.Guid.Parse(String(name));
}
