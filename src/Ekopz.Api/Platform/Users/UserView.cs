using Ekopz.Api.Auth;
using Ekopz.Domain.Common;
using Marten;
using NodaTime;

namespace Ekopz.Api.Platform.Users;

/// <summary>A login of a koperasi as its pengurus sees it: never the password hash.</summary>
/// <param name="LastSignInAt">The last token issued for the password (refreshes do not count).</param>
/// <param name="DisabledAt">The last disable, and who did it; kept after the login is enabled again.</param>
/// <param name="PasswordChangedAt">The last new password, and who set it: a pengurus or the operator (a reset), or the person (a change).</param>
/// <param name="LockedUntil">When the login is locked out after failed sign-ins (docs/adr/0018), until when; null otherwise. A reset ends it.</param>
public sealed record UserView(
    Guid UserId, string Username, IReadOnlyList<string> Roles, Guid? MemberId, bool Disabled, Instant CreatedAt, string CreatedBy,
    Instant? LastSignInAt, Instant? DisabledAt, string? DisabledBy, Instant? EnabledAt, string? EnabledBy, Instant? PasswordChangedAt,
    string? PasswordChangedBy, Instant? LockedUntil)
{
    public static UserView Of(UserAccount u, Instant? lockedUntil) => new(u.UserId, u.Id, u.Roles, u.MemberId, u.Disabled, u.CreatedAt, u.CreatedBy,
        u.LastSignInAt, u.DisabledAt, u.DisabledBy, u.EnabledAt, u.EnabledBy, u.PasswordChangedAt, u.PasswordChangedBy, lockedUntil);
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

    /// <summary>The lockout in force at <paramref name="now"/> for each of <paramref name="usernames"/> that has one.</summary>
    public static async Task<Dictionary<string, Instant>> Lockouts(IQuerySession global, IEnumerable<string> usernames, Instant now, CancellationToken ct = default)
    {
        var ids = usernames.Select(Ekopz.Domain.Logins.LoginRecord.StreamId).ToArray();
        if (ids.Length == 0) return [];
        var records = await global.LoadManyAsync<Ekopz.Domain.Logins.LoginRecord>(ct, ids);
        return records.Where(r => r.LockedAt(now) is not null).ToDictionary(r => r.Username, r => r.LockedUntil!.Value);
    }

    /// <summary>The view of one login with its lockout, as the user routes answer.</summary>
    public static async Task<UserView> View(IQuerySession global, UserAccount user, Instant now, CancellationToken ct = default) =>
        UserView.Of(user, (await Lockouts(global, [user.Id], now, ct)).TryGetValue(user.Id, out var until) ? until : null);
}
