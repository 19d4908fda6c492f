using System.Globalization;

namespace Ekopz.Web.Formatting;

/// <summary>
/// "As recorded at" moments typed in a datetime-local box mean the koperasi's wall clock, not the
/// server's: 2026-12-04T09:00 in Jakarta is 02:00 UTC.
/// </summary>
public static class LocalMoment
{
    public static DateTimeOffset? Parse(string? text, string timeZone)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (!DateTime.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return null;
        var zone = Tanggal.Zone(timeZone);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>The value for a datetime-local input showing <paramref name="instant"/> in the koperasi's zone.</summary>
    public static string ForInput(DateTimeOffset instant, string timeZone) =>
        TimeZoneInfo.ConvertTime(instant, Tanggal.Zone(timeZone)).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
}
