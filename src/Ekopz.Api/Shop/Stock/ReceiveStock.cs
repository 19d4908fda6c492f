using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Shop;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Ekopz.Api.Shop.Stock;

public sealed record ReceiptLineRequest(Guid? ProductId, decimal? Quantity, decimal? UnitCost);

/// <param name="Payment"><c>cash</c> (kas, the default), <c>transfer</c> (bank) or <c>credit</c> (owed to the supplier).</param>
public sealed record StockReceiptRequest(string? Supplier, LocalDate? BusinessDate, IReadOnlyList<ReceiptLineRequest>? Lines, string? Payment = null);

public sealed record ReceiptLineView(Guid ProductId, string Sku, decimal Quantity, decimal UnitCost, decimal Value, decimal OnHand, decimal AverageCost);

public sealed record StockReceiptResponse(Guid ReceiptId, string Supplier, LocalDate BusinessDate, string Payment, decimal Total,
    IReadOnlyList<ReceiptLineView> Lines);

/// <summary>
/// Procurement: goods received from a supplier at a unit cost. Each line raises the product's stock
/// and value (moving average) and posts Dr inventory / Cr kas, bank or suppliers payable, in one transaction.
/// </summary>
public static class ReceiveStockEndpoint
{
    public const int MaxLines = 200;

    /// <summary>The command's context, before the endpoint runs (docs/adr/0025).</summary>
    public static Task<CommandScope> LoadAsync(string kop, HttpContext http, IDocumentSession session, KoperasiContextCache contexts,
        IClock clock) => WritePath.Scope(kop, http, session, contexts, clock);

    /// <summary>Receive goods from a supplier</summary>
    /// <remarks>
    /// Pengurus or pengelola toko. Each line raises the product's stock and value at the unit cost (moving average cost) and
    /// posts Dr inventory / Cr kas, bank or suppliers payable, in one transaction. Send an <c>Idempotency-Key</c> header to retry
    /// safely: a repeat answers the first answer and records nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/shop/stock-receipts", OperationId = "receiveShopStock")]
    [Authorize(Policy = Policies.ShopManage)]
    [Tags("Shop")]
    [ProducesResponseType<StockReceiptResponse>(201)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(403)]
    public static async Task<IResult> Post(StockReceiptRequest request, HttpContext http, CommandScope scope)
    {
        // The products' row locks first (in id order, as every order takes them, docs/adr/0039), the Idempotency-Key under them.
        var products = await LockedProducts.Fetch(scope.Session, request.Lines?.Select(l => l.ProductId) ?? []);
        var key = IdempotencyKeys.Of(http, scope.Caller, request);
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;
        return IdempotencyKeys.Answer(scope.Session, key, await Receive(scope, request, products), scope.Now);
    }

    /// <summary>The same receipt for the demo seeder (docs/adr/0042): the same locks and decision.</summary>
    public static async Task<CommandResult> Handle(CommandScope scope, StockReceiptRequest request) =>
        await Receive(scope, request, await LockedProducts.Fetch(scope.Session, request.Lines?.Select(l => l.ProductId) ?? []));

    private static async Task<CommandResult> Receive(CommandScope scope, StockReceiptRequest request, LockedProducts products)
    {
        var units = await StockUnits.Of(scope.Session, products);
        var (events, response) = Decide(scope, request, Guid.NewGuid(), products.States, units);
        products.AppendAll(events);
        return CommandResult.Created(response);
    }

    /// <summary>
    /// The decision, pure: the supplier, payment and lines, the business date, every line's product, the caller manages each
    /// product's unit, then <see cref="ShopProductDecider.Receive"/> line by line (the answer shows each product after its line).
    /// </summary>
    public static (IReadOnlyList<StockReceived> Events, StockReceiptResponse Response) Decide(CommandScope scope, StockReceiptRequest request,
        Guid receiptId, IReadOnlyDictionary<Guid, ShopProduct> products, IReadOnlyDictionary<Guid, ShopUnit> units)
    {
        var supplier = request.Supplier?.Trim();
        if (string.IsNullOrEmpty(supplier) || supplier.Length > 200) throw DomainException.Validation("supplier", "Name the supplier (at most 200 characters).");
        var payment = request.Payment?.Trim().ToLowerInvariant() ?? "cash";
        if (payment is not ("cash" or "transfer" or "credit")) throw DomainException.Validation("payment", "The payment is cash, transfer or credit.");
        if (request.Lines is null || request.Lines.Count == 0 || request.Lines.Count > MaxLines)
            throw DomainException.Validation("lines", $"A receipt has 1-{MaxLines} lines.");
        var date = scope.BusinessDate(request.BusinessDate);
        var meta = scope.Meta(date, payment == "cash" ? Channels.Counter : Channels.Transfer);

        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < request.Lines.Count; i++)
        {
            if (request.Lines[i].ProductId is not { } pid || !products.ContainsKey(pid)) errors[$"lines[{i}].productId"] = ["No such product in this koperasi."];
            else if (request.Lines[i].Quantity is null) errors[$"lines[{i}].quantity"] = ["The quantity is required."];
        }
        if (errors.Count > 0) throw new DomainException(ErrorCodes.ValidationFailed, "The receipt is not valid.", errors);
        foreach (var unitId in request.Lines.Select(l => products[l.ProductId!.Value].UnitId).Distinct())
            ShopAccess.Manage(scope.Caller, units[unitId]);

        var states = products.ToDictionary();
        var events = new List<StockReceived>();
        var views = new List<ReceiptLineView>();
        for (var i = 0; i < request.Lines.Count; i++)
        {
            var line = request.Lines[i];
            var product = states[line.ProductId!.Value];
            var received = ShopProductDecider.Receive(product, receiptId, supplier, line.Quantity!.Value, line.UnitCost, payment, $"lines[{i}]", meta);
            events.Add(received);
            var after = states[product.Id] = ShopProduct.Evolve(product, received)!;
            views.Add(new ReceiptLineView(product.Id, product.Sku, received.Quantity, received.UnitCost, received.Value, after.OnHand,
                after.Position.AverageCost));
        }
        return (events, new StockReceiptResponse(receiptId, supplier, date, payment, views.Sum(v => v.Value), views));
    }
}

/// <summary>The units of the products a stock write touches (read, not locked: a unit's managers decide who may write).</summary>
internal static class StockUnits
{
    public static async Task<IReadOnlyDictionary<Guid, ShopUnit>> Of(IQuerySession session, LockedProducts products)
    {
        var units = new Dictionary<Guid, ShopUnit>();
        foreach (var unitId in products.States.Values.Select(p => p.UnitId).Distinct())
            units[unitId] = await ShopAccess.Unit(session, unitId);
        return units;
    }
}
