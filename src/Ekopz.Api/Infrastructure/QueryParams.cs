using Ekopz.Domain.Common;
using NodaTime;
using NodaTime.Text;

namespace Ekopz.Api.Infrastructure;

/// <summary>Parses query-string values (dates, instants, paging) into domain types, or refuses with a field error.</summary>
public static class QueryParams
{
    public static LocalDate? Date(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var result = LocalDatePattern.Iso.Parse(text);
        if (!result.Success) throw DomainException.Validation(field, $"'{text}' is not a date (yyyy-MM-dd).");
        return InputLimits.CheckDate(result.Value, field);
    }

    public static Instant? Instant(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var result = InstantPattern.ExtendedIso.Parse(text);
        if (result.Success) return Bounded(result.Value, field);
        var offset = OffsetDateTimePattern.ExtendedIso.Parse(text);
        if (offset.Success) return Bounded(offset.Value.ToInstant(), field);
        throw DomainException.Validation(field, $"'{text}' is not an instant (for example 2026-11-22T10:15:00Z).");
    }

    /// <summary>An instant within the dates a request may name (1900 to 2100).</summary>
    private static Instant Bounded(Instant instant, string field)
    {
        var date = instant.InUtc().Date;
        if (date < InputLimits.EarliestDate || date > InputLimits.LatestDate)
            throw DomainException.Validation(field, "The moment must be between 1900-01-01 and 2100-12-31.");
        return instant;
    }

    public static (int Page, int PageSize) Paging(int? page, int? pageSize, int defaultSize = 100, int maxSize = 1000)
    {
        var p = page ?? 1;
        var s = pageSize ?? defaultSize;
        if (p < 1) throw DomainException.Validation("page", "The page starts at 1.");
        if (p > InputLimits.MaxPage) throw DomainException.Validation("page", $"The page may be at most {InputLimits.MaxPage:N0}.");
        if (s < 1 || s > maxSize) throw DomainException.Validation("pageSize", $"The page size must be between 1 and {maxSize}.");
        return (p, s);
    }
}
