using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Api.Shop.Catalogue;
using Ekopz.Domain.Common;
using Ekopz.Domain.Shop;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Ekopz.Api.Shop.Settings;

/// <param name="CommissionPercent">What the koperasi keeps of a seller unit's delivered sales.</param>
/// <param name="FlatShippingRate">The default shipping-rate provider's price per parcel.</param>
public sealed record ChangeShopSettingsRequest(decimal? CommissionPercent, decimal? FlatShippingRate, string? Courier, LocalDate? EffectiveFrom);

public sealed record ShopSettingsView(LocalDate AsOf, decimal CommissionPercent, decimal FlatShippingRate, string Courier, string CostingMethod,
    IReadOnlyList<ShopSettingsVersion> History);

/// <summary>The shop's settings: commission, flat shipping rate and courier, effective from a date (never in the past).</summary>
public static class ShopSettingsEndpoints
{
    /// <summary>The command's context, before the endpoint runs (docs/adr/0025).</summary>
    public static Task<CommandScope> LoadAsync(string kop, HttpContext http, IDocumentSession session, KoperasiContextCache contexts,
        IClock clock) => WritePath.Scope(kop, http, session, contexts, clock);

    /// <summary>Change the shop's settings from a date on</summary>
    /// <remarks>
    /// Pengurus only. Commission, flat shipping rate and courier, effective from a date (never in the past). Recorded as an
    /// event. Send an <c>Idempotency-Key</c> header to retry safely: a repeat answers the first answer and records nothing twice.
    /// </remarks>
    [WolverinePut("/api/v1/koperasi/{kop}/shop/settings", OperationId = "changeShopSettings")]
    [Authorize(Policy = Policies.Pengurus)]
    [Tags("Shop")]
    [ProducesResponseType<ShopSettingsView>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    public static async Task<IResult> Put(string kop, ChangeShopSettingsRequest request, HttpContext http, CommandScope scope)
    {
        var ct = http.RequestAborted;
        // The shop settings' stream does not exist before the first change: the advisory lock named after it stands in for its
        // row (docs/adr/0043), so two changes take turns and a repeat with the same Idempotency-Key replays the first answer.
        await WritePath.Serialize(scope.Session, $"shop-settings:{kop}", ct);
        var stream = await scope.Session.Events.FetchForExclusiveWriting<ShopSettings>(ShopSettings.StreamId(kop), ct);
        var key = IdempotencyKeys.Of(http, scope.Caller, request);
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;
        var (changed, view) = Decide(scope, request, stream.Aggregate);
        stream.AppendOne(changed);
        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Ok(view), scope.Now);
    }

    /// <summary>The change, pure; the rules are <see cref="ShopSettingsDecider.Change"/>.</summary>
    public static (ShopSettingsChanged Event, ShopSettingsView View) Decide(CommandScope scope, ChangeShopSettingsRequest request, ShopSettings? settings)
    {
        var changed = ShopSettingsDecider.Change(request.EffectiveFrom, request.CommissionPercent, request.FlatShippingRate, request.Courier,
            scope.Today, scope.Meta(scope.Today, Channels.Web));
        return (changed, View(ShopSettings.Evolve(settings, changed), changed.EffectiveFrom));
    }

    internal static ShopSettingsView View(ShopSettings? settings, LocalDate date)
    {
        var v = ShopSettings.At(settings, date);
        return new ShopSettingsView(date, v.CommissionPercent, v.FlatShippingRate, v.Courier, ShopSettings.CostingMethod,
            settings?.Versions ?? [ShopSettings.Defaults]);
    }
}

/// <summary>The shop settings' read (apart from the write: Wolverine runs a class's <c>LoadAsync</c> before each of its endpoints).</summary>
public static class ShopSettingsReads
{
    /// <summary>Read the shop's settings</summary>
    /// <remarks>
    /// Any staff role. Seller commission, flat shipping rate and courier in force today, and changes scheduled for later dates.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/shop/settings", OperationId = "getShopSettings")]
    [Authorize(Policy = Policies.StaffRead)]
    [Tags("Shop")]
    [ProducesResponseType<ShopSettingsView>(200)]
    public static async Task<IResult> Get(string kop, string? asOf, HttpContext http, IDocumentStore store, IClock clock)
    {
        await using var session = store.QuerySession(kop);
        var date = QueryParams.Date(asOf, "asOf") ?? await CatalogueEndpoints.Today(session, kop, clock, http.RequestAborted);
        var settings = await session.LoadAsync<ShopSettings>(ShopSettings.StreamId(kop), http.RequestAborted);
        return Results.Json(ShopSettingsEndpoints.View(settings, date), ApiJson.Options);
    }

}
