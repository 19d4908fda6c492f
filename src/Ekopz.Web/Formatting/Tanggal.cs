namespace Ekopz.Web.Formatting;

/// <summary>
/// Dates and times as people in Indonesia write them: "4 Des 2026", "4 Desember 2026",
/// "4 Des 2026 14.05 WIB". Moments are shown in the koperasi's own time zone, never the server's.
/// </summary>
public static class Tanggal
{
    private static readonly string[] Short = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"];
    private static readonly string[] Long =
        ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"];

    /// <summary>"4 Des 2026".</summary>
    public static string Format(DateOnly date) => $"{date.Day} {Short[date.Month - 1]} {date.Year}";

    public static string Format(DateOnly? date) => date is { } d ? Format(d) : "—";

    /// <summary>"4 Desember 2026", for letters, receipts and report titles.</summary>
    public static string Full(DateOnly date) => $"{date.Day} {Long[date.Month - 1]} {date.Year}";

    /// <summary>"Desember 2026".</summary>
    public static string Month(int year, int month) => $"{Long[month - 1]} {year}";

    /// <summary>"Des 2026" for chart axes.</summary>
    public static string MonthShort(int year, int month) => $"{Short[month - 1]} {year}";

    /// <summary>"2026-12" (a period key) as "Desember 2026".</summary>
    public static string Period(string yyyyMm) =>
        yyyyMm.Length == 7 && int.TryParse(yyyyMm[..4], out var y) && int.TryParse(yyyyMm[5..], out var m) && m is >= 1 and <= 12
            ? Month(y, m) : yyyyMm;

    /// <summary>A moment in the koperasi's zone: "4 Des 2026 14.05 WIB".</summary>
    public static string Moment(DateTimeOffset instant, string timeZone)
    {
        var zone = Zone(timeZone);
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        return $"{Format(DateOnly.FromDateTime(local.DateTime))} {local:HH}.{local:mm} {ZoneName(timeZone)}";
    }

    public static string Moment(DateTimeOffset? instant, string timeZone) => instant is { } i ? Moment(i, timeZone) : "—";

    /// <summary>The zone's Indonesian name where it has one (WIB, WITA, WIT), else its id.</summary>
    public static string ZoneName(string timeZone) => timeZone switch
    {
        "Asia/Jakarta" or "Asia/Pontianak" => "WIB",
        "Asia/Makassar" => "WITA",
        "Asia/Jayapura" => "WIT",
        _ => timeZone,
    };

    public static TimeZoneInfo Zone(string timeZone)
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById(timeZone); }
        catch (TimeZoneNotFoundException) { return TimeZoneInfo.Utc; }
    }

    /// <summary>Today in the koperasi's zone, from a moment (the page's clock comes from the API's "today").</summary>
    public static DateOnly Today(DateTimeOffset now, string timeZone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Zone(timeZone)).DateTime);

    /// <summary>ISO "2026-12-04" for links and inputs of type date.</summary>
    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static bool TryParseIso(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text ?? "", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None, out date);
}
