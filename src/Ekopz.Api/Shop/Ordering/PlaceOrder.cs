using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Members;
using Ekopz.Domain.Shop;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Ekopz.Api.Shop.Ordering;

public sealed record OrderLineInput(Guid? ProductId, decimal? Quantity);

/// <param name="MemberId">The buyer when a member: member prices only while the member is active. Omit for a walk-in or public buyer.</param>
/// <param name="Channel">web, mobile, counter or marketplace (marketplace orders normally arrive through the import).</param>
/// <param name="VoucherCode">A voucher to use; its discount is spread over the lines.</param>
/// <param name="ShipTo">Where the courier takes it (web and mobile orders).</param>
public sealed record PlaceOrderRequest(Guid? MemberId, string? Channel, IReadOnlyList<OrderLineInput>? Lines, string? VoucherCode = null,
    string? ShipTo = null, LocalDate? BusinessDate = null);

/// <summary>What the place logic needs, however the order arrived (API or marketplace import).</summary>
public sealed record NewOrder(Guid OrderId, Guid? MemberId, string? Channel, IReadOnlyList<OrderLineRequest>? Lines, string? VoucherCode, string? ShipTo,
    decimal? ShippingCharge, string? Marketplace, string? ExternalId);

/// <summary>
/// Places an order: prices it for the buyer, applies flash sales and the voucher, quotes shipping
/// through <see cref="IShippingRates"/>, and reserves every line on its product stream under a row
/// lock. Two orders racing for the last unit: one reserves it, the other is refused with 422
/// <c>insufficient_stock</c>, and nothing of the refused order is written. On Wolverine's write path (docs/adr/0039): the locks are
/// the products' (by id), then the voucher's; the new order's stream has none to take.
/// </summary>
public static class PlaceOrderEndpoint
{
    /// <summary>The command's context, before the endpoint runs (docs/adr/0025).</summary>
    public static Task<CommandScope> LoadAsync(string kop, HttpContext http, IDocumentSession session, KoperasiContextCache contexts,
        IClock clock) => WritePath.Scope(kop, http, session, contexts, clock);

    /// <summary>Place a shop order</summary>
    /// <remarks>
    /// Kasir, pengurus or pengelola toko for a member or a walk-in buyer (channel <c>counter</c>, <c>web</c>, ...); an anggota
    /// for themself. Prices it for the buyer (member or public prices), applies flash sales and the voucher, quotes shipping, and
    /// reserves every line on its product stream under a row lock: two orders racing for the last unit, one gets it and the other
    /// is 422 <c>insufficient_stock</c> with nothing written. A deactivated product is 422 <c>invalid_state</c>. Pay it with
    /// payShopOrder. Send an <c>Idempotency-Key</c> header to retry safely: a repeat answers the first answer and records nothing
    /// twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/shop/orders", OperationId = "placeShopOrder")]
    [Authorize(Policy = Policies.ShopBuy)]
    [Tags("Shop")]
    [ProducesResponseType<OrderView>(201)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(403)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static async Task<IResult> Post(PlaceOrderRequest request, HttpContext http, CommandScope scope, IShippingRates shipping)
    {
        var key = IdempotencyKeys.Of(http, scope.Caller, request);
        await WritePath.SerializeKey(scope, key, http.RequestAborted);
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;
        return IdempotencyKeys.Answer(scope.Session, key, await Handle(scope, request, shipping, http.RequestAborted), scope.Now);
    }

    /// <summary>The placing, shared by the endpoint and the demo seeder (docs/adr/0042).</summary>
    public static async Task<CommandResult> Handle(CommandScope scope, PlaceOrderRequest request, IShippingRates shipping, CancellationToken ct)
    {
        var date = scope.BusinessDate(request.BusinessDate);
        var memberId = request.MemberId;
        if (scope.Caller.IsMemberOnly)
        {
            // An anggota orders for themselves, from the app.
            memberId ??= scope.Caller.MemberId;
            if (memberId != scope.Caller.MemberId)
                throw new DomainException(ErrorCodes.Forbidden, "A member places orders for themselves only.");
            if (request.Channel?.ToLowerInvariant() is not (Channels.Web or Channels.Mobile))
                throw DomainException.Validation("channel", "A member orders through the web or mobile channel.");
        }
        var products = await LockedProducts.Fetch(scope.Session, (request.Lines ?? []).Select(l => l.ProductId));
        var order = await Place(scope, new NewOrder(Guid.NewGuid(), memberId, request.Channel,
            request.Lines?.Select(l => new OrderLineRequest(l.ProductId, l.Quantity)).ToList(), request.VoucherCode, request.ShipTo, null, null, null),
            products, shipping, scope.Meta(date, Channels.Web), ct);
        return CommandResult.Created(OrderView.Of(order));
    }

    /// <summary>
    /// The place logic, shared with the marketplace import. <paramref name="meta"/>'s channel is
    /// replaced by the order's own channel.
    /// </summary>
    /// <param name="contact">A storefront buyer's contact, kept on the order (docs/adr/0023).</param>
    /// <param name="storefront">Placed through the public storefront: no unit rule applies to the caller (anyone may buy there).</param>
    public static async Task<ShopOrder> Place(CommandScope scope, NewOrder input, LockedProducts products, IShippingRates shipping, EventMeta meta,
        CancellationToken ct, WebBuyer? contact = null, bool storefront = false)
    {
        var buyer = input.MemberId is { } m ? await scope.Session.LoadAsync<Member>(m, ct) : null;
        var priced = ShopOrderDecider.Price(input.OrderId, input.Channel, input.MemberId, buyer, input.Lines, products.States, input.ShipTo,
            input.Marketplace, input.ExternalId, meta);
        meta = meta with { Channel = priced.Channel };
        var unit = await ShopAccess.Unit(scope.Session, priced.UnitId);
        if (!scope.Caller.IsMemberOnly && !storefront) ShopAccess.Sell(scope.Caller, unit);

        JasperFx.Events.IEventStream<ShopVoucher>? voucherStream = null;
        if (!string.IsNullOrWhiteSpace(input.VoucherCode))
        {
            var voucherId = ShopVoucher.StreamId(scope.Tenant, input.VoucherCode);
            ShopVoucher? voucher = null;
            if (await scope.Session.LoadAsync<ShopVoucher>(voucherId, ct) is not null)
            {
                // Locked: a usage limit of N lets exactly N racing orders through.
                voucherStream = await scope.Session.Events.FetchForExclusiveWriting<ShopVoucher>(voucherId, ct);
                voucher = voucherStream.Aggregate;
            }
            var (withVoucher, redeemed) = ShopOrderDecider.ApplyVoucher(priced, voucher, meta);
            priced = withVoucher;
            voucherStream!.AppendOne(redeemed);
        }

        var charge = input.ShippingCharge ?? 0m;
        if (input.ShippingCharge is null && OrderChannels.Ships(priced.Channel) && priced.Channel != Channels.Marketplace)
        {
            var settings = await ShopAccess.Settings(scope.Session, scope.Tenant, meta.BusinessDate);
            charge = (await shipping.Quote(new ShippingRateRequest(scope.Tenant, priced.ShipTo, priced.Quantity, priced.Goods, settings), ct)).Cost;
        }

        var (placed, reservations) = ShopOrderDecider.Place(priced, charge, products.States, meta);
        if (contact is not null) placed = placed with { Contact = contact };
        products.AppendAll(reservations);
        scope.Session.Events.StartStream<ShopOrder>(placed.OrderId, placed);
        return ShopOrder.Evolve(null, placed)!;
    }
}
