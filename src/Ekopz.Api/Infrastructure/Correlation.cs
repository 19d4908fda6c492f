namespace Ekopz.Api.Infrastructure;

/// <summary>
/// Every request has a correlation id: the caller's X-Correlation-Id if it sent a sane one, else a
/// new one. It is echoed in the response and written into every event the request causes.
/// </summary>
public sealed class Correlation(RequestDelegate next)
{
    public const string Header = "X-Correlation-Id";
    public const string ItemKey = "ekopz.correlation";

    public Task Invoke(HttpContext http)
    {
        var incoming = http.Request.Headers[Header].ToString();
        var id = incoming.Length is > 0 and <= 100 && incoming.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or ':')
            ? incoming
            : Guid.NewGuid().ToString("N");
        http.Items[ItemKey] = id;
        http.Response.Headers[Header] = id;
        return next(http);
    }

    public static string Of(HttpContext http) =>
        http.Items.TryGetValue(ItemKey, out var id) && id is string s ? s : Guid.NewGuid().ToString("N");
}
