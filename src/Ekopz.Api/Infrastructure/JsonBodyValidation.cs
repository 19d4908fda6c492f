using System.Text;
using System.Text.Json;
using Ekopz.Domain.Common;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace Ekopz.Api.Infrastructure;

/// <summary>
/// Reads a JSON body once before the endpoint does, so that nothing an endpoint, a calculator or PostgreSQL could
/// choke on gets past it (docs/adr/0007, 0017):
/// <list type="bullet">
/// <item>a body over <see cref="InputLimits.MaxBodyBytes"/> is 413 <c>payload_too_large</c>;</item>
/// <item>no body, an empty or a white-space body is <c>{}</c> (api.md: an action route's body is optional);</item>
/// <item>a body that is not JSON by its content type (a form, plain text) is 415 <c>unsupported_media_type</c>;</item>
/// <item>the JSON itself is walked: a string with NUL or another control character (tab, CR and LF only in
/// <see cref="InputLimits.MultiLineFields"/>), broken Unicode or over <see cref="InputLimits.MaxStringLength"/> characters,
/// a <c>null</c> element of an array, a number beyond <see cref="InputLimits.MaxNumber"/> is 400 <c>validation_failed</c>
/// naming the field (<c>lines[0].quantity</c>);</item>
/// <item>then it is deserialized with the endpoint's own request type and the API's JSON options: malformed JSON, a
/// wrongly typed field, a date outside 1900..2100, a <c>null</c>/<c>[]</c> body are 400 naming the field.</item>
/// </list>
/// POST, PUT, PATCH and DELETE alike. The endpoint then reads the same bytes from a buffer.
/// </summary>
public sealed class JsonBodyValidation(RequestDelegate next)
{
    private const int MaxErrors = 20;
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 32 };

    public async Task Invoke(HttpContext http)
    {
        // Only the API takes JSON; the console's pages take forms.
        if (Ekopz.Web.Hosting.WebSetup.IsConsole(http.Request.Path))
        {
            await next(http);
            return;
        }

        var maxBody = MaxBodyFor(http.Request.Path);
        if (http.Request.ContentLength > maxBody)
        {
            await TooLarge(http, maxBody);
            return;
        }
        // Kestrel enforces the same limit on a body sent without a length (chunked).
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = maxBody;

        var method = http.Request.Method;
        var requestType = http.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        if (requestType is null
            || !(HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method)))
        {
            await next(http);
            return;
        }

        var body = await ReadBounded(http.Request.Body, maxBody, http.RequestAborted);
        if (body is null)
        {
            await TooLarge(http, maxBody);
            return;
        }

        // A UTF-8 byte order mark is not JSON; a client that writes one still means the JSON after it.
        if (body.AsSpan().StartsWith("\uFEFF"u8)) body = body[3..];

        if (body.AsSpan().IndexOfAnyExcept(" \t\r\n"u8) < 0)
        {
            // api.md: an action route's body is optional; no body and an empty body mean {}. The endpoint then sees an
            // object with every field absent, and refuses with a field error where a field is required.
            body = "{}"u8.ToArray();
        }
        else
        {
            if (!IsJson(http.Request.ContentType))
            {
                await Problems.Write(http, ErrorCodes.UnsupportedMediaType,
                    $"The body must be JSON (Content-Type: application/json), not '{Printable(http.Request.ContentType)}'.");
                return;
            }
            if (Check(body, requestType) is { } errors)
            {
                var (field, messages) = errors.First();
                await Problems.Write(http, ErrorCodes.ValidationFailed, $"The request body is not valid for this request ({field}: {messages[0]})", errors);
                return;
            }
        }

        http.Request.Body = new MemoryStream(body, writable: false);
        http.Request.ContentLength = body.Length;
        http.Request.ContentType = "application/json";
        await next(http);
    }

    /// <summary>The refusals of a non-empty JSON body for <paramref name="requestType"/>, or null when it may be read.</summary>
    public static Dictionary<string, string[]>? Check(byte[] body, Type requestType)
    {
        var errors = new Dictionary<string, string[]>();
        try
        {
            using var document = JsonDocument.Parse(body, DocumentOptions);
            Walk(document.RootElement, "", "", errors);
        }
        catch (JsonException e)
        {
            return new() { [FieldOf(e)] = [Clean(e.Message)] };
        }
        if (errors.Count > 0) return errors;

        try
        {
            var value = JsonSerializer.Deserialize(body, requestType, ApiJson.Options);
            if (value is null) return new() { ["$"] = ["A JSON object is required."] };
        }
        catch (JsonException e)
        {
            return new() { [FieldOf(e)] = [Clean(e.Message)] };
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or FormatException or OverflowException
                                      or ArgumentException)
        {
            return new() { ["$"] = ["The request body is not valid JSON for this request."] };
        }
        return null;
    }

    private static void Walk(JsonElement element, string path, string name, Dictionary<string, string[]> errors)
    {
        if (errors.Count >= MaxErrors) return;
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (InputLimits.CheckText(property.Name, "", 200) is not null)
                    {
                        Add(errors, path.Length == 0 ? "$" : path, "A property name holds characters that are not allowed.");
                        continue;
                    }
                    Walk(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}", property.Name, errors);
                }
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    var itemPath = $"{(path.Length == 0 ? "$" : path)}[{i++}]";
                    if (item.ValueKind == JsonValueKind.Null) Add(errors, itemPath, "An element of a list cannot be null.");
                    else Walk(item, itemPath, name, errors);
                }
                break;
            case JsonValueKind.String:
                string text;
                try
                {
                    text = element.GetString()!;
                }
                catch (InvalidOperationException)
                {
                    Add(errors, Field(path), "The text is not valid Unicode.");
                    break;
                }
                if (InputLimits.CheckText(text, name, name == ImportFileField ? int.MaxValue : InputLimits.MaxStringLength) is { } problem)
                    Add(errors, Field(path), problem);
                break;
            case JsonValueKind.Number:
                if (!element.TryGetDecimal(out var number) || Math.Abs(number) > InputLimits.MaxNumber)
                    Add(errors, Field(path), $"The number may be at most {InputLimits.MaxNumber:N0}.");
                break;
        }
    }

    private static string Field(string path) => path.Length == 0 ? "$" : path;

    private static void Add(Dictionary<string, string[]> errors, string field, string message)
    {
        if (!errors.ContainsKey(field)) errors[field] = [message];
    }

    private static bool IsJson(string? contentType)
    {
        // A client that sends JSON without saying so is taken at its word: the body is parsed as JSON.
        if (string.IsNullOrWhiteSpace(contentType)) return true;
        var media = contentType.Split(';')[0].Trim();
        return media.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.Equals("text/json", StringComparison.OrdinalIgnoreCase)
            || (media.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && media.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Imports carry a spreadsheet of up to 10 MB as base64 in the field <see cref="ImportFileField"/> (docs/adr/0033): their
    /// routes read bodies up to 16 MiB, and that field may be longer than any other string; the files themselves are
    /// held to 10 MB by the import (413 <c>file_too_large</c>).
    /// </summary>
    public const long MaxImportBodyBytes = 16 * 1024 * 1024;

    public const string ImportFileField = "contentBase64";

    private static long MaxBodyFor(PathString path) =>
        path.StartsWithSegments("/api/v1/koperasi") && (path.Value!.Contains("/imports/", StringComparison.Ordinal)
            || path.Value.Contains("/collections/", StringComparison.Ordinal)) ? MaxImportBodyBytes : InputLimits.MaxBodyBytes;

    /// <summary>The body, or null when it is longer than <paramref name="max"/>.</summary>
    private static async Task<byte[]?> ReadBounded(Stream body, long max, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > max) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static Task TooLarge(HttpContext http, long max) =>
        Problems.Write(http, ErrorCodes.PayloadTooLarge, $"The request body may be at most {max:N0} bytes.");

    private static string Printable(string? text) =>
        new((text ?? "").Take(100).Select(c => char.IsControl(c) ? '?' : c).ToArray());

    private static string FieldOf(JsonException e) =>
        string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "$" : e.Path.TrimStart('$', '.');

    /// <summary>System.Text.Json messages name .NET types; keep the part a client can act on.</summary>
    private static string Clean(string message)
    {
        if (message.Contains("could not be converted", StringComparison.Ordinal))
            return "This value has the wrong type (amounts are JSON numbers, dates are \"yyyy-MM-dd\" strings).";
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        var text = cut > 0 ? message[..cut] : message;
        cut = text.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return cut > 0 ? text[..cut] : text;
    }
}
