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

public sealed record PayoutListItem(
    Guid UnitId, string UnitName, Guid PayoutId, decimal Amount, string Status, string RequestedBy, LocalDate RequestedOn, Instant RequestedAt,
    string? Note, string? DecidedBy, Instant? DecidedAt, string? RejectionReason);

/// <summary>
/// Payout requests of every unit in one list, oldest first: <c>status=requested</c> is the pengurus' approval queue
/// (each unit's own list is in its balance).
/// </summary>
public static class ListPayoutsEndpoint
{
    /// <summary>List payout requests of every unit</summary>
    /// <remarks>
    /// Pengurus, pengawas or pengelola toko. Oldest first; <c>status=requested</c> is the pengurus' approval queue.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/shop/payouts", OperationId = "listShopPayouts")]
    [Authorize(Policy = Policies.ShopUnitRead)]
    [Tags("Shop")]
    [ProducesResponseType<IReadOnlyList<PayoutListItem>>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    public static async Task<IResult> Get(string kop, string? status, HttpContext http, IDocumentStore store)
    {
        await using var session = store.QuerySession(kop);
        return Results.Json(await Read(session, status, http.RequestAborted), ApiJson.Options);
    }

    /// <summary>The payouts with <paramref name="status"/> (null: all): listed here and counted by the dashboard. A koperasi has a handful of units.</summary>
    public static async Task<List<PayoutListItem>> Read(IQuerySession session, string? status, CancellationToken ct)
    {
        if (status is not (null or PayoutStatuses.Requested or PayoutStatuses.Paid or PayoutStatuses.Rejected))
            throw DomainException.Validation("status", "The status is requested, paid or rejected.");
        var units = await session.Query<ShopUnit>().ToListAsync(ct);
        return units.SelectMany(u => u.Payouts.Where(p => status is null || p.Status == status).Select(p => new PayoutListItem(u.Id, u.Name, p.PayoutId,
                p.Amount, p.Status, p.RequestedBy, p.RequestedOn, p.RequestedAt, p.Note, p.DecidedBy, p.DecidedAt, p.RejectionReason)))
            .OrderBy(p => p.RequestedAt).ToList();
    }
}
