using System.Globalization;
using Ekopz.Domain.Logins;
using NodaTime;

namespace Ekopz.Api.Auth;

/// <summary>
/// The limits of signing in (docs/adr/0018), from configuration with the defaults below. Tests raise the request
/// limits (every test class signs in from the same address) and lower them in a host of their own to see the 429.
/// </summary>
/// <param name="PerAddress">Requests to one of the auth routes per client address per <paramref name="Window"/> (EKOPZ_SIGNIN_PER_ADDRESS, 20).</param>
/// <param name="PerAccount">Requests naming one username per <paramref name="Window"/> (EKOPZ_SIGNIN_PER_ACCOUNT, 10).</param>
/// <param name="Window">The fixed window of those counts (EKOPZ_SIGNIN_WINDOW_SECONDS, 60).</param>
/// <param name="Lockout">Failures before a lockout (EKOPZ_LOCKOUT_FAILURES, 5), counted over EKOPZ_LOCKOUT_WINDOW_MINUTES (15),
/// locking for EKOPZ_LOCKOUT_MINUTES (15).</param>
public sealed record SignInSettings(int PerAddress, int PerAccount, TimeSpan Window, LockoutRule Lockout)
{
    public static readonly SignInSettings Default = new(20, 10, TimeSpan.FromMinutes(1), LockoutRule.Default);

    public static SignInSettings FromConfiguration(IConfiguration configuration)
    {
        int Read(string key, int fallback, int max)
        {
            var text = configuration[key];
            if (string.IsNullOrWhiteSpace(text)) return fallback;
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1 || value > max)
                throw new InvalidOperationException($"{key} must be a whole number from 1 to {max}; it is '{text}'.");
            return value;
        }

        return new SignInSettings(
            Read("EKOPZ_SIGNIN_PER_ADDRESS", Default.PerAddress, 1_000_000),
            Read("EKOPZ_SIGNIN_PER_ACCOUNT", Default.PerAccount, 1_000_000),
            TimeSpan.FromSeconds(Read("EKOPZ_SIGNIN_WINDOW_SECONDS", (int)Default.Window.TotalSeconds, 86_400)),
            new LockoutRule(
                Read("EKOPZ_LOCKOUT_FAILURES", Default.Lockout.MaxFailures, 1_000),
                Duration.FromMinutes(Read("EKOPZ_LOCKOUT_WINDOW_MINUTES", (int)Default.Lockout.Window.TotalMinutes, 10_080)),
                Duration.FromMinutes(Read("EKOPZ_LOCKOUT_MINUTES", (int)Default.Lockout.LockFor.TotalMinutes, 10_080))));
    }
}
