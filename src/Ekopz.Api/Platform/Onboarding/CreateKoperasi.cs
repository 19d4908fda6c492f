using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Koperasi;
using Ekopz.Domain.Ledger;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Ekopz.Api.Platform.Onboarding;

public sealed record CreateKoperasiRequest(string? Slug, string? Name, string? TimeZone, decimal? PokokAmount, decimal? WajibMonthlyAmount);

public sealed record CreateKoperasiResponse(string Slug, string Name, string TimeZone, decimal PokokAmount, decimal WajibMonthlyAmount);

/// <summary>The platform operator onboards a koperasi: a registry entry plus the koperasi's own settings stream.</summary>
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
    public static Task<IResult> Post(CreateKoperasiRequest request, HttpContext http, CommandRunner runner) =>
        runner.Run(http, null, request, scope => Handle(scope, request));

    public static async Task<CommandResult> Handle(CommandScope scope, CreateKoperasiRequest request)
    {
        var slug = request.Slug?.Trim().ToLowerInvariant() ?? "";
        var zone = request.TimeZone ?? "Asia/Jakarta";
        var today = scope.Now.InZone(NodaTime.DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone) ?? NodaTime.DateTimeZone.Utc).Date;
        var opened = KoperasiDecider.Decide(
            new OpenKoperasi(slug, request.Name ?? "", zone, request.PokokAmount, request.WajibMonthlyAmount),
            scope.PlatformMeta(today));

        if (await scope.Session.LoadAsync<KoperasiRecord>(slug) is not null)
            throw new DomainException(ErrorCodes.Conflict, $"A koperasi with the slug '{slug}' already exists.",
                new Dictionary<string, string[]> { ["slug"] = ["This slug is taken."] });

        // Insert (not Store): two racing creations of one slug cannot both succeed.
        scope.Session.Insert(new KoperasiRecord { Id = slug, Name = opened.Name, CreatedAt = scope.Now, CreatedBy = scope.Caller.Username });
        var tenant = scope.Session.ForTenant(slug);
        tenant.Events.StartStream<KoperasiSettings>(KoperasiSettings.StreamId(slug), opened);
        // Every koperasi starts with the default chart of accounts; it may change it from then on.
        tenant.Events.StartStream<Chart>(Chart.StreamId(slug), new ChartOpened(ChartTemplate.Default, opened.Meta));
        // Every koperasi starts with one shop unit (docs/adr/0011).
        tenant.Events.StartStream<Ekopz.Domain.Shop.ShopUnit>(Ekopz.Domain.Shop.ShopUnit.MainId(slug),
            Ekopz.Domain.Shop.ShopUnitDecider.Open(Ekopz.Domain.Shop.ShopUnit.MainId(slug), Ekopz.Domain.Shop.ShopUnit.MainName,
                Ekopz.Domain.Shop.UnitKind.Own, null, opened.Meta));

        return CommandResult.Created(new CreateKoperasiResponse(slug, opened.Name, opened.TimeZone, opened.PokokAmount, opened.WajibMonthlyAmount));
    }
}
