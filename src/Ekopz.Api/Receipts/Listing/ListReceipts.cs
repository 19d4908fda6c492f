using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Projections.Receipts;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Ekopz.Api.Receipts.Listing;

/// <summary>
/// The receipt book in number order, paged, with the total counted by the store: an auditor reads it
/// from number 1 on and sees that no number is missing. <c>from</c> and <c>to</c> are issue dates.
/// </summary>
public static class ListReceiptsEndpoint
{
    /// <summary>The receipt book</summary>
    /// <remarks>
    /// Kasir, pengurus or pengawas. Receipts in number order, paged, issued between <c>from</c> and <c>to</c>, with the total
    /// count: an auditor reads it from number 1 on and sees that no number is missing.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/receipts", OperationId = "listReceipts")]
    [Authorize(Policy = Policies.CounterRead)]
    [Tags("Receipts")]
    [ProducesResponseType<ReceiptListView>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    public static async Task<IResult> List(string kop, string? from, string? to, int? page, int? pageSize, HttpContext http, IDocumentStore store)
    {
        var ct = http.RequestAborted;
        var (p, size) = QueryParams.Paging(page, pageSize);
        var fromDate = QueryParams.Date(from, "from");
        var toDate = QueryParams.Date(to, "to");
        if (fromDate > toDate) throw DomainException.Validation("to", "The end date cannot be before the start date.");

        await using var session = store.QuerySession(kop);
        IQueryable<IssuedReceipt> query = session.Query<IssuedReceipt>();
        if (fromDate is { } f)
        {
            var key = f.Key();
            query = query.Where(r => r.IssuedDateKey >= key);
        }
        if (toDate is { } t)
        {
            var key = t.Key();
            query = query.Where(r => r.IssuedDateKey <= key);
        }
        var total = await query.CountAsync(ct);
        var receipts = await query.OrderBy(r => r.Number).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return Results.Json(new ReceiptListView(fromDate, toDate, p, size, total, receipts.Select(ReceiptView.Of).ToList()), ApiJson.Options);
    }
}
