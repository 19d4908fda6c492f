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
        return result.Value;
    }

    public static Instant? Instant(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var result = InstantPattern.ExtendedIso.Parse(text);
        if (result.Success) return result.Value;
        var offset = OffsetDateTimePattern.ExtendedIso.Parse(text);
        if (offset.Success) return offset.Value.ToInstant();
        throw DomainException.Validation(field, $"'{text}' is not an instant (for example 2026-11-22T10:15:00Z).");
    }

    public static (int Page, int PageSize) Paging(int? page, int? pageSize, int defaultSize = 100, int maxSize = 1000)
    {
        var p = page ?? 1;
        var s = pageSize ?? defaultSize;
        if (p < 1) throw DomainException.Validation("page", "The page starts at 1.");
        if (s < 1 || s > maxSize) throw DomainException.Validation("pageSize", $"The page size must be between 1 and {maxSize}.");
        return (p, s);
    }
}
