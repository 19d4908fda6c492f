using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Ekopz.Api.Infrastructure;
using Ekopz.Tests.Http.Loans;
using Ekopz.Tests.Http.Shop;
using Ekopz.Tests.Http.Support;
using Microsoft.AspNetCore.Http;

namespace Ekopz.Tests.Http.Platform;

/// <summary>
/// One error contract (issue 11, docs/adr/0020): every error the API answers, whatever produced it, is problem details
/// with a stable code; action routes take no body, an empty body or {} alike; the OpenAPI document lists the errors.
/// </summary>
public class when_the_error_contract_is_kept : IAsyncLifetime
{
    private TestKoperasi _kop = null!;

    public async Task InitializeAsync() => _kop = await TestKoperasi.Create();

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<(HttpStatusCode Status, string? ContentType, string Text, HttpResponseMessage Response)> Raw(HttpClient client,
        HttpMethod method, string url, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        var response = await client.SendAsync(request);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync(), response);
    }

    private static JsonNode Problem((HttpStatusCode Status, string? ContentType, string Text, HttpResponseMessage _) reply, HttpStatusCode status, string code)
    {
        reply.Status.Should().Be(status, reply.Text);
        reply.ContentType.Should().Be("application/problem+json", reply.Text);
        var json = JsonNode.Parse(reply.Text)!;
        json["code"]!.GetValue<string>().Should().Be(code);
        json["status"]!.GetValue<int>().Should().Be((int)status);
        return json;
    }

    /// <summary>The body variants api.md says mean the same on an action route.</summary>
    private static IEnumerable<(string Name, Func<HttpContent?> Content)> NoBodies() =>
    [
        ("no body", () => null),
        ("empty body, Content-Length: 0", () => new ByteArrayContent([])),
        ("empty JSON body", () => new StringContent("", Encoding.UTF8, "application/json")),
        ("white space", () => new StringContent(" \r\n", Encoding.UTF8, "application/json")),
        ("{}", () => new StringContent("{}", Encoding.UTF8, "application/json")),
    ];

    [Theory]
    [InlineData("withdrawals/{id}/approve")]
    [InlineData("withdrawals/{id}/reject")]
    [InlineData("withdrawals/{id}/pay")]
    [InlineData("loans/{id}/approve")]
    [InlineData("loans/{id}/reject")]
    [InlineData("loans/{id}/disburse")]
    [InlineData("shop/orders/{id}/pay")]
    [InlineData("shop/orders/{id}/ship")]
    [InlineData("shop/orders/{id}/deliver")]
    [InlineData("shop/orders/{id}/complete")]
    [InlineData("shop/orders/{id}/cancel")]
    [InlineData("ledger/adjustments/{id}/approve")]
    [InlineData("ledger/adjustments/{id}/reject")]
    [InlineData("reversals/{id}/approve")]
    [InlineData("reversals/{id}/reject")]
    [InlineData("shop/units/{id}/payouts/{id}/approve")]
    [InlineData("shop/units/{id}/payouts/{id}/reject")]
    [InlineData("users/nobody.{slug}/disable")]
    [InlineData("users/nobody.{slug}/enable")]
    [InlineData("periods/2099-01/close")]
    [InlineData("years/2099/close")]
    public async Task an_action_route_answers_no_body_an_empty_body_and_an_empty_object_alike(string route)
    {
        var url = _kop.Url(route.Replace("{id}", Guid.NewGuid().ToString()).Replace("{slug}", _kop.Slug));
        var answers = new List<string>();
        foreach (var (name, content) in NoBodies())
        {
            var reply = await Raw(_kop.Pengurus.Client, HttpMethod.Post, url, content());
            reply.ContentType.Should().Be("application/problem+json", $"{name}: {reply.Text}");
            var code = JsonNode.Parse(reply.Text)!["code"]!.GetValue<string>();
            answers.Add($"{(int)reply.Status} {code}");
        }
        answers.Distinct().Should().ContainSingle($"no body, an empty body and {{}} mean the same on {route}: {string.Join("; ", answers)}");
    }

    [Fact]
    public async Task actions_on_real_records_succeed_without_a_body()
    {
        var member = await _kop.MemberSince(LoanKit.DaysAgo(30));
        await _kop.Deposit(member, "sukarela", 500_000m);
        var withdrawal = (await _kop.Kasir.Post(_kop.Url($"members/{member}/savings/sukarela/withdrawals"), new { amount = 10_000 }))
            .ShouldBe(HttpStatusCode.Accepted).Guid("withdrawalId");
        (await Raw(_kop.Pengurus.Client, HttpMethod.Post, _kop.Url($"withdrawals/{withdrawal}/approve"), null)).Status.Should().Be(HttpStatusCode.OK);

        await _kop.Capital(100_000_000m, LoanKit.DaysAgo(30));
        var loan = await _kop.Apply(member, 1_000_000m, 10, 12m);
        (await Raw(_kop.Pengurus2.Client, HttpMethod.Post, _kop.Url($"loans/{loan}/approve"), new ByteArrayContent([]))).Status.Should().Be(HttpStatusCode.OK);
        (await Raw(_kop.Kasir.Client, HttpMethod.Post, _kop.Url($"loans/{loan}/disburse"), new StringContent(" ", Encoding.UTF8, "application/json")))
            .Status.Should().Be(HttpStatusCode.OK);

        var product = await _kop.Product("ACT-1", 10_000m, 12_000m, LoanKit.DaysAgo(30));
        await _kop.Receive(LoanKit.DaysAgo(30), product, 10m, 8_000m);
        var order = (await _kop.PlaceOrder(_kop.Kasir, member, "counter", null, (product, 1m))).ShouldBe(HttpStatusCode.Created).Guid("orderId");
        (await Raw(_kop.Kasir.Client, HttpMethod.Post, _kop.Url($"shop/orders/{order}/pay"), null)).Status.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task a_method_the_route_does_not_take_is_405_method_not_allowed()
    {
        Problem(await Raw(_kop.Pengurus.Client, HttpMethod.Delete, _kop.Url("members"), null), HttpStatusCode.MethodNotAllowed, "method_not_allowed");
        Problem(await Raw(_kop.Pengurus.Client, HttpMethod.Put, "/api/v1/auth/token", null), HttpStatusCode.MethodNotAllowed, "method_not_allowed");
    }

    [Fact]
    public async Task a_body_over_1_mib_is_413_payload_too_large_and_changes_nothing()
    {
        var member = await _kop.Register();
        var before = await StoredData.Fingerprint(_kop.Slug);
        var big = "{\"amount\":1000,\"note\":\"" + new string('x', 2 * 1024 * 1024) + "\"}";
        var url = _kop.Url($"members/{member}/savings/pokok/deposits");
        Problem(await Raw(_kop.Kasir.Client, HttpMethod.Post, url, new StringContent(big, Encoding.UTF8, "application/json")),
            HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
        // Without a Content-Length (streamed) too.
        var streamed = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big)));
        streamed.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        Problem(await Raw(_kop.Kasir.Client, HttpMethod.Post, url, streamed), HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
        // Under the limit, but a string field longer than any field needs.
        var tooLong = "{\"amount\":1000,\"note\":\"" + new string('x', 20_000) + "\"}";
        Problem(await Raw(_kop.Kasir.Client, HttpMethod.Post, url, new StringContent(tooLong, Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest, "validation_failed")["errors"]!["note"].Should().NotBeNull();
        (await StoredData.Fingerprint(_kop.Slug)).Should().Be(before);
    }

    [Fact]
    public async Task a_body_that_is_not_json_is_415_unsupported_media_type()
    {
        var member = await _kop.Register();
        var form = new FormUrlEncodedContent([new("amount", "1000")]);
        Problem(await Raw(_kop.Kasir.Client, HttpMethod.Post, _kop.Url($"members/{member}/savings/pokok/deposits"), form),
            HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        Problem(await Raw(_kop.Pengurus.Client, HttpMethod.Post, _kop.Url($"loans/{Guid.NewGuid()}/reject"), new FormUrlEncodedContent([new("reason", "x")])),
            HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        Problem(await Raw(_kop.Kasir.Client, HttpMethod.Post, _kop.Url("members"), new StringContent("{\"name\":\"A\"}", Encoding.UTF8, "text/plain")),
            HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        // JSON sent without saying so is read as JSON.
        var untyped = new ByteArrayContent(Encoding.UTF8.GetBytes("{\"amount\":100000}"));
        (await Raw(_kop.Kasir.Client, HttpMethod.Post, _kop.Url($"members/{member}/savings/pokok/deposits"), untyped)).Status.Should().Be(HttpStatusCode.Created);
        // And JSON after a byte order mark.
        var bom = new ByteArrayContent([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("{\"amount\":25000}")]);
        bom.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        (await Raw(_kop.Kasir.Client, HttpMethod.Post, _kop.Url($"members/{member}/savings/wajib/deposits"), bom)).Status.Should().Be(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("members/not-a-guid")]
    [InlineData("members/00000000-0000-0000-0000-000000000000")]
    [InlineData("members/%01")]
    [InlineData("loans/123/approve")]
    [InlineData("receipts/abc")]
    [InlineData("no-such-route")]
    public async Task a_malformed_id_or_an_unknown_route_is_404_not_found(string path)
    {
        var method = path.EndsWith("/approve", StringComparison.Ordinal) ? HttpMethod.Post : HttpMethod.Get;
        Problem(await Raw(_kop.Pengurus.Client, method, _kop.Url(path), null), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task an_unknown_api_path_and_a_missing_token_answer_problem_details()
    {
        var anonymous = EkopzApp.Instance.CreateClient();
        Problem(await Raw(_kop.Pengurus.Client, HttpMethod.Get, "/api/v1/nothing-here", null), HttpStatusCode.NotFound, "not_found");
        Problem(await Raw(anonymous, HttpMethod.Get, "/api/v1/nothing-here", null), HttpStatusCode.Unauthorized, "unauthorized");
        Problem(await Raw(anonymous, HttpMethod.Get, _kop.Url("members"), null), HttpStatusCode.Unauthorized, "unauthorized");
        Problem(await Raw(_kop.Pengawas.Client, HttpMethod.Post, _kop.Url("members"), new StringContent("{}", Encoding.UTF8, "application/json")),
            HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task the_consoles_pages_keep_their_html()
    {
        var reply = await Raw(EkopzApp.Instance.CreateClient(), HttpMethod.Get, "/halaman-yang-tidak-ada", null);
        reply.ContentType.Should().Be("text/html", "the console answers with its own pages, not problem details");
    }

    [Theory]
    [InlineData(429, "rate_limited")]
    [InlineData(503, "unavailable")]
    [InlineData(404, "not_found")]
    [InlineData(405, "method_not_allowed")]
    [InlineData(413, "payload_too_large")]
    [InlineData(415, "unsupported_media_type")]
    public async Task a_bare_status_from_any_middleware_becomes_problem_details_with_its_code(int status, string code)
    {
        // What a rate limiter or a fault handler answers with only a status (and Retry-After) becomes problem details.
        var http = new DefaultHttpContext();
        http.Request.Path = "/api/v1/auth/token";
        http.Response.Body = new MemoryStream();
        var pages = new ProblemStatusPages(c =>
        {
            c.Response.StatusCode = status;
            c.Response.Headers.RetryAfter = "30";
            return Task.CompletedTask;
        });
        await pages.Invoke(http);

        http.Response.StatusCode.Should().Be(status);
        http.Response.ContentType.Should().Be("application/problem+json");
        http.Response.Headers.RetryAfter.ToString().Should().Be("30");
        http.Response.Body.Position = 0;
        var json = JsonNode.Parse(await new StreamReader(http.Response.Body).ReadToEndAsync())!;
        json["code"]!.GetValue<string>().Should().Be(code);
        json["status"]!.GetValue<int>().Should().Be(status);

        // The console's own paths are left to its HTML error pages.
        var page = new DefaultHttpContext();
        page.Request.Path = "/anggota";
        await new ProblemStatusPages(c => { c.Response.StatusCode = status; return Task.CompletedTask; }).Invoke(page);
        page.Response.ContentType.Should().BeNull();
    }

    [Fact]
    public async Task the_openapi_document_lists_every_operations_errors_with_their_codes()
    {
        var doc = (await ApiUser.Anonymous().Get("/openapi/v1.json")).ShouldBe(HttpStatusCode.OK).Json;
        doc["components"]!["schemas"]!["ProblemDetails"]!["properties"]!["code"]!["$ref"]!.GetValue<string>().Should().EndWith("/ErrorCode");
        var codes = doc["components"]!["schemas"]!["ErrorCode"]!["enum"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
        codes.Should().Contain(["validation_failed", "unauthorized", "forbidden", "not_found", "method_not_allowed", "conflict", "payload_too_large",
            "unsupported_media_type", "insufficient_balance", "period_closed", "not_withdrawable", "limit_exceeded", "invalid_state",
            "same_maker_checker", "insufficient_stock", "rate_limited", "unavailable"]);

        var operations = 0;
        foreach (var (path, item) in doc["paths"]!.AsObject())
            foreach (var (method, op) in item!.AsObject())
            {
                operations++;
                var responses = op!["responses"]!.AsObject();
                var expected = new List<string> { "400", "401", "503" };
                if (method != "get" && !path.StartsWith("/api/v1/auth/", StringComparison.Ordinal)) expected.AddRange(["409", "422"]);
                if (path.Contains('{')) expected.Add("404");
                if (op["requestBody"] is not null) expected.AddRange(["413", "415"]);
                if (path.StartsWith("/api/v1/auth/", StringComparison.Ordinal)) expected.Add("429");
                var roles = op["x-ekopz-roles"]!.AsArray().Select(r => r!.GetValue<string>()).ToList();
                if (roles.Count > 0) expected.Add("403");
                responses.Select(r => r.Key).Should().Contain(expected, $"{method} {path} lists its errors");
                foreach (var status in expected)
                {
                    var response = responses[status]!;
                    response["content"]!["application/problem+json"]!["schema"]!["$ref"]!.GetValue<string>().Should().EndWith("/ProblemDetails");
                    var listed = response["x-ekopz-codes"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
                    listed.Should().NotBeEmpty().And.BeSubsetOf(codes);
                    listed.Should().OnlyContain(c => response["description"]!.GetValue<string>().Contains(c), "the description names the codes");
                }
                if (roles.Count > 0) responses["403"]!["description"]!.GetValue<string>().Should().Contain(roles[0]);
            }
        operations.Should().BeGreaterThan(100);
        doc["paths"]!["/api/v1/koperasi/{kop}/withdrawals/{withdrawalId}/approve"]!["post"]!["x-ekopz-roles"]!.AsArray()
            .Select(r => r!.GetValue<string>()).Should().BeEquivalentTo(["pengurus"]);
    }
}
