namespace Ekopz.Domain.Common;

/// <summary>
/// The stable error codes clients rely on (api.md). A code never changes meaning once published.
/// </summary>
public static class ErrorCodes
{
    public const string ValidationFailed = "validation_failed";
    public const string NotFound = "not_found";
    public const string Conflict = "conflict";
    public const string Forbidden = "forbidden";
    public const string InsufficientBalance = "insufficient_balance";
    public const string PeriodClosed = "period_closed";
    public const string NotWithdrawable = "not_withdrawable";
    public const string LimitExceeded = "limit_exceeded";
    public const string InvalidState = "invalid_state";
    public const string SameMakerChecker = "same_maker_checker";
    /// <summary>The shop cannot reserve, sell or remove more than is in stock (docs/adr/0011).</summary>
    public const string InsufficientStock = "insufficient_stock";
    /// <summary>Too many requests, or a login locked out after failed sign-ins: 429 with Retry-After (docs/adr/0018).</summary>
    public const string RateLimited = "rate_limited";
    /// <summary>Only a closed (sealed) month's reports may be published to the members (docs/adr/0022).</summary>
    public const string PeriodNotClosed = "period_not_closed";
    /// <summary>An uploaded file that cannot be read as an import (wrong type, empty, formulas, merged cells): 400 (docs/adr/0033).</summary>
    public const string FileRefused = "file_refused";
    /// <summary>An uploaded file over the import limit (10 MB): 413 (docs/adr/0033).</summary>
    public const string FileTooLarge = "file_too_large";
    /// <summary>An import whose dry run found problems cannot be applied: 422 with the report (docs/adr/0033).</summary>
    public const string ImportHasProblems = "import_has_problems";
    /// <summary>The RAT pack is made only for a closed fiscal year (docs/adr/0034).</summary>
    public const string YearNotClosed = "year_not_closed";

    // The transport's own refusals (docs/adr/0020): every one is problem details with one of these codes.
    /// <summary>No valid token, or a wrong username or password.</summary>
    public const string Unauthorized = "unauthorized";
    /// <summary>The route exists, but not for this HTTP method.</summary>
    public const string MethodNotAllowed = "method_not_allowed";
    /// <summary>The body is larger than the API reads (1 MiB).</summary>
    public const string PayloadTooLarge = "payload_too_large";
    /// <summary>A body that is not JSON (a form, plain text) on a JSON route.</summary>
    public const string UnsupportedMediaType = "unsupported_media_type";
    /// <summary>The database cannot be reached for the moment: retry after Retry-After; nothing was changed.</summary>
    public const string Unavailable = "unavailable";
    /// <summary>A fault of the server's own, logged; never the answer to anything a client sent.</summary>
    public const string InternalError = "internal_error";

    /// <summary>The business-rule codes, all answered with 422.</summary>
    public static readonly IReadOnlyList<string> BusinessRules =
        [InsufficientBalance, PeriodClosed, NotWithdrawable, LimitExceeded, InvalidState, SameMakerChecker, InsufficientStock, PeriodNotClosed, YearNotClosed];

    /// <summary>HTTP status for a code: 400 for input, 404, 409, 403, and 422 for business rules.</summary>
    public static int StatusOf(string code) => code switch
    {
        ValidationFailed => 400,
        Unauthorized => 401,
        Forbidden => 403,
        NotFound => 404,
        MethodNotAllowed => 405,
        Conflict => 409,
        PayloadTooLarge => 413,
        FileTooLarge => 413,
        FileRefused => 400,
        UnsupportedMediaType => 415,
        RateLimited => 429,
        InternalError => 500,
        Unavailable => 503,
        _ => 422,
    };

    /// <summary>The code of a bare status that carries none (a framework's empty 404, 405, 415, ...).</summary>
    public static string? OfStatus(int status) => status switch
    {
        400 => ValidationFailed,
        401 => Unauthorized,
        403 => Forbidden,
        404 => NotFound,
        405 => MethodNotAllowed,
        409 => Conflict,
        413 => PayloadTooLarge,
        415 => UnsupportedMediaType,
        429 => RateLimited,
        503 => Unavailable,
        >= 500 => InternalError,
        // Any other refusal of the request itself (406, 411, 414, 431, ...).
        >= 400 => ValidationFailed,
        _ => null,
    };
}

/// <summary>
/// A refused command. Deciders throw it instead of returning events; the API turns it into RFC 9457
/// problem details. Nothing has been written when it is thrown, so a refusal never changes state.
/// </summary>
public class DomainException(string code, string message, IReadOnlyDictionary<string, string[]>? errors = null)
    : Exception(message)
{
    public string Code { get; } = code;
    public IReadOnlyDictionary<string, string[]>? Errors { get; } = errors;

    public static DomainException Validation(string field, string message) =>
        new(ErrorCodes.ValidationFailed, message, new Dictionary<string, string[]> { [field] = [message] });

    public static DomainException NotFound(string what) => new(ErrorCodes.NotFound, $"{what} was not found.");
    public static DomainException InvalidState(string message) => new(ErrorCodes.InvalidState, message);
    public static DomainException Conflict(string message) => new(ErrorCodes.Conflict, message);
}
