namespace Ekopz.Web.Api;

/// <summary>The outcome of one API call: the answer, or the problem that refused it.</summary>
public readonly record struct ApiResult<T>(T? Value, ApiProblem? Problem)
{
    public bool Ok => Problem is null;
}

/// <summary>
/// Calls the API and turns a refusal into an <see cref="ApiProblem"/> instead of an exception, so a
/// page can show it beside the fields. Writes that move money carry the form's idempotency key: a
/// double click or a browser re-submit sends the same key, and the API answers the first result
/// again instead of recording twice.
/// </summary>
public static class ApiCall
{
    private static readonly AsyncLocal<string?> CurrentKey = new();
    private static readonly AsyncLocal<string?> CurrentToken = new();

    /// <summary>A bearer token that overrides the session's, for calls made while signing in.</summary>
    internal static string? TokenOverride => CurrentToken.Value;

    /// <summary>Runs calls with a token that is not (yet) in the session: right after the sign-in form.</summary>
    public static async Task<T> As<T>(string token, Func<Task<T>> call)
    {
        var previous = CurrentToken.Value;
        CurrentToken.Value = token;
        try { return await call(); }
        finally { CurrentToken.Value = previous; }
    }

    /// <summary>The idempotency key of the write being sent on this async flow, if any (read by <see cref="ApiHandler"/>).</summary>
    internal static string? IdempotencyKey => CurrentKey.Value;

    public static async Task<ApiResult<T>> Try<T>(Func<Task<T>> call, string? idempotencyKey = null)
    {
        var previous = CurrentKey.Value;
        CurrentKey.Value = idempotencyKey;
        try
        {
            return new ApiResult<T>(await call(), null);
        }
        catch (ApiException e)
        {
            return new ApiResult<T>(default, ApiProblem.From(e));
        }
        finally
        {
            CurrentKey.Value = previous;
        }
    }

    /// <summary>A read whose 404 means "there is none" (an unknown member id in the URL): null instead of an error.</summary>
    public static async Task<T?> OrNull<T>(Func<Task<T>> call) where T : class
    {
        try
        {
            return await call();
        }
        catch (ApiException e) when (e.StatusCode == 404)
        {
            return null;
        }
    }
}
