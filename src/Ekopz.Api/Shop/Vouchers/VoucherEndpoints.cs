using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Shop;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Ekopz.Api.Shop.Vouchers;

/// <param name="Kind"><c>percent</c> or <c>amount</c> off the order's goods.</param>
/// <param name="ExpiresOn">The last day it can be used.</param>
/// <param name="UnitId">Only for this unit's orders (a pengelola toko may create vouchers only for their unit).</param>
public sealed record CreateVoucherRequest(string? Code, string? Kind, decimal? Value, int? UsageLimit, LocalDate? ExpiresOn, decimal? MinSpend = null,
    Guid? UnitId = null);

public sealed record VoucherView(Guid VoucherId, string Code, string Kind, decimal Value, int UsageLimit, int Used, LocalDate ExpiresOn, decimal MinSpend,
    Guid? UnitId)
{
    public static VoucherView Of(ShopVoucher v) => new(v.Id, v.Code, v.Kind, v.Value, v.UsageLimit, v.Used, v.ExpiresOn, v.MinSpend, v.UnitId);
}

/// <summary>Voucher codes: a usage limit and a last day; an order uses one by its code and gives the use back if cancelled.</summary>
public static class VoucherEndpoints
{
    /// <summary>List the voucher codes</summary>
    /// <remarks>
    /// Any staff role. Each code with its discount, usage limit, uses so far and last day.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/shop/vouchers", OperationId = "listShopVouchers")]
    [Authorize(Policy = Policies.StaffRead)]
    [Tags("Shop")]
    [ProducesResponseType<IReadOnlyList<VoucherView>>(200)]
    public static async Task<IResult> List(string kop, HttpContext http, IDocumentStore store)
    {
        await using var session = store.QuerySession(kop);
        var list = await session.Query<ShopVoucher>().OrderBy(v => v.Code).Take(1000).ToListAsync(http.RequestAborted);
        return Results.Json(list.Select(VoucherView.Of).ToList(), ApiJson.Options);
    }
}

/// <summary>
/// Creating a voucher code, on Wolverine's write path (docs/adr/0039). Its stream id is derived from the code, so there is no row
/// to lock yet: creations of one code take turns on an advisory lock, and the second finds the code taken (409 <c>conflict</c>).
/// </summary>
public static class CreateVoucherEndpoint
{
    /// <summary>The command's context, before the endpoint runs (docs/adr/0025).</summary>
    public static Task<CommandScope> LoadAsync(string kop, HttpContext http, IDocumentSession session, KoperasiContextCache contexts,
        IClock clock) => WritePath.Scope(kop, http, session, contexts, clock);

    /// <summary>Create a voucher code</summary>
    /// <remarks>
    /// Pengurus or pengelola toko. A code (unique: 409 <c>conflict</c>), the discount, a usage limit and a last day. An order
    /// uses it by its code (past its limit: 422 <c>limit_exceeded</c>) and gives the use back if cancelled. Send an
    /// <c>Idempotency-Key</c> header to retry safely: a repeat answers the first answer and records nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/shop/vouchers", OperationId = "createShopVoucher")]
    [Authorize(Policy = Policies.ShopManage)]
    [Tags("Shop")]
    [ProducesResponseType<VoucherView>(201)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(409)]
    public static async Task<IResult> Create(CreateVoucherRequest request, HttpContext http, CommandScope scope)
    {
        var code = request.Code is null ? null : ShopVoucher.Normalize(request.Code);
        var id = code is null ? Guid.Empty : ShopVoucher.StreamId(scope.Tenant, code);
        await WritePath.Serialize(scope.Session, $"voucher:{id}", http.RequestAborted);
        var key = IdempotencyKeys.Of(http, scope.Caller, request);
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;

        var unit = request.UnitId is { } unitId ? await ShopAccess.Unit(scope.Session, unitId) : null;
        var taken = code is not null && await scope.Session.LoadAsync<ShopVoucher>(id, http.RequestAborted) is not null;
        var created = Decide(scope, request, unit, taken);
        scope.Session.Events.StartStream<ShopVoucher>(created.VoucherId, created);
        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Created(VoucherView.Of(ShopVoucher.Evolve(null, created)!)), scope.Now);
    }

    /// <summary>
    /// The decision, pure: who may create it (a unit's voucher its manager, an all-units voucher the pengurus), the rules of
    /// <see cref="VoucherDecider.Create"/>, then whether the code is taken.
    /// </summary>
    public static VoucherCreated Decide(CommandScope scope, CreateVoucherRequest request, ShopUnit? unit, bool codeTaken)
    {
        if (unit is not null) ShopAccess.Manage(scope.Caller, unit);
        else if (!ShopAccess.IsPengurus(scope.Caller))
            throw new DomainException(ErrorCodes.Forbidden, "A voucher for every unit is the pengurus' to create; name your unit.");
        var code = request.Code is null ? null : ShopVoucher.Normalize(request.Code);
        var id = code is null ? Guid.Empty : ShopVoucher.StreamId(scope.Tenant, code);
        var created = VoucherDecider.Create(id, code, request.Kind?.Trim().ToLowerInvariant(), request.Value, request.UsageLimit, request.ExpiresOn,
            request.MinSpend, request.UnitId, scope.Today, scope.Meta(scope.Today, Channels.Web));
        if (codeTaken)
            throw new DomainException(ErrorCodes.Conflict, $"A voucher {created.Code} already exists.",
                new Dictionary<string, string[]> { ["code"] = ["This code is taken."] });
        return created;
    }
}
