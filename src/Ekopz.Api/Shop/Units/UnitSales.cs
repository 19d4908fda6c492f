using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Shop;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Ekopz.Api.Shop.Units;

/// <param name="Month">1-12.</param>
/// <param name="Orders">Orders paid that month (and not cancelled since).</param>
/// <param name="Goods">Their goods after discounts (shipping excluded).</param>
/// <param name="Refunds">Refunds of returns made that month.</param>
/// <param name="Net">Goods less refunds.</param>
public sealed record MonthSalesView(int Month, int Orders, decimal Goods, decimal Refunds, decimal Net);

public sealed record UnitSalesView(Guid UnitId, string Name, int Year, decimal Goods, decimal Refunds, decimal Net, IReadOnlyList<MonthSalesView> Months);

/// <summary>
/// A unit's sales per month of a year, from its orders: what a pengelola toko charts on the shop
/// dashboard. The board and the pengawas read every unit; a pengelola toko only the units they manage.
/// </summary>
public static class UnitSalesEndpoints
{
    /// <summary>A unit's sales per month</summary>
    /// <remarks>
    /// Pengurus, pengawas, or a pengelola toko of this unit. Sales per month of <c>year</c>, from the unit's orders: what the
    /// shop dashboard charts.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/shop/units/{unitId}/sales", OperationId = "getShopUnitSales")]
    [Authorize(Policy = Policies.ShopUnitRead)]
    [Tags("Shop")]
    [ProducesResponseType<UnitSalesView>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(403)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Sales(string kop, Guid unitId, int? year, HttpContext http, IDocumentStore store, IClock clock)
    {
        await using var session = store.QuerySession(kop);
        var unit = await session.LoadAsync<ShopUnit>(unitId, http.RequestAborted) ?? throw DomainException.NotFound("The unit");
        var caller = Caller.From(http.User);
        if (!caller.Roles.Contains(Roles.Pengawas)) ShopAccess.Manage(caller, unit);
        var y = year ?? (await Catalogue.CatalogueEndpoints.Today(session, kop, clock, http.RequestAborted)).Year;
        if (y is < 2000 or > 2200) throw DomainException.Validation("year", "The year is from 2000 to 2200.");
        // Orders are paid on or after the day they are placed: those placed up to the year's end, from a year before it.
        var from = new LocalDate(y - 1, 1, 1).Key();
        var to = new LocalDate(y, 12, 31).Key();
        var orders = await session.Query<ShopOrder>()
            .Where(o => o.UnitId == unitId && o.PlacedDateKey >= from && o.PlacedDateKey <= to && o.Status != OrderStatus.Placed)
            .ToListAsync(http.RequestAborted);
        var months = Enumerable.Range(1, 12).Select(m =>
        {
            var paid = orders.Where(o => o.Status != OrderStatus.Cancelled && o.PaidOn is { } d && d.Year == y && d.Month == m).ToList();
            var refunds = orders.SelectMany(o => o.Returns ?? []).Where(r => r.On.Year == y && r.On.Month == m).Sum(r => r.Refund);
            var goods = paid.Sum(o => o.Goods);
            return new MonthSalesView(m, paid.Count, goods, refunds, goods - refunds);
        }).ToList();
        return Results.Json(new UnitSalesView(unit.Id, unit.Name, y, months.Sum(m => m.Goods), months.Sum(m => m.Refunds), months.Sum(m => m.Net), months),
            ApiJson.Options);
    }
}
