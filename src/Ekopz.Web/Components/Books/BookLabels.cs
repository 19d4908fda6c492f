using System.Text;

namespace Ekopz.Web.Components.Books;

/// <summary>The books' stable words (account classes, cash flow categories, equity columns, entry kinds) in Indonesian, from Teks.</summary>
public static class BookLabels
{
    public static string AccountClass(string? cls) => cls switch
    {
        "asset" => Teks.Golongan_aset,
        "liability" => Teks.Golongan_liabilitas,
        "equity" => Teks.Golongan_ekuitas,
        "revenue" => Teks.Golongan_pendapatan,
        "expense" => Teks.Golongan_beban,
        _ => cls ?? "—",
    };

    public static readonly IReadOnlyList<string> Classes = ["asset", "liability", "equity", "revenue", "expense"];

    public static string CashFlow(string? category) => category switch
    {
        "operating.savings_sukarela" => Teks.Arus_savings_sukarela,
        "operating.savings_interest" => Teks.Arus_savings_interest,
        "operating.loans_disbursed" => Teks.Arus_loans_disbursed,
        "operating.loans_repaid" => Teks.Arus_loans_repaid,
        "operating.loan_income" => Teks.Arus_loan_income,
        "operating.shop_sales" => Teks.Arus_shop_sales,
        "operating.suppliers" => Teks.Arus_suppliers,
        "operating.unit_payouts" => Teks.Arus_unit_payouts,
        "operating.taxes" => Teks.Arus_taxes,
        "operating.other" => Teks.Arus_operating_other,
        "financing.member_capital" => Teks.Arus_member_capital,
        "financing.shu_paid" => Teks.Arus_shu_paid,
        "financing.other" => Teks.Arus_financing_other,
        "investing.other" => Teks.Arus_investing_other,
        null or "" => "—",
        _ => category,
    };

    public static string EquityColumn(string column) => column switch
    {
        "pokok" => Teks.Simpanan_pokok,
        "wajib" => Teks.Simpanan_wajib,
        "shu" => Teks.Ekuitas_shu,
        "general_reserve" => Teks.Ekuitas_cadangan_umum,
        "risk_reserve" => Teks.Ekuitas_cadangan_risiko,
        "other_equity" => Teks.Ekuitas_lain,
        _ => column,
    };

    public static string EntryKind(string? kind) => kind switch
    {
        "regular" => Teks.Entri_biasa,
        "closing" => Teks.Entri_penutupan,
        "opening" => Teks.Entri_pembukaan,
        _ => kind ?? "—",
    };

    public static string Side(string? side) => side switch
    {
        "debit" => Teks.Baris_sisi_debit,
        "credit" => Teks.Baris_sisi_kredit,
        _ => side ?? "—",
    };

    public static string Counterparty(string? counterparty) => counterparty switch
    {
        "member" => Teks.Pihak_anggota,
        "non_member" => Teks.Pihak_non_anggota,
        _ => counterparty ?? "—",
    };

    public static string AdjustmentStatus(string? status) => status switch
    {
        "requested" => Teks.Status_menunggu,
        "approved" => Teks.Status_disetujui,
        "rejected" => Teks.Status_ditolak,
        _ => status ?? "—",
    };

    /// <summary>A name inside a sentence: "Beban usaha" as "beban usaha", but "HPP anggota" stays as it is.</summary>
    public static string InSentence(string name) =>
        name.Length > 1 && char.IsUpper(name[0]) && !char.IsUpper(name[1]) ? char.ToLowerInvariant(name[0]) + name[1..] : name;

    /// <summary>An entry's source (the event's type, "SavingsDeposited") as people read it.</summary>
    public static string Source(string? source) => string.IsNullOrEmpty(source) ? "—" : EventNames.Of(Snake(source));

    /// <summary>"SavingsDeposited" as Marten names the event type: "savings_deposited".</summary>
    public static string Snake(string name)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) sb.Append('_');
            sb.Append(char.ToLowerInvariant(name[i]));
        }
        return sb.ToString();
    }
}
