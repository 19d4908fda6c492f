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
                        + "Errors are RFC 9457 problem details with a stable 'code'.",
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
            o.AddSchemaTransformer((schema, context, _) =>
            {
                var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
                if (type == typeof(LocalDate)) { schema.Type = JsonSchemaType.String; schema.Format = "date"; schema.Properties?.Clear(); }
                else if (type == typeof(Instant)) { schema.Type = JsonSchemaType.String; schema.Format = "date-time"; schema.Properties?.Clear(); }
                return Task.CompletedTask;
            });
        });
    }
}
