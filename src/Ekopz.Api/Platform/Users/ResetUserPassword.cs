using System.Security.Cryptography;
using System.Text;
using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Logins;
using Marten;
using Marten.Patching;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Ekopz.Api.Platform.Users;

public sealed record ResetPasswordRequest(string? Password);

/// <summary>
/// A pengurus (or the operator) sets a new password for a login of their koperasi, for a member who forgot theirs or
/// a kasir who left a note on the counter. Every refresh token the login holds stops working at once (the account's
/// token generation moves on); access tokens already issued live out their hour. The reset is recorded in the login's
/// stream (<see cref="PasswordReset"/>, with who did it and from where) and ends a lockout (docs/adr/0018).
/// </summary>
public static class ResetUserPasswordEndpoint
{
    /// <summary>The command's context, before the endpoint runs (docs/adr/0025, 0031).</summary>
    public static Task<CommandScope> LoadAsync(string kop, HttpContext http, IDocumentSession session, KoperasiContextCache contexts,
        NodaTime.IClock clock) => WritePath.Scope(kop, http, session, contexts, clock);

    /// <summary>Set a new password for a login</summary>
    /// <remarks>
    /// Pengurus or the platform operator, for a login of their koperasi (a member who forgot theirs). Every refresh token the
    /// login holds stops working at once; access tokens live out their short life. Recorded on the login's event stream with who
    /// reset it.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/users/{username}/password", OperationId = "resetUserPassword")]
    [Authorize(Policy = Policies.OperatorOrPengurus)]
    [Tags("Platform")]
    [ProducesResponseType<UserView>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Post(string kop, string username, ResetPasswordRequest request, HttpContext http, CommandScope scope,
        Logins logins)
    {
        var global = scope.Session.ForTenant(JasperFx.StorageConstants.DefaultTenantId);
        // One change of a login at a time (disable, enable, reset): the Idempotency-Key lookup sees every earlier commit.
        await WritePath.Serialize(scope.Session, $"login:{username.Trim().ToLowerInvariant()}", http.RequestAborted);
        // As at creation: the password never enters the idempotency fingerprint in clear.
        var key = IdempotencyKeys.Of(http, scope.Caller, new { username, password = request.Password is null ? null
            : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(request.Password))) });
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;

        var user = await KoperasiUsers.Find(global, kop, username, http.RequestAborted);
        var reset = Decide(scope, request, user, Logins.Meta(http, logins.Origin(http), scope.Caller.Username, scope.Now));
        global.Patch<UserAccount>(user.Id).Set(u => u.PasswordHash, user.PasswordHash).Set(u => u.PasswordChangedAt, scope.Now)
            .Set(u => u.PasswordChangedBy, scope.Caller.Username).Increment(u => u.TokenGeneration);
        global.Events.Append(LoginRecord.StreamId(user.Id), reset);
        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Ok(UserView.Of(user, null)), scope.Now);
    }

    /// <summary>
    /// The decision, pure but for the password hash's salt: checks the password rules, sets the new hash on <paramref name="user"/>,
    /// moves its token generation on (every refresh token stops working) and returns the event for the login's stream.
    /// </summary>
    public static PasswordReset Decide(CommandScope scope, ResetPasswordRequest request, UserAccount user, LoginMeta meta)
    {
        if (PasswordRules.Problem(user.Id, request.Password) is { } problem)
            throw DomainException.Validation("password", problem);
        user.PasswordHash = PasswordHasher.Hash(request.Password!);
        user.PasswordChangedAt = scope.Now;
        user.PasswordChangedBy = scope.Caller.Username;
        user.TokenGeneration++;
        return new PasswordReset(user.Id, meta);
    }
}
