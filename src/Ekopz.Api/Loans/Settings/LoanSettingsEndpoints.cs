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
        return Results.Json(View(reads.Settings, reads.AsOf(asOf)), ApiJson.Options);
    }

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
    public static Task<IResult> Put(string kop, LoanSettingsRequest request, HttpContext http, CommandRunner runner) =>
        runner.Run(http, kop, request, async scope =>
        {
            var stream = await scope.Session.Events.FetchForWriting<LoanSettings>(LoanSettings.StreamId(kop));
            var r = request;
            var changed = LoanSettingsDecider.Change(new ChangeLoanSettings(r.EffectiveFrom, r.LendingLimitPercent, r.InsiderLendingLimitPercent,
                    r.LancarMaxDays, r.DpkMaxDays, r.KurangLancarMaxDays, r.DiragukanMaxDays, r.AllowanceLancar, r.AllowanceDpk,
                    r.AllowanceKurangLancar, r.AllowanceDiragukan, r.AllowanceMacet),
                stream.Aggregate, scope.Today, scope.Meta(scope.Today, Channels.Web));
            stream.AppendOne(changed);
            return CommandResult.Ok(View(LoanSettings.Evolve(stream.Aggregate, changed), changed.EffectiveFrom));
        });

    private static LoanSettingsView View(LoanSettings? s, LocalDate asOf) =>
        new(asOf, LoanSettings.At(s, asOf), s?.Versions ?? [LoanSettings.Defaults]);
}
