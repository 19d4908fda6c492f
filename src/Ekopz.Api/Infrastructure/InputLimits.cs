using Ekopz.Domain.Common;
using NodaTime;

namespace Ekopz.Api.Infrastructure;

/// <summary>
/// The bounds every request is held to before any endpoint runs (docs/adr/0020). Anything outside them is
/// 400 <c>validation_failed</c> naming the field or parameter (413 for a body that is too large), never a
/// value that reaches PostgreSQL or a calculator and fails there.
/// </summary>
public static class InputLimits
{
    /// <summary>No date a request sends may be earlier: nothing of a koperasi is older.</summary>
    public static readonly LocalDate EarliestDate = new(1900, 1, 1);
    /// <summary>No date a request sends may be later (effective-from settings reach furthest).</summary>
    public static readonly LocalDate LatestDate = new(2100, 12, 31);
    /// <summary>The largest number any field takes: Rp 1 trillion, far beyond any koperasi's figure or count.</summary>
    public const decimal MaxNumber = Money.Max;
    /// <summary>The largest page number a list accepts.</summary>
    public const int MaxPage = 1_000_000;
    /// <summary>The longest string a JSON field may hold (names, notes, codes: all far shorter).</summary>
    public const int MaxStringLength = 10_000;
    /// <summary>The longest value a query parameter may hold.</summary>
    public const int MaxQueryValueLength = 2_000;
    /// <summary>The largest request body the API reads: 1 MiB.</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    /// <summary>
    /// Fields that may span lines (a note, an address, a reason typed in a text area): tab, CR and LF are allowed
    /// there. Every other string refuses every control character.
    /// </summary>
    public static readonly IReadOnlySet<string> MultiLineFields = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "note", "notes", "description", "reason", "address", "purpose", "shipTo", "memo", "body",
    };

    /// <summary>Why <paramref name="text"/> is refused as a value of <paramref name="field"/>, or null when it is fine.</summary>
    public static string? CheckText(string text, string field, int maxLength = MaxStringLength)
    {
        if (text.Length > maxLength) return $"At most {maxLength:N0} characters.";
        var multiLine = MultiLineFields.Contains(field);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c) && !(multiLine && c is '\t' or '\r' or '\n'))
                return c == '\0' ? "The NUL character is not allowed." : "Control characters are not allowed here.";
            if (char.IsHighSurrogate(c) && (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1])))
                return "The text is not valid Unicode.";
            if (char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(text[i - 1])))
                return "The text is not valid Unicode.";
        }
        return null;
    }

    /// <summary>Refuses a date outside <see cref="EarliestDate"/> .. <see cref="LatestDate"/>.</summary>
    public static LocalDate CheckDate(LocalDate date, string field) =>
        date < EarliestDate || date > LatestDate
            ? throw DomainException.Validation(field, DateMessage)
            : date;

    public const string DateMessage = "The date must be between 1900-01-01 and 2100-12-31.";
}
