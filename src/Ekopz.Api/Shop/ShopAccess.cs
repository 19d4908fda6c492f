using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Shop;
using Marten;

namespace Ekopz.Api.Shop;

/// <summary>
/// Who may act on which unit (docs/adr/0011). The role policies let a pengelola toko into the shop
/// routes; here the unit decides: a pengelola toko acts only on the units they are assigned to
/// (403 <c>forbidden</c> on others), the pengurus on all, a kasir sells for all. An anggota reaches
/// only their own orders (404 on others, as the tenant gate does for member routes).
/// </summary>
public static class ShopAccess
{
    public static bool IsPengurus(Caller caller) => caller.IsAdmin || caller.Roles.Contains(Roles.Pengurus);

    public static void Manage(Caller caller, ShopUnit unit)
    {
        if (IsPengurus(caller)) return;
        if (caller.Roles.Contains(Roles.PengelolaToko) && unit.IsManagedBy(caller.Username)) return;
        throw new DomainException(ErrorCodes.Forbidden, $"Only the pengurus or a pengelola toko assigned to {unit.Name} may do this.");
    }

    public static void Sell(Caller caller, ShopUnit unit)
    {
        if (caller.Roles.Contains(Roles.Kasir)) return;
        Manage(caller, unit);
    }

    /// <summary>An anggota sees and acts on their own orders only; staff on any (their unit rules apply on top).</summary>
    public static ShopOrder Visible(Caller caller, ShopOrder? order) =>
        order is null || (caller.IsMemberOnly && order.MemberId != caller.MemberId) ? throw DomainException.NotFound("The order") : order;

    public static async Task<ShopUnit> Unit(IQuerySession session, Guid unitId, string field = "unitId") =>
        await session.LoadAsync<ShopUnit>(unitId) ?? throw DomainException.Validation(field, "No such unit in this koperasi.");

    /// <summary>A unit's stream under a row lock (balances and payouts are decided on it); 404 when there is no such unit.</summary>
    public static async Task<JasperFx.Events.IEventStream<ShopUnit>> LockUnit(CommandScope scope, Guid unitId)
    {
        if (await scope.Session.LoadAsync<ShopUnit>(unitId) is null) throw DomainException.NotFound("The unit");
        var stream = await scope.Session.Events.FetchForExclusiveWriting<ShopUnit>(unitId);
        return stream.Aggregate is null ? throw DomainException.NotFound("The unit") : stream;
    }

    /// <summary>
    /// The koperasi's first unit. Created with the koperasi; a koperasi opened before the shop existed
    /// gets it on first use, in the same transaction as whatever needs it.
    /// </summary>
    public static async Task<ShopUnit> MainUnit(CommandScope scope)
    {
        var id = ShopUnit.MainId(scope.Tenant);
        var unit = await scope.Session.LoadAsync<ShopUnit>(id);
        if (unit is not null) return unit;
        var opened = ShopUnitDecider.Open(id, ShopUnit.MainName, UnitKind.Own, null, scope.Meta(scope.Today, Channels.System));
        scope.Session.Events.StartStream<ShopUnit>(id, opened);
        return ShopUnit.Evolve(null, opened)!;
    }

    /// <summary>The shop settings in force on a date (defaults when never changed).</summary>
    public static async Task<ShopSettingsVersion> Settings(IQuerySession session, string tenant, NodaTime.LocalDate date) =>
        ShopSettings.At(await session.LoadAsync<ShopSettings>(ShopSettings.StreamId(tenant)), date);

    /// <summary>Cash points of the shop: counter money goes through the kas drawer, everything else through the bank.</summary>
    public static string CashPoint(string? method, string channel) => OrderSteps.CashPointOf(method, channel);
}

/// <summary>
/// The product streams one command touches, locked (<c>FetchForExclusiveWriting</c>) in id order so
/// two commands never wait on each other in opposite orders. Decisions read <see cref="States"/>;
/// <see cref="Append"/> appends to the stream and moves the state on, so a second decision in the
/// same command (a marketplace import reserving then selling) sees the first.
/// </summary>
public sealed class LockedProducts
{
    private readonly Dictionary<Guid, JasperFx.Events.IEventStream<ShopProduct>> _streams = new();
    private readonly Dictionary<Guid, ShopProduct> _states = new();

    public IReadOnlyDictionary<Guid, ShopProduct> States => _states;

    /// <summary>Locks the products that exist among <paramref name="ids"/>; unknown ids are simply absent from <see cref="States"/>.</summary>
    public static async Task<LockedProducts> Fetch(IDocumentSession session, IEnumerable<Guid?> ids)
    {
        var locked = new LockedProducts();
        var wanted = ids.OfType<Guid>().Distinct().Order().ToList();
        if (wanted.Count == 0) return locked;
        var existing = (await session.LoadManyAsync<ShopProduct>(wanted)).Select(p => p.Id).ToHashSet();
        foreach (var id in wanted.Where(existing.Contains))
        {
            var stream = await session.Events.FetchForExclusiveWriting<ShopProduct>(id);
            if (stream.Aggregate is null) continue;
            locked._streams[id] = stream;
            locked._states[id] = stream.Aggregate;
        }
        return locked;
    }

    public void Append(Guid productId, IDomainEvent e)
    {
        _streams[productId].AppendOne(e);
        _states[productId] = ShopProduct.Evolve(_states[productId], e)!;
    }

    public void AppendAll(IEnumerable<IDomainEvent> events)
    {
        foreach (var e in events) Append(ProductOf(e), e);
    }

    private static Guid ProductOf(IDomainEvent e) => e switch
    {
        StockReceived x => x.ProductId,
        StockReserved x => x.ProductId,
        StockReleased x => x.ProductId,
        StockSold x => x.ProductId,
        StockShipped x => x.ProductId,
        StockRestocked x => x.ProductId,
        StockAdjusted x => x.ProductId,
        StockCounted x => x.ProductId,
        ProductRenamed x => x.ProductId,
        ProductDeactivated x => x.ProductId,
        ProductReactivated x => x.ProductId,
        _ => throw new InvalidOperationException($"{e.GetType().Name} is not a product event."),
    };
}
