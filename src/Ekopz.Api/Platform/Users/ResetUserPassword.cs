using System.Security.Cryptography;
using System.Text;
using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Logins;
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
    public static Task<IResult> Post(string kop, string username, ResetPasswordRequest request, HttpContext http, CommandRunner runner, Logins logins)
    {
        var origin = logins.Origin(http);
        // As at creation: the password never enters the idempotency fingerprint in clear.
        return runner.Run(http, kop, new { username, password = request.Password is null ? null : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(request.Password))) },
            async scope =>
            {
                var global = scope.Session.ForTenant(JasperFx.StorageConstants.DefaultTenantId);
                var user = await KoperasiUsers.Find(global, kop, username);
                if (PasswordRules.Problem(user.Id, request.Password) is { } problem)
                    throw DomainException.Validation("password", problem);

                var hash = PasswordHasher.Hash(request.Password!);
                user.PasswordHash = hash;
                user.PasswordChangedAt = scope.Now;
                user.PasswordChangedBy = scope.Caller.Username;
                user.TokenGeneration++;
                global.Patch<UserAccount>(user.Id).Set(u => u.PasswordHash, hash).Set(u => u.PasswordChangedAt, scope.Now)
                    .Set(u => u.PasswordChangedBy, scope.Caller.Username).Increment(u => u.TokenGeneration);
                global.Events.Append(LoginRecord.StreamId(user.Id),
                    new PasswordReset(user.Id, Logins.Meta(http, origin, scope.Caller.Username, scope.Now)));
                return CommandResult.Ok(UserView.Of(user, null));
            });
    }
}
