using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Members;
using Ekopz.Domain.Shop;
using Marten;
using JasperFx.Events;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Marten;
using ConcurrencyStyle = Wolverine.Marten.ConcurrencyStyle;

namespace Ekopz.Api.Shop.Units;

/// <param name="Kind"><c>own</c> (default): the koperasi's own shop. <c>seller</c>: a member-owned or partner business selling on consignment.</param>
/// <param name="OwnerMemberId">For a seller: the member who owns it (their commission is member business).</param>
public sealed record CreateUnitRequest(string? Name, string? Kind = null, Guid? OwnerMemberId = null);

public sealed record CreateUnitResponse(Guid UnitId, string Name, string Kind, Guid? OwnerMemberId);

public sealed record UnitManagerRequest(string? Username);

/// <summary>
/// Business units (toko). Every koperasi starts with one (created with the koperasi); the pengurus
/// opens more, and assigns pengelola toko logins to the units they may run.
/// </summary>
public static class ManageUnitsEndpoints
{
    /// <summary>List the business units</summary>
    /// <remarks>
    /// Any staff role. Each unit with its managers.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/shop/units", OperationId = "listShopUnits")]
    [Authorize(Policy = Policies.StaffRead)]
    [Tags("Shop")]
    [ProducesResponseType<IReadOnlyList<UnitView>>(200)]
    public static async Task<IResult> List(string kop, HttpContext http, IDocumentStore store)
    {
        await using var session = store.QuerySession(kop);
        var units = await session.Query<ShopUnit>().OrderBy(u => u.OpenedOn).ThenBy(u => u.Name).ToListAsync(http.RequestAborted);
        return Results.Json(units.Select(UnitView.Of).ToList(), ApiJson.Options);
    }

    /// <summary>A new unit for the demo seeder (docs/adr/0042): the same reads and decision as the endpoint.</summary>
    public static Task<CommandResult> Handle(CommandScope scope, CreateUnitRequest request) =>
        UnitWriteEndpoints.CreateCore(scope, request, CancellationToken.None);

    /// <summary>A manager assigned for the demo seeder (docs/adr/0042): the unit locked, the same decision.</summary>
    public static async Task<CommandResult> AssignManagerCore(CommandScope scope, Guid unitId, UnitManagerRequest request)
    {
        var stream = await scope.Session.Events.FetchForExclusiveWriting<ShopUnit>(unitId);
        return await UnitWriteEndpoints.AssignCore(scope, request, stream, CancellationToken.None);
    }
}

/// <summary>
/// Opening units and assigning their managers on Wolverine's write path (docs/adr/0041). A new unit has no stream to lock: opening
/// one takes an advisory lock on its name, so a double submit waits and replays. A manager change locks the unit's stream.
/// </summary>
public static class UnitWriteEndpoints
{
    /// <summary>The command's context, before the endpoint runs (docs/adr/0025).</summary>
    public static Task<CommandScope> LoadAsync(string kop, HttpContext http, IDocumentSession session, KoperasiContextCache contexts,
        IClock clock) => WritePath.Scope(kop, http, session, contexts, clock);

    /// <summary>Open a business unit (toko)</summary>
    /// <remarks>
    /// Pengurus only. A unit with its own sales, optionally of a kind and owned by a member (a seller with a balance of its own).
    /// Send an <c>Idempotency-Key</c> header to retry safely: a repeat answers the first answer and records nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/shop/units", OperationId = "createShopUnit")]
    [Authorize(Policy = Policies.Pengurus)]
    [Tags("Shop")]
    [ProducesResponseType<CreateUnitResponse>(201)]
    [ProducesResponseType<ProblemDetails>(400)]
    public static async Task<IResult> Create(CreateUnitRequest request, HttpContext http, CommandScope scope)
    {
        await WritePath.Serialize(scope.Session, $"unit:{scope.Tenant}:{request.Name?.Trim().ToLowerInvariant()}", http.RequestAborted);
        var key = IdempotencyKeys.Of(http, scope.Caller, request);
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;
        return IdempotencyKeys.Answer(scope.Session, key, await CreateCore(scope, request, http.RequestAborted), scope.Now);
    }

    internal static async Task<CommandResult> CreateCore(CommandScope scope, CreateUnitRequest request, CancellationToken ct)
    {
        var owner = request.OwnerMemberId is { } id ? await scope.Session.LoadAsync<Member>(id, ct) : null;
        var opened = DecideCreate(scope, request, Guid.NewGuid(), owner);
        scope.Session.Events.StartStream<ShopUnit>(opened.UnitId, opened);
        return CommandResult.Created(new CreateUnitResponse(opened.UnitId, opened.Name, opened.Kind.Name(), opened.OwnerMemberId));
    }

    /// <summary>The decision, pure: the kind, the owner (a member of this koperasi who has not left), then <see cref="ShopUnitDecider.Open"/>.</summary>
    public static UnitOpened DecideCreate(CommandScope scope, CreateUnitRequest request, Guid unitId, Member? owner)
    {
        if (!UnitKinds.TryParse(request.Kind, out var kind)) throw DomainException.Validation("kind", "The kind is 'own' or 'seller'.");
        if (request.OwnerMemberId is not null)
        {
            if (owner is null) throw DomainException.Validation("ownerMemberId", "No such member in this koperasi.");
            if (owner.HasLeft) throw DomainException.InvalidState($"Member {owner.MemberNumber} has left the koperasi.");
        }
        return ShopUnitDecider.Open(unitId, request.Name, kind, request.OwnerMemberId, scope.Meta(scope.Today, Channels.Web));
    }

    /// <summary>Assign a pengelola toko to a unit</summary>
    /// <remarks>
    /// Lets a pengelola toko login run this unit. The login must belong to this koperasi and hold the pengelola_toko role.
    /// Assigning someone already assigned changes nothing.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/shop/units/{unitId}/managers", OperationId = "assignShopUnitManager")]
    [Authorize(Policy = Policies.Pengurus)]
    [Tags("Shop")]
    [ProducesResponseType<UnitView>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> AssignManager(UnitManagerRequest request, HttpContext http, CommandScope scope,
        // Orders lock a seller's unit last (docs/adr/0039); a manager change takes only this lock.
        [WriteAggregate("unitId", Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] IEventStream<ShopUnit> unit)
    {
        var key = IdempotencyKeys.Of(http, scope.Caller, request);
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;
        return IdempotencyKeys.Answer(scope.Session, key, await AssignCore(scope, request, unit, http.RequestAborted), scope.Now);
    }

    internal static async Task<CommandResult> AssignCore(CommandScope scope, UnitManagerRequest request, IEventStream<ShopUnit> unit, CancellationToken ct)
    {
        var username = request.Username?.Trim().ToLowerInvariant();
        var user = string.IsNullOrEmpty(username)
            ? null
            : await scope.Session.ForTenant(JasperFx.StorageConstants.DefaultTenantId).LoadAsync<UserAccount>(username, ct);
        var (assigned, view) = DecideAssign(scope, scope.Tenant, request, user, unit.Aggregate);
        if (assigned is not null) unit.AppendOne(assigned);
        return CommandResult.Ok(view);
    }

    /// <summary>
    /// The decision, pure: a login of this koperasi holding the pengelola_toko role, a unit that exists, then
    /// <see cref="ShopUnitDecider.AssignManager"/> (someone already assigned: nothing to record, the unit as it is).
    /// </summary>
    public static (UnitManagerAssigned? Event, UnitView View) DecideAssign(CommandScope scope, string kop, UnitManagerRequest request, UserAccount? user,
        ShopUnit? unit)
    {
        var username = request.Username?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(username)) throw DomainException.Validation("username", "Name the pengelola toko login.");
        if (user is null || user.Koperasi != kop) throw DomainException.Validation("username", "No such login in this koperasi.");
        if (!user.Roles.Contains(Roles.PengelolaToko)) throw DomainException.Validation("username", $"{username} is not a pengelola toko.");
        var assigned = ShopUnitDecider.AssignManager(unit, username, scope.Meta(scope.Today, Channels.Web));
        return (assigned, UnitView.Of(assigned is null ? unit! : ShopUnit.Evolve(unit, assigned)!));
    }

    /// <summary>Remove a pengelola toko from a unit</summary>
    /// <remarks>
    /// Pengurus only. The login no longer runs this unit. Removing someone not assigned changes nothing.
    /// </remarks>
    [WolverineDelete("/api/v1/koperasi/{kop}/shop/units/{unitId}/managers/{username}", OperationId = "removeShopUnitManager")]
    [Authorize(Policy = Policies.Pengurus)]
    [Tags("Shop")]
    [ProducesResponseType<UnitView>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> RemoveManager(Guid unitId, string username, HttpContext http, [NotBody] CommandScope scope,
        [WriteAggregate("unitId", Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] IEventStream<ShopUnit> unit)
    {
        var key = IdempotencyKeys.Of(http, scope.Caller, new { unitId, username });
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;
        var (removed, view) = DecideRemove(scope, username, unit.Aggregate);
        unit.AppendOne(removed);
        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Ok(view), scope.Now);
    }

    /// <summary>The decision, pure: <see cref="ShopUnitDecider.RemoveManager"/> on the login's name as stored (lower case).</summary>
    public static (UnitManagerRemoved Event, UnitView View) DecideRemove(CommandScope scope, string username, ShopUnit? unit)
    {
        var removed = ShopUnitDecider.RemoveManager(unit, username.Trim().ToLowerInvariant(), scope.Meta(scope.Today, Channels.Web));
        return (removed, UnitView.Of(ShopUnit.Evolve(unit, removed)!));
    }
}
