using System.Security.Claims;

namespace Ekopz.Api.Auth;

/// <summary>The authenticated user of a request, read from the token's claims.</summary>
public sealed record Caller(string Username, string? Koperasi, IReadOnlySet<string> Roles, Guid? MemberId)
{
    public const string KoperasiClaim = "kop";
    public const string MemberClaim = "member_id";
    public const string RoleClaim = "role";
    public const string NameClaim = "sub";

    public bool IsAdmin => Roles.Contains(Auth.Roles.Admin);
    public bool IsStaff => Roles.Overlaps(Auth.Roles.Staff);
    /// <summary>An anggota with no staff role: limited to their own member.</summary>
    public bool IsMemberOnly => !IsStaff && !IsAdmin && Roles.Contains(Auth.Roles.Anggota);

    public static Caller From(ClaimsPrincipal user)
    {
        var name = user.FindFirst(NameClaim)?.Value ?? "";
        var kop = user.FindFirst(KoperasiClaim)?.Value;
        var roles = user.FindAll(RoleClaim).Select(c => c.Value).ToHashSet();
        var member = Guid.TryParse(user.FindFirst(MemberClaim)?.Value, out var id) ? id : (Guid?)null;
        return new Caller(name, kop, roles, member);
    }
}
