using Ekopz.Domain.Common;
using NodaTime;

namespace Ekopz.Domain.Logins;

/// <summary>
/// Who did it, when, and from where, for the events of a login's stream (docs/adr/0018). Like <see cref="EventMeta"/>
/// but without a business date: a sign-in belongs to no koperasi's day (the operator has none, and an unknown
/// username has no koperasi at all).
/// </summary>
/// <param name="Actor">The username that acted: the person signing in, or the pengurus who reset the password.</param>
/// <param name="RecordedAt">The instant from the injected clock.</param>
/// <param name="Address">The client's IP address: the connection's, or the one a trusted proxy (the console) forwarded.</param>
/// <param name="UserAgent">The client's User-Agent, cut to 300 characters; for the console, the browser's.</param>
/// <param name="ForwardedBy">The trusted proxy's address when <paramref name="Address"/> came from X-Forwarded-For; null otherwise.</param>
/// <param name="CorrelationId">Ties the event to the request (the X-Correlation-Id answered).</param>
public sealed record LoginMeta(string Actor, Instant RecordedAt, string Address, string? UserAgent, string? ForwardedBy, string CorrelationId);

/// <summary>Why a sign-in (or the current password of a change) was refused. Stable strings: they are stored in events.</summary>
public static class LoginFailureReasons
{
    public const string WrongPassword = "wrong_password";
    /// <summary>No login has this name. Counted and locked like a wrong password, so a lockout reveals nothing.</summary>
    public const string UnknownUser = "unknown_user";
    public const string Disabled = "disabled";
    /// <summary>The current password given to change one's own password was wrong.</summary>
    public const string WrongCurrentPassword = "wrong_current_password";
}

/// <summary>A token was issued for the password.</summary>
public sealed record LoginSucceeded(string Username, Guid FamilyId, LoginMeta Meta);

/// <summary>A sign-in was refused for its password (or the name is unknown, or the login disabled); counts towards a lockout.</summary>
public sealed record LoginFailed(string Username, string Reason, LoginMeta Meta);

/// <summary>Too many failures within the window: every sign-in of this name is refused until <paramref name="Until"/>.</summary>
public sealed record LoginLockedOut(string Username, Instant Until, int Failures, LoginMeta Meta);

/// <summary>A sign-in tried while locked out: refused without looking at the password, and not counted.</summary>
public sealed record LoginRefusedWhileLocked(string Username, Instant LockedUntil, LoginMeta Meta);

/// <summary>
/// A refresh token was presented a second time. Someone holds a copy (the thief or the victim, whichever came
/// second), so the whole family (every token descended from one sign-in) is revoked.
/// </summary>
public sealed record RefreshTokenReused(string Username, Guid FamilyId, LoginMeta Meta);

/// <summary>Signed out: the session's token family is revoked.</summary>
public sealed record SignedOut(string Username, Guid FamilyId, LoginMeta Meta);

/// <summary>The person changed their own password (knowing the current one); every other refresh token is revoked.</summary>
public sealed record PasswordChanged(string Username, LoginMeta Meta);

/// <summary>A pengurus or the operator set a new password (<see cref="LoginMeta.Actor"/>); it ends a lockout.</summary>
public sealed record PasswordReset(string Username, LoginMeta Meta);
