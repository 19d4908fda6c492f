using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Members;
using Ekopz.Domain.Shop;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Ekopz.Api.Shop.Ordering;

/// <summary>
/// Orders: staff see all (filtered by status, unit, member, date), each naming its buyer (member number and name, never
/// more: docs/adr/0017); an anggota sees their own.
/// </summary>
public static class GetOrdersEndpoints
{
    /// <summary>List shop orders</summary>
    /// <remarks>
    /// Staff see all orders (filtered by <c>status</c>, <c>unitId</c>, <c>memberId</c>, <c>from</c>, <c>to</c>), each naming its
    /// buyer by member number and name only; an anggota sees their own. Paged.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/shop/orders", OperationId = "listShopOrders")]
    [Authorize(Policy = Policies.KoperasiRead)]
    [Tags("Shop")]
    [ProducesResponseType<IReadOnlyList<OrderView>>(200)]
    public static async Task<IResult> List(string kop, string? status, string? unitId, string? memberId, string? from, string? to, int? page, int? pageSize,
        HttpContext http, IDocumentStore store)
    {
        var caller = Caller.From(http.User);
        await using var session = store.QuerySession(kop);
        IQueryable<ShopOrder> query = session.Query<ShopOrder>();
        if (status is not null)
        {
            if (!Enum.TryParse<OrderStatus>(status, true, out var s))
                throw DomainException.Validation("status", "The status is placed, paid, shipped, delivered, completed or cancelled.");
            query = query.Where(o => o.Status == s);
        }
        if (ShopQueryParams.Guid(unitId, "unitId") is { } u) query = query.Where(o => o.UnitId == u);
        var member = caller.IsMemberOnly ? caller.MemberId : ShopQueryParams.Guid(memberId, "memberId");
        if (member is { } m) query = query.Where(o => o.MemberId == m);
        if (QueryParams.Date(from, "from") is { } f) { var k = f.Key(); query = query.Where(o => o.PlacedDateKey >= k); }
        if (QueryParams.Date(to, "to") is { } t) { var k = t.Key(); query = query.Where(o => o.PlacedDateKey <= k); }
        var (p, size) = QueryParams.Paging(page, pageSize);
        var list = await query.OrderByDescending(o => o.PlacedDateKey).ThenByDescending(o => o.PlacedTicks).Skip((p - 1) * size).Take(size)
            .ToListAsync(http.RequestAborted);
        var buyers = await Buyers(session, list, http.RequestAborted);
        return Results.Json(list.Select(o => OrderView.Of(o).WithBuyer(buyers)).ToList(), ApiJson.Options);
    }

    /// <summary>Read one shop order</summary>
    /// <remarks>
    /// Staff, or an anggota for their own order (another's is 404). Lines, totals, payment, shipment, returns and refunds.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/shop/orders/{orderId}", OperationId = "getShopOrder")]
    [Authorize(Policy = Policies.KoperasiRead)]
    [Tags("Shop")]
    [ProducesResponseType<OrderView>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Get(string kop, Guid orderId, HttpContext http, IDocumentStore store)
    {
        await using var session = store.QuerySession(kop);
        var order = ShopAccess.Visible(Caller.From(http.User), await session.LoadAsync<ShopOrder>(orderId, http.RequestAborted));
        return Results.Json(OrderView.Of(order).WithBuyer(await Buyers(session, [order], http.RequestAborted)), ApiJson.Options);
    }

    /// <summary>The members who bought <paramref name="orders"/>, by id: one read for a page.</summary>
    private static async Task<IReadOnlyDictionary<Guid, Member>> Buyers(IQuerySession session, IReadOnlyList<ShopOrder> orders, CancellationToken ct)
    {
        var ids = orders.Select(o => o.MemberId).OfType<Guid>().Distinct().ToArray();
        return ids.Length == 0 ? new Dictionary<Guid, Member>() : (await session.LoadManyAsync<Member>(ct, ids)).ToDictionary(m => m.Id);
    }
}
