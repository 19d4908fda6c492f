using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Loans;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Ekopz.Api.Loans.Settings;

/// <param name="LendingLimitPercent">Share of own capital one borrower may owe (15).</param>
/// <param name="InsiderLendingLimitPercent">The same for pengurus, pengawas and their affiliates (10).</param>
/// <param name="LancarMaxDays">Days past due still lancar (30); then dalam perhatian khusus up to dpkMaxDays (90), kurang lancar up to
/// kurangLancarMaxDays (120), diragukan up to diragukanMaxDays (180), macet above.</param>
/// <param name="AllowanceLancar">Required allowance (PPAPWD), percent of the class's outstanding principal.</param>
public sealed record LoanSettingsRequest(
    LocalDate? EffectiveFrom,
    decimal? LendingLimitPercent = null,
    decimal? InsiderLendingLimitPercent = null,
    int? LancarMaxDays = null,
    int? DpkMaxDays = null,
    int? KurangLancarMaxDays = null,
    int? DiragukanMaxDays = null,
    decimal? AllowanceLancar = null,
    decimal? AllowanceDpk = null,
    decimal? AllowanceKurangLancar = null,
    decimal? AllowanceDiragukan = null,
    decimal? AllowanceMacet = null);

public sealed record LoanSettingsView(LocalDate AsOf, LoanSettingsVersion Current, IReadOnlyList<LoanSettingsVersion> History);

/// <summary>
/// The koperasi's loan settings (own stream, docs/adr/0010): lending limits, kolektibilitas thresholds
/// and required allowance percentages, effective-dated from today on. Defaults from the domain rules
/// apply until the first change.
/// </summary>
public static class LoanSettingsEndpoints
{
    /// <summary>The command's context, before the endpoint runs (docs/adr/0025).</summary>
    public static Task<CommandScope> LoadAsync(string kop, HttpContext http, IDocumentSession session, KoperasiContextCache contexts,
        IClock clock) => WritePath.Scope(kop, http, session, contexts, clock);

    /// <summary>Change the loan settings from a date on</summary>
    /// <remarks>
    /// Pengurus only. Records a new version of the lending limits, kolektibilitas thresholds and allowance percentages, effective
    /// from today on. Send an <c>Idempotency-Key</c> header to retry safely: a repeat answers the first answer and records
    /// nothing twice.
    /// </remarks>
    [WolverinePut("/api/v1/koperasi/{kop}/loan-settings", OperationId = "changeLoanSettings")]
    [Authorize(Policy = Policies.Pengurus)]
    [Tags("Loans")]
    [ProducesResponseType<LoanSettingsView>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    public static async Task<IResult> Put(string kop, LoanSettingsRequest request, HttpContext http, CommandScope scope)
    {
        var ct = http.RequestAborted;
        // The loan settings' stream does not exist before the first change: the advisory lock named after it stands in for its
        // row (docs/adr/0043), so two changes take turns and a repeat with the same Idempotency-Key replays the first answer.
        await WritePath.Serialize(scope.Session, $"loan-settings:{kop}", ct);
        var stream = await scope.Session.Events.FetchForExclusiveWriting<LoanSettings>(LoanSettings.StreamId(kop), ct);
        var key = IdempotencyKeys.Of(http, scope.Caller, request);
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;
        var (changed, view) = Decide(scope, request, stream.Aggregate);
        stream.AppendOne(changed);
        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Ok(view), scope.Now);
    }

    /// <summary>The change, pure; the rules are <see cref="LoanSettingsDecider.Change"/>.</summary>
    public static (LoanSettingsChanged Event, LoanSettingsView View) Decide(CommandScope scope, LoanSettingsRequest request, LoanSettings? settings)
    {
        var r = request;
        var changed = LoanSettingsDecider.Change(new ChangeLoanSettings(r.EffectiveFrom, r.LendingLimitPercent, r.InsiderLendingLimitPercent,
                r.LancarMaxDays, r.DpkMaxDays, r.KurangLancarMaxDays, r.DiragukanMaxDays, r.AllowanceLancar, r.AllowanceDpk,
                r.AllowanceKurangLancar, r.AllowanceDiragukan, r.AllowanceMacet),
            settings, scope.Today, scope.Meta(scope.Today, Channels.Web));
        return (changed, View(LoanSettings.Evolve(settings, changed), changed.EffectiveFrom));
    }

    internal static LoanSettingsView View(LoanSettings? s, LocalDate asOf) =>
        new(asOf, LoanSettings.At(s, asOf), s?.Versions ?? [LoanSettings.Defaults]);
}

/// <summary>The loan settings' read (apart from the write: Wolverine runs a class's <c>LoadAsync</c> before each of its endpoints).</summary>
public static class LoanSettingsReads
{
    /// <summary>Read the loan settings</summary>
    /// <remarks>
    /// Any staff role. Lending limits, kolektibilitas thresholds and required allowance percentages in force on <c>asOf</c>
    /// (default today); the domain's defaults until the first change.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/loan-settings", OperationId = "getLoanSettings")]
    [Authorize(Policy = Policies.StaffRead)]
    [Tags("Loans")]
    [ProducesResponseType<LoanSettingsView>(200)]
    public static async Task<IResult> Get(string kop, string? asOf, HttpContext http, IDocumentStore store, IClock clock)
    {
        await using var session = store.QuerySession(kop);
        var reads = await LoanReadContext.Open(session, clock, kop, http.RequestAborted);
        return Results.Json(LoanSettingsEndpoints.View(reads.Settings, reads.AsOf(asOf)), ApiJson.Options);
    }

}
