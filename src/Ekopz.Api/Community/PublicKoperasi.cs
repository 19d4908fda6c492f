using Ekopz.Api.Infrastructure;
using Ekopz.Api.Platform;
using Ekopz.Domain.Common;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Ekopz.Api.Community;

public sealed record PublicKoperasiView(string Slug, string Name);

/// <summary>
/// Public routes (<c>/api/v1/public/{slug}/...</c>) take no token. Their koperasi is named <c>{slug}</c>, not
/// <c>{kop}</c>: the tenant gate (which answers a signed-in caller of another koperasi 404) leaves them alone, so a
/// pengurus of one koperasi can read another's public page too; the registry answers whether the koperasi exists.
/// </summary>
public static class PublicKoperasi
{
    /// <summary>The koperasi's registry record, or 404 <c>not_found</c>.</summary>
    public static async Task<KoperasiRecord> Require(IDocumentStore store, KoperasiDirectory directory, string slug, CancellationToken ct)
    {
        if (!await directory.ExistsAsync(slug, ct)) throw new DomainException(ErrorCodes.NotFound, "No such koperasi.");
        await using var session = store.QuerySession();
        return await session.LoadAsync<KoperasiRecord>(slug, ct) ?? throw new DomainException(ErrorCodes.NotFound, "No such koperasi.");
    }

    /// <summary>A koperasi's public page</summary>
    /// <remarks>
    /// Anyone, no token. What the koperasi shows anyone: its name and public details. An unknown slug is 404.
    /// </remarks>
    [WolverineGet("/api/v1/public/{slug}", OperationId = "getPublicKoperasi")]
    [AllowAnonymous]
    [Tags("Public")]
    [ProducesResponseType<PublicKoperasiView>(200)]
    public static async Task<IResult> Get(string slug, HttpContext http, IDocumentStore store, KoperasiDirectory directory)
    {
        var record = await Require(store, directory, slug, http.RequestAborted);
        return Results.Json(new PublicKoperasiView(record.Id, record.Name), ApiJson.Options);
    }
}
