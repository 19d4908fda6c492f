using Ekopz.Domain.Common;

namespace Ekopz.Domain.Imports;

/// <summary>
/// A product's stock on hand at the cut-over date (Meta.BusinessDate) and its value at the old books' average cost, moved
/// in from a spreadsheet onto the product's stream (created with it by the import): an opening balance, not a purchase.
/// <paramref name="Value"/> is quantity × average cost to the cent, so the average cost Ekopz derives (value ÷ on hand)
/// is the old books' one. Posted Dr inventory / Cr "saldo awal pindahan", so inventory equals the sum of the products'
/// values (docs/adr/0035).
/// </summary>
public sealed record ProductOpeningStockRecorded(
    Guid ProductId,
    Guid UnitId,
    string Sku,
    Guid TransactionId,
    Guid ImportId,
    string SourceSha256,
    string SourceFile,
    int SourceRow,
    decimal Quantity,
    decimal AverageCost,
    decimal Value,
    EventMeta Meta) : IDomainEvent;

/// <summary>What a products file says of one product (read and checked).</summary>
public sealed record OpeningProduct(int Row, string Sku, string Name, string Uom, decimal MemberPrice, decimal PublicPrice, decimal Quantity, decimal AverageCost)
{
    /// <summary>The stock's value: quantity × average cost, to the cent (as a receipt's value).</summary>
    public decimal Value => Money.RoundCents(Quantity * AverageCost);
}
