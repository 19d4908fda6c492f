using System.Text.RegularExpressions;
using Ekopz.Domain.Common;
using NodaTime;

namespace Ekopz.Domain.Shop;

public sealed record ProductCreated(Guid ProductId, Guid UnitId, string Sku, string Name, string Uom, decimal MemberPrice, decimal PublicPrice,
    bool Consigned, EventMeta Meta) : IDomainEvent;

/// <summary>New prices from <paramref name="EffectiveFrom"/> on; orders placed before keep the prices they were placed at.</summary>
public sealed record ProductPriceChanged(Guid ProductId, LocalDate EffectiveFrom, decimal MemberPrice, decimal PublicPrice, EventMeta Meta) : IDomainEvent;

/// <summary>The product's name corrected or changed; orders keep the name they were placed with.</summary>
public sealed record ProductRenamed(Guid ProductId, string Name, EventMeta Meta) : IDomainEvent;

/// <summary>The product leaves the catalogue: no new order may take it (stock stays, and may still be received, counted and adjusted).</summary>
public sealed record ProductDeactivated(Guid ProductId, string? Reason, EventMeta Meta) : IDomainEvent;

/// <summary>The product is sold again.</summary>
public sealed record ProductReactivated(Guid ProductId, EventMeta Meta) : IDomainEvent;

/// <summary>A flash sale: a percent or an amount off each unit, for orders placed between two moments.</summary>
public sealed record ProductDiscountScheduled(Guid ProductId, Guid DiscountId, string Kind, decimal Value, Instant StartsAt, Instant EndsAt,
    string? Label, EventMeta Meta) : IDomainEvent;

/// <summary>
/// Goods received from a supplier at a unit cost. <paramref name="Value"/> (quantity × unit cost, to
/// the cent) is what the inventory account is debited. Consigned goods (a seller's) have no cost.
/// </summary>
/// <param name="Payment">cash, transfer (paid now) or credit (owed to the supplier).</param>
public sealed record StockReceived(Guid ProductId, Guid UnitId, Guid ReceiptId, string Supplier, decimal Quantity, decimal UnitCost, decimal Value,
    string Payment, EventMeta Meta) : IDomainEvent;

/// <summary>Units held for a placed order: no longer available to others, still on hand.</summary>
public sealed record StockReserved(Guid ProductId, Guid OrderId, decimal Quantity, EventMeta Meta) : IDomainEvent;

/// <summary>A reservation given back (the order was cancelled before payment).</summary>
public sealed record StockReleased(Guid ProductId, Guid OrderId, decimal Quantity, EventMeta Meta) : IDomainEvent;

/// <summary>
/// Units sold (the order was paid): they leave the koperasi's stock at <paramref name="Cost"/>, the
/// moving average of that moment; cost of goods sold is posted from this event, split by buyer class.
/// </summary>
/// <param name="FromReservation">The units were reserved when the order was placed.</param>
/// <param name="AwaitsShipment">The units stay on the shelf, packed, until the order ships.</param>
public sealed record StockSold(Guid ProductId, Guid UnitId, Guid OrderId, decimal Quantity, decimal Cost, bool FromReservation, bool AwaitsShipment,
    CounterpartyClass Buyer, Guid? MemberId, EventMeta Meta) : IDomainEvent;

/// <summary>Sold units handed to the courier: they leave the shelf (no money moves).</summary>
public sealed record StockShipped(Guid ProductId, Guid OrderId, decimal Quantity, EventMeta Meta) : IDomainEvent;

/// <summary>
/// Sold units back in stock (a cancelled paid order, or a return), at the cost they left at, so the
/// cost of goods sold is undone exactly.
/// </summary>
/// <param name="WasShipped">False when the units never left the shelf (cancelled before shipping).</param>
public sealed record StockRestocked(Guid ProductId, Guid UnitId, Guid OrderId, Guid? ReturnId, decimal Quantity, decimal Cost, bool WasShipped,
    CounterpartyClass Buyer, Guid? MemberId, EventMeta Meta) : IDomainEvent;

/// <summary>A manual correction with a reason (breakage, expiry, found goods); the value change goes to "selisih persediaan".</summary>
public sealed record StockAdjusted(Guid ProductId, Guid UnitId, Guid AdjustmentId, decimal QuantityChange, decimal ValueChange, string Reason,
    EventMeta Meta) : IDomainEvent;

/// <summary>A stock count (stock opname): the shelf held <paramref name="CountedQuantity"/>; the difference is posted.</summary>
public sealed record StockCounted(Guid ProductId, Guid UnitId, Guid CountId, decimal ExpectedQuantity, decimal CountedQuantity,
    decimal QuantityChange, decimal ValueChange, EventMeta Meta) : IDomainEvent;

public sealed record PriceVersion(LocalDate EffectiveFrom, decimal MemberPrice, decimal PublicPrice);

public static class DiscountKinds
{
    public const string Percent = "percent";
    public const string Amount = "amount";
    public static bool IsValid(string? kind) => kind is Percent or Amount;
}

public sealed record FlashDiscount(Guid DiscountId, string Kind, decimal Value, Instant StartsAt, Instant EndsAt, string? Label)
{
    public bool IsActiveAt(Instant moment) => StartsAt <= moment && moment < EndsAt;

    /// <summary>The discount on one unit at <paramref name="price"/>: never more than the price.</summary>
    public decimal PerUnit(decimal price) => Kind == DiscountKinds.Percent
        ? Money.RoundCents(price * Value / 100m)
        : Math.Min(Value, price);
}

/// <summary>
/// A product with its prices, flash sales and stock. One stream per product is the unit of
/// consistency for stock: every reservation, sale and movement is decided on it under a row lock,
/// so two orders can never both take the last unit (docs/adr/0011).
/// </summary>
/// <param name="OnHand">Units the koperasi owns (reserved ones included); valued at <paramref name="Value"/>.</param>
/// <param name="Reserved">Units held for placed, unpaid orders.</param>
/// <param name="AwaitingShipment">Sold (paid) units still on the shelf, packed for the courier.</param>
/// <param name="LastUnitCost">The cost basis for surplus found when nothing is on hand.</param>
/// <param name="LastMovementOn">Stock moves in date order: nothing may be dated before this day.</param>
/// <param name="Inactive">Deactivated: out of the catalogue, no new order may take it.</param>
public sealed record ShopProduct(
    Guid Id,
    Guid UnitId,
    string Sku,
    string Name,
    string Uom,
    bool Consigned,
    IReadOnlyList<PriceVersion> Prices,
    IReadOnlyList<FlashDiscount> Discounts,
    decimal OnHand,
    decimal Value,
    decimal Reserved,
    decimal AwaitingShipment,
    decimal LastUnitCost,
    LocalDate CreatedOn,
    LocalDate LastMovementOn,
    bool Inactive = false)
{
    public decimal Available => OnHand - Reserved;

    public StockPosition Position => new(OnHand, Value);

    public PriceVersion PriceAt(LocalDate date) =>
        Prices.Where(p => p.EffectiveFrom <= date).OrderBy(p => p.EffectiveFrom).LastOrDefault() ?? Prices.OrderBy(p => p.EffectiveFrom).First();

    /// <summary>The best flash sale running at <paramref name="moment"/> for a unit price (the buyer gets the largest).</summary>
    public FlashDiscount? BestDiscountAt(Instant moment, decimal price) =>
        Discounts.Where(d => d.IsActiveAt(moment)).OrderByDescending(d => d.PerUnit(price)).ThenBy(d => d.StartsAt).FirstOrDefault();

    public static ShopProduct? Evolve(ShopProduct? state, object @event) => @event switch
    {
        ProductCreated e => new ShopProduct(e.ProductId, e.UnitId, e.Sku, e.Name, e.Uom, e.Consigned,
            [new PriceVersion(e.Meta.BusinessDate, e.MemberPrice, e.PublicPrice)], [], 0m, 0m, 0m, 0m, 0m, e.Meta.BusinessDate, e.Meta.BusinessDate),
        _ when state is null => null,
        ProductPriceChanged e => state with
        {
            Prices = state.Prices.Where(p => p.EffectiveFrom != e.EffectiveFrom).Append(new PriceVersion(e.EffectiveFrom, e.MemberPrice, e.PublicPrice))
                .OrderBy(p => p.EffectiveFrom).ToList(),
        },
        ProductRenamed e => state with { Name = e.Name },
        ProductDeactivated => state with { Inactive = true },
        ProductReactivated => state with { Inactive = false },
        ProductDiscountScheduled e => state with
        {
            Discounts = [.. state.Discounts, new FlashDiscount(e.DiscountId, e.Kind, e.Value, e.StartsAt, e.EndsAt, e.Label)],
        },
        StockReceived e => state with
        {
            OnHand = state.OnHand + e.Quantity, Value = state.Value + e.Value, LastMovementOn = Later(state.LastMovementOn, e.Meta.BusinessDate),
            LastUnitCost = e.UnitCost,
        },
        // Stock on hand moved in from the old books at the cut-over (docs/adr/0035): like a receipt, at the old average cost.
        Imports.ProductOpeningStockRecorded e => state with
        {
            OnHand = state.OnHand + e.Quantity, Value = state.Value + e.Value, LastMovementOn = Later(state.LastMovementOn, e.Meta.BusinessDate),
            LastUnitCost = e.AverageCost,
        },
        StockReserved e => state with { Reserved = state.Reserved + e.Quantity },
        StockReleased e => state with { Reserved = state.Reserved - e.Quantity },
        StockSold e => state with
        {
            OnHand = state.OnHand - e.Quantity,
            Value = state.Value - e.Cost,
            Reserved = e.FromReservation ? state.Reserved - e.Quantity : state.Reserved,
            AwaitingShipment = e.AwaitsShipment ? state.AwaitingShipment + e.Quantity : state.AwaitingShipment,
            LastMovementOn = Later(state.LastMovementOn, e.Meta.BusinessDate),
            // Keep a cost basis for a later surplus when this sale empties the shelf.
            LastUnitCost = state.OnHand > 0 ? decimal.Round(state.Value / state.OnHand, 4, MidpointRounding.AwayFromZero) : state.LastUnitCost,
        },
        StockShipped e => state with { AwaitingShipment = state.AwaitingShipment - e.Quantity },
        StockRestocked e => state with
        {
            OnHand = state.OnHand + e.Quantity,
            Value = state.Value + e.Cost,
            AwaitingShipment = e.WasShipped ? state.AwaitingShipment : state.AwaitingShipment - e.Quantity,
            LastMovementOn = Later(state.LastMovementOn, e.Meta.BusinessDate),
        },
        StockAdjusted e => state with
        {
            OnHand = state.OnHand + e.QuantityChange, Value = state.Value + e.ValueChange, LastMovementOn = Later(state.LastMovementOn, e.Meta.BusinessDate),
        },
        StockCounted e => state with
        {
            OnHand = state.OnHand + e.QuantityChange, Value = state.Value + e.ValueChange, LastMovementOn = Later(state.LastMovementOn, e.Meta.BusinessDate),
        },
        _ => state,
    };

    private static LocalDate Later(LocalDate a, LocalDate b) => a > b ? a : b;
}

public sealed record CreateProduct(Guid ProductId, string? Sku, string? Name, string? Uom, decimal? MemberPrice, decimal? PublicPrice);

/// <summary>Pure decisions about products and their stock.</summary>
public static partial class ShopProductDecider
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")]
    private static partial Regex SkuPattern();

    public static ProductCreated Create(CreateProduct command, ShopUnit unit, EventMeta meta)
    {
        var errors = new Dictionary<string, string[]>();
        var sku = SkuOf(command.Sku);
        if (sku is null || !SkuPattern().IsMatch(sku))
            errors["sku"] = ["The SKU is 1-40 letters, digits, dots, dashes or underscores."];
        var name = command.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200) errors["name"] = ["The name is required (at most 200 characters)."];
        var uom = command.Uom?.Trim().ToLowerInvariant() ?? Uoms.Pcs;
        if (!Uoms.IsValid(uom)) errors["unit"] = [$"The unit of measure is one of: {string.Join(", ", Uoms.All)}."];
        CheckPrices(command.MemberPrice, command.PublicPrice, errors);
        if (errors.Count > 0) throw new DomainException(ErrorCodes.ValidationFailed, "The product could not be created.", errors);
        return new ProductCreated(command.ProductId, unit.Id, sku!, name!, uom, command.MemberPrice!.Value, command.PublicPrice!.Value,
            unit.Kind == UnitKind.Seller, meta);
    }

    /// <summary>A SKU as stored (trimmed, upper case), or null when none was given: what "is this SKU taken?" compares.</summary>
    public static string? SkuOf(string? sku) => sku?.Trim().ToUpperInvariant();

    /// <summary>
    /// <see cref="Create(CreateProduct, ShopUnit, EventMeta)"/> and then uniqueness: a SKU another product of the koperasi holds is
    /// 409 <c>conflict</c> on the field (the product's own rules are reported first).
    /// </summary>
    public static ProductCreated Create(CreateProduct command, ShopUnit unit, bool skuTaken, EventMeta meta)
    {
        var created = Create(command, unit, meta);
        if (skuTaken)
            throw new DomainException(ErrorCodes.Conflict, $"A product with SKU {created.Sku} already exists.",
                new Dictionary<string, string[]> { ["sku"] = ["This SKU is taken."] });
        return created;
    }

    private static void CheckPrices(decimal? memberPrice, decimal? publicPrice, Dictionary<string, string[]> errors)
    {
        void Check(decimal? price, string field)
        {
            if (price is null) { errors[field] = ["The price is required."]; return; }
            try { Money.RequirePositive(price.Value, field); }
            catch (DomainException e) { errors[field] = [e.Message]; }
        }
        Check(memberPrice, "memberPrice");
        Check(publicPrice, "publicPrice");
        // The member price is a member benefit: never dearer than what the public pays.
        if (errors.Count == 0 && memberPrice > publicPrice)
            errors["memberPrice"] = ["The member price cannot be higher than the public price."];
    }

    /// <summary>New prices take effect today or later: orders already placed keep theirs, and history is never repriced.</summary>
    public static ProductPriceChanged ChangePrice(ShopProduct? product, decimal? memberPrice, decimal? publicPrice, LocalDate? effectiveFrom,
        LocalDate today, EventMeta meta)
    {
        if (product is null) throw DomainException.NotFound("The product");
        var errors = new Dictionary<string, string[]>();
        CheckPrices(memberPrice, publicPrice, errors);
        if (effectiveFrom is { } from && from < today)
            errors["effectiveFrom"] = [$"A price change cannot take effect before today ({today:yyyy-MM-dd})."];
        if (errors.Count > 0) throw new DomainException(ErrorCodes.ValidationFailed, "The price could not be changed.", errors);
        return new ProductPriceChanged(product.Id, effectiveFrom ?? today, memberPrice!.Value, publicPrice!.Value, meta);
    }

    public static ProductRenamed Rename(ShopProduct? product, string? name, EventMeta meta)
    {
        if (product is null) throw DomainException.NotFound("The product");
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > 200) throw DomainException.Validation("name", "The name is required (at most 200 characters).");
        return new ProductRenamed(product.Id, trimmed, meta);
    }

    public static ProductDeactivated Deactivate(ShopProduct? product, string? reason, EventMeta meta)
    {
        if (product is null) throw DomainException.NotFound("The product");
        if (reason is { Length: > 500 }) throw DomainException.Validation("reason", "At most 500 characters.");
        if (product.Inactive) throw DomainException.InvalidState($"{product.Sku} is already deactivated.");
        return new ProductDeactivated(product.Id, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), meta);
    }

    public static ProductReactivated Reactivate(ShopProduct? product, EventMeta meta)
    {
        if (product is null) throw DomainException.NotFound("The product");
        if (!product.Inactive) throw DomainException.InvalidState($"{product.Sku} is already being sold.");
        return new ProductReactivated(product.Id, meta);
    }

    public static ProductDiscountScheduled ScheduleDiscount(ShopProduct? product, Guid discountId, string? kind, decimal? value, Instant? startsAt,
        Instant? endsAt, string? label, EventMeta meta)
    {
        if (product is null) throw DomainException.NotFound("The product");
        var errors = new Dictionary<string, string[]>();
        if (!DiscountKinds.IsValid(kind)) errors["kind"] = ["The kind is 'percent' or 'amount'."];
        if (value is null || value <= 0) errors["value"] = ["The discount must be greater than zero."];
        else if (kind == DiscountKinds.Percent && (value >= 100 || decimal.Round(value.Value, 2) != value))
            errors["value"] = ["A percent discount is above 0 and below 100, with at most 2 decimals."];
        else if (kind == DiscountKinds.Amount && (decimal.Round(value.Value, 2) != value || value > product.Prices.Max(p => p.PublicPrice)))
            errors["value"] = ["An amount discount has at most 2 decimals and is not more than the price."];
        if (startsAt is null) errors["startsAt"] = ["When the sale starts is required."];
        if (endsAt is null) errors["endsAt"] = ["When the sale ends is required."];
        else if (startsAt is not null && endsAt <= startsAt) errors["endsAt"] = ["The sale must end after it starts."];
        else if (endsAt <= meta.RecordedAt) errors["endsAt"] = ["The sale would already be over."];
        if (label is { Length: > 100 }) errors["label"] = ["At most 100 characters."];
        if (errors.Count > 0) throw new DomainException(ErrorCodes.ValidationFailed, "The discount could not be scheduled.", errors);
        return new ProductDiscountScheduled(product.Id, discountId, kind!, value!.Value, startsAt!.Value, endsAt!.Value, label?.Trim(), meta);
    }

    /// <summary>Stock moves in date order, so an average cost is always that of the goods on hand that day.</summary>
    private static void RequireDateOrder(ShopProduct product, LocalDate date, string field = "businessDate")
    {
        if (date < product.LastMovementOn)
            throw DomainException.Validation(field,
                $"{product.Sku} already moved on {product.LastMovementOn:yyyy-MM-dd}; stock movements are recorded in date order.");
        if (date < product.CreatedOn)
            throw DomainException.Validation(field, $"{product.Sku} did not exist yet on {date:yyyy-MM-dd}.");
    }

    public static StockReceived Receive(ShopProduct product, Guid receiptId, string supplier, decimal quantity, decimal? unitCost, string payment,
        string field, EventMeta meta)
    {
        Uoms.RequireQuantity(quantity, product.Uom, $"{field}.quantity");
        decimal cost;
        if (product.Consigned)
        {
            // A seller's goods are not bought: the koperasi holds them and pays the seller when they sell.
            if (unitCost is not null and not 0)
                throw DomainException.Validation($"{field}.unitCost", $"{product.Sku} is a seller's consigned product: it has no purchase cost.");
            cost = 0m;
        }
        else
        {
            if (unitCost is null) throw DomainException.Validation($"{field}.unitCost", "The unit cost is required.");
            cost = Money.RequirePositive(unitCost.Value, $"{field}.unitCost");
        }
        RequireDateOrder(product, meta.BusinessDate);
        return new StockReceived(product.Id, product.UnitId, receiptId, supplier, quantity, cost, StockPosition.ReceiptValue(quantity, cost), payment, meta);
    }

    public static StockReserved Reserve(ShopProduct product, Guid orderId, decimal quantity, EventMeta meta)
    {
        if (quantity > product.Available)
            throw new DomainException(ErrorCodes.InsufficientStock,
                $"{product.Sku} has {product.Available} {product.Uom} available; {quantity} cannot be reserved.");
        return new StockReserved(product.Id, orderId, quantity, meta);
    }

    public static StockReleased Release(ShopProduct product, Guid orderId, decimal quantity, EventMeta meta) =>
        new(product.Id, orderId, quantity, meta);

    /// <summary>
    /// Units leave the stock at the moving average of this moment. Reserved units were held for this
    /// order; unreserved ones (a marketplace import) must be available now.
    /// </summary>
    public static StockSold Sell(ShopProduct product, Guid orderId, decimal quantity, bool fromReservation, bool awaitsShipment,
        CounterpartyClass buyer, Guid? memberId, EventMeta meta)
    {
        var free = fromReservation ? product.OnHand : product.Available;
        if (quantity > free)
            throw new DomainException(ErrorCodes.InsufficientStock,
                $"{product.Sku} has {free} {product.Uom} in stock for this sale; {quantity} cannot be sold (a count may have found less).");
        RequireDateOrder(product, meta.BusinessDate);
        return new StockSold(product.Id, product.UnitId, orderId, quantity, product.Position.CostOf(quantity), fromReservation, awaitsShipment,
            buyer, memberId, meta);
    }

    public static StockShipped Ship(ShopProduct product, Guid orderId, decimal quantity, EventMeta meta) => new(product.Id, orderId, quantity, meta);

    public static StockRestocked Restock(ShopProduct product, Guid orderId, Guid? returnId, decimal quantity, decimal cost, bool wasShipped,
        CounterpartyClass buyer, Guid? memberId, EventMeta meta)
    {
        RequireDateOrder(product, meta.BusinessDate);
        return new StockRestocked(product.Id, product.UnitId, orderId, returnId, quantity, cost, wasShipped, buyer, memberId, meta);
    }

    /// <summary>
    /// A correction with a reason. Removing takes value at the average; adding is valued at the given
    /// unit cost, else at the average (or the last known cost when the shelf is empty).
    /// </summary>
    public static StockAdjusted Adjust(ShopProduct? product, Guid adjustmentId, decimal? quantityChange, decimal? unitCost, string? reason, EventMeta meta)
    {
        if (product is null) throw DomainException.Validation("productId", "No such product in this koperasi.");
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 500)
            throw DomainException.Validation("reason", "Give the reason for the adjustment (at most 500 characters).");
        if (quantityChange is null or 0) throw DomainException.Validation("quantity", "The quantity change is required and not zero (negative removes).");
        var q = quantityChange.Value;
        Uoms.RequireQuantity(Math.Abs(q), product.Uom, "quantity");
        RequireDateOrder(product, meta.BusinessDate);
        decimal value;
        if (q < 0)
        {
            if (unitCost is not null) throw DomainException.Validation("unitCost", "Units removed leave at the average cost; give no unit cost.");
            if (-q > product.Available)
                throw new DomainException(ErrorCodes.InsufficientStock,
                    $"{product.Sku} has {product.Available} {product.Uom} available (not reserved); {-q} cannot be removed.");
            value = -product.Position.CostOf(-q);
        }
        else if (product.Consigned)
        {
            if (unitCost is not null and not 0) throw DomainException.Validation("unitCost", $"{product.Sku} is consigned: it has no cost.");
            value = 0m;
        }
        else if (unitCost is { } c)
            value = StockPosition.ReceiptValue(q, Money.RequirePositive(c, "unitCost"));
        else
        {
            if (product.OnHand == 0 && product.LastUnitCost == 0)
                throw DomainException.Validation("unitCost", $"{product.Sku} has no cost yet: give the unit cost of the goods added.");
            value = product.Position.ValueOfSurplus(q, product.LastUnitCost);
        }
        return new StockAdjusted(product.Id, product.UnitId, adjustmentId, q, value, reason.Trim(), meta);
    }

    /// <summary>
    /// A count of what is physically there, packed parcels of paid orders included (they are still on
    /// the shelf). The difference from the books is a shortage (at the average cost) or a surplus.
    /// </summary>
    public static StockCounted Count(ShopProduct product, Guid countId, decimal counted, string field, EventMeta meta)
    {
        Uoms.RequireCount(counted, product.Uom, field);
        RequireDateOrder(product, meta.BusinessDate);
        var expected = product.OnHand + product.AwaitingShipment;
        var change = counted - expected;
        if (product.OnHand + change < 0)
            throw new DomainException(ErrorCodes.InsufficientStock,
                $"{product.Sku}: {counted} counted but {product.AwaitingShipment} are packed for paid orders; ship or cancel those first.");
        var value = change switch
        {
            < 0 => -product.Position.CostOf(-change),
            > 0 when !product.Consigned => product.Position.ValueOfSurplus(change, product.LastUnitCost),
            _ => 0m,
        };
        return new StockCounted(product.Id, product.UnitId, countId, expected, counted, change, value, meta);
    }
}
