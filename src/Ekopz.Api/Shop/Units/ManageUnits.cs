using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Members;
using Ekopz.Domain.Shop;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

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
    public static Task<IResult> Create(string kop, CreateUnitRequest request, HttpContext http, CommandRunner runner) =>
        runner.Run(http, kop, request, scope => Handle(scope, request));

    public static async Task<CommandResult> Handle(CommandScope scope, CreateUnitRequest request)
    {
        if (!UnitKinds.TryParse(request.Kind, out var kind)) throw DomainException.Validation("kind", "The kind is 'own' or 'seller'.");
        if (request.OwnerMemberId is { } owner)
        {
            var member = await scope.Session.LoadAsync<Member>(owner);
            if (member is null) throw DomainException.Validation("ownerMemberId", "No such member in this koperasi.");
            if (member.HasLeft) throw DomainException.InvalidState($"Member {member.MemberNumber} has left the koperasi.");
        }
        var opened = ShopUnitDecider.Open(Guid.NewGuid(), request.Name, kind, request.OwnerMemberId, scope.Meta(scope.Today, Channels.Web));
        scope.Session.Events.StartStream<ShopUnit>(opened.UnitId, opened);
        return CommandResult.Created(new CreateUnitResponse(opened.UnitId, opened.Name, kind.Name(), opened.OwnerMemberId));
    }

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
    public static Task<IResult> AssignManager(string kop, Guid unitId, UnitManagerRequest request, HttpContext http, CommandRunner runner) =>
        runner.Run(http, kop, request, scope => AssignManagerCore(scope, unitId, request));

    public static async Task<CommandResult> AssignManagerCore(CommandScope scope, Guid unitId, UnitManagerRequest request)
    {
        var username = request.Username?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(username)) throw DomainException.Validation("username", "Name the pengelola toko login.");
        var user = await scope.Session.ForTenant(JasperFx.StorageConstants.DefaultTenantId).LoadAsync<UserAccount>(username);
        if (user is null || user.Koperasi != scope.Tenant) throw DomainException.Validation("username", "No such login in this koperasi.");
        if (!user.Roles.Contains(Roles.PengelolaToko)) throw DomainException.Validation("username", $"{username} is not a pengelola toko.");
        var stream = await scope.Session.Events.FetchForWriting<ShopUnit>(unitId);
        var assigned = ShopUnitDecider.AssignManager(stream.Aggregate, username, scope.Meta(scope.Today, Channels.Web));
        if (assigned is not null) stream.AppendOne(assigned);
        return CommandResult.Ok(UnitView.Of(assigned is null ? stream.Aggregate! : ShopUnit.Evolve(stream.Aggregate, assigned)!));
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
    public static Task<IResult> RemoveManager(string kop, Guid unitId, string username, HttpContext http, CommandRunner runner) =>
        runner.Run(http, kop, new { unitId, username }, async scope =>
        {
            var stream = await scope.Session.Events.FetchForWriting<ShopUnit>(unitId);
            var removed = ShopUnitDecider.RemoveManager(stream.Aggregate, username.Trim().ToLowerInvariant(), scope.Meta(scope.Today, Channels.Web));
            stream.AppendOne(removed);
            return CommandResult.Ok(UnitView.Of(ShopUnit.Evolve(stream.Aggregate, removed)!));
        });
}
