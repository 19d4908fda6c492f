using System.Text.Json;
using Ekopz.Domain.Common;
using Microsoft.AspNetCore.Http.Metadata;

namespace Ekopz.Api.Infrastructure;

/// <summary>
/// Reads a JSON body once before the endpoint does, with the endpoint's own request type and the
/// API's JSON options, so malformed JSON or a wrongly typed field becomes our 400
/// <c>validation_failed</c> (with the offending field) instead of the framework's generic answer.
/// The body is buffered and rewound, so the endpoint reads it as usual.
/// </summary>
public sealed class JsonBodyValidation(RequestDelegate next)
{
    public async Task Invoke(HttpContext http)
    {
        // Only the API takes JSON; the console's pages take forms.
        var requestType = Ekopz.Web.Hosting.WebSetup.IsConsole(http.Request.Path) ? null
            : http.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        if (requestType is not null && HttpMethods.IsPost(http.Request.Method) || HttpMethods.IsPut(http.Request.Method) && requestType is not null)
        {
            http.Request.EnableBuffering();
            if (await HasNoJson(http.Request, http.RequestAborted))
            {
                // api.md: an action route's body is optional; no body and an empty body mean {}. The
                // endpoint then sees an object with every field absent, and refuses with a field error
                // where a field is required, instead of the framework answering "no JSON tokens".
                http.Request.Body = new MemoryStream("{}"u8.ToArray());
                http.Request.ContentLength = 2;
                http.Request.ContentType = "application/json";
            }
            else
            {
                try
                {
                    var value = await JsonSerializer.DeserializeAsync(http.Request.Body, requestType!, ApiJson.Options, http.RequestAborted);
                    if (value is null)
                    {
                        await Problems.Write(http, ErrorCodes.ValidationFailed, "The request body must be a JSON object.",
                            new Dictionary<string, string[]> { ["$"] = ["A JSON object is required."] });
                        return;
                    }
                }
                catch (JsonException e)
                {
                    var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "$" : e.Path.TrimStart('$', '.');
                    await Problems.Write(http, ErrorCodes.ValidationFailed, "The request body is not valid JSON for this request.",
                        new Dictionary<string, string[]> { [field] = [Clean(e.Message)] });
                    return;
                }
                finally
                {
                    http.Request.Body.Position = 0;
                }
            }
        }

        await next(http);
    }

    /// <summary>True when the body is absent or only white space; the buffered body is rewound either way.</summary>
    private static async Task<bool> HasNoJson(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength == 0) return true;
        var buffer = new byte[256];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer, ct)) > 0)
                if (buffer.AsSpan(0, read).IndexOfAnyExcept(" \t\r\n"u8) >= 0) return false;
            return true;
        }
        finally
        {
            request.Body.Position = 0;
        }
    }

    /// <summary>System.Text.Json messages name .NET types; keep the part a client can act on.</summary>
    private static string Clean(string message)
    {
        if (message.Contains("could not be converted", StringComparison.Ordinal))
            return "This value has the wrong type (amounts are JSON numbers, dates are \"yyyy-MM-dd\" strings).";
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
