using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Logins;
using Marten;
using Marten.Patching;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Ekopz.Api.Auth.Tokens;

public sealed record TokenRequest(string? Username, string? Password);

public sealed record RefreshRequest(string? RefreshToken);

/// <param name="RefreshToken">The refresh token of the session to end: its whole family (every token of that sign-in) is revoked.</param>
public sealed record LogoutRequest(string? RefreshToken);

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

public sealed record TokenResponse(string AccessToken, int ExpiresIn, string RefreshToken, string TokenType, string? Koperasi, IReadOnlyList<string> Roles, Guid? MemberId);

/// <summary>
/// Logins: username and password for a token pair; a refresh token for the next pair; sign-out; changing one's own
/// password. Limited per client address and per username, locked after repeated failures, every attempt recorded
/// in the login's event stream (docs/adr/0018).
/// </summary>
public static class TokenEndpoints
{
    private const string Wrong = "Unknown username or wrong password.";

    /// <summary>Sign in: a token pair for a username and password</summary>
    /// <remarks>
    /// Anyone may call it. Answers a short-lived access token (send it as <c>Authorization: Bearer ...</c>) and a refresh token.
    /// Every attempt, right or wrong, is recorded on the login's event stream; attempts are limited per client address and per
    /// username (429 with <c>Retry-After</c>), and repeated failures lock the login for a while. A disabled login gets no token
    /// (401).
    /// </remarks>
    [WolverinePost("/api/v1/auth/token", OperationId = "issueToken")]
    [AllowAnonymous]
    [Tags("Auth")]
    [ProducesResponseType<TokenResponse>(200)]
    [ProducesResponseType<ProblemDetails>(401)]
    [ProducesResponseType<ProblemDetails>(429)]
    public static async Task<IResult> Token(TokenRequest request, HttpContext http, Logins logins)
    {
        var ct = http.RequestAborted;
        var username = LoginNames.Normalize(request.Username);
        var origin = logins.Origin(http);
        if ((logins.Limits.ForAddress("token", origin) ?? logins.Limits.ForAccount("token", username)) is { } wait)
            return SignInLimits.TooMany(http, wait);

        // A name no login can have gets no stream (and no row for an attacker to make), just the same answer.
        if (!LoginNames.IsValid(username))
        {
            PasswordHasher.Verify(request.Password ?? "", PasswordHasher.Dummy);
            return Unauthorized(http, Wrong);
        }

        var streamId = LoginRecord.StreamId(username);
        UserAccount? user;
        LoginRecord? record;
        await using (var query = logins.Store.QuerySession())
        {
            user = await query.LoadAsync<UserAccount>(username, ct);
            record = await query.LoadAsync<LoginRecord>(streamId, ct);
        }

        // While locked, the password is not even looked at: right or wrong, known name or not, the same answer.
        // Otherwise verified even for unknown names, so the time taken does not tell which names exist.
        var lockedAtStart = record?.LockedAt(logins.Now) is not null;
        var passwordRight = !lockedAtStart && PasswordHasher.Verify(request.Password ?? "", user?.PasswordHash ?? PasswordHasher.Dummy);

        return await logins.Write(http, username, async session =>
        {
            var now = logins.Now;
            var meta = Logins.Meta(http, origin, username, now);
            var stream = await session.Events.FetchForWriting<LoginRecord>(streamId, ct);
            if (stream.Aggregate?.LockedAt(now) is not null || lockedAtStart)
            {
                var lockedUntil = stream.Aggregate?.LockedAt(now) ?? record!.LockedUntil!.Value;
                stream.AppendOne(new LoginRefusedWhileLocked(username, lockedUntil, meta));
                await session.SaveChangesAsync(ct);
                return SignInLimits.TooMany(http, (lockedUntil - now).ToTimeSpan());
            }

            if (user is null || !passwordRight || user.Disabled)
            {
                var reason = user is null ? LoginFailureReasons.UnknownUser
                    : !passwordRight ? LoginFailureReasons.WrongPassword
                    : LoginFailureReasons.Disabled;
                var (events, lockedNow) = LoginDecider.Fail(stream.Aggregate, username, reason, meta, logins.Lockout);
                stream.AppendMany(events);
                await session.SaveChangesAsync(ct);
                return lockedNow is { } lockUntil ? SignInLimits.TooMany(http, (lockUntil - now).ToTimeSpan()) : Unauthorized(http, Wrong);
            }

            var family = Guid.NewGuid();
            stream.AppendOne(new LoginSucceeded(username, family, meta));
            // A patch of the one field: storing the loaded account would put back whatever a concurrent disable or reset changed.
            session.Patch<UserAccount>(user.Id).Set(u => u.LastSignInAt, now);
            var response = logins.Issue(session, user, family, newFamily: true);
            await session.SaveChangesAsync(ct);
            return Ok(http, response);
        });
    }

    /// <summary>Exchange a refresh token for the next token pair</summary>
    /// <remarks>
    /// Anyone holding a refresh token. The answer carries the next pair. A refresh token of a disabled login, of a revoked
    /// sign-in, or one already used is 401. Recorded on the login's event stream.
    /// </remarks>
    [WolverinePost("/api/v1/auth/refresh", OperationId = "refreshToken")]
    [AllowAnonymous]
    [Tags("Auth")]
    [ProducesResponseType<TokenResponse>(200)]
    [ProducesResponseType<ProblemDetails>(401)]
    [ProducesResponseType<ProblemDetails>(429)]
    public static async Task<IResult> Refresh(RefreshRequest request, HttpContext http, Logins logins)
    {
        var ct = http.RequestAborted;
        var origin = logins.Origin(http);
        if (logins.Limits.ForAddress("refresh", origin) is { } wait) return SignInLimits.TooMany(http, wait);

        var hash = TokenService.HashRefreshToken(request.RefreshToken ?? "");
        RefreshTokenRecord? known;
        await using (var query = logins.Store.QuerySession())
            known = await query.LoadAsync<RefreshTokenRecord>(hash, ct);
        if (known is null)
            return Unauthorized(http, "The refresh token is unknown, used or expired.");
        if (logins.Limits.ForAccount("refresh", known.Username) is { } accountWait) return SignInLimits.TooMany(http, accountWait);

        return await logins.Write(http, known.Username, async session =>
        {
            var now = logins.Now;
            var record = await session.LoadAsync<RefreshTokenRecord>(hash, ct);
            if (record is null || record.ExpiresAt < now)
                return Unauthorized(http, "The refresh token is unknown, used or expired.");
            var family = record.FamilyId == Guid.Empty ? null : await session.LoadAsync<RefreshTokenFamily>(record.FamilyId, ct);

            if (record.UsedAt is not null)
            {
                // Presented a second time: someone has a copy. Whoever it is, every token of this sign-in stops working,
                // the newest included, so the thief's session ends too; the person signs in again with the password.
                if (family is { RevokedAt: null })
                {
                    session.Patch<RefreshTokenFamily>(family.Id).Set(f => f.RevokedAt, now).Set(f => f.RevokedReason, "reused");
                    session.Events.Append(LoginRecord.StreamId(record.Username),
                        new RefreshTokenReused(record.Username, family.Id, Logins.Meta(http, origin, record.Username, now)));
                    await session.SaveChangesAsync(ct);
                }
                return Unauthorized(http, "The refresh token was already used: every token of its sign-in is revoked; sign in with the password.");
            }
            if (family?.RevokedAt is not null)
                return Unauthorized(http, "The refresh token was revoked; sign in with the password.");

            var user = await session.LoadAsync<UserAccount>(record.Username, ct);
            if (user is null || user.Disabled)
                return Unauthorized(http, "The user no longer exists or is disabled.");
            // Issued before the password was last reset or changed, or before the login was disabled: revoked.
            if (record.Generation != user.TokenGeneration)
                return Unauthorized(http, "The refresh token was revoked; sign in with the password.");

            // Single use, under optimistic concurrency: of two refreshes racing with one token, the loser finds it used
            // when it decides again, and that is a reuse.
            record.UsedAt = now;
            session.Store(record);
            var response = logins.Issue(session, user, family?.Id ?? Guid.NewGuid(), newFamily: family is null);
            await session.SaveChangesAsync(ct);
            return Ok(http, response);
        });
    }

    /// <summary>Sign out: revoke a sign-in's refresh tokens</summary>
    /// <remarks>
    /// Anyone holding a refresh token. The token's whole family (every token of that sign-in) is revoked; the access token lives
    /// out its short life. Answers 204.
    /// </remarks>
    [WolverinePost("/api/v1/auth/logout", OperationId = "logout")]
    [AllowAnonymous]
    [Tags("Auth")]
    [ProducesResponseType(204)]
    public static async Task<IResult> Logout(LogoutRequest request, HttpContext http, Logins logins)
    {
        var ct = http.RequestAborted;
        var origin = logins.Origin(http);
        var hash = TokenService.HashRefreshToken(request.RefreshToken ?? "");
        // The same answer for any token, known or not, live or not (RFC 7009): signing out reveals nothing.
        await logins.Write(http, "anonymous", async session =>
        {
            var now = logins.Now;
            var record = await session.LoadAsync<RefreshTokenRecord>(hash, ct);
            if (record is null) return 0;
            if (record.FamilyId == Guid.Empty)
            {
                // A token from before families: it alone ends.
                if (record.UsedAt is null)
                {
                    record.UsedAt = now;
                    session.Store(record);
                }
            }
            else if (await session.LoadAsync<RefreshTokenFamily>(record.FamilyId, ct) is { RevokedAt: null } family)
            {
                session.Patch<RefreshTokenFamily>(family.Id).Set(f => f.RevokedAt, now).Set(f => f.RevokedReason, "signed_out");
                session.Events.Append(LoginRecord.StreamId(record.Username),
                    new SignedOut(record.Username, family.Id, Logins.Meta(http, origin, record.Username, now)));
            }
            await session.SaveChangesAsync(ct);
            return 0;
        });
        return Results.NoContent();
    }

    /// <summary>Change one's own password</summary>
    /// <remarks>
    /// Any signed-in user, with the current password. The new one must meet the password rules (400 names the rule). Limited per
    /// username (429). Recorded on the login's event stream.
    /// </remarks>
    [WolverinePost("/api/v1/auth/password", OperationId = "changePassword")]
    [Authorize]
    [Tags("Auth")]
    [ProducesResponseType<TokenResponse>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(401)]
    [ProducesResponseType<ProblemDetails>(429)]
    public static async Task<IResult> ChangePassword(ChangePasswordRequest request, HttpContext http, Logins logins)
    {
        var ct = http.RequestAborted;
        var username = Caller.From(http.User).Username;
        var origin = logins.Origin(http);
        if (logins.Limits.ForAccount("password", username) is { } wait) return SignInLimits.TooMany(http, wait);

        // The new password first: a request that could not succeed anyway verifies (and counts) nothing.
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(request.CurrentPassword) || request.CurrentPassword.Length > PasswordRules.MaxLength)
            errors["currentPassword"] = ["Give your current password."];
        if (PasswordRules.Problem(username, request.NewPassword) is { } problem)
            errors["newPassword"] = [problem];
        else if (request.NewPassword == request.CurrentPassword)
            errors["newPassword"] = ["The new password must differ from the current one."];
        if (errors.Count > 0)
            return Problems.Result(http, ErrorCodes.ValidationFailed, "The password could not be changed.", errors);

        var streamId = LoginRecord.StreamId(username);
        UserAccount? user;
        LoginRecord? record;
        await using (var query = logins.Store.QuerySession())
        {
            user = await query.LoadAsync<UserAccount>(username, ct);
            record = await query.LoadAsync<LoginRecord>(streamId, ct);
        }
        if (user is null || user.Disabled)
            return Unauthorized(http, "This login no longer exists or is disabled.");
        var lockedAtStart = record?.LockedAt(logins.Now) is not null;
        var currentRight = !lockedAtStart && PasswordHasher.Verify(request.CurrentPassword!, user.PasswordHash);
        var hash = currentRight ? PasswordHasher.Hash(request.NewPassword!) : null;

        return await logins.Write(http, username, async session =>
        {
            var now = logins.Now;
            var meta = Logins.Meta(http, origin, username, now);
            var stream = await session.Events.FetchForWriting<LoginRecord>(streamId, ct);
            if (stream.Aggregate?.LockedAt(now) is not null || lockedAtStart)
            {
                var lockedUntil = stream.Aggregate?.LockedAt(now) ?? record!.LockedUntil!.Value;
                stream.AppendOne(new LoginRefusedWhileLocked(username, lockedUntil, meta));
                await session.SaveChangesAsync(ct);
                return SignInLimits.TooMany(http, (lockedUntil - now).ToTimeSpan());
            }
            if (!currentRight)
            {
                // A guess at the current password (with a borrowed session, say) counts like a wrong sign-in.
                var (events, lockedNow) = LoginDecider.Fail(stream.Aggregate, username, LoginFailureReasons.WrongCurrentPassword, meta, logins.Lockout);
                stream.AppendMany(events);
                await session.SaveChangesAsync(ct);
                return lockedNow is { } until
                    ? SignInLimits.TooMany(http, (until - now).ToTimeSpan())
                    : Problems.Result(http, ErrorCodes.ValidationFailed, "The current password is wrong.",
                        new Dictionary<string, string[]> { ["currentPassword"] = ["The current password is wrong."] });
            }

            // Every refresh token the login holds stops working (the generation moves on); the caller gets a fresh pair.
            session.Patch<UserAccount>(user.Id).Set(u => u.PasswordHash, hash!).Set(u => u.PasswordChangedAt, now)
                .Set(u => u.PasswordChangedBy, username).Increment(u => u.TokenGeneration);
            stream.AppendOne(new PasswordChanged(username, meta));
            var current = await session.LoadAsync<UserAccount>(user.Id, ct) ?? user;
            current.TokenGeneration++;
            var response = logins.Issue(session, current, Guid.NewGuid(), newFamily: true);
            await session.SaveChangesAsync(ct);
            return Ok(http, response);
        });
    }

    private static IResult Unauthorized(HttpContext http, string detail) => Problems.Result(http, "unauthorized", detail, status: 401);

    private static IResult Ok(HttpContext http, TokenResponse response)
    {
        // Tokens are never cached by a browser or a proxy.
        http.Response.Headers.CacheControl = "no-store";
        return Results.Json(response, ApiJson.Options);
    }
}
