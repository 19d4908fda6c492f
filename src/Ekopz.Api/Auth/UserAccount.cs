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
    /// <summary>The last password set after creation: by someone else (a reset) or by the person (a change); creation is <see cref="CreatedAt"/>.</summary>
    public Instant? PasswordChangedAt { get; set; }
    public string? PasswordChangedBy { get; set; }
    /// <summary>
    /// Raised by a password reset or change and by a disable: a refresh token carries the generation it was issued in
    /// and is refused once the account has moved on, so one patch revokes every refresh token without touching their rows.
    /// </summary>
    public int TokenGeneration { get; set; }
}

/// <summary>
/// A refresh token, stored only as its SHA-256 hash. Single use: refreshing marks it used and issues the next token of
/// the same family; presenting it again revokes the family (docs/adr/0018).
/// </summary>
public sealed class RefreshTokenRecord
{
    public string Id { get; set; } = "";
    public string Username { get; set; } = "";
    public Instant ExpiresAt { get; set; }
    public Instant? UsedAt { get; set; }
    /// <summary>The account's <see cref="UserAccount.TokenGeneration"/> when this token was issued.</summary>
    public int Generation { get; set; }
    /// <summary>The sign-in this token descends from (<see cref="RefreshTokenFamily"/>); empty for tokens issued before families.</summary>
    public Guid FamilyId { get; set; }
}

/// <summary>
/// The refresh tokens of one sign-in: the first and each one a refresh traded it for. Revoking the family (a reused
/// token, a sign-out) refuses every one of them with one document, whichever is the newest.
/// </summary>
public sealed class RefreshTokenFamily
{
    public Guid Id { get; set; }
    public string Username { get; set; } = "";
    public Instant CreatedAt { get; set; }
    public Instant? RevokedAt { get; set; }
    /// <summary><c>reused</c> or <c>signed_out</c>.</summary>
    public string? RevokedReason { get; set; }
}

/// <summary>What a username may look like (3-64 lowercase letters, digits, dot, dash, underscore), in one place.</summary>
public static partial class LoginNames
{
    [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9][a-z0-9._-]{2,63}$")]
    private static partial System.Text.RegularExpressions.Regex Pattern();

    /// <summary>The stored form of a username as typed: trimmed, lowercased.</summary>
    public static string Normalize(string? username) => username?.Trim().ToLowerInvariant() ?? "";

    /// <summary>Could a login have this (normalized) name? Only such names get a login stream.</summary>
    public static bool IsValid(string username) => Pattern().IsMatch(username);
}
