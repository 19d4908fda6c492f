using System.Globalization;
using System.Reflection;
using Ekopz.Domain.Common;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Ekopz.Api.Infrastructure;

/// <summary>
/// The last word on any API error that carries no body: the framework's bare 404 (a malformed id in the route), 405,
/// 415, 413, a rate limiter's 429 or 503, all become problem details with the code of their status (docs/adr/0020).
/// The console's own pages keep their HTML error pages.
/// </summary>
public sealed class ProblemStatusPages(RequestDelegate next)
{
    public async Task Invoke(HttpContext http)
    {
        await next(http);
        var response = http.Response;
        if (response.HasStarted || response.StatusCode < 400 || Ekopz.Web.Hosting.WebSetup.IsConsole(http.Request.Path)
            || response.ContentLength > 0 || !string.IsNullOrEmpty(response.ContentType) || HttpMethods.IsHead(http.Request.Method))
            return;
        var status = response.StatusCode;
        var code = ErrorCodes.OfStatus(status) ?? ErrorCodes.ValidationFailed;
        await Problems.Write(http, code, DetailOf(status), status: status);
    }

    private static string DetailOf(int status) => status switch
    {
        400 => "The request is not valid.",
        401 => "A valid bearer token is required.",
        403 => "Your role does not allow this.",
        404 => "No such resource: the route or an id in it does not exist.",
        405 => "This route does not take this HTTP method.",
        413 => $"The request body may be at most {InputLimits.MaxBodyBytes:N0} bytes.",
        415 => "The body must be JSON (Content-Type: application/json).",
        429 => "Too many requests; wait before trying again.",
        503 => "The service is unavailable for the moment; retry later. Nothing was changed.",
        >= 500 => "Something went wrong; the request changed nothing.",
        _ => "The request cannot be answered.",
    };
}

/// <summary>
/// Route values are checked before anything looks them up: a value with a control character, or the empty id
/// (<c>00000000-...</c>), names nothing that can exist, so it is 404 <c>not_found</c> before the tenant gate or an
/// endpoint asks PostgreSQL about it.
/// </summary>
public sealed class RouteValueGate(RequestDelegate next)
{
    public async Task Invoke(HttpContext http)
    {
        if (!Ekopz.Web.Hosting.WebSetup.IsConsole(http.Request.Path))
            foreach (var (_, value) in http.Request.RouteValues)
                // The empty id (all zeros) is never given to anything: Marten refuses to even look it up.
                if (value is string text && (InputLimits.CheckText(text, "", 200) is not null || (Guid.TryParse(text, out var id) && id == Guid.Empty)))
                {
                    await Problems.Write(http, ErrorCodes.NotFound, "No such resource: the route or an id in it does not exist.");
                    return;
                }
        await next(http);
    }
}

/// <summary>
/// The query string, checked once for every API route (docs/adr/0020): no control characters in any name or value,
/// no value over <see cref="InputLimits.MaxQueryValueLength"/> characters, and every parameter the endpoint takes as a
/// number, boolean or id parses as one (the framework would silently read <c>page=abc</c> as no page at all);
/// <c>page</c> is 1 .. <see cref="InputLimits.MaxPage"/> and <c>pageSize</c> at least 1. A refusal is 400
/// <c>validation_failed</c> naming the parameter. Dates are parsed, and bounded, by <see cref="QueryParams"/>.
/// </summary>
public sealed class QueryValidation(RequestDelegate next)
{
    public async Task Invoke(HttpContext http)
    {
        if (Ekopz.Web.Hosting.WebSetup.IsConsole(http.Request.Path) || http.Request.Query.Count == 0)
        {
            await next(http);
            return;
        }

        var errors = new Dictionary<string, string[]>();
        foreach (var (name, values) in http.Request.Query)
        {
            if (InputLimits.CheckText(name, "", 100) is not null)
            {
                errors.TryAdd("$query", ["A parameter name holds characters that are not allowed."]);
                continue;
            }
            foreach (var value in values)
                if (value is not null && InputLimits.CheckText(value, "", InputLimits.MaxQueryValueLength) is { } problem)
                    errors.TryAdd(name, [problem]);
        }

        if (errors.Count == 0 && http.GetEndpoint() is { } endpoint && MethodOf(endpoint) is { } method)
        {
            var route = (endpoint as RouteEndpoint)?.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase) ?? [];
            foreach (var parameter in method.GetParameters())
            {
                if (parameter.Name is not { } name || route.Contains(name)) continue;
                var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
                if (!IsTyped(type) || !http.Request.Query.TryGetValue(name, out var values)) continue;
                foreach (var value in values)
                    if (!string.IsNullOrWhiteSpace(value) && Check(name, type, value.Trim()) is { } problem)
                        errors.TryAdd(name, [problem]);
            }
        }

        if (errors.Count > 0)
        {
            var (field, messages) = errors.First();
            await Problems.Write(http, ErrorCodes.ValidationFailed, $"The query is not valid ({field}: {messages[0]})", errors);
            return;
        }
        await next(http);
    }

    /// <summary>The endpoint's method: Wolverine's chain names it; a minimal API endpoint carries it as metadata.</summary>
    private static MethodInfo? MethodOf(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<Wolverine.Http.HttpChain>()?.Method.Method ?? endpoint.Metadata.GetMetadata<MethodInfo>();

    /// <summary>Types bound from the query that are not text: numbers, booleans, ids, enums, anything with a TryParse.</summary>
    private static bool IsTyped(Type type) => type != typeof(string) && (type.IsPrimitive || type.IsEnum || type == typeof(decimal) || TryParseOf(type) is not null);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, MethodInfo?> TryParses = new();

    private static MethodInfo? TryParseOf(Type type) => TryParses.GetOrAdd(type, t =>
        t.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), typeof(IFormatProvider), t.MakeByRefType()])
        ?? t.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), t.MakeByRefType()]));

    private static string? Check(string name, Type type, string value)
    {
        if (type == typeof(bool))
            return bool.TryParse(value, out _) ? null : $"'{Short(value)}' is not true or false.";
        if (type == typeof(Guid))
            return Guid.TryParse(value, out _) ? null : $"'{Short(value)}' is not an id.";
        if (type == typeof(decimal) || type == typeof(double) || type == typeof(float))
            return decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) && Math.Abs(d) <= InputLimits.MaxNumber
                ? null : $"'{Short(value)}' is not a number (at most {InputLimits.MaxNumber:N0}).";
        if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte))
        {
            if (!long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
                || (type == typeof(int) && n is < int.MinValue or > int.MaxValue) || (type == typeof(short) && n is < short.MinValue or > short.MaxValue)
                || (type == typeof(byte) && n is < 0 or > 255))
                return $"'{Short(value)}' is not a whole number.";
            if (name.Equals("page", StringComparison.OrdinalIgnoreCase) && n is < 1 or > InputLimits.MaxPage)
                return $"The page must be between 1 and {InputLimits.MaxPage:N0}.";
            if (name.Equals("pageSize", StringComparison.OrdinalIgnoreCase) && n < 1)
                return "The page size must be at least 1.";
            return null;
        }
        if (type.IsEnum)
            return Enum.TryParse(type, value, ignoreCase: true, out _) && !value.All(c => char.IsDigit(c) || c == '-')
                ? null : $"'{Short(value)}' is not one of: {string.Join(", ", Enum.GetNames(type))}.";
        if (TryParseOf(type) is { } tryParse)
        {
            var arguments = tryParse.GetParameters().Length == 3 ? new object?[] { value, CultureInfo.InvariantCulture, null } : [value, null];
            return tryParse.Invoke(null, arguments) is true ? null : $"'{Short(value)}' is not a valid {name}.";
        }
        return null;
    }

    private static string Short(string value) => value.Length > 40 ? value[..40] + "…" : value;
}
