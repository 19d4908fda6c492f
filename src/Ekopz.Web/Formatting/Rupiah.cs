using System.Globalization;

namespace Ekopz.Web.Formatting;

/// <summary>
/// Money as people in Indonesia read it: "Rp 1.234.567", with ",50" only when there are sen. The
/// culture is named here, never taken from the server, so a page reads the same on any machine.
/// </summary>
public static class Rupiah
{
    public static readonly CultureInfo Indonesia = CultureInfo.GetCultureInfo("id-ID");

    /// <summary>"Rp 1.234.567" or "Rp 1.100.159,91"; a negative amount is "−Rp 1.000".</summary>
    public static string Format(decimal amount)
    {
        var sign = amount < 0 ? "−" : "";
        return sign + "Rp " + Number(Math.Abs(amount));
    }

    /// <summary>The figure without "Rp": "1.234.567" or "1.100.159,91".</summary>
    public static string Number(decimal amount)
    {
        var rounded = Math.Round(amount, 2, MidpointRounding.AwayFromZero);
        return rounded == decimal.Truncate(rounded)
            ? rounded.ToString("#,0", Indonesia)
            : rounded.ToString("#,0.00", Indonesia);
    }

    /// <summary>A signed movement for statements: "+Rp 50.000" or "−Rp 20.000".</summary>
    public static string Signed(decimal amount) => amount >= 0 ? "+" + Format(amount) : Format(amount);

    /// <summary>A percentage with an Indonesian decimal comma: "4,25%".</summary>
    public static string Percent(decimal percent, int decimals = 2) =>
        Math.Round(percent, decimals, MidpointRounding.AwayFromZero).ToString("0." + new string('#', decimals), Indonesia) + "%";

    /// <summary>Short figures for chart labels: "1,2 jt", "350 rb", "2,5 M".</summary>
    public static string Short(decimal v) => Math.Abs(v) switch
    {
        >= 1_000_000_000 => (v / 1_000_000_000m).ToString("0.#", Indonesia) + " M",
        >= 1_000_000 => (v / 1_000_000m).ToString("0.#", Indonesia) + " jt",
        >= 1_000 => (v / 1_000m).ToString("0.#", Indonesia) + " rb",
        _ => v.ToString("0", Indonesia),
    };

    /// <summary>A figure for an input box, without thousands separators, so it reads back exactly: "150000" or "1500,5".</summary>
    public static string ForInput(decimal? amount) =>
        amount is null ? "" : amount.Value.ToString(amount.Value == decimal.Truncate(amount.Value) ? "0" : "0.##", Indonesia);
}
