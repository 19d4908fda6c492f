using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Marten;
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
    /// <summary>The command's context, before either endpoint runs (docs/adr/0025, 0031).</summary>
    public static Task<CommandScope> LoadAsync(string kop, HttpContext http, IDocumentSession session, KoperasiContextCache contexts,
        NodaTime.IClock clock) => WritePath.Scope(kop, http, session, contexts, clock);

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
    public static Task<IResult> Disable(string kop, string username, HttpContext http, [NotBody] CommandScope scope) =>
        Set(http, scope, kop, username, disabled: true);

    /// <summary>Enable a disabled login again</summary>
    /// <remarks>
    /// Pengurus or the platform operator. The login may sign in again. Enabling an enabled login changes nothing.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/users/{username}/enable", OperationId = "enableUser")]
    [Authorize(Policy = Policies.OperatorOrPengurus)]
    [Tags("Platform")]
    [ProducesResponseType<UserView>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static Task<IResult> Enable(string kop, string username, HttpContext http, [NotBody] CommandScope scope) =>
        Set(http, scope, kop, username, disabled: false);

    private static async Task<IResult> Set(HttpContext http, CommandScope scope, string kop, string username, bool disabled)
    {
        var global = scope.Session.ForTenant(JasperFx.StorageConstants.DefaultTenantId);
        // One change of a login at a time (disable, enable, reset): the Idempotency-Key lookup sees every earlier commit.
        await WritePath.Serialize(scope.Session, $"login:{username.Trim().ToLowerInvariant()}", http.RequestAborted);
        var key = IdempotencyKeys.Of(http, scope.Caller, new { username, disabled });
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;

        var user = await KoperasiUsers.Find(global, kop, username, http.RequestAborted);
        if (Decide(scope, user, disabled))
        {
            // Patches of the changed fields only (see UserAccount): a concurrent sign-in keeps what it wrote.
            if (disabled)
                global.Patch<UserAccount>(user.Id).Set(u => u.Disabled, true).Set(u => u.DisabledAt, user.DisabledAt).Set(u => u.DisabledBy, user.DisabledBy)
                    .Increment(u => u.TokenGeneration);
            else
                global.Patch<UserAccount>(user.Id).Set(u => u.Disabled, false).Set(u => u.EnabledAt, user.EnabledAt).Set(u => u.EnabledBy, user.EnabledBy);
        }
        var view = await KoperasiUsers.View(global, user, scope.Now, http.RequestAborted);
        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Ok(view), scope.Now);
    }

    /// <summary>
    /// The decision, pure: changes <paramref name="user"/> as disabling (or enabling) it does and says whether anything changed
    /// (doing it twice changes nothing and keeps who did it first). A pengurus cannot disable their own login.
    /// </summary>
    public static bool Decide(CommandScope scope, UserAccount user, bool disabled)
    {
        if (disabled && string.Equals(user.Id, scope.Caller.Username, StringComparison.OrdinalIgnoreCase))
            throw DomainException.InvalidState("You cannot disable your own login; another pengurus or the operator can.");
        if (user.Disabled == disabled) return false;
        user.Disabled = disabled;
        if (disabled)
        {
            user.DisabledAt = scope.Now;
            user.DisabledBy = scope.Caller.Username;
            // Every refresh token stops working for good (the generation moves on).
            user.TokenGeneration++;
        }
        else
        {
            user.EnabledAt = scope.Now;
            user.EnabledBy = scope.Caller.Username;
        }
        return true;
    }
}
