using NodaTime;

namespace Ekopz.Api.Auth;

/// <summary>
/// A login. Global (not tenanted): usernames are unique across the platform because the token
/// request names no koperasi. <see cref="Koperasi"/> is the only koperasi this user can reach.
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
}

/// <summary>A refresh token, stored only as its SHA-256 hash. Single use: refreshing revokes it.</summary>
public sealed class RefreshTokenRecord
{
    public string Id { get; set; } = "";
    public string Username { get; set; } = "";
    public Instant ExpiresAt { get; set; }
    public Instant? UsedAt { get; set; }
}
