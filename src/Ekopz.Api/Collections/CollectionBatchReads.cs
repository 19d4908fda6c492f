using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Collections;
using Ekopz.Domain.Common;
using Ekopz.Projections.Collections;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Ekopz.Api.Collections;

/// <summary>One applied batch in the list: when, by whom, into which account, how many lines applied and refused, the total.</summary>
public sealed record CollectionBatchListItem(Guid BatchId, string BatchKey, LocalDate BusinessDate, Instant RecordedAt, string RecordedBy,
    string ReceivedInto, string? FileName, int AppliedLines, int RefusedLines, decimal Total);

/// <summary>A page of applied batches, newest first, with the total count.</summary>
public sealed record CollectionBatchListView(int Page, int PageSize, int Total, IReadOnlyList<CollectionBatchListItem> Batches);

/// <summary>
/// Reading applied collection batches (docs/adr/0036, 0044). A separate class from the writes: Wolverine runs a class's
/// <c>LoadAsync</c> (the write scope) before each of its endpoints.
/// </summary>
public static class CollectionBatchReads
{
    /// <summary>List applied collection batches (potong gaji)</summary>
    /// <remarks>
    /// Kasir, pengurus or pengawas. The batches applied, newest first (by when they were recorded), paged (<c>page</c> from 1,
    /// <c>pageSize</c> 1-200, default 20): batch key, business date, who recorded it, into which account, lines applied and
    /// refused, and the total the bank (or kas) received. Dry runs are not batches and are not listed.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/collections/batches", OperationId = "listCollectionBatches")]
    [Authorize(Policy = Policies.CounterRead)]
    [Tags("Collections")]
    [ProducesResponseType<CollectionBatchListView>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    public static async Task<IResult> List(string kop, int? page, int? pageSize, HttpContext http, IDocumentStore store)
    {
        var (p, size) = QueryParams.Paging(page, pageSize, defaultSize: 20, maxSize: 200);
        await using var session = store.QuerySession(kop);
        // Ordered in memory: a koperasi applies a batch per payday (a few dozen a year), and the instant is stored as ISO text,
        // whose order is not the instants' within one second.
        var all = await session.Query<CollectionBatchSummary>().ToListAsync(http.RequestAborted);
        var batches = all.OrderByDescending(b => b.RecordedAt).ThenBy(b => b.BatchKey, StringComparer.Ordinal).Skip((p - 1) * size).Take(size).ToList();
        var total = all.Count;
        return Results.Json(new CollectionBatchListView(p, size, total, batches.Select(b => new CollectionBatchListItem(b.Id, b.BatchKey,
            b.BusinessDate, b.RecordedAt, b.RecordedBy, b.CashPoint, b.FileName, b.Applied, b.Refused, b.Total)).ToList()), ApiJson.Options);
    }

    /// <summary>Read an applied collection batch's report</summary>
    /// <remarks>
    /// Kasir, pengurus or pengawas. The batch report as the apply answered it (every line applied or refused with its code and
    /// message, the counts and totals, the file's name and SHA-256), read from the batch's event. <c>replayed</c> is false.
    /// 404 <c>not_found</c> for an id that is no batch of this koperasi.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/collections/batches/{batchId}", OperationId = "getCollectionBatch")]
    [Authorize(Policy = Policies.CounterRead)]
    [Tags("Collections")]
    [ProducesResponseType<CollectionBatchReport>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Get(string kop, Guid batchId, HttpContext http, IDocumentStore store)
    {
        await using var session = store.QuerySession(kop);
        // The summary is the batch's read model: no summary, no batch (and no stream read for a made-up id).
        if (await session.LoadAsync<CollectionBatchSummary>(batchId, http.RequestAborted) is null)
            return Problems.Result(http, ErrorCodes.NotFound, "No such collection batch.");
        var events = await session.Events.FetchStreamAsync(batchId, token: http.RequestAborted);
        if (events.Select(e => e.Data).OfType<CollectionBatchApplied>().FirstOrDefault() is not { } batch)
            return Problems.Result(http, ErrorCodes.NotFound, "No such collection batch.");
        return Results.Json(CollectionBatchReport.From(batch, applied: true, replayed: false), ApiJson.Options);
    }
}
