namespace Ekopz.Api.Auth;

/// <summary>Roles as api.md names them. A user holds roles in exactly one koperasi; admin in none.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Pengurus = "pengurus";
    public const string Kasir = "kasir";
    public const string PengelolaToko = "pengelola_toko";
    public const string Pengawas = "pengawas";
    public const string Anggota = "anggota";

    public static readonly IReadOnlySet<string> KoperasiRoles = new HashSet<string> { Pengurus, Kasir, PengelolaToko, Pengawas, Anggota };

    /// <summary>Roles that see all of a koperasi's member data (not just one member's).</summary>
    public static readonly IReadOnlySet<string> Staff = new HashSet<string> { Pengurus, Kasir, PengelolaToko, Pengawas };
}

/// <summary>
/// Authorization policies. Every endpoint names one; the tenant gate (<see cref="TenantGate"/>)
/// adds the koperasi and own-member rules on top.
/// </summary>
public static class Policies
{
    /// <summary>The platform operator.</summary>
    public const string Operator = "operator";
    /// <summary>Operator or pengurus (user management).</summary>
    public const string OperatorOrPengurus = "operator-or-pengurus";
    /// <summary>Pengurus only: settings, approvals, adjustments, closes.</summary>
    public const string Pengurus = "pengurus";
    /// <summary>Moves money at the counter: pengurus or kasir.</summary>
    public const string Teller = "teller";
    /// <summary>Reads koperasi-wide data: pengurus, kasir, pengelola toko, pengawas.</summary>
    public const string StaffRead = "staff-read";
    /// <summary>
    /// Reads the whole koperasi at a glance (the dashboard): pengurus, kasir, pengawas. Not the pengelola toko, whose work
    /// is one shop unit and who has no business with members' savings, loans and approvals (docs/adr/0015).
    /// </summary>
    public const string BoardRead = "board-read";
    /// <summary>Reads what an approval would decide (the lending limit): pengurus, who approve, and pengawas, who check them.</summary>
    public const string ApprovalRead = "approval-read";
    /// <summary>Reads member data: staff, or the anggota whose member it is (the gate checks which).</summary>
    public const string MemberRead = "member-read";
    /// <summary>Acts on member data as the member or as pengurus/kasir (requests, applications).</summary>
    public const string MemberOrTeller = "member-or-teller";
    /// <summary>Runs a shop unit: pengurus, or a pengelola toko for the units assigned to them (checked per unit).</summary>
    public const string ShopManage = "shop-manage";
    /// <summary>Sells at the shop: pengurus, kasir, or a pengelola toko for their units.</summary>
    public const string ShopSell = "shop-sell";
    /// <summary>Places orders: shop staff, or an anggota for themselves.</summary>
    public const string ShopBuy = "shop-buy";
}
