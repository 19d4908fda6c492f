using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Shop;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Marten;
using ConcurrencyStyle = Wolverine.Marten.ConcurrencyStyle;

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
/// seller's order the seller gives back the refund and the koperasi the commission on it. On Wolverine's write path like the
/// other order steps (<see cref="OrderActionEndpoints"/>, <see cref="OrderSteps.Return"/>).
/// </summary>
public static class ReturnOrderEndpoint
{
    /// <summary>The command's context, before the endpoint runs (docs/adr/0025).</summary>
    public static Task<CommandScope> LoadAsync(string kop, HttpContext http, IDocumentSession session, KoperasiContextCache contexts,
        IClock clock) => WritePath.Scope(kop, http, session, contexts, clock);

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
    public static async Task<IResult> Post(ReturnOrderRequest request, HttpContext http, CommandScope scope, Credit.MemberCreditLedger credit,
        [WriteAggregate("orderId", Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] IEventStream<ShopOrder> order)
    {
        // Under the order's row lock: a repeat of this request waited for the first one's commit and finds its answer.
        var key = IdempotencyKeys.Of(http, scope.Caller, request);
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;

        var current = ShopAccess.Visible(scope.Caller, order.Aggregate);
        ShopAccess.Sell(scope.Caller, await ShopAccess.Unit(scope.Session, current.UnitId));
        var date = scope.BusinessDate(request.BusinessDate);
        var cashPoint = OrderSteps.RefundCashPoint(current, request.Method);
        // The other locks in the one order: products (by id), the member (a credit refund), the seller unit.
        var products = await LockedProducts.Fetch(scope.Session, current.Lines.Select(l => (Guid?)l.ProductId));
        decimal? owed = cashPoint == ShopPayments.Credit && current.MemberId is { } mid ? (await credit.Lock(scope, mid)).Owed : null;
        var unit = current.UnitKind == UnitKind.Seller && current.Status is OrderStatus.Delivered or OrderStatus.Completed
            ? await ShopAccess.LockUnit(scope, current.UnitId) : null;
        var step = OrderSteps.Return(current, Guid.NewGuid(), request.Lines?.Select(l => (l.ProductId, l.Quantity)).ToList(), request.Reason,
            request.Restock ?? true, cashPoint, products.States, owed, unit?.Aggregate, scope.Meta(date, current.Channel));
        var after = OrderActionEndpoints.Append(step, order, current, products, null, unit);
        var returned = (OrderReturned)step.Order;
        var response = new ReturnResponse(returned.ReturnId, current.Id, returned.Refund, returned.Restocked, OrderView.Of(after));
        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Created(response), scope.Now);
    }
}
