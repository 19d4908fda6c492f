using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ekopz.Tests.Http.Platform.Fuzz;
using Ekopz.Tests.Http.Support;
using Xunit.Abstractions;

namespace Ekopz.Tests.Http.Platform;

/// <summary>
/// Every operation of the live OpenAPI document, sent hostile bodies, queries, routes and tokens (issue 11,
/// docs/adr/0020). Fails on any 5xx, on any error that is not problem details with a code, on any refusal that changed
/// what is stored for the koperasi, and on any refusal that only the last-resort safety net caught.
/// </summary>
public class when_the_api_is_fuzzed(ITestOutputHelper output)
{
    [Fact]
    public async Task no_input_yields_a_5xx_an_error_without_a_code_or_a_change()
    {
        var clock = Stopwatch.StartNew();
        var world = await FuzzWorld.Create();
        var setup = clock.Elapsed;
        var document = (await ApiUser.Anonymous().Get("/openapi/v1.json")).ShouldBe(HttpStatusCode.OK).Json.AsObject();
        var hostile = new HostileRequests(world, document);
        var operations = Order(hostile.Operations());
        operations.Count.Should().BeGreaterThan(100, "the document lists every operation");

        var anonymous = EkopzApp.Instance.CreateClient();
        var failures = new List<string>();
        var kinds = new HashSet<string>();
        var statuses = new SortedDictionary<int, int>();
        var perOperation = new Dictionary<string, int>();
        var sent = 0;
        TimeSpan sendTime = default, fingerprintTime = default;
        var fingerprint = await world.Fingerprint();

        foreach (var op in operations)
        {
            var requests = hostile.For(op);
            perOperation[op.Id] = requests.Count;
            var turn = 0;
            foreach (var request in requests)
            {
                kinds.Add(request.Kind);
                var client = request.Role == "anonymous" ? anonymous : world.Login(request.Role, turn++).Client;
                var sending = Stopwatch.StartNew();
                var (status, contentType, text) = await Send(client, request);
                sendTime += sending.Elapsed;
                sent++;
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                var problem = Judge(status, contentType, text);
                var fingerprinting = Stopwatch.StartNew();
                if (status >= 400)
                {
                    var after = await world.Fingerprint();
                    if (after != fingerprint) problem ??= $"a refused request changed stored data ({Difference(fingerprint, after)})";
                    fingerprint = after;
                }
                else fingerprint = await world.Fingerprint();
                fingerprintTime += fingerprinting.Elapsed;
                if (problem is not null)
                    failures.Add($"{problem}: {request.Describe()} → {status} {contentType} {Short(text)}");
            }
        }

        await world.Close();
        output.WriteLine($"Fuzzed {operations.Count} operations with {sent:N0} requests in {clock.Elapsed.TotalSeconds:N0} s (setup {setup.TotalSeconds:N0} s, "
            + $"requests {sendTime.TotalSeconds:N0} s, fingerprints {fingerprintTime.TotalSeconds:N0} s).");
        output.WriteLine("Statuses: " + string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}")));
        output.WriteLine("Fewest requests: " + string.Join(", ", perOperation.OrderBy(p => p.Value).Take(5).Select(p => $"{p.Key} {p.Value}")));
        foreach (var failure in failures.Take(200)) output.WriteLine(failure);

        failures.Should().BeEmpty($"{failures.Count} hostile requests were answered wrongly; the first ones:\n"
            + string.Join("\n", failures.Take(40)));
        kinds.Should().Contain(HostileRequests.Kinds, "every kind of hostility is sent");
        perOperation.Should().OnlyContain(p => p.Value >= 3, "every operation gets hostile requests");
    }

    /// <summary>What is wrong with an answer, or null when it keeps the contract.</summary>
    private static string? Judge(int status, string? contentType, string text)
    {
        if (status >= 500) return $"a {status}";
        if (status < 400) return null;
        if (contentType != "application/problem+json") return "an error that is not application/problem+json";
        try
        {
            var json = JsonNode.Parse(text) as JsonObject;
            if (json?["code"] is not JsonValue code || string.IsNullOrEmpty(code.GetValue<string>())) return "problem details without a code";
            if (json["status"]?.GetValue<int>() != status) return "problem details whose status is not the response's";
            if (json["detail"]?.GetValue<string>() == Ekopz.Api.Infrastructure.ErrorHandling.OutOfRangeDetail)
                return "a value reached the safety net instead of being refused by the input checks";
        }
        catch (JsonException)
        {
            return "problem details that are not JSON";
        }
        return null;
    }

    private static async Task<(int Status, string? ContentType, string Text)> Send(HttpClient client, FuzzRequest r)
    {
        using var message = new HttpRequestMessage(new HttpMethod(r.Method), r.Url);
        if (r.Body is not null)
        {
            message.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(r.Body));
            if (r.ContentType is not null) message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(r.ContentType);
        }
        if (r.IdempotencyKey is not null) message.Headers.TryAddWithoutValidation("Idempotency-Key", r.IdempotencyKey);
        using var response = await client.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, text);
    }

    /// <summary>
    /// Reads first, then writes, and last the writes that end something for the rest of the run (a closed month,
    /// a member who left, an account deactivated), so that the earlier operations still find their data alive.
    /// </summary>
    private static List<FuzzOperation> Order(List<FuzzOperation> operations)
    {
        string[] last = ["deactivateAccount", "writeOffLoan", "distributeShu", "approveShu", "exitMember", "closeYear", "closePeriod"];
        return operations
            .OrderBy(o => Array.IndexOf(last, o.Id))
            .ThenBy(o => o.IsRead ? 0 : 1)
            .ThenBy(o => o.Path, StringComparer.Ordinal).ThenBy(o => o.Method, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The parts of two fingerprints that differ: which tables were written.</summary>
    private static string Difference(string before, string after) =>
        string.Join(", ", before.Split('|').Zip(after.Split('|')).Where(p => p.First != p.Second).Select(p => $"{p.First} → {p.Second}"));

    private static string Short(string text) => text.Length > 400 ? text[..400] + "…" : text;
}
