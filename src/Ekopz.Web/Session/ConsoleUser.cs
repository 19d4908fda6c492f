using System.Security.Claims;

namespace Ekopz.Web.Session;

/// <summary>
/// The signed-in person as the console sees them: who, which koperasi, which roles. Pages use it
/// to show only what the role may do; the API still decides, so a forged form is refused there.
/// </summary>
public sealed record ConsoleUser(
    string Username,
    IReadOnlySet<string> Roles,
    string Kop,
    string KoperasiName,
    string TimeZone,
    Guid? MemberId,
    string? MemberName)
{
    public const string Pengurus = "pengurus";
    public const string Kasir = "kasir";
    public const string Pengawas = "pengawas";
    public const string PengelolaToko = "pengelola_toko";
    public const string Anggota = "anggota";

    public bool IsPengurus => Roles.Contains(Pengurus);
    public bool IsKasir => Roles.Contains(Kasir);
    public bool IsPengawas => Roles.Contains(Pengawas);
    public bool IsToko => Roles.Contains(PengelolaToko);
    /// <summary>An anggota with no staff role: sees only their own member.</summary>
    public bool IsMemberOnly => Roles.Contains(Anggota) && !IsPengurus && !IsKasir && !IsPengawas && !IsToko;

    // What a role may do and read, mirroring the API's policies (src/Ekopz.Api/Auth/Roles.cs, docs/adr/0017). Only for
    // showing or hiding; the API is the one that refuses.
    /// <summary>Takes money at the counter: deposits, installments, payouts, registering members.</summary>
    public bool CanTeller => IsPengurus || IsKasir;
    /// <summary>Decides what needs a second person: approvals, closes, settings, SHU.</summary>
    public bool CanDecide => IsPengurus;
    /// <summary>Reads members, their savings and loans, the loan and withdrawal queues, receipts (API: counter-read, member-read).</summary>
    public bool CanReadAll => IsPengurus || IsKasir || IsPengawas;
    /// <summary>Reads the ledger and every report, the loan portfolio, SHU and the approvals (API: board-read).</summary>
    public bool CanReadBooks => IsPengurus || IsPengawas;
    /// <summary>Reads the cash book: the board, and the kasir reconciling the drawer (API: counter-read).</summary>
    public bool CanReadCashBook => CanReadBooks || IsKasir;
    public bool CanSell => IsPengurus || IsKasir || IsToko;
    public bool SeesDashboard => IsPengurus || IsPengawas;
    /// <summary>Runs shop units (/toko): a pengelola toko their assigned units, the pengurus every unit.</summary>
    public bool RunsShop => IsPengurus || IsToko;
    /// <summary>A pengelola toko and nothing more: sells and runs the shop, does not browse members.</summary>
    public bool IsShopOnly => IsToko && !IsPengurus && !IsKasir && !IsPengawas;

    /// <summary>The role names in Indonesian, for the header.</summary>
    public string RoleLabel => string.Join(", ", Roles.Order().Select(r => r switch
    {
        Pengurus => Teks.Peran_pengurus,
        Kasir => Teks.Peran_kasir,
        Pengawas => Teks.Peran_pengawas,
        PengelolaToko => Teks.Peran_pengelola_toko,
        Anggota => Teks.Peran_anggota,
        _ => r,
    }));

    /// <summary>Where a person lands after signing in.</summary>
    public string Home => SeesDashboard ? "/beranda" : CanTeller ? "/kasir" : IsShopOnly ? "/toko"
        : IsMemberOnly && MemberId is not null ? "/saya" : CanReadAll ? "/anggota" : "/masuk";

    public const string KopClaim = "kop";
    public const string KoperasiNameClaim = "kop_name";
    public const string TimeZoneClaim = "tz";
    public const string MemberClaim = "member_id";
    public const string MemberNameClaim = "member_name";
    public const string SignedInAtClaim = "signed_in_at";

    public static ConsoleUser? From(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true || principal.FindFirst(KopClaim)?.Value is not { Length: > 0 } kop) return null;
        return new ConsoleUser(
            principal.FindFirst(ClaimTypes.Name)?.Value ?? "",
            principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(),
            kop,
            principal.FindFirst(KoperasiNameClaim)?.Value ?? kop,
            principal.FindFirst(TimeZoneClaim)?.Value ?? "Asia/Jakarta",
            Guid.TryParse(principal.FindFirst(MemberClaim)?.Value, out var id) ? id : null,
            principal.FindFirst(MemberNameClaim)?.Value);
    }
}
