using Ekopz.Domain.Common;

namespace Ekopz.Api.Shop;

public static class ShopQueryParams
{
    public static Guid? Guid(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return System.Guid.TryParse(text, out var id) ? id : throw DomainException.Validation(field, $"'{text}' is not an id.");
    }
}
