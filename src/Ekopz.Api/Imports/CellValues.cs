using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;

namespace Ekopz.Api.Imports;

/// <summary>
/// Reads the values of a cell the way people type them in Indonesia and the way Excel stores them (docs/adr/0033).
/// Each method answers the value, or the reason it cannot be read, in Indonesian.
/// </summary>
public static partial class CellValues
{
    [GeneratedRegex(@"^[0-9]+(\.[0-9]+)?[eE][+-]?[0-9]+$")]
    private static partial Regex Scientific();

    [GeneratedRegex(@"^[0-9]{1,3}(\.[0-9]{3})+$")]
    private static partial Regex DotThousands();

    [GeneratedRegex(@"^[0-9]{1,3}(,[0-9]{3})+$")]
    private static partial Regex CommaThousands();

    /// <summary>
    /// A NIK as text. A number Excel shows in scientific notation (3,27E+15) has lost its last digits, so it is refused
    /// with a way out; a number stored exactly ("3271234567890123", "3271234567890123.0") is read as its digits.
    /// </summary>
    public static (string? Value, string? Problem) Nik(Cell? cell)
    {
        var text = cell?.Text.Trim() ?? "";
        if (text.Length == 0) return (null, "NIK wajib diisi.");
        var compact = text.Replace(" ", "").Replace("'", "");
        if (Scientific().IsMatch(compact.Replace(',', '.')))
            return (null, $"NIK tertulis sebagai angka dalam notasi ilmiah ({text}): Excel sudah membulatkan digit terakhirnya. " +
                          "Format kolom NIK sebagai Teks, ketik ulang NIK, lalu unggah lagi.");
        if (compact.EndsWith(".0", StringComparison.Ordinal) && cell!.IsNumber) compact = compact[..^2];
        if (!compact.All(char.IsAsciiDigit) || compact.Length != 16)
            return (null, $"NIK harus 16 digit angka seperti di KTP (tertulis: {Shorten(text)}).");
        if (!Ekopz.Domain.Members.MemberDecider.IsValidNik(compact))
            return (null, $"NIK {compact} tidak sah: dua digit pertama adalah kode provinsi (11-94) dan bagian tanggal lahir tidak boleh 000000.");
        return (compact, null);
    }

    /// <summary>
    /// An amount in rupiah: a number cell as stored, or text in either convention (1.000.000,50 or 1,000,000.50, with
    /// or without "Rp"). One separator followed by exactly three digits is a thousands separator (1.500 is 1500).
    /// Empty is zero.
    /// </summary>
    public static (decimal Value, string? Problem) Amount(Cell? cell)
    {
        var text = (cell?.Text ?? "").Trim();
        if (text.Length == 0) return (0m, null);
        if (cell!.IsNumber)
        {
            return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
                ? Check(n, text)
                : (0m, $"Angka tidak terbaca: {Shorten(text)}.");
        }
        var t = text.Replace("Rp", "", StringComparison.OrdinalIgnoreCase).Replace(" ", "").Replace("\u00A0", "").Trim();
        var negative = false;
        if (t.StartsWith('-')) { negative = true; t = t[1..]; }
        else if (t.StartsWith('(') && t.EndsWith(')')) { negative = true; t = t[1..^1]; }
        if (t.EndsWith(",-", StringComparison.Ordinal)) t = t[..^2];
        string normal;
        var dots = t.Count(c => c == '.');
        var commas = t.Count(c => c == ',');
        if (dots > 0 && commas > 0)
        {
            // Both: the last one is the decimal separator.
            var decimalSep = t.LastIndexOf('.') > t.LastIndexOf(',') ? '.' : ',';
            var thousands = decimalSep == '.' ? ',' : '.';
            var parts = t.Split(decimalSep);
            if (parts.Length != 2 || !(thousands == '.' ? DotThousands() : CommaThousands()).IsMatch(parts[0]) && !parts[0].All(char.IsAsciiDigit))
                return (0m, $"Angka tidak terbaca: {Shorten(text)}.");
            normal = parts[0].Replace(thousands.ToString(), "") + "." + parts[1];
        }
        else if (dots + commas == 0) normal = t;
        else
        {
            var sep = dots > 0 ? '.' : ',';
            var count = Math.Max(dots, commas);
            if ((sep == '.' ? DotThousands() : CommaThousands()).IsMatch(t)) normal = t.Replace(sep.ToString(), "");
            else if (count == 1) normal = t.Replace(sep, '.');
            else return (0m, $"Angka tidak terbaca: {Shorten(text)}.");
        }
        if (normal.Length == 0 || !normal.All(c => char.IsAsciiDigit(c) || c == '.')
            || !decimal.TryParse(normal, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            return (0m, $"Angka tidak terbaca: {Shorten(text)}.");
        return Check(negative ? -value : value, text);
    }

    private static (decimal, string?) Check(decimal value, string text)
    {
        if (value < 0) return (0m, $"Jumlah tidak boleh negatif ({Shorten(text)}).");
        if (decimal.Round(value, 2) != value) return (0m, $"Jumlah rupiah paling banyak 2 angka di belakang koma ({Shorten(text)}).");
        if (value > Ekopz.Domain.Common.Money.Max) return (0m, $"Jumlah terlalu besar ({Shorten(text)}).");
        return (value, null);
    }

    private static readonly string[] DatePatterns =
        ["yyyy-MM-dd", "d/M/yyyy", "d-M-yyyy", "d.M.yyyy", "d MMMM yyyy", "d MMM yyyy", "yyyy/MM/dd"];

    private static readonly CultureInfo Indonesian = CultureInfo.GetCultureInfo("id-ID");

    /// <summary>
    /// A date: an Excel date (a serial number: days since 1899-12-30), or text day-first as Indonesians write it
    /// (15/03/2019, 15-03-2019, 15 Maret 2019) or ISO (2019-03-15).
    /// </summary>
    public static (LocalDate? Value, string? Problem) Date(Cell? cell)
    {
        var text = (cell?.Text ?? "").Trim();
        if (text.Length == 0) return (null, "Tanggal wajib diisi.");
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && !text.Contains('/') && !text.Contains('-'))
        {
            if (serial is >= 1 and < 2958466 && serial == Math.Floor(serial))
            {
                var date = new LocalDate(1899, 12, 30).PlusDays((int)serial);
                return InRange(date, text);
            }
            return (null, $"Tanggal tidak terbaca: {Shorten(text)}. Tulis seperti 15/03/2019 atau 2019-03-15.");
        }
        foreach (var culture in new[] { Indonesian, CultureInfo.InvariantCulture })
        {
            if (DateTime.TryParseExact(text, DatePatterns, culture, DateTimeStyles.None, out var parsed))
                return InRange(LocalDate.FromDateTime(parsed), text);
        }
        return (null, $"Tanggal tidak terbaca: {Shorten(text)}. Tulis seperti 15/03/2019 atau 2019-03-15.");
    }

    private static (LocalDate?, string?) InRange(LocalDate date, string text) =>
        date < new LocalDate(1900, 1, 1) || date > new LocalDate(2100, 12, 31)
            ? (null, $"Tanggal di luar rentang 1900-2100: {Shorten(text)}.")
            : (date, null);

    /// <summary>Free text: trimmed, control characters refused, at most <paramref name="max"/> characters.</summary>
    public static (string? Value, string? Problem) Text(Cell? cell, int max, bool required, string what)
    {
        var text = (cell?.Text ?? "").Trim();
        if (text.Length == 0) return required ? (null, $"{what} wajib diisi.") : (null, null);
        if (text.Length > max) return (null, $"{what} paling banyak {max} karakter.");
        if (text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'))) return (null, $"{what} memuat karakter kendali yang tidak diizinkan.");
        return (text, null);
    }

    /// <summary>
    /// An annual interest rate in percent: "18", "18%", "1,5" or "1.5"; a number cell below 1 is Excel's percent format
    /// (0.18 shown as 18%). 0 to the legal cap (24), at most 4 decimals.
    /// </summary>
    public static (decimal Value, string? Problem) Rate(Cell? cell)
    {
        var text = (cell?.Text ?? "").Trim();
        if (text.Length == 0) return (0m, "Bunga wajib diisi (persen per tahun, misalnya 18).");
        var t = text.Replace("%", "").Replace(" ", "").Replace(',', '.');
        if (!decimal.TryParse(t, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var rate))
            return (0m, $"Bunga tidak terbaca: {Shorten(text)}. Tulis persen per tahun, misalnya 18 atau 18%.");
        if (cell!.IsNumber && rate > 0 && rate < 1) rate *= 100m;
        rate = decimal.Round(rate, 6);
        if (!Ekopz.Domain.Loans.LoanLimits.IsValidRate(rate))
            return (0m, $"Bunga {Shorten(text)} di luar batas: 0 sampai {Ekopz.Domain.Loans.LoanLimits.MaxAnnualRate}% per tahun, paling banyak 4 angka di belakang koma.");
        return (rate, null);
    }

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/> (empty is <paramref name="empty"/>, or a problem when null).</summary>
    public static (int Value, string? Problem) Whole(Cell? cell, int min, int max, int? empty, string what)
    {
        var text = (cell?.Text ?? "").Trim();
        if (text.Length == 0) return empty is { } e ? (e, null) : (0, $"{what} wajib diisi.");
        var t = text.EndsWith(".0", StringComparison.Ordinal) ? text[..^2] : text;
        if (!int.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
            return (0, $"{what} harus bilangan bulat (tertulis: {Shorten(text)}).");
        if (n < min || n > max) return (0, $"{what} harus {min} sampai {max} (tertulis: {Shorten(text)}).");
        return (n, null);
    }

    /// <summary>"Rp1.250.000" or "Rp1.250.000,50", as the people reading the report write it.</summary>
    public static string Rupiah(decimal amount) =>
        "Rp" + amount.ToString(decimal.Round(amount) == amount ? "N0" : "N2", Indonesian);

    public static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
