using System.Text.Json.Nodes;
using Ekopz.Domain.Common;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Ekopz.Api.Hosting;

/// <summary>
/// The error contract in the OpenAPI document (docs/adr/0020): every operation lists the errors it can answer, each
/// as problem details with the codes that status carries (in the description and in <c>x-ekopz-codes</c>), and the
/// roles that may call it (<c>x-ekopz-roles</c>, from its authorization policy; the 403 names them too).
/// </summary>
public static class OpenApiErrors
{
    public const string RolesExtension = "x-ekopz-roles";
    public const string CodesExtension = "x-ekopz-codes";
    public const string ProblemSchema = "ProblemDetails";
    public const string CodeSchema = "ErrorCode";

    /// <summary>Every code, its status and what it means: the <c>code</c> enum and the API's description.</summary>
    public static readonly IReadOnlyList<(string Code, int Status, string Meaning)> Codes =
    [
        (ErrorCodes.ValidationFailed, 400, "the input is not valid; `errors` names each field or query parameter"),
        (ErrorCodes.Unauthorized, 401, "no valid bearer token, or a wrong username or password"),
        (ErrorCodes.Forbidden, 403, "the caller's role may not do this"),
        (ErrorCodes.NotFound, 404, "no such koperasi, id or route (a malformed id too); another koperasi's data is not found either"),
        (ErrorCodes.MethodNotAllowed, 405, "the route does not take this HTTP method"),
        (ErrorCodes.Conflict, 409, "a duplicate, a concurrent change, or an Idempotency-Key reused with a different body"),
        (ErrorCodes.PayloadTooLarge, 413, "the body is over 1 MiB"),
        (ErrorCodes.UnsupportedMediaType, 415, "the body is not JSON"),
        (ErrorCodes.InsufficientBalance, 422, "the balance does not cover it"),
        (ErrorCodes.PeriodClosed, 422, "the date falls in a closed month"),
        (ErrorCodes.NotWithdrawable, 422, "this kind of savings cannot be withdrawn now"),
        (ErrorCodes.LimitExceeded, 422, "a limit (lending limit, credit limit, ...) would be exceeded"),
        (ErrorCodes.InvalidState, 422, "not allowed in the current state"),
        (ErrorCodes.SameMakerChecker, 422, "the approver is the one who asked: a second person must approve"),
        (ErrorCodes.InsufficientStock, 422, "not enough stock"),
        (ErrorCodes.PeriodNotClosed, 422, "only a closed (sealed) month's reports may be published"),
        (ErrorCodes.FileRefused, 400, "an import file that cannot be read: not xlsx or CSV, empty, formulas, merged cells (docs/adr/0033)"),
        (ErrorCodes.FileTooLarge, 413, "an import file over 10 MB"),
        (ErrorCodes.ImportHasProblems, 422, "the import's dry run found problems; the report is in `report`"),
        (ErrorCodes.YearNotClosed, 422, "the RAT pack is made only for a closed fiscal year"),
        (ErrorCodes.RateLimited, 429, "too many requests: wait for Retry-After"),
        (ErrorCodes.InternalError, 500, "a fault of the server's own (logged); never the answer to input"),
        (ErrorCodes.Unavailable, 503, "the database is unreachable for the moment: retry after Retry-After; nothing was changed"),
    ];

    /// <summary>A short text of the whole contract, for the document's description.</summary>
    public static string Summary() =>
        "Every error is RFC 9457 problem details (application/problem+json) with a stable `code`: "
        + string.Join("; ", Codes.GroupBy(c => c.Status).Select(g => $"{g.Key} " + string.Join(", ", g.Select(c => $"`{c.Code}`")))) + ".";

    public static void AddErrorContract(this OpenApiOptions o)
    {
        o.AddOperationTransformer(DescribeOperation);
        o.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
            document.Components.Schemas[CodeSchema] = ErrorCodeSchema();
            document.Components.Schemas[ProblemSchema] = ProblemDetailsSchema(document);
            return Task.CompletedTask;
        });
    }

    private static async Task DescribeOperation(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        var roles = new List<string>();
        if (!anonymous)
        {
            var policies = context.ApplicationServices.GetRequiredService<IAuthorizationPolicyProvider>();
            foreach (var data in metadata.OfType<IAuthorizeData>())
            {
                if (data.Policy is { } name && await policies.GetPolicyAsync(name) is { } policy)
                    roles.AddRange(policy.Requirements.OfType<RolesAuthorizationRequirement>().SelectMany(r => r.AllowedRoles));
                if (data.Roles is { } listed) roles.AddRange(listed.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
            }
        }
        roles = roles.Distinct().ToList();

        var path = "/" + (description.RelativePath ?? "").TrimStart('/');
        var write = !HttpMethods.IsGet(description.HttpMethod ?? "GET") && !HttpMethods.IsHead(description.HttpMethod ?? "GET");
        var hasBody = operation.RequestBody is not null;
        var hasPath = path.Contains('{');
        var signIn = path.StartsWith("/api/v1/auth/", StringComparison.OrdinalIgnoreCase);
        operation.Responses ??= new OpenApiResponses();
        var document = context.Document;

        Add(operation, document, 400, "Validation failed", [ErrorCodes.ValidationFailed],
            "The input is not valid: a field, a query parameter or the body; `errors` names each one with its message.");
        Add(operation, document, 401, "Unauthorized", [ErrorCodes.Unauthorized],
            signIn ? "Unknown username, wrong password, or a refresh token that is not valid." : "No valid bearer token, or the login is disabled.");
        if (roles.Count > 0)
            Add(operation, document, 403, "Forbidden", [ErrorCodes.Forbidden], $"The caller's role is not one of: {string.Join(", ", roles)}.");
        if (hasPath)
            Add(operation, document, 404, "Not found", [ErrorCodes.NotFound],
                "No such koperasi (or not the caller's), no such id, or an id that is not well formed.");
        if (write && !signIn)
            Add(operation, document, 409, "Conflict", [ErrorCodes.Conflict],
                "A duplicate, a change that raced another, or an Idempotency-Key already used with a different request.");
        if (hasBody)
        {
            Add(operation, document, 413, "Payload too large", [ErrorCodes.PayloadTooLarge], "The body is over 1 MiB.");
            Add(operation, document, 415, "Unsupported media type", [ErrorCodes.UnsupportedMediaType], "The body is not JSON.");
        }
        if ((write && !signIn) || operation.Responses.ContainsKey("422"))
            Add(operation, document, 422, "Business rule", ErrorCodes.BusinessRules,
                "A business rule refused it; nothing was changed.");
        if (signIn || operation.Responses.ContainsKey("429"))
            Add(operation, document, 429, "Too many requests", [ErrorCodes.RateLimited], "Too many attempts: wait for Retry-After.");
        Add(operation, document, 503, "Unavailable", [ErrorCodes.Unavailable],
            "The database cannot be reached for the moment: retry after Retry-After. Nothing was changed.");

        // An error status the endpoint declared itself (or the framework added) reads like every other: problem details
        // with the codes of that status.
        foreach (var (status, _) in operation.Responses.Where(r => r.Key.Length == 3 && r.Key[0] is '4' or '5').ToList())
            if (operation.Responses[status].Content?.ContainsKey("application/problem+json") != true
                && Codes.Where(c => c.Status.ToString() == status).Select(c => c.Code).ToList() is { Count: > 0 } codes)
                Add(operation, document, int.Parse(status), ReasonPhrases.GetReasonPhrase(int.Parse(status)), codes,
                    string.Join("; ", Codes.Where(c => c.Status.ToString() == status).Select(c => c.Meaning)) + ".");

        // Responses in the order of their status, as a reader looks for them.
        var sorted = operation.Responses.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        operation.Responses.Clear();
        foreach (var (status, response) in sorted) operation.Responses[status] = response;

        operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        operation.Extensions[RolesExtension] = new JsonNodeExtension(new JsonArray(roles.Select(r => (JsonNode)JsonValue.Create(r)).ToArray()));
    }

    private static void Add(OpenApiOperation operation, OpenApiDocument? document, int status, string title, IReadOnlyList<string> codes, string text)
    {
        var listed = string.Join(", ", codes.Select(c => $"`{c}`"));
        operation.Responses![status.ToString()] = new OpenApiResponse
        {
            Description = $"{title}: {text} Problem details with `code` {listed}.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new()
                {
                    Schema = new OpenApiSchemaReference(ProblemSchema, document),
                    // What a client receives, with the first code of this status (docs/adr/0028).
                    Example = new JsonObject
                    {
                        ["type"] = $"https://ekopz.id/problems/{codes[0].Replace('_', '-')}",
                        ["title"] = title + ".",
                        ["status"] = status,
                        ["detail"] = text,
                        ["code"] = codes[0],
                        ["correlationId"] = "8f2c1e0b4a7d4c5e9b1a2d3c4e5f6a7b",
                    },
                },
            },
            Extensions = new Dictionary<string, IOpenApiExtension>
            {
                [CodesExtension] = new JsonNodeExtension(new JsonArray(codes.Select(c => (JsonNode)JsonValue.Create(c)).ToArray())),
            },
        };
    }

    /// <summary>The codes as a schema of their own, so that a client generator reads them as one named type (or as text).</summary>
    private static OpenApiSchema ErrorCodeSchema() => new()
    {
        Type = JsonSchemaType.String,
        Description = "The stable code of an error: " + string.Join("; ", Codes.Select(c => $"`{c.Code}` ({c.Status}): {c.Meaning}")) + ".",
        Enum = Codes.Select(c => (JsonNode)JsonValue.Create(c.Code)).ToList(),
    };

    private static OpenApiSchema ProblemDetailsSchema(OpenApiDocument document) => new()
    {
        Type = JsonSchemaType.Object,
        Description = "RFC 9457 problem details. Clients switch on `code`, never on `title` or `detail`.",
        Required = new HashSet<string> { "type", "title", "status", "code" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "https://ekopz.id/problems/{code}" },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Description = "For people and logs; may change." },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["code"] = new OpenApiSchemaReference(CodeSchema, document),
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object | JsonSchemaType.Null,
                Description = "For validation_failed: the messages per field (\"amount\", \"lines[0].quantity\") or query parameter.",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
            ["correlationId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The request's X-Correlation-Id." },
        },
    };
}
