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

    /// <summary>HTTP status for a code: 400 for input, 404, 409, 403, and 422 for business rules.</summary>
    public static int StatusOf(string code) => code switch
    {
        ValidationFailed => 400,
        Forbidden => 403,
        NotFound => 404,
        Conflict => 409,
        RateLimited => 429,
        _ => 422,
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
