using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Marten.Patching;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Ekopz.Api.Platform.Users;

/// <summary>
/// A pengurus (or the operator) disables a login of their koperasi, or enables it again. A disabled login gets no
/// token and cannot refresh one (the token endpoints check it); an access token already issued lives out its hour.
/// Disabling also revokes every refresh token for good (the token generation moves on), so enabling the login again
/// does not bring back a session that was open, perhaps in the wrong hands, when it was disabled.
/// A pengurus cannot disable themself, so a koperasi is never locked out by its own hand. Doing it twice changes
/// nothing and keeps who did it first.
/// </summary>
public static class DisableUserEndpoint
{
    /// <summary>Disable a login</summary>
    /// <remarks>
    /// Pengurus or the platform operator. The login gets no new token and every refresh token it holds stops working for good; an
    /// access token already issued lives out its short life. A pengurus cannot disable their own login (422
    /// <c>invalid_state</c>). Doing it twice changes nothing.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/users/{username}/disable", OperationId = "disableUser")]
    [Authorize(Policy = Policies.OperatorOrPengurus)]
    [Tags("Platform")]
    [ProducesResponseType<UserView>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static Task<IResult> Disable(string kop, string username, HttpContext http, CommandRunner runner) =>
        runner.Run(http, kop, new { username, disabled = true }, scope => Set(scope, kop, username, disabled: true));

    /// <summary>Enable a disabled login again</summary>
    /// <remarks>
    /// Pengurus or the platform operator. The login may sign in again. Enabling an enabled login changes nothing.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/users/{username}/enable", OperationId = "enableUser")]
    [Authorize(Policy = Policies.OperatorOrPengurus)]
    [Tags("Platform")]
    [ProducesResponseType<UserView>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static Task<IResult> Enable(string kop, string username, HttpContext http, CommandRunner runner) =>
        runner.Run(http, kop, new { username, disabled = false }, scope => Set(scope, kop, username, disabled: false));

    private static async Task<CommandResult> Set(CommandScope scope, string kop, string username, bool disabled)
    {
        var global = scope.Session.ForTenant(JasperFx.StorageConstants.DefaultTenantId);
        var user = await KoperasiUsers.Find(global, kop, username);
        if (disabled && string.Equals(user.Id, scope.Caller.Username, StringComparison.OrdinalIgnoreCase))
            throw DomainException.InvalidState("You cannot disable your own login; another pengurus or the operator can.");
        if (user.Disabled == disabled) return CommandResult.Ok(await KoperasiUsers.View(global, user, scope.Now));

        // Patches of the changed fields only (see UserAccount): a concurrent sign-in or reset keeps what it wrote.
        user.Disabled = disabled;
        if (disabled)
        {
            user.DisabledAt = scope.Now;
            user.DisabledBy = scope.Caller.Username;
            user.TokenGeneration++;
            global.Patch<UserAccount>(user.Id).Set(u => u.Disabled, true).Set(u => u.DisabledAt, scope.Now).Set(u => u.DisabledBy, scope.Caller.Username)
                .Increment(u => u.TokenGeneration);
        }
        else
        {
            user.EnabledAt = scope.Now;
            user.EnabledBy = scope.Caller.Username;
            global.Patch<UserAccount>(user.Id).Set(u => u.Disabled, false).Set(u => u.EnabledAt, scope.Now).Set(u => u.EnabledBy, scope.Caller.Username);
        }
        return CommandResult.Ok(await KoperasiUsers.View(global, user, scope.Now));
    }
}
