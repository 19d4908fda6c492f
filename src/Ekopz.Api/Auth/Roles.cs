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

    /// <summary>Roles that work for the koperasi rather than as one member; how much each reads is docs/adr/0017's table.</summary>
    public static readonly IReadOnlySet<string> Staff = new HashSet<string> { Pengurus, Kasir, PengelolaToko, Pengawas };

    /// <summary>Roles that read members' money at the counter or above it (<see cref="Policies.CounterRead"/>): not the pengelola toko.</summary>
    public static readonly IReadOnlySet<string> Counter = new HashSet<string> { Pengurus, Pengawas, Kasir };
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
    /// <summary>
    /// Reads what every staff role needs and that holds no member's money or identity: settings, shop units, stock,
    /// vouchers, the member lookup (number, name, status), a receipt (a pengelola toko: shop receipts only). All staff.
    /// </summary>
    public const string StaffRead = "staff-read";
    /// <summary>
    /// Reads the whole koperasi at once: the ledger and every report, periods, the dashboard, the loan portfolio, every
    /// member's arrears, purchases and SHU, reversals. Pengurus and pengawas only (docs/adr/0017): the kasir reads the
    /// member at the counter and the cash book, the pengelola toko their shop.
    /// </summary>
    public const string BoardRead = "board-read";
    /// <summary>Reads what an approval would decide (the lending limit): pengurus, who approve, and pengawas, who check them.</summary>
    public const string ApprovalRead = "approval-read";
    /// <summary>
    /// Reads what the counter serves, koperasi-wide: the member list (NIK masked for the kasir), the withdrawal and loan
    /// queues, the receipt book, the cash book and its chart, events (personal fields masked). Pengurus, pengawas, kasir.
    /// </summary>
    public const string CounterRead = "counter-read";
    /// <summary>
    /// Reads one member's data: pengurus, pengawas, kasir (NIK masked), or the anggota whose member it is (the gate and the
    /// endpoints check which). Not the pengelola toko: members' savings, loans and NIK are not theirs to see.
    /// </summary>
    public const string MemberRead = "member-read";
    /// <summary>
    /// Reads what the koperasi offers and nothing of another member: the shop's catalogue and orders (an anggota their own,
    /// without costs), loan products and the loan calculator. Every role of the koperasi.
    /// </summary>
    public const string KoperasiRead = "koperasi-read";
    /// <summary>Reads a shop unit's money (its balance, payouts): pengurus, pengawas, pengelola toko.</summary>
    public const string ShopUnitRead = "shop-unit-read";
    /// <summary>Reads the koperasi's logins: the operator, pengurus, and the pengawas (who checks who may do what).</summary>
    public const string UsersRead = "users-read";
    /// <summary>Acts on member data as the member or as pengurus/kasir (requests, applications).</summary>
    public const string MemberOrTeller = "member-or-teller";
    /// <summary>Runs a shop unit: pengurus, or a pengelola toko for the units assigned to them (checked per unit).</summary>
    public const string ShopManage = "shop-manage";
    /// <summary>Sells at the shop: pengurus, kasir, or a pengelola toko for their units.</summary>
    public const string ShopSell = "shop-sell";
    /// <summary>Places orders: shop staff, or an anggota for themselves.</summary>
    public const string ShopBuy = "shop-buy";
}
