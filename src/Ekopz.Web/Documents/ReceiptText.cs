using Ekopz.Web.Api;
using Ekopz.Web.Components;

namespace Ekopz.Web.Documents;

/// <summary>What a receipt says, in words, shared by the page and the PDF.</summary>
public static class ReceiptText
{
    /// <summary>"KW-000123": the running number as printed.</summary>
    public static string Number(int n) => $"KW-{n:D6}";

    public static string Line(ReceiptLine l) => l.Kind switch
    {
        "savings_deposit" => $"{Teks.Gerak_setoran} {Labels.SavingsKind(l.SavingsKind).ToLowerInvariant()}",
        "savings_withdrawal" => $"{Teks.Gerak_penarikan} {Labels.SavingsKind(l.SavingsKind).ToLowerInvariant()}",
        "loan_principal" => Teks.Kwitansi_angsuran_pokok,
        "loan_interest" => Teks.Kwitansi_angsuran_bunga,
        "loan_penalty" => Teks.Kwitansi_denda,
        "loan_recovery" => Teks.Gerak_pemulihan,
        "shop_item" => l.Description,
        "shop_discount" => $"{Teks.Kwitansi_potongan} {l.Description}".Trim(),
        "shop_shipping" => Teks.Kwitansi_ongkir,
        _ => string.IsNullOrEmpty(l.Description) ? l.Kind : l.Description,
    };
}
