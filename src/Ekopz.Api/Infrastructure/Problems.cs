using System.Text.Json;
using Ekopz.Domain.Common;
using Microsoft.AspNetCore.Mvc;

namespace Ekopz.Api.Infrastructure;

/// <summary>
/// Writes RFC 9457 problem details with the stable <c>code</c> extension that clients switch on.
/// One writer for every error path (domain refusals, auth, tenancy, malformed JSON) so all errors
/// look the same.
/// </summary>
public static class Problems
{
    public static ProblemDetails Create(HttpContext http, string code, string detail, IReadOnlyDictionary<string, string[]>? errors = null, int? status = null)
    {
        var statusCode = status ?? ErrorCodes.StatusOf(code);
        var problem = new ProblemDetails
        {
            Type = $"https://ekopz.id/problems/{code.Replace('_', '-')}",
            Title = TitleOf(code),
            Status = statusCode,
            Detail = detail,
            Instance = http.Request.Path,
        };
        problem.Extensions["code"] = code;
        if (errors is { Count: > 0 }) problem.Extensions["errors"] = errors;
        if (http.Items.TryGetValue(Correlation.ItemKey, out var correlation)) problem.Extensions["correlationId"] = correlation;
        return problem;
    }

    public static IResult Result(HttpContext http, string code, string detail, IReadOnlyDictionary<string, string[]>? errors = null, int? status = null)
    {
        var problem = Create(http, code, detail, errors, status);
        return Results.Json(problem, ApiJson.Options, "application/problem+json", problem.Status);
    }

    public static Task Write(HttpContext http, string code, string detail, IReadOnlyDictionary<string, string[]>? errors = null, int? status = null)
    {
        var problem = Create(http, code, detail, errors, status);
        http.Response.StatusCode = problem.Status!.Value;
        http.Response.ContentType = "application/problem+json";
        return http.Response.WriteAsync(JsonSerializer.Serialize(problem, ApiJson.Options));
    }

    public static IResult From(HttpContext http, DomainException e) => Result(http, e.Code, e.Message, e.Errors);

    private static string TitleOf(string code) => code switch
    {
        ErrorCodes.ValidationFailed => "The request is not valid.",
        ErrorCodes.NotFound => "Not found.",
        ErrorCodes.Conflict => "Conflict.",
        ErrorCodes.Forbidden => "Forbidden.",
        ErrorCodes.InsufficientBalance => "Insufficient balance.",
        ErrorCodes.PeriodClosed => "The period is closed.",
        ErrorCodes.NotWithdrawable => "Not withdrawable.",
        ErrorCodes.LimitExceeded => "Limit exceeded.",
        ErrorCodes.InvalidState => "Not allowed in the current state.",
        ErrorCodes.SameMakerChecker => "A second person must approve.",
        ErrorCodes.InsufficientStock => "Insufficient stock.",
        ErrorCodes.Unauthorized => "Authentication is required.",
        ErrorCodes.MethodNotAllowed => "Method not allowed.",
        ErrorCodes.PayloadTooLarge => "The request body is too large.",
        ErrorCodes.UnsupportedMediaType => "Unsupported media type.",
        ErrorCodes.RateLimited => "Too many requests.",
        ErrorCodes.Unavailable => "Temporarily unavailable.",
        ErrorCodes.InternalError => "Internal error.",
        _ => "Error.",
    };
}
