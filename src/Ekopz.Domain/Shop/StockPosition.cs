using Ekopz.Domain.Common;

namespace Ekopz.Domain.Shop;

/// <summary>
/// Moving weighted average cost, tracked by <b>value</b>, not by unit cost (docs/adr/0011).
///
/// A product's stock is a quantity on hand and the total rupiah value of it (2 decimals). A receipt
/// adds its value (quantity × unit cost, rounded to the cent); goods leaving take
/// value × quantity ÷ on-hand, rounded to the cent, and the last unit out takes whatever value is
/// left. The average cost is derived (value ÷ on hand) and never stored, so rounding residues cannot
/// accumulate: the value is always exactly the sum of the amounts posted to the inventory account,
/// and an empty shelf is worth exactly zero.
/// </summary>
public readonly record struct StockPosition(decimal OnHand, decimal Value)
{
    public static readonly StockPosition Empty = new(0m, 0m);

    /// <summary>Value ÷ on hand, shown to 4 decimals (reports); 0 when nothing is on hand.</summary>
    public decimal AverageCost => OnHand == 0 ? 0m : decimal.Round(Value / OnHand, 4, MidpointRounding.AwayFromZero);

    /// <summary>The cost of <paramref name="quantity"/> leaving at the current average; all of the value when all units leave.</summary>
    public decimal CostOf(decimal quantity)
    {
        if (quantity <= 0) return 0m;
        if (quantity > OnHand) throw new InvalidOperationException($"Cannot cost {quantity} units out of {OnHand} on hand.");
        return quantity == OnHand ? Value : Money.RoundCents(Value * quantity / OnHand);
    }

    /// <summary>
    /// The value of <paramref name="quantity"/> found or added without an invoice (a count surplus,
    /// a positive adjustment): at the current average, or at <paramref name="fallbackUnitCost"/>
    /// (the last known cost) when nothing is on hand.
    /// </summary>
    public decimal ValueOfSurplus(decimal quantity, decimal fallbackUnitCost) =>
        OnHand > 0 ? Money.RoundCents(Value * quantity / OnHand) : Money.RoundCents(fallbackUnitCost * quantity);

    public StockPosition In(decimal quantity, decimal value) => new(OnHand + quantity, Value + value);

    public StockPosition Out(decimal quantity, decimal value) => new(OnHand - quantity, Value - value);

    /// <summary>The value of a receipt line: quantity × unit cost, to the cent.</summary>
    public static decimal ReceiptValue(decimal quantity, decimal unitCost) => Money.RoundCents(quantity * unitCost);
}
