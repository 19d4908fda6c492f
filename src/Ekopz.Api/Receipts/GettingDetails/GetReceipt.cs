using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Receipts;
using Ekopz.Projections.Receipts;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Ekopz.Api.Receipts.GettingDetails;

/// <summary>
/// A receipt by its number, exactly as it was issued (to print again). The counter and the board read any; a pengelola
/// toko only the receipts of shop orders (403 on a savings or loan receipt: members' savings and loans are not theirs
/// to see, docs/adr/0017).
/// </summary>
public static class GetReceiptEndpoint
{
    /// <summary>Read one receipt by number</summary>
    /// <remarks>
    /// Any staff role. The receipt exactly as it was issued, to print again. A pengelola toko reads only the receipts of shop
    /// orders (403 on a savings or loan receipt).
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/receipts/{receiptNumber}", OperationId = "getReceipt")]
    [Authorize(Policy = Policies.StaffRead)]
    [Tags("Receipts")]
    [ProducesResponseType<ReceiptView>(200)]
    [ProducesResponseType<ProblemDetails>(403)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Get(string kop, int receiptNumber, HttpContext http, IDocumentStore store)
    {
        await using var session = store.QuerySession(kop);
        var receipt = await session.Query<IssuedReceipt>().Where(r => r.Number == receiptNumber).FirstOrDefaultAsync(http.RequestAborted);
        if (receipt is null) return Problems.Result(http, ErrorCodes.NotFound, $"No receipt number {receiptNumber}.");
        if (receipt.Source.Kind != ReceiptSources.ShopOrder && !Caller.From(http.User).Roles.Overlaps(Roles.Counter))
            return Problems.Result(http, ErrorCodes.Forbidden, "Only the pengurus, pengawas or a kasir reads receipts of savings and loans.");
        return Results.Json(ReceiptView.Of(receipt), ApiJson.Options);
    }
}
