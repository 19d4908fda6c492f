using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Ledger;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Marten;
using ConcurrencyStyle = Wolverine.Marten.ConcurrencyStyle;

namespace Ekopz.Api.Ledger;

/// <summary>
/// Manual journals (jurnal umum) on Wolverine's write path (docs/adr/0037): proposed by a pengurus, posted when a second person
/// approves. A decision locks the journal's stream (an approval posts to the books), so two decisions at once take turns and the
/// later finds it decided (422 <c>invalid_state</c>). A proposal starts a new stream; two proposals with the same Idempotency-Key
/// at once collide on the key's record and <see cref="ConflictRetry"/> replays the first answer to the second.
/// The reads are in <see cref="AdjustmentEndpoints"/>.
/// </summary>
public static class AdjustmentWriteEndpoints
{
    /// <summary>The command's context, before the endpoint runs (docs/adr/0025).</summary>
    public static Task<CommandScope> LoadAsync(string kop, HttpContext http, IDocumentSession session, KoperasiContextCache contexts,
        IClock clock) => WritePath.Scope(kop, http, session, contexts, clock);

    /// <summary>Propose a manual journal (jurnal umum)</summary>
    /// <remarks>
    /// Pengurus only. Balanced lines (debits equal credits, else 400), each on an active account, optionally correcting an
    /// earlier entry (<c>corrects</c>). Nothing posts until a second pengurus approves (approveAdjustment). A date in a closed
    /// month is 422 <c>period_closed</c>. Cash lines without a cash flow category get one inferred. Send an
    /// <c>Idempotency-Key</c> header to retry safely: a repeat answers the first answer and records nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/ledger/adjustments", OperationId = "proposeAdjustment")]
    [Authorize(Policy = Policies.Pengurus)]
    [Tags("Books")]
    [ProducesResponseType<AdjustmentView>(202)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static async Task<IResult> Propose(string kop, AdjustmentRequest request, HttpContext http, CommandScope scope, ReadDb db)
    {
        var key = IdempotencyKeys.Of(http, scope.Caller, request);
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;

        scope.BusinessDate(request.BusinessDate); // a bad date is refused before anything is read
        var chart = (await scope.Session.LoadAsync<Chart>(Chart.StreamId(kop), http.RequestAborted))!;
        var correctsKnown = request.Corrects is { } corrected && await AdjustmentEndpoints.EntryExists(db, kop, corrected, http.RequestAborted);
        var (requested, view) = DecideProposal(scope, request, chart, correctsKnown);
        scope.Session.Events.StartStream<JournalVoucher>(requested.VoucherId, requested);
        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Accepted(view), scope.Now);
    }

    /// <summary>The proposal, pure: the rules are <see cref="VoucherDecider.Request"/>; the answer is the journal waiting for approval.</summary>
    public static (JournalVoucherRequested Event, AdjustmentView Response) DecideProposal(CommandScope scope, AdjustmentRequest request,
        Chart chart, bool correctsKnown)
    {
        var date = scope.BusinessDate(request.BusinessDate);
        var lines = request.Lines?.Select(l => new VoucherLine(l.AccountCode ?? "", l.Debit, l.Credit, l.CashFlow, l.Memo)).ToList();
        var requested = VoucherDecider.Request(Guid.NewGuid(), date, request.Description, lines, request.Corrects, correctsKnown, chart,
            scope.Meta(scope.Today, Channels.Web));
        return (requested, AdjustmentEndpoints.View(JournalVoucher.Evolve(null, requested)!));
    }

    /// <summary>Approve and post a manual journal</summary>
    /// <remarks>
    /// A pengurus other than the proposer (422 <c>same_maker_checker</c>). Posts the journal entry; the closed-month check is
    /// made again (422 <c>period_closed</c>). A decided journal is 422 <c>invalid_state</c>. Send an <c>Idempotency-Key</c>
    /// header to retry safely: a repeat answers the first answer and records nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/ledger/adjustments/{adjustmentId}/approve", OperationId = "approveAdjustment")]
    [Authorize(Policy = Policies.Pengurus)]
    [Tags("Books")]
    [ProducesResponseType<AdjustmentView>(200)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static async Task<IResult> Approve(Guid adjustmentId, HttpContext http, [NotBody] CommandScope scope,
        [WriteAggregate("adjustmentId", Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] IEventStream<JournalVoucher> voucher)
    {
        // Under the journal's row lock: a repeat of this request waited for the first one's commit and finds its answer.
        var key = IdempotencyKeys.Of(http, scope.Caller, new { adjustmentId });
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;
        var (approved, view) = DecideApproval(scope, voucher.Aggregate);
        voucher.AppendOne(approved);
        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Ok(view), scope.Now);
    }

    /// <summary>The approval, pure: the entry's date must still be open; the rules are <see cref="VoucherDecider.Approve"/>.</summary>
    public static (JournalVoucherApproved Event, AdjustmentView Response) DecideApproval(CommandScope scope, JournalVoucher? voucher)
    {
        if (voucher is not null) scope.EnsureOpen(voucher.EntryDate);
        var approved = VoucherDecider.Approve(voucher, scope.Meta(scope.Today, Channels.Web));
        return (approved, AdjustmentEndpoints.View(JournalVoucher.Evolve(voucher, approved)!));
    }

    /// <summary>Reject a manual journal</summary>
    /// <remarks>
    /// A pengurus, with a reason. Records the rejection; nothing posts. A decided journal is 422 <c>invalid_state</c>. Send an
    /// <c>Idempotency-Key</c> header to retry safely: a repeat answers the first answer and records nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/ledger/adjustments/{adjustmentId}/reject", OperationId = "rejectAdjustment")]
    [Authorize(Policy = Policies.Pengurus)]
    [Tags("Books")]
    [ProducesResponseType<AdjustmentView>(200)]
    public static async Task<IResult> Reject(RejectAdjustmentRequest request, HttpContext http, CommandScope scope,
        [WriteAggregate("adjustmentId", Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] IEventStream<JournalVoucher> voucher)
    {
        var key = IdempotencyKeys.Of(http, scope.Caller, request);
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;
        var (rejected, view) = DecideRejection(scope, request, voucher.Aggregate);
        voucher.AppendOne(rejected);
        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Ok(view), scope.Now);
    }

    /// <summary>The rejection, pure: the rules are <see cref="VoucherDecider.Reject"/>.</summary>
    public static (JournalVoucherRejected Event, AdjustmentView Response) DecideRejection(CommandScope scope, RejectAdjustmentRequest request,
        JournalVoucher? voucher)
    {
        var rejected = VoucherDecider.Reject(voucher, request.Reason, scope.Meta(scope.Today, Channels.Web));
        return (rejected, AdjustmentEndpoints.View(JournalVoucher.Evolve(voucher, rejected)!));
    }
}
