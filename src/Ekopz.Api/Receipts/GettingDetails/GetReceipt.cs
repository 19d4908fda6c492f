using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Projections.Receipts;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Ekopz.Api.Receipts.GettingDetails;

/// <summary>A receipt by its number, exactly as it was issued (to print again).</summary>
public static class GetReceiptEndpoint
{
    [WolverineGet("/api/v1/koperasi/{kop}/receipts/{receiptNumber}", OperationId = "getReceipt")]
    [Authorize(Policy = Policies.StaffRead)]
    [Tags("Receipts")]
    [ProducesResponseType<ReceiptView>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Get(string kop, int receiptNumber, HttpContext http, IDocumentStore store)
    {
        await using var session = store.QuerySession(kop);
        var receipt = await session.Query<IssuedReceipt>().Where(r => r.Number == receiptNumber).FirstOrDefaultAsync(http.RequestAborted);
        return receipt is null
            ? Problems.Result(http, ErrorCodes.NotFound, $"No receipt number {receiptNumber}.")
            : Results.Json(ReceiptView.Of(receipt), ApiJson.Options);
    }
}
