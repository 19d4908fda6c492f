using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using NodaTime;

namespace Ekopz.Api.Hosting;

/// <summary>OpenAPI 3.1 at /openapi/v1.json: bearer auth and NodaTime types shown as ISO strings.</summary>
public static class OpenApiSetup
{
    public static void AddEkopzOpenApi(this IServiceCollection services)
    {
        services.AddOpenApi("v1", o =>
        {
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Ekopz API",
                    Version = "v1",
                    Description = "The accounting core of a koperasi: members, simpanan, pinjaman, Kopmart, the books and SHU. "
                        + "Get a token at POST /api/v1/auth/token and send it as 'Authorization: Bearer ...'. "
                        + OpenApiErrors.Summary() + " Action routes take an optional body: none, an empty body and {} mean the same.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                };
                document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] }];
                return Task.CompletedTask;
            });
            o.AddOperationTransformer((operation, _, _) =>
            {
                // Endpoints return IResult and declare their real responses with attributes; drop the
                // placeholder "200: IResult" the framework infers from the return type.
                if (operation.Responses is { } responses)
                    foreach (var key in responses.Where(r => r.Value.Content?.Values.Any(c =>
                                 c.Schema is OpenApiSchemaReference { Reference.Id: "IResult" }) == true).Select(r => r.Key).ToList())
                        responses.Remove(key);
                return Task.CompletedTask;
            });
            // Every operation's errors, with their codes and the roles that may call it (docs/adr/0020).
            o.AddErrorContract();
            // Shared parameter descriptions, the Idempotency-Key header, and examples for the money routes (docs/adr/0028).
            o.AddEkopzDescriptions();
            o.AddEkopzExamples();
            o.AddSchemaTransformer((schema, context, _) =>
            {
                var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
                if (type == typeof(decimal))
                {
                    schema.Type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) is null
                        ? JsonSchemaType.Number : JsonSchemaType.Number | JsonSchemaType.Null;
                    schema.Format = "decimal";
                }
                // Optional request fields are nullable record parameters: not required.
                if (schema.Required is { Count: > 0 } required)
                    foreach (var property in context.JsonTypeInfo.Properties)
                        if (property.IsGetNullable || Nullable.GetUnderlyingType(property.PropertyType) is not null)
                            required.Remove(property.Name);
                // An optional date stays optional (null allowed): a generated client must not send a default date.
                var orNull = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) is not null || schema.Type?.HasFlag(JsonSchemaType.Null) == true
                    ? JsonSchemaType.Null : 0;
                if (type == typeof(LocalDate)) { schema.Type = JsonSchemaType.String | orNull; schema.Format = "date"; schema.Properties?.Clear(); }
                else if (type == typeof(Instant)) { schema.Type = JsonSchemaType.String | orNull; schema.Format = "date-time"; schema.Properties?.Clear(); }
                return Task.CompletedTask;
            });
        });
    }
}
