using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Logins;
using Ekopz.Web.Hosting;
using Marten;
using NodaTime;

namespace Ekopz.Api.Auth;

/// <summary>
/// What the auth routes share: where a request came from, the meta of a login event, the issuing of a token pair,
/// and a write to a login's stream that is decided again when a concurrent write to the same stream won
/// (docs/adr/0018).
/// </summary>
public sealed class Logins(IDocumentStore store, IClock clock, TokenService tokens, ClientAddress addresses, SignInLimits limits)
{
    private const int MaxAttempts = 30;

    public SignInLimits Limits { get; } = limits;
    public LockoutRule Lockout => Limits.Settings.Lockout;
    public Instant Now => clock.GetCurrentInstant();
    public IDocumentStore Store { get; } = store;

    public ClientOrigin Origin(HttpContext http) => addresses.Of(http);

    public static LoginMeta Meta(HttpContext http, ClientOrigin origin, string actor, Instant now) =>
        new(actor, now, origin.Address, origin.UserAgent, origin.ForwardedBy, Correlation.Of(http));

    /// <summary>
    /// Runs <paramref name="work"/> in a fresh session of the platform (default) tenant, and again from the start when
    /// it lost a race (an append to the same login stream, a refresh of the same token): the work reads state again
    /// and decides again, as the command runner does for koperasi commands.
    /// </summary>
    public async Task<T> Write<T>(HttpContext http, string actor, Func<IDocumentSession, Task<T>> work)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var session = Store.LightweightSession();
            session.CorrelationId = Correlation.Of(http);
            session.LastModifiedBy = actor;
            try
            {
                return await work(session);
            }
            catch (Exception e) when (ConflictRetry.IsRetryable(e) && attempt < MaxAttempts)
            {
                await Task.Delay(Random.Shared.Next(1, 5 + 5 * attempt), http.RequestAborted);
            }
        }
    }

    /// <summary>
    /// A new access token and a new refresh token of family <paramref name="familyId"/> (stored as their hash), in
    /// <paramref name="session"/>; <paramref name="newFamily"/> for a sign-in, which starts one.
    /// </summary>
    public Tokens.TokenResponse Issue(IDocumentSession session, UserAccount user, Guid familyId, bool newFamily)
    {
        var now = Now;
        var (access, expiresIn) = tokens.IssueAccessToken(user);
        var refresh = TokenService.NewRefreshToken();
        if (newFamily) session.Store(new RefreshTokenFamily { Id = familyId, Username = user.Id, CreatedAt = now });
        session.Store(new RefreshTokenRecord
        {
            Id = TokenService.HashRefreshToken(refresh),
            Username = user.Id,
            Generation = user.TokenGeneration,
            FamilyId = familyId,
            ExpiresAt = now + TokenService.RefreshLifetime,
        });
        return new Tokens.TokenResponse(access, expiresIn, refresh, "Bearer", user.Koperasi, user.Roles, user.MemberId);
    }
}
