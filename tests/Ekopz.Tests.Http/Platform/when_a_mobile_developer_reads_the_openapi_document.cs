using System.Net;
using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Platform;

/// <summary>
/// The OpenAPI document is the mobile developer's manual (issue 13, docs/adr/0028): every operation has a human
/// operation id, a summary and a description from the code's XML documentation, described parameters and its error
/// responses as problem details with their codes; the routes that move money carry request and response examples that
/// fit their schemas. Walks the live document, so a new endpoint without documentation fails here.
/// </summary>
public class when_a_mobile_developer_reads_the_openapi_document
{
    /// <summary>The routes that move money: each shows a request (when it takes a body) and a success answer.</summary>
    public static readonly string[] MoneyRoutes =
    [
        "depositSavings", "requestWithdrawal", "approveWithdrawal", "payWithdrawal",
        "applyForLoan", "approveLoan", "disburseLoan", "payLoan",
        "placeShopOrder", "payShopOrder", "checkoutStoreCart",
        "proposeAdjustment", "approveAdjustment",
    ];

    private static readonly Regex HumanId = new("^[a-z][a-zA-Z0-9]+$");

    private static async Task<JsonObject> Document() =>
        (await ApiUser.Anonymous().Get("/openapi/v1.json")).ShouldBe(HttpStatusCode.OK).Json.AsObject();

    private static IEnumerable<(string Method, string Path, JsonObject Operation)> Operations(JsonObject doc) =>
        from path in doc["paths"]!.AsObject()
        from op in path.Value!.AsObject()
        select (op.Key, path.Key, op.Value!.AsObject());

    private static string Id(JsonObject operation) => operation["operationId"]?.GetValue<string>() ?? "";

    [Fact]
    public async Task every_operation_has_a_human_operation_id_a_summary_a_description_and_a_tag()
    {
        var doc = await Document();
        var operations = Operations(doc).ToList();
        operations.Should().HaveCountGreaterThan(100);
        var problems = new List<string>();
        foreach (var (method, path, op) in operations)
        {
            var id = Id(op);
            var where = $"{method.ToUpperInvariant()} {path} ({id})";
            if (!HumanId.IsMatch(id)) problems.Add($"{where}: operationId is not camelCase words");
            var summary = op["summary"]?.GetValue<string>() ?? "";
            var description = op["description"]?.GetValue<string>() ?? "";
            // Wolverine's route-derived name (POST_api_v1_...) is what an undocumented endpoint shows.
            if (summary.Length < 10 || summary.Contains('_') || summary == id) problems.Add($"{where}: no summary from the XML <summary>");
            if (description.Length < 40 || description.Contains("_api_") || description == summary)
                problems.Add($"{where}: no description from the XML <remarks>");
            if (op["tags"] is not JsonArray { Count: > 0 }) problems.Add($"{where}: no tag");
        }
        problems.Should().BeEmpty();
        operations.Select(o => Id(o.Operation)).Should().OnlyHaveUniqueItems();
        // Tags are the areas of the reference's sidebar: each one is declared with a description of what it holds.
        var described = (doc["tags"] as JsonArray ?? []).Where(t => !string.IsNullOrWhiteSpace(t?["description"]?.GetValue<string>()))
            .Select(t => t!["name"]!.GetValue<string>()).ToHashSet();
        operations.SelectMany(o => (o.Operation["tags"] as JsonArray ?? []).Select(t => t!.GetValue<string>())).Distinct()
            .Where(t => !described.Contains(t)).Should().BeEmpty("every area has a description");
    }

    [Fact]
    public async Task every_parameter_is_described()
    {
        var doc = await Document();
        var undescribed = (from o in Operations(doc)
                           from p in (o.Operation["parameters"] as JsonArray ?? []).OfType<JsonObject>()
                           where string.IsNullOrWhiteSpace(p["description"]?.GetValue<string>())
                           select $"{Id(o.Operation)}: {p["in"]} {p["name"]}").ToList();
        undescribed.Should().BeEmpty();
    }

    [Fact]
    public async Task every_operation_documents_its_errors_as_problem_details_with_codes()
    {
        var doc = await Document();
        var known = doc["components"]!["schemas"]!["ErrorCode"]!["enum"]!.AsArray().Select(c => c!.GetValue<string>()).ToHashSet();
        var problems = new List<string>();
        foreach (var (method, path, op) in Operations(doc))
        {
            var id = Id(op);
            var responses = op["responses"]!.AsObject();
            var statuses = responses.Select(r => r.Key).ToHashSet();
            var expected = new List<string> { "400", "401", "503" };
            if (op["x-ekopz-roles"] is JsonArray { Count: > 0 }) expected.Add("403");
            if (path.Contains('{')) expected.Add("404");
            if (method != "get" && !path.StartsWith("/api/v1/auth/", StringComparison.Ordinal)) expected.AddRange(["409", "422"]);
            if (path.StartsWith("/api/v1/auth/token", StringComparison.Ordinal)) expected.Add("429");
            foreach (var missing in expected.Where(s => !statuses.Contains(s))) problems.Add($"{id}: {missing} not documented");
            if (!statuses.Any(s => s.StartsWith('2'))) problems.Add($"{id}: no success response");

            foreach (var (status, response) in responses.Where(r => r.Key[0] is '4' or '5'))
            {
                var media = response!["content"]?["application/problem+json"];
                if (media?["schema"]?["$ref"]?.GetValue<string>() != "#/components/schemas/ProblemDetails")
                {
                    problems.Add($"{id} {status}: not problem details");
                    continue;
                }
                var codes = (response["x-ekopz-codes"] as JsonArray ?? []).Select(c => c!.GetValue<string>()).ToList();
                if (codes.Count == 0 || codes.Any(c => !known.Contains(c))) problems.Add($"{id} {status}: codes [{string.Join(", ", codes)}] not in ErrorCode");
                var example = media["example"];
                if (example?["code"]?.GetValue<string>() is not { } code || !codes.Contains(code) || example["status"]?.GetValue<int>().ToString() != status)
                    problems.Add($"{id} {status}: no problem example with its status and one of its codes");
                if (string.IsNullOrWhiteSpace(response["description"]?.GetValue<string>())) problems.Add($"{id} {status}: no description");
            }
        }
        problems.Should().BeEmpty();
    }

    [Fact]
    public async Task the_money_routes_carry_request_and_response_examples_that_fit_their_schemas()
    {
        var doc = await Document();
        var schemas = doc["components"]!["schemas"]!.AsObject();
        var byId = Operations(doc).ToDictionary(o => Id(o.Operation), o => o.Operation);
        var problems = new List<string>();
        foreach (var id in MoneyRoutes)
        {
            byId.Should().ContainKey(id);
            var op = byId[id];
            if (op["requestBody"]?["content"]?["application/json"] is JsonObject body)
            {
                if (body["example"] is not JsonObject request) problems.Add($"{id}: no request example");
                else Fit(request, body["schema"], schemas, $"{id} request", problems);
            }
            var success = op["responses"]!.AsObject().Where(r => r.Key.StartsWith('2'))
                .Select(r => (Status: r.Key, Media: r.Value?["content"]?["application/json"])).Where(r => r.Media?["example"] is not null).ToList();
            if (success.Count == 0) problems.Add($"{id}: no success response example");
            foreach (var (status, media) in success)
            {
                Fit(media!["example"], media["schema"], schemas, $"{id} {status}", problems);
                // Realistic rupiah: the answer names an amount of at least Rp 1.000.
                if (!Numbers(media["example"]).Any(n => n >= 1_000m)) problems.Add($"{id} {status}: no rupiah amount in the example");
            }
            // A money route is safe to retry.
            if (!(op["parameters"] as JsonArray ?? []).Any(p => p?["in"]?.GetValue<string>() == "header" && p["name"]?.GetValue<string>() == "Idempotency-Key"))
                problems.Add($"{id}: the Idempotency-Key header is not documented");
        }
        problems.Should().BeEmpty();
    }

    [Fact]
    public async Task an_example_that_does_not_fit_its_schema_is_caught()
    {
        // The checker itself must be able to fail: a field the schema does not have, a missing required one, a string for a number.
        var doc = await Document();
        var schemas = doc["components"]!["schemas"]!.AsObject();
        var schema = new JsonObject { ["$ref"] = "#/components/schemas/DepositResponse" };
        var problems = new List<string>();
        Fit(JsonNode.Parse("""{"transactionId":"90d8aa6f-751d-4b77-aad7-f814d2b5008b","kind":"sukarela","amount":"500000","balance":1000000,"memberStatus":"active","businessDate":"2026-12-05","saldo":1}"""),
            schema, schemas, "bad", problems);
        Fit(JsonNode.Parse("""{"kind":"sukarela"}"""), schema, schemas, "short", problems);
        problems.Should().Contain(p => p.Contains("saldo")).And.Contain(p => p.Contains("amount")).And.Contain(p => p.StartsWith("short"));
    }

    private static IEnumerable<decimal> Numbers(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Numbers(p.Value)),
        JsonArray a => a.SelectMany(Numbers),
        JsonValue v when v.TryGetValue<decimal>(out var d) => [d],
        _ => [],
    };

    /// <summary>Checks an example against its schema: known properties only, required ones present, JSON types as declared.</summary>
    private static void Fit(JsonNode? example, JsonNode? schema, JsonObject schemas, string where, List<string> problems)
    {
        schema = Resolve(schema, schemas);
        if (schema is null) return;
        if (example is null)
        {
            var nullable = Allows(schema, "null") || (schema["oneOf"] as JsonArray ?? []).Any(b => b?["type"] is JsonValue t && t.GetValue<string>() == "null");
            if (!nullable) problems.Add($"{where}: null where the schema does not allow it");
            return;
        }
        if (schema["oneOf"] is JsonArray oneOf)
        {
            var branch = oneOf.FirstOrDefault(b => !Allows(Resolve(b, schemas)!, "null") || b?["type"] is null);
            Fit(example, branch, schemas, where, problems);
            return;
        }
        if (schema["allOf"] is JsonArray { Count: 1 } allOf)
        {
            Fit(example, allOf[0], schemas, where, problems);
            return;
        }
        switch (example)
        {
            case JsonObject obj when schema["properties"] is JsonObject properties:
                foreach (var (name, value) in obj)
                    if (properties[name] is { } property) Fit(value, property, schemas, $"{where}.{name}", problems);
                    else problems.Add($"{where}.{name}: not in the schema");
                foreach (var required in (schema["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>()))
                    if (!obj.ContainsKey(required)) problems.Add($"{where}.{required}: required but missing");
                break;
            case JsonArray array when schema["items"] is { } items:
                for (var i = 0; i < array.Count; i++) Fit(array[i], items, schemas, $"{where}[{i}]", problems);
                break;
            case JsonValue value:
                var kind = value.GetValueKind() switch
                {
                    System.Text.Json.JsonValueKind.String => "string",
                    System.Text.Json.JsonValueKind.Number => "number",
                    System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => "boolean",
                    _ => "other",
                };
                if (schema["type"] is not null && !Allows(schema, kind) && !(kind == "number" && Allows(schema, "integer")))
                    problems.Add($"{where}: a {kind} where the schema says {schema["type"]!.ToJsonString()}");
                break;
        }
    }

    private static bool Allows(JsonNode schema, string type) => schema["type"] switch
    {
        JsonValue v => v.GetValue<string>() == type,
        JsonArray a => a.Any(t => t!.GetValue<string>() == type),
        _ => type != "null" || schema["nullable"]?.GetValue<bool>() == true,
    };

    private static JsonNode? Resolve(JsonNode? schema, JsonObject schemas)
    {
        while (schema?["$ref"]?.GetValue<string>() is { } reference && reference.StartsWith("#/components/schemas/", StringComparison.Ordinal))
            schema = schemas[reference["#/components/schemas/".Length..]];
        return schema;
    }
}
