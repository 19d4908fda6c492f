using System.Text.RegularExpressions;
using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Shop;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Ekopz.Api.Shop.Ordering;

/// <param name="ProductId">Or <c>sku</c>: marketplace exports carry the seller's SKU.</param>
/// <param name="UnitPrice">The price the marketplace sold at (default: the public price).</param>
public sealed record MarketplaceLineInput(Guid? ProductId, string? Sku, decimal? Quantity, decimal? UnitPrice = null);

/// <param name="ExternalId">The marketplace's order number: importing it again changes nothing.</param>
/// <param name="MemberId">When the buyer is known to be a member (member price unless a unit price is given).</param>
public sealed record MarketplaceOrderInput(string? ExternalId, Guid? MemberId, IReadOnlyList<MarketplaceLineInput>? Lines, LocalDate? BusinessDate = null,
    decimal? ShippingCharge = null, string? ShipTo = null);

public sealed record MarketplaceImportRequest(string? Marketplace, IReadOnlyList<MarketplaceOrderInput>? Orders);

public sealed record ImportedOrder(string ExternalId, Guid OrderId, decimal Total, string Status);

public sealed record SkippedOrder(string ExternalId, Guid OrderId, string Reason);

public sealed record MarketplaceImportResponse(string Marketplace, IReadOnlyList<ImportedOrder> Imported, IReadOnlyList<SkippedOrder> Skipped);

/// <summary>
/// Orders sold on a marketplace (Tokopedia, Shopee, ...) enter the same books: each is placed and paid
/// at once (the marketplace collected the money; it arrives in the bank) through the same code as
/// any order, then shipped and delivered as usual. The order id is derived from the marketplace and
/// its order number, so an order imported twice is skipped. One import is one transaction: a
/// refused order (no stock, unknown product) refuses the whole file, with the order's index in the error.
/// </summary>
public static partial class ImportMarketplaceOrdersEndpoint
{
    /// <summary>The command's context, before the endpoint runs (docs/adr/0025).</summary>
    public static Task<CommandScope> LoadAsync(string kop, HttpContext http, IDocumentSession session, KoperasiContextCache contexts,
        IClock clock) => WritePath.Scope(kop, http, session, contexts, clock);

    public const int MaxOrders = 500;

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{1,39}$")]
    private static partial Regex MarketplacePattern();

    public static Guid OrderId(string slug, string marketplace, string externalId) =>
        DeterministicGuid.Create($"marketplace-order:{slug}:{marketplace}:{externalId}");

    /// <summary>Import orders sold on a marketplace</summary>
    /// <remarks>
    /// Pengurus or pengelola toko. Orders from Tokopedia, Shopee, ... enter the same books: each is placed and paid at once (the
    /// marketplace collected the money; it arrives in the bank), then shipped and delivered as usual. The order id is derived
    /// from the marketplace and its order number, so an order imported twice is skipped. One import is one transaction: a refused
    /// order (no stock, unknown product) refuses the whole file, with the order's index in the error.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/shop/marketplace-imports", OperationId = "importMarketplaceOrders")]
    [Authorize(Policy = Policies.ShopManage)]
    [Tags("Shop")]
    [ProducesResponseType<MarketplaceImportResponse>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static async Task<IResult> Post(MarketplaceImportRequest request, HttpContext http, CommandScope scope, IShippingRates shipping)
    {
        var key = IdempotencyKeys.Of(http, scope.Caller, request);
        await WritePath.SerializeKey(scope, key, http.RequestAborted);
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;
        return IdempotencyKeys.Answer(scope.Session, key, await Handle(scope, request, shipping, http.RequestAborted), scope.Now);
    }

    public static async Task<CommandResult> Handle(CommandScope scope, MarketplaceImportRequest request, IShippingRates shipping, CancellationToken ct)
    {
        var marketplace = request.Marketplace?.Trim().ToLowerInvariant();
        if (marketplace is null || !MarketplacePattern().IsMatch(marketplace))
            throw DomainException.Validation("marketplace", "Name the marketplace (2-40 lowercase letters, digits, dashes), e.g. tokopedia.");
        if (request.Orders is null || request.Orders.Count == 0 || request.Orders.Count > MaxOrders)
            throw DomainException.Validation("orders", $"An import has 1-{MaxOrders} orders.");
        var ids = new HashSet<string>();
        for (var i = 0; i < request.Orders.Count; i++)
        {
            var ext = request.Orders[i].ExternalId?.Trim();
            if (string.IsNullOrEmpty(ext) || ext.Length > 100) throw DomainException.Validation($"orders[{i}].externalId", "The marketplace order number is required.");
            if (!ids.Add(ext)) throw DomainException.Validation($"orders[{i}].externalId", $"Order {ext} appears twice in this import.");
        }

        // Lines may name a SKU instead of a product id.
        var skus = request.Orders.SelectMany(o => o.Lines ?? []).Where(l => l.ProductId is null && l.Sku is not null)
            .Select(l => l.Sku!.Trim().ToUpperInvariant()).Distinct().ToList();
        var bySku = skus.Count == 0 ? new Dictionary<string, Guid>()
            : (await scope.Session.Query<ShopProduct>().Where(p => skus.Contains(p.Sku)).ToListAsync(ct)).ToDictionary(p => p.Sku, p => p.Id);
        Guid? Resolve(MarketplaceLineInput l) => l.ProductId ?? (l.Sku is not null && bySku.TryGetValue(l.Sku.Trim().ToUpperInvariant(), out var id) ? id : null);

        var products = await LockedProducts.Fetch(scope.Session, request.Orders.SelectMany(o => o.Lines ?? []).Select(Resolve));
        var imported = new List<ImportedOrder>();
        var skipped = new List<SkippedOrder>();
        for (var i = 0; i < request.Orders.Count; i++)
        {
            var input = request.Orders[i];
            var externalId = input.ExternalId!.Trim();
            var orderId = OrderId(scope.Tenant, marketplace, externalId);
            if (await scope.Session.LoadAsync<ShopOrder>(orderId, ct) is { } existing)
            {
                skipped.Add(new SkippedOrder(externalId, orderId, $"already imported ({existing.Status.StatusName()})"));
                continue;
            }
            try
            {
                if (input.ShippingCharge is { } sc && (sc < 0 || decimal.Round(sc, 2) != sc))
                    throw DomainException.Validation("shippingCharge", "The shipping charge is at least 0 with at most 2 decimals.");
                var date = scope.BusinessDate(input.BusinessDate);
                var meta = scope.Meta(date, Channels.Marketplace);
                var order = await PlaceOrderEndpoint.Place(scope, new NewOrder(orderId, input.MemberId, Channels.Marketplace,
                        input.Lines?.Select(l => new OrderLineRequest(Resolve(l), l.Quantity, l.UnitPrice)).ToList(), null, input.ShipTo,
                        input.ShippingCharge ?? 0m, marketplace, externalId),
                    products, shipping, meta, ct);
                var percent = (await ShopAccess.Settings(scope.Session, scope.Tenant, date)).CommissionPercent;
                order = await OrderActionEndpoints.PayLoaded(scope, order, "marketplace", CashPoints.Bank, percent, products, meta);
                imported.Add(new ImportedOrder(externalId, orderId, order.Total, order.Status.StatusName()));
            }
            catch (DomainException e)
            {
                // Name the order in the file that was refused.
                var errors = (e.Errors ?? new Dictionary<string, string[]> { ["$"] = [e.Message] })
                    .ToDictionary(kv => $"orders[{i}].{kv.Key}", kv => kv.Value);
                throw new DomainException(e.Code, $"Order {externalId}: {e.Message}", errors);
            }
        }
        return CommandResult.Ok(new MarketplaceImportResponse(marketplace, imported, skipped));
    }
}
