using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Koperasi;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Ekopz.Api.Platform.Settings;

public sealed record SettingsVersionView(
    LocalDate EffectiveFrom, decimal PokokAmount, decimal WajibMonthlyAmount, decimal SukarelaInterestRate, string InterestBasis,
    decimal InterestTaxThreshold, decimal InterestTaxRate, string JasaModalBasis)
{
    public static SettingsVersionView Of(SettingsVersion v) => new(v.EffectiveFrom, v.PokokAmount, v.WajibMonthlyAmount,
        v.SukarelaInterestRate, v.InterestBasis, v.InterestTaxThreshold, v.InterestTaxRate, v.JasaModalBasis);
}

public sealed record SettingsView(
    string Slug,
    string Name,
    string TimeZone,
    LocalDate AsOf,
    decimal PokokAmount,
    decimal WajibMonthlyAmount,
    decimal SukarelaInterestRate,
    string InterestBasis,
    decimal InterestTaxThreshold,
    decimal InterestTaxRate,
    string JasaModalBasis,
    IReadOnlyList<SettingsVersionView> History);

/// <param name="SukarelaInterestRate">Jasa simpanan on sukarela, percent a year, at most 9.</param>
/// <param name="InterestBasis"><c>daily</c> or <c>lowest</c>.</param>
public sealed record ChangeSettingsRequest(string? TimeZone, decimal? PokokAmount, decimal? WajibMonthlyAmount, LocalDate? EffectiveFrom,
    decimal? SukarelaInterestRate = null, string? InterestBasis = null, decimal? InterestTaxThreshold = null, decimal? InterestTaxRate = null,
    string? JasaModalBasis = null);

/// <summary>Koperasi settings: read by staff (the change is <see cref="ChangeSettingsEndpoint"/>).</summary>
public static class KoperasiSettingsEndpoints
{
    /// <summary>Read the koperasi's settings</summary>
    /// <remarks>
    /// Any staff role. The settings in force on <c>asOf</c> (default today).
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/settings", OperationId = "getSettings")]
    [Authorize(Policy = Policies.StaffRead)]
    [Tags("Platform")]
    [ProducesResponseType<SettingsView>(200)]
    public static async Task<IResult> Get(string kop, string? asOf, HttpContext http, IDocumentStore store, IClock clock)
    {
        await using var session = store.QuerySession(kop);
        var settings = await session.LoadAsync<KoperasiSettings>(KoperasiSettings.StreamId(kop), http.RequestAborted);
        if (settings is null) return Problems.Result(http, Ekopz.Domain.Common.ErrorCodes.NotFound, "No settings.");
        var date = QueryParams.Date(asOf, "asOf") ?? settings.Today(clock);
        return Results.Json(View(settings, date), ApiJson.Options);
    }

    internal static SettingsView View(KoperasiSettings s, LocalDate asOf)
    {
        var v = s.At(asOf);
        return new SettingsView(s.Slug, s.Name, s.TimeZone, asOf, v.PokokAmount, v.WajibMonthlyAmount, v.SukarelaInterestRate, v.InterestBasis,
            v.InterestTaxThreshold, v.InterestTaxRate, v.JasaModalBasis, s.Versions.Select(SettingsVersionView.Of).ToList());
    }
}

/// <summary>
/// A pengurus changes the koperasi's settings from a date on (never rewriting the past). On Wolverine's write path (docs/adr/0031,
/// 0039): the settings stream is locked, so two changes take turns and the second decides on the first one's versions.
/// A class of its own: Wolverine runs <see cref="LoadAsync"/> before every endpoint of a class, and the read needs no scope.
/// </summary>
public static class ChangeSettingsEndpoint
{
    public static Task<CommandScope> LoadAsync(string kop, HttpContext http, IDocumentSession session, KoperasiContextCache contexts,
        IClock clock) => WritePath.Scope(kop, http, session, contexts, clock);

    /// <summary>Change the koperasi's settings from a date on</summary>
    /// <remarks>
    /// Pengurus only. Records a new version of the settings effective from a date (never in the past), so nothing already
    /// recorded or reported reads differently. Recorded as an event with who and when. Send an <c>Idempotency-Key</c> header to
    /// retry safely: a repeat answers the first answer and records nothing twice.
    /// </remarks>
    [WolverinePut("/api/v1/koperasi/{kop}/settings", OperationId = "changeSettings")]
    [Authorize(Policy = Policies.Pengurus)]
    [Tags("Platform")]
    [ProducesResponseType<SettingsView>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    public static async Task<IResult> Put(string kop, ChangeSettingsRequest request, HttpContext http, CommandScope scope)
    {
        var stream = await scope.Session.Events.FetchForExclusiveWriting<KoperasiSettings>(KoperasiSettings.StreamId(kop), http.RequestAborted);
        // Under the settings' row lock: a repeat of this request waited for the first one's commit and finds its answer.
        var key = IdempotencyKeys.Of(http, scope.Caller, request);
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;

        var (changed, view) = Decide(scope, request, stream.Aggregate!);
        stream.AppendOne(changed);
        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Ok(view), scope.Now);
    }

    /// <summary>The change, pure: the rules are <see cref="KoperasiDecider.Decide(ChangeSettings, KoperasiSettings, LocalDate, Ekopz.Domain.Common.EventMeta)"/>.</summary>
    public static (KoperasiSettingsChanged Changed, SettingsView View) Decide(CommandScope scope, ChangeSettingsRequest request, KoperasiSettings settings)
    {
        var changed = KoperasiDecider.Decide(
            new ChangeSettings(request.EffectiveFrom, request.PokokAmount, request.WajibMonthlyAmount, request.TimeZone,
                request.SukarelaInterestRate, request.InterestBasis, request.InterestTaxThreshold, request.InterestTaxRate, request.JasaModalBasis),
            settings, scope.Today, scope.Meta(scope.Today, Ekopz.Domain.Common.Channels.Web));
        var after = KoperasiSettings.Evolve(settings, changed)!;
        return (changed, KoperasiSettingsEndpoints.View(after, changed.EffectiveFrom));
    }
}
