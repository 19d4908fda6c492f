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
    public static Task<IResult> Create(string kop, CreateVoucherRequest request, HttpContext http, CommandRunner runner) =>
        runner.Run(http, kop, request, scope => Handle(scope, request));

    public static async Task<CommandResult> Handle(CommandScope scope, CreateVoucherRequest request)
    {
        if (request.UnitId is { } unitId) ShopAccess.Manage(scope.Caller, await ShopAccess.Unit(scope.Session, unitId));
        else if (!ShopAccess.IsPengurus(scope.Caller))
            throw new DomainException(ErrorCodes.Forbidden, "A voucher for every unit is the pengurus' to create; name your unit.");
        var code = request.Code is null ? null : ShopVoucher.Normalize(request.Code);
        var id = code is null ? Guid.Empty : ShopVoucher.StreamId(scope.Tenant, code);
        var created = VoucherDecider.Create(id, code, request.Kind?.Trim().ToLowerInvariant(), request.Value, request.UsageLimit, request.ExpiresOn,
            request.MinSpend, request.UnitId, scope.Today, scope.Meta(scope.Today, Channels.Web));
        // The stream id is derived from the code: a second voucher with the code collides (409 after the retry sees it).
        if (await scope.Session.LoadAsync<ShopVoucher>(id) is not null)
            throw new DomainException(ErrorCodes.Conflict, $"A voucher {created.Code} already exists.",
                new Dictionary<string, string[]> { ["code"] = ["This code is taken."] });
        scope.Session.Events.StartStream<ShopVoucher>(id, created);
        return CommandResult.Created(VoucherView.Of(ShopVoucher.Evolve(null, created)!));
    }

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
