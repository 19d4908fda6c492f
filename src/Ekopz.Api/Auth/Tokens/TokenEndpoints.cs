using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Marten;
using Marten.Patching;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Ekopz.Api.Auth.Tokens;

public sealed record TokenRequest(string? Username, string? Password);

public sealed record RefreshRequest(string? RefreshToken);

public sealed record TokenResponse(string AccessToken, int ExpiresIn, string RefreshToken, string TokenType, string? Koperasi, IReadOnlyList<string> Roles, Guid? MemberId);

/// <summary>Logins: username and password for a bearer token; a refresh token for the next one.</summary>
public static class TokenEndpoints
{
    [WolverinePost("/api/v1/auth/token", OperationId = "issueToken")]
    [AllowAnonymous]
    [Tags("Auth")]
    [ProducesResponseType<TokenResponse>(200)]
    [ProducesResponseType<ProblemDetails>(401)]
    public static async Task<IResult> Token(TokenRequest request, HttpContext http, IDocumentStore store, TokenService tokens, IClock clock)
    {
        var username = request.Username?.Trim().ToLowerInvariant() ?? "";
        await using var session = store.LightweightSession();
        var user = username.Length is > 0 and <= 64 ? await session.LoadAsync<UserAccount>(username, http.RequestAborted) : null;
        // Verify even for unknown users so response time does not reveal which usernames exist.
        var ok = PasswordHasher.Verify(request.Password ?? "", user?.PasswordHash ?? PasswordHasher.Dummy);
        if (user is null || !ok || user.Disabled)
            return Problems.Result(http, "unauthorized", "Unknown username or wrong password.", status: 401);
        // A patch of the one field: storing the loaded account would put back whatever a concurrent disable or reset changed.
        session.Patch<UserAccount>(user.Id).Set(u => u.LastSignInAt, clock.GetCurrentInstant());
        return Results.Json(await Issue(session, user, tokens, clock, http.RequestAborted), ApiJson.Options);
    }

    [WolverinePost("/api/v1/auth/refresh", OperationId = "refreshToken")]
    [AllowAnonymous]
    [Tags("Auth")]
    [ProducesResponseType<TokenResponse>(200)]
    [ProducesResponseType<ProblemDetails>(401)]
    public static async Task<IResult> Refresh(RefreshRequest request, HttpContext http, IDocumentStore store, TokenService tokens, IClock clock)
    {
        await using var session = store.LightweightSession();
        var hash = TokenService.HashRefreshToken(request.RefreshToken ?? "");
        var record = await session.LoadAsync<RefreshTokenRecord>(hash, http.RequestAborted);
        var now = clock.GetCurrentInstant();
        if (record is null || record.UsedAt is not null || record.ExpiresAt < now)
            return Problems.Result(http, "unauthorized", "The refresh token is unknown, used or expired.", status: 401);
        var user = await session.LoadAsync<UserAccount>(record.Username, http.RequestAborted);
        if (user is null || user.Disabled)
            return Problems.Result(http, "unauthorized", "The user no longer exists or is disabled.", status: 401);
        // Issued before the password was last reset: revoked.
        if (record.Generation != user.TokenGeneration)
            return Problems.Result(http, "unauthorized", "The refresh token was revoked; sign in with the password.", status: 401);
        record.UsedAt = now;
        session.Store(record);
        return Results.Json(await Issue(session, user, tokens, clock, http.RequestAborted), ApiJson.Options);
    }

    private static async Task<TokenResponse> Issue(IDocumentSession session, UserAccount user, TokenService tokens, IClock clock, CancellationToken ct)
    {
        var (access, expiresIn) = tokens.IssueAccessToken(user);
        var refresh = TokenService.NewRefreshToken();
        session.Store(new RefreshTokenRecord
        {
            Id = TokenService.HashRefreshToken(refresh),
            Username = user.Id,
            Generation = user.TokenGeneration,
            ExpiresAt = clock.GetCurrentInstant() + TokenService.RefreshLifetime,
        });
        await session.SaveChangesAsync(ct);
        return new TokenResponse(access, expiresIn, refresh, "Bearer", user.Koperasi, user.Roles, user.MemberId);
    }
}
