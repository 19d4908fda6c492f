using Ekopz.Api.Auth;
using Ekopz.Domain.Common;
using Marten;
using NodaTime;

namespace Ekopz.Api.Platform.Users;

/// <summary>A login of a koperasi as its pengurus sees it: never the password hash.</summary>
/// <param name="LastSignInAt">The last token issued for the password (refreshes do not count).</param>
/// <param name="DisabledAt">The last disable, and who did it; kept after the login is enabled again.</param>
/// <param name="PasswordChangedAt">The last reset of the password by a pengurus or the operator, and who did it.</param>
public sealed record UserView(
    Guid UserId, string Username, IReadOnlyList<string> Roles, Guid? MemberId, bool Disabled, Instant CreatedAt, string CreatedBy,
    Instant? LastSignInAt, Instant? DisabledAt, string? DisabledBy, Instant? EnabledAt, string? EnabledBy, Instant? PasswordChangedAt,
    string? PasswordChangedBy)
{
    public static UserView Of(UserAccount u) => new(u.UserId, u.Id, u.Roles, u.MemberId, u.Disabled, u.CreatedAt, u.CreatedBy, u.LastSignInAt,
        u.DisabledAt, u.DisabledBy, u.EnabledAt, u.EnabledBy, u.PasswordChangedAt, u.PasswordChangedBy);
}

/// <summary>The logins of one koperasi, read from the global user documents.</summary>
public static class KoperasiUsers
{
    /// <summary>
    /// The login <paramref name="username"/> of koperasi <paramref name="kop"/>; 404 when there is none, and the same 404
    /// when the username belongs to another koperasi (or to the operator), so a route never reveals that it exists.
    /// </summary>
    public static async Task<UserAccount> Find(IQuerySession global, string kop, string username, CancellationToken ct = default)
    {
        var id = username.Trim().ToLowerInvariant();
        var user = id.Length is > 0 and <= 64 ? await global.LoadAsync<UserAccount>(id, ct) : null;
        return user is not null && user.Koperasi == kop ? user : throw DomainException.NotFound("The user");
    }
}
