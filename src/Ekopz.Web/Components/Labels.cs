namespace Ekopz.Web.Components;

/// <summary>The API's stable words (statuses, kinds, channels) as people read them, from Teks.</summary>
public static class Labels
{
    public static string Status(string? status) => status switch
    {
        "active" => Teks.Status_aktif,
        "applicant" => Teks.Status_calon,
        "exited" => Teks.Status_keluar,
        "deceased" => Teks.Status_meninggal,
        "requested" => Teks.Status_diajukan,
        "approved" => Teks.Status_disetujui,
        "paid" => Teks.Status_dibayar,
        "rejected" => Teks.Status_ditolak,
        "applied" => Teks.Status_diajukan,
        "active_loan" or "disbursed" => Teks.Status_berjalan,
        "closed" or "settled" or "paid_off" => Teks.Status_lunas,
        "written_off" => Teks.Status_dihapusbukukan,
        "pending" or "proposed" => Teks.Status_menunggu,
        "open" => Teks.Status_terbuka,
        "verified" => Teks.Pendaftaran_diverifikasi,
        "lancar" => Teks.Kol_lancar,
        "dalam_perhatian_khusus" => Teks.Kol_dpk,
        "kurang_lancar" => Teks.Kol_kurang_lancar,
        "diragukan" => Teks.Kol_diragukan,
        "macet" => Teks.Kol_macet,
        null or "" => "—",
        _ => status,
    };

    public static string SavingsKind(string? kind) => kind switch
    {
        "pokok" => Teks.Simpanan_pokok,
        "wajib" => Teks.Simpanan_wajib,
        "sukarela" => Teks.Simpanan_sukarela,
        _ => kind ?? "—",
    };

    /// <summary>A statement line's kind of movement: "Setoran", "Penarikan", "Pembatalan", ...</summary>
    public static string SavingsMovement(string? type) => type switch
    {
        "deposit" => Teks.Gerak_setoran,
        "withdrawal" => Teks.Gerak_penarikan,
        "reversal" => Teks.Gerak_pembatalan,
        "interest" => Teks.Gerak_jasa,
        "interest_tax" => Teks.Gerak_pajak_jasa,
        "refund" => Teks.Gerak_pengembalian,
        "refund_heirs" => Teks.Gerak_pengembalian_ahli_waris,
        "shu" => Teks.Gerak_shu,
        _ => type ?? "—",
    };

    public static string Channel(string? channel) => channel switch
    {
        "counter" => Teks.Saluran_loket,
        "transfer" => Teks.Saluran_transfer,
        "web" => Teks.Saluran_web,
        "mobile" => Teks.Saluran_aplikasi,
        "marketplace" => Teks.Saluran_marketplace,
        "system" => Teks.Saluran_sistem,
        _ => channel ?? "—",
    };

    public static string Kolektibilitas(string? k) => Status(k);

    public static string LoanMovement(string? kind) => kind switch
    {
        "payment" => Teks.Gerak_angsuran,
        "settlement_at_exit" => Teks.Gerak_pelunasan_keluar,
        "write_off" => Teks.Gerak_hapus_buku,
        "recovery" => Teks.Gerak_pemulihan,
        _ => kind ?? "—",
    };

    public static string LoanStatus(string? status) => status switch
    {
        "applied" => Teks.Status_diajukan,
        "approved" => Teks.Status_disetujui,
        "rejected" => Teks.Status_ditolak,
        "cancelled" => Teks.Status_dibatalkan,
        "active" => Teks.Status_berjalan,
        "paid_off" => Teks.Status_lunas,
        "written_off" => Teks.Status_dihapusbukukan,
        "settled_at_exit" => Teks.Status_lunas_saat_keluar,
        _ => Status(status),
    };

    public static string LoanMethod(string? method) => method switch
    {
        "flat" => Teks.Metode_flat,
        "efektif" => Teks.Metode_efektif,
        "anuitas" => Teks.Metode_anuitas,
        _ => method ?? "—",
    };
}
