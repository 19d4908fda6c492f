namespace Ekopz.Api.Hosting;

/// <summary>
/// Cross-origin access to the API for the web and mobile clients named in <c>EKOPZ_CORS_ORIGINS</c> (a comma list of
/// origins such as <c>https://app.koperasi.id</c>); none by default, and never a wildcard (docs/adr/0018). Only the API's
/// paths answer cross-origin; no credentials (cookies) are allowed, since the API reads only bearer tokens.
/// </summary>
public static class ApiCors
{
    public const string Policy = "ekopz-clients";

    /// <summary>The configured origins, each checked to be a plain http(s) origin.</summary>
    public static IReadOnlyList<string> Origins(IConfiguration configuration)
    {
        var origins = new List<string>();
        foreach (var part in (configuration["EKOPZ_CORS_ORIGINS"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(part, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
                || uri.PathAndQuery != "/" || part.EndsWith('/') || part.Contains('*'))
                throw new InvalidOperationException($"EKOPZ_CORS_ORIGINS lists '{part}', which is not an origin like https://app.example.id (no path, no wildcard).");
            origins.Add(uri.GetLeftPart(UriPartial.Authority));
        }
        return origins;
    }

    public static void AddEkopzCors(this IServiceCollection services, IConfiguration configuration)
    {
        var origins = Origins(configuration);
        services.AddCors(o => o.AddPolicy(Policy, p =>
        {
            if (origins.Count > 0) p.WithOrigins([.. origins]);
            p.WithMethods("GET", "POST", "PUT", "PATCH", "DELETE")
                .WithHeaders("Authorization", "Content-Type", "Accept", "Accept-Language", "Idempotency-Key", "X-Correlation-Id")
                .WithExposedHeaders("Retry-After", "X-Correlation-Id", "Idempotent-Replayed", "Location", "Content-Disposition")
                .SetPreflightMaxAge(TimeSpan.FromMinutes(10));
        }));
    }

    /// <summary>After routing: the API's paths answer cross-origin requests (and preflights) from the listed origins only.</summary>
    public static void UseEkopzCors(this IApplicationBuilder app) =>
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/api"), api => api.UseCors(Policy));
}
