using NodaTime;

namespace Ekopz.Api.Auth;

/// <summary>
/// A login. Global (not tenanted): usernames are unique across the platform because the token
/// request names no koperasi. <see cref="Koperasi"/> is the only koperasi this user can reach.
/// A document, not an event stream: it keeps who last did each thing to the login and when
/// (docs/adr/0015), and every change after creation is a field-level patch, so a sign-in recording
/// its moment can never undo a disable that committed beside it.
/// </summary>
public sealed class UserAccount
{
    /// <summary>The username, lowercased.</summary>
    public string Id { get; set; } = "";
    public Guid UserId { get; set; }
    public string PasswordHash { get; set; } = "";
    public string? Koperasi { get; set; }
    public List<string> Roles { get; set; } = [];
    public Guid? MemberId { get; set; }
    public Instant CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public bool Disabled { get; set; }

    /// <summary>The last token issued for the password (a refresh is not a sign-in).</summary>
    public Instant? LastSignInAt { get; set; }
    /// <summary>The last disable: kept after an enable, so the trail of the last of each act survives.</summary>
    public Instant? DisabledAt { get; set; }
    public string? DisabledBy { get; set; }
    public Instant? EnabledAt { get; set; }
    public string? EnabledBy { get; set; }
    /// <summary>The last password set by someone else (a reset); creation is <see cref="CreatedAt"/>.</summary>
    public Instant? PasswordChangedAt { get; set; }
    public string? PasswordChangedBy { get; set; }
    /// <summary>
    /// Raised by a password reset: a refresh token carries the generation it was issued in and is refused once the
    /// account has moved on, so a reset revokes every refresh token at once without touching their rows.
    /// </summary>
    public int TokenGeneration { get; set; }
}

/// <summary>A refresh token, stored only as its SHA-256 hash. Single use: refreshing revokes it.</summary>
public sealed class RefreshTokenRecord
{
    public string Id { get; set; } = "";
    public string Username { get; set; } = "";
    public Instant ExpiresAt { get; set; }
    public Instant? UsedAt { get; set; }
    /// <summary>The account's <see cref="UserAccount.TokenGeneration"/> when this token was issued.</summary>
    public int Generation { get; set; }
}
