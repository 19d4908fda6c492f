using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Ekopz.Web.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Ekopz.Web.Session;

/// <summary>
/// The console's sign-in session: an encrypted, HttpOnly, SameSite=Strict cookie that holds the
/// person's claims and their API tokens (the browser never sees a token). It ends after 30 minutes
/// without a request, or 12 hours after signing in, whichever comes first; the API access token is
/// refreshed when it is about to expire, and a refused refresh ends the session (docs/adr/0016).
/// </summary>
public static class ConsoleSession
{
    public const string Scheme = "ekopz-console";
    public const string CookieName = "ekopz.sesi";
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan AbsoluteLimit = TimeSpan.FromHours(12);

    private const string AccessTokenName = "access_token";
    private const string RefreshTokenName = "refresh_token";
    private const string ExpiresAtName = "expires_at";
    private const string CheckedAtName = "checked_at";

    /// <summary>How often a session asks the API whether its login still stands (disabled, password reset).</summary>
    public static readonly TimeSpan RecheckEvery = TimeSpan.FromMinutes(5);

    public static void Configure(CookieAuthenticationOptions o)
    {
        o.Cookie.Name = CookieName;
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Strict;
        // Secure whenever the console is reached over HTTPS (always, in production behind TLS).
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.Cookie.IsEssential = true;
        o.ExpireTimeSpan = IdleTimeout;
        o.SlidingExpiration = true;
        o.LoginPath = "/masuk";
        o.LogoutPath = "/keluar";
        o.AccessDeniedPath = "/terlarang";
        o.ReturnUrlParameter = "kembali";
        o.Events.OnValidatePrincipal = Validate;
        o.Events.OnRedirectToLogin = context =>
        {
            // A person whose session ran out is told so, not just shown the sign-in page again.
            var expired = context.HttpContext.Items.ContainsKey(ExpiredKey) || context.Request.Cookies.ContainsKey(CookieName);
            context.Response.Redirect(expired ? context.RedirectUri + "&habis=1" : context.RedirectUri);
            return Task.CompletedTask;
        };
    }

    private const string ExpiredKey = "ekopz.session-expired";

    /// <summary>The bearer token for this request's API calls, when someone is signed in.</summary>
    public static string? AccessToken(HttpContext http) =>
        http.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Properties?.GetTokenValue(AccessTokenName);

    /// <summary>The session's refresh token (to revoke it when signing out), when someone is signed in.</summary>
    public static string? RefreshToken(HttpContext http) =>
        http.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Properties?.GetTokenValue(RefreshTokenName);

    /// <summary>
    /// Puts a new token pair into this person's session cookie (after they changed their password, which revoked the
    /// old refresh tokens), keeping who they are and when they signed in.
    /// </summary>
    public static async Task ReplaceTokens(HttpContext http, TokenResponse tokens, DateTimeOffset now)
    {
        var current = await http.AuthenticateAsync(Scheme);
        if (!current.Succeeded || current.Properties is null) return;
        StoreTokens(current.Properties, tokens, now);
        await http.SignInAsync(Scheme, current.Principal!, current.Properties);
    }

    public static ConsoleUser? User(HttpContext http) => ConsoleUser.From(http.User);

    /// <summary>Signs a person in with the tokens the API issued and who /me says they are.</summary>
    public static async Task SignIn(HttpContext http, TokenResponse tokens, MeView me, DateTimeOffset now)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, me.Username),
            new(ConsoleUser.KopClaim, me.Koperasi!.Slug),
            new(ConsoleUser.KoperasiNameClaim, me.Koperasi.Name),
            new(ConsoleUser.TimeZoneClaim, me.Koperasi.TimeZone),
            new(ConsoleUser.SignedInAtClaim, now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
        };
        claims.AddRange(me.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        if (me.MemberId is { } memberId) claims.Add(new Claim(ConsoleUser.MemberClaim, memberId.ToString()));
        if (me.MemberName is { } memberName) claims.Add(new Claim(ConsoleUser.MemberNameClaim, memberName));

        var properties = new AuthenticationProperties { IsPersistent = false, AllowRefresh = true };
        StoreTokens(properties, tokens, now);
        await http.SignInAsync(Scheme, new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme, ClaimTypes.Name, ClaimTypes.Role)), properties);
    }

    private static void StoreTokens(AuthenticationProperties properties, TokenResponse tokens, DateTimeOffset now) =>
        properties.StoreTokens(
        [
            new AuthenticationToken { Name = AccessTokenName, Value = tokens.AccessToken },
            new AuthenticationToken { Name = RefreshTokenName, Value = tokens.RefreshToken },
            new AuthenticationToken
            {
                Name = ExpiresAtName,
                Value = now.AddSeconds(tokens.ExpiresIn).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            },
            new AuthenticationToken { Name = CheckedAtName, Value = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) },
        ]);

    private static async Task Validate(CookieValidatePrincipalContext context)
    {
        var time = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        var now = time.GetUtcNow();
        var signedIn = long.TryParse(context.Principal?.FindFirst(ConsoleUser.SignedInAtClaim)?.Value, out var s) ? s : 0;
        if (now.ToUnixTimeSeconds() - signedIn > AbsoluteLimit.TotalSeconds)
        {
            await Reject(context);
            return;
        }
        var api = context.HttpContext.RequestServices.GetRequiredService<EkopzApi>();
        var expiresAt = long.TryParse(context.Properties.GetTokenValue(ExpiresAtName), out var e) ? e : 0;
        if (expiresAt - now.ToUnixTimeSeconds() > 120)
        {
            // A login disabled by a pengurus (or whose password was reset) ends within minutes, not
            // when its hour-long API token runs out: every few minutes the session asks /me.
            var checkedAt = long.TryParse(context.Properties.GetTokenValue(CheckedAtName), out var c) ? c : 0;
            if (now.ToUnixTimeSeconds() - checkedAt < RecheckEvery.TotalSeconds) return;
            var me = await ApiCall.Try(() => ApiCall.As(context.Properties.GetTokenValue(AccessTokenName)!, () => api.GetMeAsync()));
            if (!me.Ok && me.Problem!.Status == 401)
            {
                await Reject(context);
                return;
            }
            context.Properties.UpdateTokenValue(CheckedAtName, now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
            context.ShouldRenew = true;
            return;
        }

        // The API token is about to expire: trade the refresh token for a new pair, once.
        var refreshed = await RefreshOnce(api, context.Properties.GetTokenValue(RefreshTokenName) ?? "", now);
        // Refused for too many requests (many people behind one address, say): the access token still works for now;
        // the next request tries again. Any other refusal (revoked, disabled) ends the session.
        if (!refreshed.Ok && refreshed.Problem!.Status == 429 && expiresAt > now.ToUnixTimeSeconds())
            return;
        if (!refreshed.Ok)
        {
            await Reject(context);
            return;
        }
        StoreTokens(context.Properties, refreshed.Value!, now);
        context.ShouldRenew = true;
    }

    /// <summary>Refreshes in flight or just done, by the hash of the refresh token they traded, with when they started.</summary>
    private static readonly ConcurrentDictionary<string, (Lazy<Task<ApiResult<TokenResponse>>> Refresh, DateTimeOffset At)> Refreshes = new();

    /// <summary>
    /// Trades a refresh token once, however many requests of one browser ask at the same moment (a page and its
    /// download, two tabs): the API treats a second use of a refresh token as theft and revokes the whole session
    /// (docs/adr/0018), so requests carrying the same old cookie share the first one's answer for a minute.
    /// </summary>
    private static async Task<ApiResult<TokenResponse>> RefreshOnce(EkopzApi api, string refreshToken, DateTimeOffset now)
    {
        foreach (var old in Refreshes.Where(r => now - r.Value.At > TimeSpan.FromMinutes(1)).ToList())
            Refreshes.TryRemove(old);
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(refreshToken)));
        var entry = Refreshes.GetOrAdd(key, _ => (new Lazy<Task<ApiResult<TokenResponse>>>(
            () => ApiCall.Try(() => api.RefreshTokenAsync(new RefreshRequest { RefreshToken = refreshToken }))), now));
        try
        {
            return await entry.Refresh.Value;
        }
        catch
        {
            // No answer from the API (not reached, or the answer lost): the next request may try again, which is a reuse
            // and so the end of the session if the API did trade the token; better than keeping a failure for a minute.
            Refreshes.TryRemove(key, out _);
            throw;
        }
    }

    private static async Task Reject(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(Scheme);
        // The sign-in page says why the person has to sign in again.
        context.HttpContext.Items[ExpiredKey] = true;
    }
}
