using Ekopz.Domain.Common;
using JasperFx;
using Npgsql;

namespace Ekopz.Api.Infrastructure;

/// <summary>
/// Turns refusals into problem details. Domain refusals carry their own code; a unique-index
/// violation is a duplicate (409); anything else is a 500 that does not leak internals.
/// </summary>
public sealed class ErrorHandling(RequestDelegate next, ILogger<ErrorHandling> logger)
{
    public async Task Invoke(HttpContext http)
    {
        try
        {
            try
            {
                await next(http);
            }
            catch (Exception e) when (!http.Response.HasStarted && DatabaseFaults.IsTransient(e) && IsSafeToRepeat(http))
            {
                // A read (or a write that carries an Idempotency-Key) hit a dead connection: forget the pool and run it
                // once more on a fresh connection, so the first request after PostgreSQL comes back succeeds.
                DatabaseFaults.Forget();
                logger.LogWarning("Repeating {Method} {Path} after a database fault: {Error}", http.Request.Method, http.Request.Path, e.Message);
                if (http.Request.Body.CanSeek) http.Request.Body.Position = 0;
                http.Response.Headers.Clear();
                await next(http);
            }
        }
        catch (Exception e) when (!http.Response.HasStarted && DatabaseFaults.IsTransient(e))
        {
            DatabaseFaults.Forget();
            logger.LogWarning("Database unavailable on {Method} {Path}: {Error}", http.Request.Method, http.Request.Path, e.Message);
            http.Response.Headers.RetryAfter = DatabaseFaults.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await Problems.Write(http, "unavailable", "The database is unavailable for a moment; nothing was recorded unless a retry with the same Idempotency-Key says so. Try again.", status: 503);
        }
        catch (DomainException e) when (!http.Response.HasStarted)
        {
            await Problems.Write(http, e.Code, e.Message, e.Errors);
        }
        catch (BadHttpRequestException e) when (!http.Response.HasStarted)
        {
            // Kestrel's own refusals: a body over the limit (413), a body cut short or malformed (400).
            var code = ErrorCodes.OfStatus(e.StatusCode) is { } c && e.StatusCode is >= 400 and < 500 ? c : ErrorCodes.ValidationFailed;
            await Problems.Write(http, code, code == ErrorCodes.PayloadTooLarge
                ? $"The request body may be at most {InputLimits.MaxBodyBytes:N0} bytes." : "The request could not be read.",
                status: e.StatusCode is >= 400 and < 500 ? e.StatusCode : 400);
        }
        catch (Exception e) when (!http.Response.HasStarted && e is System.Text.Json.JsonException)
        {
            await Problems.Write(http, ErrorCodes.ValidationFailed, "The request body is not valid JSON for this request.");
        }
        catch (Exception e) when (!http.Response.HasStarted && OutOfRange(e))
        {
            // A safety net, not the rule: input is bounded before any endpoint runs (InputLimits). A value that still
            // overflows a calculation or that PostgreSQL cannot store is the client's value, not a server fault.
            logger.LogWarning(e, "A value out of range reached {Method} {Path}", http.Request.Method, http.Request.Path);
            await Problems.Write(http, ErrorCodes.ValidationFailed, OutOfRangeDetail);
        }
        catch (Exception e) when (!http.Response.HasStarted && ClosedPeriod(e) is { } period)
        {
            await Problems.Write(http, ErrorCodes.PeriodClosed, $"The period {period} is closed: nothing may be dated inside it. Date the correction in an open period.");
        }
        catch (Exception e) when (!http.Response.HasStarted && UniqueViolation(e) is { } constraint)
        {
            var (field, message) = Duplicates.Describe(constraint);
            await Problems.Write(http, ErrorCodes.Conflict, message,
                field is null ? null : new Dictionary<string, string[]> { [field] = [message] });
        }
        catch (Exception e) when (!http.Response.HasStarted && e is ConcurrencyException)
        {
            await Problems.Write(http, ErrorCodes.Conflict, "The data changed while this request ran; please retry.");
        }
        catch (Exception e) when (!http.Response.HasStarted && e is not OperationCanceledException)
        {
            logger.LogError(e, "Unhandled error on {Method} {Path}", http.Request.Method, http.Request.Path);
            await Problems.Write(http, ErrorCodes.InternalError, "Something went wrong; the request changed nothing.", status: 500);
        }
    }

    /// <summary>Reads, and writes that carry an Idempotency-Key (a repeat replays the stored answer), may run twice.</summary>
    private static bool IsSafeToRepeat(HttpContext http) =>
        HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
        || (http.Request.Headers.ContainsKey(IdempotencyKeys.Header) && (!http.Request.HasJsonContentType() || http.Request.Body.CanSeek));

    /// <summary>The detail of the safety net's answer; the fuzz test fails on it, since the input should have been refused earlier.</summary>
    public const string OutOfRangeDetail = "A value is out of the range the books can compute or store.";

    /// <summary>An arithmetic overflow, or PostgreSQL refusing a value (SQLSTATE class 22: out of range, bad text, bad date).</summary>
    private static bool OutOfRange(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
            if (x is OverflowException || x is PostgresException { SqlState: [ '2', '2', ..] })
                return true;
        return false;
    }

    /// <summary>The month when <paramref name="e"/> is the ledger's closed-period guard (SQLSTATE EK001).</summary>
    public static string? ClosedPeriod(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
            if (x is PostgresException { SqlState: "EK001" } pg)
                return pg.MessageText.Replace("period_closed:", "");
        return null;
    }

    /// <summary>The constraint name when <paramref name="e"/> (or an inner exception) is a unique violation.</summary>
    public static string? UniqueViolation(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
            if (x is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg)
                return pg.ConstraintName ?? "";
        return null;
    }
}

/// <summary>What a unique index means to a user, by constraint name.</summary>
public static class Duplicates
{
    public static (string? Field, string Message) Describe(string constraint) => constraint switch
    {
        var c when c.Contains("nik") => ("nik", "A member with this NIK is already registered in this koperasi."),
        _ => (null, "This already exists."),
    };
}
