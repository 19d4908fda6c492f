using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Shop;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Ekopz.Api.Shop.Ordering;

public sealed record ReturnLineInput(Guid? ProductId, decimal? Quantity);

/// <param name="Restock">True (default): the goods go back on the shelf at the cost they left at. False: they are thrown away (their cost stays in cost of goods sold).</param>
/// <param name="Method">How the refund is paid: cash (kas) or transfer (bank); default: the way the order was paid.</param>
public sealed record ReturnOrderRequest(IReadOnlyList<ReturnLineInput>? Lines, string? Reason, bool? Restock = null, string? Method = null,
    LocalDate? BusinessDate = null);

public sealed record ReturnResponse(Guid ReturnId, Guid OrderId, decimal Refund, bool Restocked, OrderView Order);

/// <summary>
/// A return after delivery: the units' share of what was paid is refunded (shipping is not), the sale
/// reversed on the same sales account, and the goods restocked at the cost they left at. For a
/// seller's order the seller gives back the refund and the koperasi the commission on it.
/// </summary>
public static class ReturnOrderEndpoint
{
    /// <summary>Return goods of a delivered order</summary>
    /// <remarks>
    /// Kasir, pengurus or pengelola toko. The returned units' share of what was paid is refunded (shipping is not), the sale is
    /// reversed on the same sales account, and the goods are restocked at the cost they left at. For a seller's order the seller
    /// gives back the refund and the koperasi the commission on it. More than was sold is 400. Send an <c>Idempotency-Key</c>
    /// header to retry safely: a repeat answers the first answer and records nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/shop/orders/{orderId}/returns", OperationId = "returnShopOrder")]
    [Authorize(Policy = Policies.ShopSell)]
    [Tags("Shop")]
    [ProducesResponseType<ReturnResponse>(201)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static Task<IResult> Post(string kop, Guid orderId, ReturnOrderRequest request, HttpContext http, CommandRunner runner,
        Credit.MemberCreditLedger credit) =>
        runner.Run(http, kop, request, async scope =>
        {
            var (stream, order) = await OrderActionEndpoints.LoadOrder(scope, orderId);
            ShopAccess.Sell(scope.Caller, await ShopAccess.Unit(scope.Session, order.UnitId));
            var date = scope.BusinessDate(request.BusinessDate);
            var method = request.Method?.Trim().ToLowerInvariant();
            if (method == "credit") throw DomainException.Validation("method", "A refund is paid in cash or by transfer (a credit order's refund goes back on the account by itself).");
            var cashPoint = method is null ? order.CashPoint ?? CashPoints.Kas : ShopAccess.CashPoint(method, order.Channel);
            var products = await LockedProducts.Fetch(scope.Session, order.Lines.Select(l => (Guid?)l.ProductId));
            var meta = scope.Meta(date, order.Channel);
            var returnId = Guid.NewGuid();
            var lines = request.Lines?.Select(l => (l.ProductId, l.Quantity)).ToList();
            var (returned, stock) = ShopOrderDecider.Return(order, returnId, lines, request.Reason, request.Restock ?? true, cashPoint, products.States, meta);
            if (cashPoint == ShopPayments.Credit && order.MemberId is { } mid)
            {
                // Back onto the member's account while it covers the refund; otherwise the refund is paid out in cash.
                var (_, owed) = await credit.Lock(scope, mid);
                var refundTo = MemberCreditDecider.RefundCashPoint(ShopPayments.Credit, owed, returned.Refund);
                if (refundTo != ShopPayments.Credit)
                    (returned, stock) = ShopOrderDecider.Return(order, returnId, lines, request.Reason, request.Restock ?? true, refundTo, products.States, meta);
            }
            stream.AppendOne(returned);
            products.AppendAll(stock);
            if (order.UnitKind == UnitKind.Seller)
            {
                var unit = await ShopAccess.LockUnit(scope, order.UnitId);
                unit.AppendOne(ShopUnitDecider.Reverse(unit.Aggregate!, order.Id, returned.ReturnId, returned.Refund,
                    ShopOrder.CommissionOnReturn(order, returned.Refund), meta));
            }
            var after = ShopOrder.Evolve(order, returned)!;
            return CommandResult.Created(new ReturnResponse(returned.ReturnId, order.Id, returned.Refund, returned.Restocked, OrderView.Of(after)));
        });
}
