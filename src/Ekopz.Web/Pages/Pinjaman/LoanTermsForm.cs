using System.Globalization;
using Ekopz.Web.Components;
using Ekopz.Web.Formatting;

namespace Ekopz.Web.Pages.Pinjaman;

/// <summary>Reads the three numbers every loan form asks for (amount, periods, annual rate), with Indonesian messages.</summary>
public static class LoanTermsForm
{
    public static readonly Dictionary<string, (string, string)> ApiFields = new()
    {
        ["principal"] = ("principal", Teks.Pinjaman_galat_besar),
        ["periods"] = ("periods", Teks.Pinjaman_galat_lama),
        ["annualRate"] = ("annualRate", Teks.Pinjaman_galat_bunga),
        ["method"] = ("method", Teks.Pinjaman_galat_metode),
        ["frequency"] = ("frequency", Teks.Pinjaman_galat_metode),
        ["purpose"] = ("purpose", Teks.Pinjaman_galat_tujuan),
        ["businessDate"] = ("businessDate", Teks.Galat_tanggal),
    };

    public static (decimal Principal, int Periods, decimal AnnualRate)? Read(string? principal, string? periods, string? rate, FormErrors errors)
    {
        decimal p = 0, r = 0;
        int n = 0;
        if (!MoneyInput.TryParse(principal, out p) || p <= 0) errors.Add("principal", Teks.Pinjaman_galat_besar);
        if (!int.TryParse(periods, NumberStyles.None, CultureInfo.InvariantCulture, out n) || n is <= 0 or > 600) errors.Add("periods", Teks.Pinjaman_galat_lama);
        if (!TryRate(rate, out r) || r < 0 || r > 100) errors.Add("annualRate", Teks.Pinjaman_galat_bunga);
        return errors.Any ? null : (p, n, r);
    }

    /// <summary>A rate as typed: "18", "18,5" or "18.5" (percent a year).</summary>
    public static bool TryRate(string? text, out decimal rate)
    {
        rate = 0;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.Trim().TrimEnd('%').Trim().Replace(',', '.');
        return decimal.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out rate);
    }
}
