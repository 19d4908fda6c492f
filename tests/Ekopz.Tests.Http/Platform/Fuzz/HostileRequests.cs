using System.Text;
using System.Text.Json.Nodes;

namespace Ekopz.Tests.Http.Platform.Fuzz;

/// <summary>One operation of the OpenAPI document, as the fuzz needs it.</summary>
public sealed record FuzzOperation(
    string Id, string Method, string Path, IReadOnlyList<FuzzParam> PathParams, IReadOnlyList<FuzzParam> QueryParams, JsonNode? BodySchema,
    IReadOnlyList<string> Roles, bool Anonymous)
{
    public bool IsRead => Method == "GET";
}

public sealed record FuzzParam(string Name, string Type, string? Format);

/// <summary>One request the fuzz sends: what kind of hostility it carries, and everything needed to send and to report it.</summary>
public sealed record FuzzRequest(string OperationId, string Kind, string Method, string Url, string? Body, string? ContentType, string Role,
    string? IdempotencyKey = null)
{
    public string Describe()
    {
        var body = Body is null ? "(no body)" : Body.Length > 300 ? $"{Body[..300]}… ({Body.Length:N0} chars)" : Body;
        var url = Url.Length > 300 ? Url[..300] + "…" : Url;
        return $"[{OperationId} · {Kind}] {Method} {url} as {Role}, Content-Type: {ContentType ?? "(none)"}"
            + (IdempotencyKey is null ? "" : $", Idempotency-Key: {(IdempotencyKey.Length > 40 ? IdempotencyKey[..40] + "…" : IdempotencyKey)}")
            + $", body: {body}";
    }
}

/// <summary>
/// Reads the operations from the live OpenAPI document and makes, for each, requests that are hostile in every way a
/// careless or malicious client could be: NUL and control characters in each string field and query value, null elements
/// in lists, nulls and wrong types for each field, numbers of 19 and more digits, negative, zero and 3-decimal amounts,
/// dates of year 1, 9999, -1 and February 30th, paging at 2147483647 and "abc", empty, null, [] and 5 MB bodies, forms,
/// malformed and foreign ids, foreign koperasi, missing and under-privileged tokens. Deterministic: the same document and
/// seed give the same requests.
/// </summary>
public sealed class HostileRequests(FuzzWorld world, JsonObject document, int seed = 11)
{
    private readonly JsonObject _schemas = document["components"]?["schemas"]?.AsObject() ?? new JsonObject();
    private readonly Random _random = new(seed);
    private const string UnknownGuid = "5f1e7a52-7d3b-4c55-9f6e-2b8d9c0a1e11";
    private int _turn;

    /// <summary>Every kind of hostility the fuzz covers; the test checks each one was sent.</summary>
    public static readonly string[] Kinds =
    [
        "field:nul", "field:control", "field:null", "field:missing", "field:wrong-type", "field:19-digits", "field:huge", "field:negative",
        "field:zero", "field:3-decimals", "field:year-1", "field:year-9999", "field:year-minus-1", "field:feb-30", "field:null-element",
        "field:long-string", "field:bad-id", "field:foreign-id", "query:nul", "query:page-max", "query:page-abc", "query:bad-date",
        "body:empty", "body:none", "body:null", "body:array", "body:form", "body:5mb", "body:malformed", "path:bad-id", "path:foreign-koperasi",
        "auth:anonymous",
    ];

    public List<FuzzOperation> Operations()
    {
        var list = new List<FuzzOperation>();
        foreach (var (path, item) in document["paths"]!.AsObject())
            foreach (var (method, node) in item!.AsObject())
            {
                if (node is not JsonObject op || op["operationId"] is null) continue;
                var parameters = (op["parameters"] as JsonArray ?? []).OfType<JsonObject>()
                    .Select(p => (In: p["in"]!.GetValue<string>(), Param: new FuzzParam(p["name"]!.GetValue<string>(), TypeOf(Resolve(p["schema"])), FormatOf(Resolve(p["schema"])))))
                    .ToList();
                var body = op["requestBody"]?["content"]?["application/json"]?["schema"];
                var roles = (op["x-ekopz-roles"] as JsonArray ?? []).Select(r => r!.GetValue<string>()).ToList();
                var anonymous = op["security"] is JsonArray { Count: 0 } || path.StartsWith("/api/v1/auth/", StringComparison.Ordinal);
                list.Add(new FuzzOperation(op["operationId"]!.GetValue<string>(), method.ToUpperInvariant(), path,
                    parameters.Where(p => p.In == "path").Select(p => p.Param).ToList(), parameters.Where(p => p.In == "query").Select(p => p.Param).ToList(),
                    body is null ? null : Resolve(body), roles, anonymous));
            }
        return list;
    }

    /// <summary>The hostile requests for <paramref name="op"/>, each once.</summary>
    public List<FuzzRequest> For(FuzzOperation op)
    {
        var requests = new List<FuzzRequest>();
        var basePath = FillPath(op, null, null);
        var baseBody = op.BodySchema is null ? null : Baseline(op.BodySchema, "", 0) as JsonObject ?? new JsonObject();
        var baseJson = baseBody?.ToJsonString();
        var write = !op.IsRead;

        void Add(string kind, string url, string? body, string? contentType = "application/json", string? role = null, string? key = null) =>
            requests.Add(new FuzzRequest(op.Id, kind, op.Method, url, body, body is null ? null : contentType, role ?? NextRole(op), key));

        Add("baseline", basePath, baseJson);

        // Who calls: nobody, and someone whose role may not.
        if (!op.Anonymous)
        {
            Add("auth:anonymous", basePath, baseJson, role: "anonymous");
            var outsider = new[] { "anggota", "pengelola_toko", "pengawas", "kasir" }.FirstOrDefault(r => op.Roles.Count > 0 && !op.Roles.Contains(r));
            if (outsider is not null) Add("auth:under-privileged", basePath, baseJson, role: outsider);
        }

        // The route: malformed and foreign ids, another koperasi, control characters.
        foreach (var p in op.PathParams)
        {
            if (p.Name == "kop")
            {
                Add("path:foreign-koperasi", FillPath(op, "kop", world.Foreign.Slug), baseJson);
                Add("path:unknown-koperasi", FillPath(op, "kop", "tidak-ada-" + seed), baseJson);
                // %00 in a path never reaches the API: Kestrel (and the test server) refuse the request line itself.
                Add("path:control", FillPath(op, "kop", "de%01mo"), baseJson);
                continue;
            }
            if (p.Format == "uuid")
            {
                Add("path:bad-id", FillPath(op, p.Name, "not-a-guid"), baseJson);
                Add("path:empty-id", FillPath(op, p.Name, Guid.Empty.ToString()), baseJson);
                Add("path:foreign-id", FillPath(op, p.Name, p.Name == "memberId" ? world.ForeignMember.ToString() : UnknownGuid), baseJson);
            }
            else if (p.Type == "integer")
            {
                foreach (var (kind, value) in new[] { ("path:bad-number", "abc"), ("path:huge-number", "99999999999"), ("path:negative", "-1"), ("path:zero", "0"), ("path:year-9999", "9999") })
                    Add(kind, FillPath(op, p.Name, value), baseJson);
            }
            else
            {
                foreach (var (kind, value) in new[] { ("path:control", "a%1Fb"), ("path:control", "a%01b"), ("path:long", new string('x', 300)), ("path:bad-value", "2026-13"), ("path:year-1", "0001-01") })
                    Add(kind, FillPath(op, p.Name, value), baseJson);
            }
        }

        // The query: every parameter with values of the wrong kind, control characters, paging out of range.
        foreach (var q in op.QueryParams)
            foreach (var (kind, value) in QueryValues(q))
                Add(kind, $"{basePath}?{q.Name}={value}", baseJson);
        Add("query:nul", $"{basePath}?zz=%00", baseJson);

        if (write || baseJson is not null)
        {
            // The body as a whole. Action routes without a body take none, an empty one or {} alike.
            Add("body:none", basePath, null);
            Add("body:empty", basePath, "");
            Add("body:whitespace", basePath, " \r\n ");
            Add("body:object", basePath, "{}");
            Add("body:null", basePath, "null");
            Add("body:array", basePath, "[]");
            Add("body:number", basePath, "1");
            Add("body:string", basePath, "\"x\"");
            Add("body:malformed", basePath, "{\"a\":");
            Add("body:malformed", basePath, "not json");
            Add("body:deep", basePath, new string('[', 300) + new string(']', 300));
            Add("body:form", basePath, "amount=1000&name=x", "application/x-www-form-urlencoded");
            Add("body:text", basePath, baseJson ?? "{}", "text/plain");
            Add("body:no-content-type", basePath, baseJson ?? "{}", null);
            Add("body:5mb", basePath, $"{{\"{FirstStringField(baseBody) ?? "note"}\":\"{new string('x', 5 * 1024 * 1024)}\"}}");
            Add("body:duplicate-keys", basePath, baseJson is null || baseJson == "{}" ? "{\"a\":1,\"a\":2}" : baseJson.TrimEnd('}') + "," + baseJson.TrimStart('{'));
            Add("body:bad-property-name", basePath, "{\"a\\u0000b\":1}");
            if (write)
            {
                Add("header:idempotency-long", basePath, baseJson, key: new string('k', 300));
                Add("header:idempotency-non-ascii", basePath, baseJson, key: "kunci-ü-🎉");
            }
        }

        // Each field of the body, down into the elements of lists.
        if (baseBody is not null)
        {
            var fields = new List<(string[] Path, JsonNode Schema, string Name)>();
            Fields(op.BodySchema!, [], fields, 0);
            var big = FirstStringField(baseBody);
            if (big is not null) Add("field:long-string", basePath, Set(baseBody, [big], "\"" + new string('x', 900_000) + "\""));
            foreach (var (path, schema, name) in fields)
                foreach (var (kind, raw) in Sample(FieldValues(schema, name).ToList()))
                    Add(kind, basePath, raw is null ? Remove(baseBody, path) : Set(baseBody, path, raw));
        }
        return requests;
    }

    /// <summary>
    /// To keep the run within minutes, each field gets the values of its type that broke the API before (the first
    /// <see cref="Essential"/> of the list: null, NUL, 19 digits, year 1, a null element, a bad id) and
    /// <see cref="Others"/> of the rest in turn, so that across the fields of the document every value is sent.
    /// </summary>
    private List<(string Kind, string? Raw)> Sample(List<(string Kind, string? Raw)> values)
    {
        const int Essential = 3, Others = 3;
        if (values.Count <= Essential + Others) return values;
        var rest = values.Skip(Essential).ToList();
        var start = _sampled++ * Others;
        return [.. values.Take(Essential), .. Enumerable.Range(0, Others).Select(i => rest[(start + i) % rest.Count]).Distinct()];
    }

    private int _sampled;

    private string NextRole(FuzzOperation op)
    {
        if (op.Anonymous && op.Roles.Count == 0) return "anonymous";
        var roles = op.Roles.Count > 0 ? op.Roles : ["pengurus"];
        return roles[_turn++ % roles.Count];
    }

    private string FillPath(FuzzOperation op, string? name, string? value)
    {
        var path = op.Path;
        foreach (var p in op.PathParams)
            path = path.Replace("{" + p.Name + "}", p.Name == name ? value! : Uri.EscapeDataString(world.PathValue(op.Path, p.Name)));
        return path;
    }

    private static IEnumerable<(string Kind, string Value)> QueryValues(FuzzParam q)
    {
        var name = q.Name;
        if (q.Type == "integer")
            return [("query:page-max", "2147483647"), ("query:page-abc", "abc"), ("query:negative", "-1"), ("query:zero", "0"),
                ("query:huge", "99999999999999999999"), ("query:decimal", "1.5"), ("query:nul", "%00")];
        if (q.Type == "boolean")
            return [("query:bad-bool", "abc"), ("query:bad-bool", "2"), ("query:nul", "1%00")];
        if (name is "knownAt")
            return [("query:bad-date", "0001-01-01T00:00:00Z"), ("query:bad-date", "9999-12-31T23:59:59Z"), ("query:bad-date", "2026-02-30T00:00:00Z"),
                ("query:bad-date", "abc"), ("query:nul", "%00")];
        if (name is "asOf" or "from" or "to" or "businessDate" or "effectiveFrom" or "dates")
            return [("query:bad-date", "0001-01-01"), ("query:bad-date", "9999-12-31"), ("query:bad-date", "-0001-01-01"), ("query:bad-date", "2026-02-30"),
                ("query:bad-date", "abc"), ("query:nul", "2026%00"), ("query:edge-date", "1900-01-01"), ("query:edge-date", "2100-12-31")];
        return [("query:nul", "a%00b"), ("query:control", "a%01b"), ("query:long", new string('x', 3000)), ("query:injection", "%27%3B--%20drop"),
            ("query:unicode", "%F0%9F%8E%89"), ("query:bad-id", "not-a-guid")];
    }

    /// <summary>Hostile JSON values for one field: a raw JSON text, or null to leave the field out.</summary>
    private IEnumerable<(string Kind, string? Raw)> FieldValues(JsonNode schema, string name)
    {
        var type = TypeOf(schema);
        var format = FormatOf(schema);
        // The first three are sent for every field (see Sample): null, the value of its type that broke the API before, and
        // a missing field; the rest in turn.
        var typed = new List<(string, string?)>();
        switch (type)
        {
            case "string" when format == "date":
                typed.AddRange([("field:year-1", "\"0001-01-01\""), ("field:year-9999", "\"9999-12-31\""), ("field:year-minus-1", "\"-0001-01-01\""),
                    ("field:feb-30", "\"2026-02-30\""), ("field:before-1900", "\"1899-12-31\""), ("field:edge-1900", "\"1900-01-01\""),
                    ("field:edge-2100", "\"2100-12-31\""), ("field:far-future", $"\"{DateOnly.Parse(world.Today).AddDays(400):yyyy-MM-dd}\""),
                    ("field:wrong-type", "20261122"), ("field:nul", "\"2026-01-01\\u0000\"")]);
                break;
            case "string" when format == "date-time":
                typed.AddRange([("field:year-1", "\"0001-01-01T00:00:00Z\""), ("field:year-9999", "\"9999-12-31T23:59:59Z\""),
                    ("field:feb-30", "\"2026-02-30T00:00:00Z\""), ("field:wrong-type", "123"), ("field:nul", "\"\\u0000\"")]);
                break;
            case "string" when format == "uuid":
                typed.AddRange([("field:bad-id", "\"not-a-guid\""), ("field:bad-id", $"\"{Guid.Empty}\""), ("field:foreign-id", $"\"{world.ForeignMember}\""),
                    ("field:foreign-id", $"\"{UnknownGuid}\""), ("field:wrong-type", "123"), ("field:nul", "\"\\u0000\"")]);
                break;
            case "string":
                typed.AddRange([("field:nul", "\"a\\u0000b\""), ("field:control", "\"a\\u0001b\""), ("field:control", "\"a\\u007fb\""),
                    ("field:control", "\"a\\u0085b\""), ("field:newline", "\"a\\r\\nb\\tc\""), ("field:lone-surrogate", "\"a\\ud800b\""),
                    ("field:empty", "\"\""), ("field:blank", "\"   \""), ("field:long-string", $"\"{new string('x', 20_000)}\""),
                    ("field:unicode", "\"ünïcødé 🎉 ﷽\""), ("field:injection", "\"'; drop table x; -- <script>alert(1)</script>\""),
                    ("field:wrong-type", "12345"), ("field:wrong-type", "{}")]);
                break;
            case "number" or "integer":
                typed.AddRange([("field:19-digits", "1234567890123456789"), ("field:huge", "12345678901234567890123"), ("field:huge", "1e400"),
                    ("field:negative", "-1"), ("field:negative", "-0.01"), ("field:zero", "0"), ("field:3-decimals", "1000.001"),
                    ("field:edge-max", "1000000000000"), ("field:over-max", "1000000000000.01"), ("field:tiny", "1e-30"),
                    ("field:int-overflow", "2147483648"), ("field:fraction", "2.5"), ("field:wrong-type", "\"100\""), ("field:wrong-type", "true")]);
                break;
            case "boolean":
                typed.AddRange([("field:wrong-type", "\"true\""), ("field:wrong-type", "1")]);
                break;
            case "array":
                var item = Resolve(schema["items"]);
                var element = item is null ? "\"x\"" : Baseline(item, name, 1)?.ToJsonString() ?? "null";
                typed.AddRange([("field:null-element", "[null]"), ("field:null-element", $"[{element},null]"), ("field:empty-list", "[]"),
                    ("field:wrong-type", "{}"), ("field:wrong-type", "\"x\""), ("field:wrong-element", TypeOf(item) == "object" ? "[\"x\"]" : "[{}]"),
                    ("field:many-elements", "[" + string.Join(",", Enumerable.Repeat(element, 500)) + "]")]);
                break;
            case "object":
                typed.AddRange([("field:wrong-type", "\"x\""), ("field:wrong-type", "[]"), ("field:empty-object", "{}")]);
                break;
        }
        if (typed.Count == 0) return [("field:null", "null"), ("field:missing", null)];
        return [("field:null", "null"), typed[0], ("field:missing", null), .. typed.Skip(1)];
    }

    /// <summary>Every field of a body schema with its path (elements of lists as index 0).</summary>
    private void Fields(JsonNode schema, string[] path, List<(string[], JsonNode, string)> into, int depth)
    {
        if (depth > 4 || Resolve(schema)?["properties"] is not JsonObject properties) return;
        foreach (var (name, child) in properties)
        {
            var resolved = Resolve(child);
            if (resolved is null) continue;
            string[] childPath = [.. path, name];
            into.Add((childPath, resolved, name));
            if (TypeOf(resolved) == "object") Fields(resolved, childPath, into, depth + 1);
            if (TypeOf(resolved) == "array" && Resolve(resolved["items"]) is { } items && TypeOf(items) == "object")
                Fields(items, [.. childPath, "0"], into, depth + 1);
        }
    }

    /// <summary>A plausible value for a schema, from the field's name where the type says too little.</summary>
    private JsonNode? Baseline(JsonNode schema, string name, int depth)
    {
        var resolved = Resolve(schema);
        if (resolved is null || depth > 5) return null;
        var format = FormatOf(resolved);
        switch (TypeOf(resolved))
        {
            case "object":
                var o = new JsonObject();
                if (resolved["properties"] is JsonObject properties)
                    foreach (var (child, childSchema) in properties)
                        if (childSchema is not null) o[child] = Baseline(childSchema, child, depth + 1);
                return o;
            case "array":
                var item = Resolve(resolved["items"]);
                return new JsonArray(item is null ? JsonValue.Create("x") : Baseline(item, Singular(name), depth + 1));
            case "boolean":
                return JsonValue.Create(false);
            case "integer":
                return JsonValue.Create(name switch { "periods" => 12, "usageLimit" => 10, "year" => int.Parse(world.Today[..4]), _ => 30 });
            case "number":
                return JsonValue.Create(name switch
                {
                    "quantity" or "countedQuantity" => 1m,
                    "percent" or "annualRate" or "commissionPercent" or "lendingLimitPercent" or "insiderLendingLimitPercent" or "interestTaxRate" => 10m,
                    "sukarelaInterestRate" => 3m,
                    var n when n.StartsWith("allowance", StringComparison.Ordinal) => 1m,
                    "credit" => 0m,
                    _ => 10_000m,
                });
            case "string" when format == "date":
                return JsonValue.Create(world.Today);
            case "string" when format == "date-time":
                return JsonValue.Create(Support.EkopzApp.Clock.GetCurrentInstant().ToString("uuuu-MM-ddTHH:mm:ss'Z'", null));
            case "string" when format == "uuid":
                return world.Ids.TryGetValue(name, out var id) ? JsonValue.Create(id) : null;
            default:
                return JsonValue.Create(name switch
                {
                    "channel" => "counter",
                    "method" => "flat",
                    "frequency" => "monthly",
                    "kind" => "reserve",
                    "basis" => "daily",
                    "nik" => Support.TestKoperasi.NewNik(),
                    "username" => "fuzz." + world.Kop.Slug,
                    "password" => "fuzz-password-1",
                    "roles" or "role" => "kasir",
                    "timeZone" => "Asia/Jakarta",
                    "accountCode" => "1-1000",
                    "source" => "savings",
                    "month" => world.Today[..7],
                    "slug" => "fz-" + world.Kop.Slug[2..],
                    "payment" => "cash",
                    "class" => "asset",
                    "code" => "FZ" + _random.Next(1000, 9999),
                    "presentAs" => "liability",
                    "interestBasis" => "daily",
                    "jasaModalBasis" => "year_end",
                    "roundingMode" => "up",
                    _ => "Fuzz " + name,
                });
        }
    }

    private static string Singular(string name) => name.EndsWith('s') ? name[..^1] : name;

    private static string? FirstStringField(JsonObject? body) =>
        body?.Where(p => p.Value is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String).Select(p => p.Key).FirstOrDefault();

    /// <summary>The body with the field at <paramref name="path"/> set to the raw JSON text <paramref name="raw"/>.</summary>
    private static string Set(JsonObject body, string[] path, string raw)
    {
        const string marker = "\u00a7FUZZ\u00a7";
        var copy = body.DeepClone().AsObject();
        JsonNode? node = copy;
        for (var i = 0; i < path.Length - 1; i++)
            node = int.TryParse(path[i], out var index) ? node?.AsArray()[index] : node?[path[i]];
        if (node is JsonObject o) o[path[^1]] = marker;
        else if (node is JsonArray a && int.TryParse(path[^1], out var at)) a[at] = marker;
        else return body.ToJsonString();
        var json = copy.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        return json.Replace($"\"{marker}\"", raw);
    }

    private static string Remove(JsonObject body, string[] path)
    {
        var copy = body.DeepClone().AsObject();
        JsonNode? node = copy;
        for (var i = 0; i < path.Length - 1; i++)
            node = int.TryParse(path[i], out var index) ? node?.AsArray()[index] : node?[path[i]];
        (node as JsonObject)?.Remove(path[^1]);
        return copy.ToJsonString();
    }

    private JsonNode? Resolve(JsonNode? schema)
    {
        for (var i = 0; i < 5 && schema is JsonObject o; i++)
        {
            if (o["$ref"] is JsonValue r) { schema = _schemas[r.GetValue<string>().Split('/')[^1]]; continue; }
            if (o["oneOf"] is JsonArray one && one.OfType<JsonObject>().FirstOrDefault(s => TypeOf(s) != "null") is { } inner) { schema = inner; continue; }
            if (o["allOf"] is JsonArray all && all.OfType<JsonObject>().FirstOrDefault() is { } first) { schema = first; continue; }
            return o;
        }
        return schema;
    }

    private static string TypeOf(JsonNode? schema) => schema?["type"] switch
    {
        JsonValue v => v.GetValue<string>(),
        JsonArray a => a.Select(t => t!.GetValue<string>()).FirstOrDefault(t => t != "null") ?? "null",
        _ => schema?["$ref"] is not null || schema?["oneOf"] is not null ? "ref" : schema?["properties"] is not null ? "object" : "any",
    };

    private static string? FormatOf(JsonNode? schema) => schema?["format"]?.GetValue<string>();
}
