using System.Globalization;

namespace Ekopz.Web.Components.Books;

/// <summary>Accounting periods as the API names them: a month, "2026-11".</summary>
public static class Months
{
    public static bool TryParse(string? text, out DateOnly first)
    {
        first = default;
        return text is { Length: 7 }
               && DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out first);
    }

    public static string Key(DateOnly date) => date.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static string Next(string period) => TryParse(period, out var first) ? Key(first.AddMonths(1)) : period;

    public static DateOnly End(DateOnly first) => first.AddMonths(1).AddDays(-1);

    /// <summary>The months from <paramref name="first"/> to <paramref name="last"/>, both included, oldest first.</summary>
    public static IEnumerable<string> Between(DateOnly first, DateOnly last)
    {
        for (var m = new DateOnly(first.Year, first.Month, 1); m <= last; m = m.AddMonths(1)) yield return Key(m);
    }
}
