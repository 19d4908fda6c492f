using System.Text.Json;

namespace Ekopz.Web.Api;

/// <summary>
/// An API refusal as the console needs it: the stable <c>code</c>, the HTTP status, and the
/// per-field errors keyed as the API names the fields ("amount", "lines[0].debit"). Pages map
/// codes and field keys to Indonesian text (Teks); the API's own English detail is kept for logs.
/// <see cref="RetryAfter"/> is the wait a 429 names (Retry-After), so a page can say how long.
/// </summary>
public sealed record ApiProblem(int Status, string Code, string? Detail, IReadOnlyDictionary<string, string[]> Errors, TimeSpan? RetryAfter = null)
{
    public static ApiProblem From(ApiException e)
    {
        var code = e.StatusCode switch { 401 => "unauthorized", 403 => "forbidden", 404 => "not_found", _ => "error" };
        string? detail = null;
        var errors = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        try
        {
            if (!string.IsNullOrWhiteSpace(e.Response))
            {
                using var doc = JsonDocument.Parse(e.Response);
                var root = doc.RootElement;
                if (root.ValueKind == JsonValueKind.Object)
                {
                    if (root.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String) code = c.GetString()!;
                    if (root.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String) detail = d.GetString();
                    if (root.TryGetProperty("errors", out var errs) && errs.ValueKind == JsonValueKind.Object)
                        foreach (var field in errs.EnumerateObject())
                            errors[field.Name] = field.Value.ValueKind == JsonValueKind.Array
                                ? field.Value.EnumerateArray().Select(x => x.ToString()).ToArray()
                                : [field.Value.ToString()];
                }
            }
        }
        catch (JsonException)
        {
            // Not problem details (a proxy's page, say): the status alone decides.
        }
        TimeSpan? retryAfter = null;
        if (e.Headers is not null && e.Headers.FirstOrDefault(h => h.Key.Equals("Retry-After", StringComparison.OrdinalIgnoreCase)).Value is { } values
            && int.TryParse(values.FirstOrDefault(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
            retryAfter = TimeSpan.FromSeconds(seconds);
        return new ApiProblem(e.StatusCode, code, detail, errors, retryAfter);
    }

    public bool Has(string field) => Errors.ContainsKey(field);
}
