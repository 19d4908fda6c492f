using System.Globalization;
using System.Threading.RateLimiting;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Web.Hosting;

namespace Ekopz.Api.Community;

/// <summary>
/// How many online applications one client address may send (docs/adr/0022), like the sign-in limits (0018): a fixed
/// window per address (IPv6 per /64), in memory, per process. <c>EKOPZ_APPLY_PER_ADDRESS</c> (default 5) per
/// <c>EKOPZ_APPLY_WINDOW_SECONDS</c> (default 3600).
/// </summary>
public sealed class ApplicationLimits : IDisposable
{
    private readonly PartitionedRateLimiter<string> _perAddress;
    private readonly TimeSpan _window;

    public ApplicationLimits(IConfiguration configuration)
    {
        var permits = Read(configuration, "EKOPZ_APPLY_PER_ADDRESS", 5, 1_000_000);
        _window = TimeSpan.FromSeconds(Read(configuration, "EKOPZ_APPLY_WINDOW_SECONDS", 3600, 86_400));
        _perAddress = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits, Window = _window, QueueLimit = 0, AutoReplenishment = true,
        }));
    }

    private static int Read(IConfiguration configuration, string key, int fallback, int max)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1 || value > max)
            throw new InvalidOperationException($"{key} must be a whole number from 1 to {max}; it is '{text}'.");
        return value;
    }

    /// <summary>How long to wait when <paramref name="origin"/> is over its limit; null when it may go on.</summary>
    public TimeSpan? Take(string slug, ClientOrigin origin)
    {
        using var lease = _perAddress.AttemptAcquire(slug + "|" + origin.LimitKey);
        if (lease.IsAcquired) return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var after) && after > TimeSpan.Zero ? after : _window;
    }

    public static IResult TooMany(HttpContext http, TimeSpan wait)
    {
        var seconds = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Problems.Result(http, ErrorCodes.RateLimited,
            $"Too many applications from this address. Try again in {seconds} seconds.", status: StatusCodes.Status429TooManyRequests);
    }

    public void Dispose() => _perAddress.Dispose();
}
