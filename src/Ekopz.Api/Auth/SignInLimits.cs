using System.Globalization;
using System.Threading.RateLimiting;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Web.Hosting;

namespace Ekopz.Api.Auth;

/// <summary>
/// Request limits on the auth routes, per client address and per username (docs/adr/0018): fixed windows from
/// .NET's rate limiter (System.Threading.RateLimiting), partitioned by route and key. Called by the endpoints rather
/// than the middleware because the username is in the body. In memory, per process: a second API process would
/// count on its own (the lockout, in the database, holds across processes).
/// </summary>
public sealed class SignInLimits : IDisposable
{
    private readonly PartitionedRateLimiter<string> _perAddress;
    private readonly PartitionedRateLimiter<string> _perAccount;

    public SignInLimits(SignInSettings settings)
    {
        Settings = settings;
        _perAddress = Limiter(settings.PerAddress, settings.Window);
        _perAccount = Limiter(settings.PerAccount, settings.Window);
    }

    public SignInSettings Settings { get; }

    private static PartitionedRateLimiter<string> Limiter(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>How long to wait when <paramref name="route"/> from <paramref name="origin"/> is over its limit; null when it may go on.</summary>
    public TimeSpan? ForAddress(string route, ClientOrigin origin) => Take(_perAddress, route + "|" + origin.LimitKey);

    /// <summary>The same for requests naming <paramref name="username"/> (whether or not a login has that name).</summary>
    public TimeSpan? ForAccount(string route, string username) => username.Length == 0 ? null : Take(_perAccount, route + "|" + username);

    private TimeSpan? Take(PartitionedRateLimiter<string> limiter, string key)
    {
        using var lease = limiter.AttemptAcquire(key);
        if (lease.IsAcquired) return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var after) && after > TimeSpan.Zero ? after : Settings.Window;
    }

    /// <summary>429 <c>rate_limited</c> with Retry-After in whole seconds (at least 1), for a limit or a lockout alike.</summary>
    public static IResult TooMany(HttpContext http, TimeSpan wait)
    {
        var seconds = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Problems.Result(http, ErrorCodes.RateLimited,
            $"Too many sign-in attempts. Try again in {seconds} seconds.", status: StatusCodes.Status429TooManyRequests);
    }

    public void Dispose()
    {
        _perAddress.Dispose();
        _perAccount.Dispose();
    }
}
