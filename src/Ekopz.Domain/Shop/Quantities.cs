using Ekopz.Domain.Common;

namespace Ekopz.Domain.Shop;

/// <summary>
/// Units of measure a product is sold in. Counted units (pcs, pack, box, ...) take whole quantities
/// only; weighed or measured units (kg, liter, meter) take up to three decimals (grams, millilitres).
/// </summary>
public static class Uoms
{
    public const string Pcs = "pcs";
    public const string Kg = "kg";

    private static readonly IReadOnlySet<string> Counted = new HashSet<string> { Pcs, "pack", "box", "dus", "sak", "lusin", "botol" };
    private static readonly IReadOnlySet<string> Measured = new HashSet<string> { Kg, "liter", "meter" };

    public static readonly IReadOnlyList<string> All = [.. Counted.Order(), .. Measured.Order()];

    public static bool IsValid(string? uom) => uom is not null && (Counted.Contains(uom) || Measured.Contains(uom));

    public static bool IsWhole(string uom) => Counted.Contains(uom);

    /// <summary>The most a single line or movement may move: anything larger is a typo.</summary>
    public const decimal MaxQuantity = 1_000_000m;

    /// <summary>
    /// Checks a quantity from outside: greater than zero, whole for counted units, at most three
    /// decimals for measured ones, not absurd. Refusals are 400 <c>validation_failed</c> on <paramref name="field"/>.
    /// </summary>
    public static decimal RequireQuantity(decimal quantity, string uom, string field)
    {
        if (quantity <= 0) throw DomainException.Validation(field, "The quantity must be greater than zero.");
        if (quantity > MaxQuantity) throw DomainException.Validation(field, "The quantity is too large.");
        if (IsWhole(uom) && decimal.Truncate(quantity) != quantity)
            throw DomainException.Validation(field, $"This product is sold in whole {uom}; {quantity} is not a whole quantity.");
        if (decimal.Round(quantity, 3) != quantity)
            throw DomainException.Validation(field, $"Quantities in {uom} have at most 3 decimals.");
        return quantity;
    }

    /// <summary>Like <see cref="RequireQuantity"/> but zero is allowed (a stock count of an empty shelf).</summary>
    public static decimal RequireCount(decimal quantity, string uom, string field)
    {
        if (quantity == 0) return 0;
        if (quantity < 0) throw DomainException.Validation(field, "A counted quantity cannot be negative.");
        return RequireQuantity(quantity, uom, field);
    }
}
