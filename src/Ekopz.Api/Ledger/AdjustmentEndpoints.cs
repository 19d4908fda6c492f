using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Ledger;
using Marten;
using Marten.Events;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Ekopz.Api.Ledger;

public sealed record AdjustmentLineRequest(string? AccountCode, decimal Debit, decimal Credit, string? CashFlow, string? Memo);

/// <param name="Corrects">The journal entry this adjustment corrects, when it corrects one.</param>
public sealed record AdjustmentRequest(LocalDate? BusinessDate, string? Description, AdjustmentLineRequest[]? Lines, Guid? Corrects);

/// <param name="DecidedAt">When it was approved or rejected.</param>
/// <param name="EntryId">Once approved: the journal entry it posted (<c>ledger/entries/{entryId}</c>), whose id is the approval event's.</param>
public sealed record AdjustmentView(Guid AdjustmentId, string Status, LocalDate BusinessDate, string Description, IReadOnlyList<VoucherLine> Lines,
    Guid? Corrects, string RequestedBy, Instant RequestedAt, string? DecidedBy, string? RejectionReason, Instant? DecidedAt = null, Guid? EntryId = null);

public sealed record RejectAdjustmentRequest(string? Reason);

/// <summary>
/// Reading manual journals (the writes: <see cref="AdjustmentWriteEndpoints"/>).
/// Manual journals (jurnal umum): proposed by a pengurus, posted when a second person approves.
/// Unbalanced is 400, and so is <c>corrects</c> naming no journal entry of this koperasi; a date inside a
/// closed month is 422 <c>period_closed</c>, at the proposal and again at the approval. Cash lines without a
/// cash flow category get one inferred at the proposal (<see cref="VoucherCashFlow"/>).
/// </summary>
public static class AdjustmentEndpoints
{
    /// <summary>List manual journals</summary>
    /// <remarks>
    /// Manual journals, oldest first (at most 1,000): all of them, or those in one <c>status</c> (<c>requested</c>, the ones
    /// waiting for a second pengurus; <c>approved</c>; <c>rejected</c>).
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/ledger/adjustments", OperationId = "listAdjustments")]
    [Authorize(Policy = Policies.BoardRead)]
    [Tags("Books")]
    [ProducesResponseType<IReadOnlyList<AdjustmentView>>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    public static async Task<IResult> List(string kop, string? status, HttpContext http, IDocumentStore store)
    {
        await using var session = store.QuerySession(kop);
        var list = await Query(session, string.IsNullOrEmpty(status) ? null : status).OrderBy(v => v.RequestedAt).Take(1000).ToListAsync(http.RequestAborted);
        var entries = await Entries(session, list.Where(v => v.Status == VoucherStatus.Approved).Select(v => v.Id).ToList(), http.RequestAborted);
        return Results.Json(list.Select(v => View(v, entries.TryGetValue(v.Id, out var e) ? e : null)).ToList(), ApiJson.Options);
    }

    /// <summary>Read one manual journal</summary>
    /// <remarks>
    /// One manual journal, with the entry it posted once approved: what an approver reads before deciding.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/ledger/adjustments/{adjustmentId}", OperationId = "getAdjustment")]
    [Authorize(Policy = Policies.BoardRead)]
    [Tags("Books")]
    [ProducesResponseType<AdjustmentView>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Get(string kop, Guid adjustmentId, HttpContext http, IDocumentStore store)
    {
        await using var session = store.QuerySession(kop);
        var voucher = await session.LoadAsync<JournalVoucher>(adjustmentId, http.RequestAborted);
        if (voucher is null) return Problems.Result(http, ErrorCodes.NotFound, "No such adjustment.");
        var entries = voucher.Status == VoucherStatus.Approved ? await Entries(session, [voucher.Id], http.RequestAborted) : [];
        return Results.Json(View(voucher, entries.TryGetValue(voucher.Id, out var e) ? e : null), ApiJson.Options);
    }

    /// <summary>The approval event of each approved voucher: its id is the id of the journal entry the approval posted.</summary>
    private static async Task<Dictionary<Guid, Guid>> Entries(IQuerySession session, IReadOnlyList<Guid> approved, CancellationToken ct)
    {
        if (approved.Count == 0) return [];
        var ids = approved.ToArray();
        var events = await session.Events.QueryAllRawEvents()
            .Where(e => ids.Contains(e.StreamId) && e.EventTypesAre(typeof(JournalVoucherApproved)))
            .ToListAsync(ct);
        return events.GroupBy(e => e.StreamId).ToDictionary(g => g.Key, g => g.First().Id);
    }

    /// <summary>The adjustments with <paramref name="status"/> (null: all; <c>requested</c> is the approval queue): listed, and counted by the dashboard.</summary>
    public static IQueryable<JournalVoucher> Query(IQuerySession session, string? status)
    {
        IQueryable<JournalVoucher> query = session.Query<JournalVoucher>();
        if (status is null) return query;
        if (!Enum.TryParse<VoucherStatus>(status, true, out var s))
            throw DomainException.Validation("status", "The status is requested, approved or rejected.");
        return query.Where(v => v.Status == s);
    }

    /// <summary>Entries are insert-only, so a committed one stays: reading it outside the command's transaction is safe.</summary>
    internal static Task<bool> EntryExists(ReadDb db, string tenant, Guid entryId, CancellationToken ct) =>
        Ekopz.Projections.Ledger.LedgerEntryQueries.Exists(db.DataSource, tenant, entryId, ct);

    internal static AdjustmentView View(JournalVoucher v) => View(v, null);

    private static AdjustmentView View(JournalVoucher v, Guid? entryId) => new(v.Id, v.Status.ToString().ToLowerInvariant(), v.EntryDate, v.Description,
        v.Lines, v.Corrects, v.RequestedBy, v.RequestedAt, v.DecidedBy, v.RejectionReason, v.DecidedAt, entryId);
}
