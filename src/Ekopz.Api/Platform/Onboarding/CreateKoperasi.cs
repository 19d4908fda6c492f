using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Koperasi;
using Ekopz.Domain.Ledger;
using Ekopz.Domain.Shop;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Ekopz.Api.Platform.Onboarding;

public sealed record CreateKoperasiRequest(string? Slug, string? Name, string? TimeZone, decimal? PokokAmount, decimal? WajibMonthlyAmount);

public sealed record CreateKoperasiResponse(string Slug, string Name, string TimeZone, decimal PokokAmount, decimal WajibMonthlyAmount);

/// <summary>
/// The platform operator onboards a koperasi: a registry entry plus the koperasi's own settings stream. On Wolverine's write path
/// (docs/adr/0031, 0039): the session is the platform's (no koperasi in the route), the slug is serialized by an advisory lock.
/// </summary>
public static class CreateKoperasiEndpoint
{
    /// <summary>Onboard a koperasi</summary>
    /// <remarks>
    /// The platform operator (<c>admin</c>) only. Creates the registry entry and the koperasi's own settings stream (time zone,
    /// pokok and wajib amounts). A slug already taken is 409 <c>conflict</c>. Send an <c>Idempotency-Key</c> header to retry
    /// safely: a repeat answers the first answer and records nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi", OperationId = "createKoperasi")]
    [Authorize(Policy = Policies.Operator)]
    [Tags("Platform")]
    [ProducesResponseType<CreateKoperasiResponse>(201)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(409)]
    public static async Task<IResult> Post(CreateKoperasiRequest request, HttpContext http, IDocumentSession session, IClock clock)
    {
        var scope = WritePath.PlatformScope(http, session, clock);
        // One onboarding of a slug at a time: the "is it taken?" check and the Idempotency-Key lookup see every earlier
        // commit (a double submit waits and replays the first answer).
        var slug = Slug(request);
        await WritePath.Serialize(session, $"koperasi:{slug}", http.RequestAborted);
        var key = IdempotencyKeys.Of(http, scope.Caller, request);
        if (await IdempotencyKeys.Replay(session, http, key) is { } replay) return replay;

        return IdempotencyKeys.Answer(session, key, CommandResult.Created(await Onboard(scope, request, http.RequestAborted)), scope.Now);
    }

    /// <summary>Is the slug taken, the decision, and what it records, in the scope's (platform) session: the endpoint's, under its lock, and the demo seeder's.</summary>
    public static async Task<CreateKoperasiResponse> Onboard(CommandScope scope, CreateKoperasiRequest request, CancellationToken ct)
    {
        var slug = Slug(request);
        var taken = slug.Length > 0 && await scope.Session.LoadAsync<KoperasiRecord>(slug, ct) is not null;
        var decision = Decide(scope, request, taken);
        Record(scope.Session, slug, decision);
        return decision.Response;
    }

    private static void Record(IDocumentSession session, string slug, Onboarding decision)
    {
        // Insert (not Store): a slug is never overwritten.
        session.Insert(decision.Record);
        var tenant = session.ForTenant(slug);
        tenant.Events.StartStream<KoperasiSettings>(KoperasiSettings.StreamId(slug), decision.Opened);
        tenant.Events.StartStream<Chart>(Chart.StreamId(slug), decision.Chart);
        tenant.Events.StartStream<ShopUnit>(ShopUnit.MainId(slug), decision.Unit);
    }

    private static string Slug(CreateKoperasiRequest request) => request.Slug?.Trim().ToLowerInvariant() ?? "";

    /// <summary>What onboarding records, decided without a database: the settings' first event, the default chart and the main shop unit.</summary>
    public sealed record Onboarding(KoperasiRecord Record, KoperasiOpened Opened, ChartOpened Chart, UnitOpened Unit,
        CreateKoperasiResponse Response);

    /// <summary>
    /// The decision: the request and whether the slug is taken in, every stream's first event out. The rules of the settings are
    /// <see cref="KoperasiDecider.Decide(OpenKoperasi, EventMeta)"/>; a bad request is refused before a taken slug.
    /// </summary>
    public static Onboarding Decide(CommandScope scope, CreateKoperasiRequest request, bool slugTaken)
    {
        var slug = Slug(request);
        var zone = request.TimeZone ?? "Asia/Jakarta";
        var today = scope.Now.InZone(DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone) ?? DateTimeZone.Utc).Date;
        var opened = KoperasiDecider.Decide(
            new OpenKoperasi(slug, request.Name ?? "", zone, request.PokokAmount, request.WajibMonthlyAmount),
            scope.PlatformMeta(today));
        if (slugTaken)
            throw new DomainException(ErrorCodes.Conflict, $"A koperasi with the slug '{slug}' already exists.",
                new Dictionary<string, string[]> { ["slug"] = ["This slug is taken."] });

        var record = new KoperasiRecord { Id = slug, Name = opened.Name, CreatedAt = scope.Now, CreatedBy = scope.Caller.Username };
        // Every koperasi starts with the default chart of accounts (it may change it from then on) and one shop unit (docs/adr/0011).
        var chart = new ChartOpened(ChartTemplate.Default, opened.Meta);
        var unit = ShopUnitDecider.Open(ShopUnit.MainId(slug), ShopUnit.MainName, UnitKind.Own, null, opened.Meta);
        return new Onboarding(record, opened, chart, unit,
            new CreateKoperasiResponse(slug, opened.Name, opened.TimeZone, opened.PokokAmount, opened.WajibMonthlyAmount));
    }
}
