using System.Globalization;
using System.Text.RegularExpressions;

namespace Ekopz.Web.Formatting;

/// <summary>
/// Reads an amount as a kasir types it: "150000", "150.000", "Rp 150.000", "1.250.000,50" or
/// "1250000,5". A dot followed by groups of three digits is a thousands separator (Indonesian
/// habit); a comma is the decimal mark. Anything ambiguous is refused rather than guessed, because a
/// misread amount is money in the wrong place.
/// </summary>
public static partial class MoneyInput
{
    [GeneratedRegex(@"^\d{1,3}(\.\d{3})+(,\d{1,2})?$")]
    private static partial Regex DottedThousands();

    [GeneratedRegex(@"^\d+(,\d{1,2})?$")]
    private static partial Regex PlainWithComma();

    [GeneratedRegex(@"^\d+\.\d{1,2}$")]
    private static partial Regex PlainWithPoint();

    public static bool TryParse(string? text, out decimal amount)
    {
        amount = 0;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.Trim();
        if (s.StartsWith("Rp", StringComparison.OrdinalIgnoreCase)) s = s[2..];
        s = s.Replace(" ", "").Replace("\u00a0", "").TrimStart('.');
        string normalized;
        if (DottedThousands().IsMatch(s)) normalized = s.Replace(".", "").Replace(',', '.');
        else if (PlainWithComma().IsMatch(s)) normalized = s.Replace(',', '.');
        else if (PlainWithPoint().IsMatch(s)) normalized = s;
        else return false;
        return decimal.TryParse(normalized, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out amount);
    }
}
