using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Members;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Ekopz.Api.Members.Exiting;

/// <param name="Deceased">True when membership ends by death; the refund is paid to <c>paidTo</c> (the heirs).</param>
public sealed record ExitRequest(string? Reason, LocalDate? BusinessDate, bool? Deceased, string? PaidTo, string? Channel);

public sealed record RefundView(decimal Pokok, decimal Wajib, decimal Sukarela, decimal Total);

/// <param name="TransactionId">The refund's transaction; null in a preview, which records nothing.</param>
public sealed record ExitResponse(
    Guid MemberId,
    string Status,
    Guid? TransactionId,
    LocalDate BusinessDate,
    RefundView Refund,
    IReadOnlyList<RefundOffset> Offsets,
    decimal NetPaid,
    string PaidTo,
    IReadOnlyList<string> Warnings);

/// <summary>
/// A member leaves (or has died): pokok, wajib and sukarela are refunded net of what they owe,
/// in one event. When the refund takes own capital below its level at the start of the year the
/// answer carries a warning (the law says it should not fall; the koperasi decides).
/// The preview runs the very same <see cref="Decide"/> and records nothing (docs/adr/0015).
/// </summary>
public static class ExitMemberEndpoint
{
    /// <summary>A member leaves: refund savings net of debts</summary>
    /// <remarks>
    /// Pengurus only. Pokok, wajib and sukarela are refunded net of what the member owes (loans, shop credit), in one event,
    /// posted to the books. For a death the heirs are named. When the refund takes own capital below its level at the start of
    /// the year the answer carries a warning (the koperasi decides). A member who has left is 422 <c>invalid_state</c>; a date in
    /// a closed month is 422 <c>period_closed</c>. Call previewMemberExit first to show the figures. Send an
    /// <c>Idempotency-Key</c> header to retry safely: a repeat answers the first answer and records nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/members/{memberId}/exit", OperationId = "exitMember")]
    [Authorize(Policy = Policies.Pengurus)]
    [Tags("Members")]
    [ProducesResponseType<ExitResponse>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static Task<IResult> Post(string kop, Guid memberId, ExitRequest request, HttpContext http, CommandRunner runner,
        IMemberObligations obligations, Ledger.LedgerQueries ledger) =>
        runner.Run(http, kop, request, async scope =>
            CommandResult.Ok(await Decide(scope, memberId, request, obligations, ledger, http.RequestAborted)));

    /// <summary>Preview a member's exit refund</summary>
    /// <remarks>
    /// What the exit would refund, net of what the member owes, on the same date and with the same warnings, with
    /// <c>transactionId</c> null: nothing is recorded, so the pengurus can check the figures before confirming. The same refusals
    /// apply (a member who has left, a closed period, heirs not named).
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/members/{memberId}/exit/preview", OperationId = "previewMemberExit")]
    [Authorize(Policy = Policies.Pengurus)]
    [Tags("Members")]
    [ProducesResponseType<ExitResponse>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static Task<IResult> Preview(string kop, Guid memberId, ExitRequest request, HttpContext http, CommandRunner runner,
        IMemberObligations obligations, Ledger.LedgerQueries ledger) =>
        runner.Preview(http, kop, async scope =>
            CommandResult.Ok(await Decide(scope, memberId, request, obligations, ledger, http.RequestAborted) with { TransactionId = null }));

    /// <summary>The exit, decided and appended to the scope's session: the runner saves it, or a preview drops it.</summary>
    public static async Task<ExitResponse> Decide(CommandScope scope, Guid memberId, ExitRequest request, IMemberObligations obligations,
        Ledger.LedgerQueries ledger, CancellationToken ct)
    {
        var kop = scope.Tenant;
        var date = scope.BusinessDate(request.BusinessDate);
        var channel = scope.Channel(request.Channel);
        var stream = await scope.Session.Events.FetchForExclusiveWriting<Member>(memberId, ct);
        var offsets = await obligations.OpenObligations(scope.Session, memberId, date, ct);
        var exited = MemberDecider.Exit(new ExitMember(request.Reason, request.Deceased ?? false, request.PaidTo), stream.Aggregate,
            offsets, scope.Meta(date, channel));
        stream.AppendOne(exited);
        // Loans (and other areas) close what the refund settled, in this same transaction.
        await obligations.Settle(scope.Session, exited, ct);

        var warnings = new List<string>();
        var chart = (await scope.Session.LoadAsync<Ekopz.Domain.Ledger.Chart>(Ekopz.Domain.Ledger.Chart.StreamId(kop), ct))!;
        var yearStart = new LocalDate(date.Year, 1, 1);
        var atYearStart = await OwnCapital.At(ledger, chart, kop, yearStart.PlusDays(-1), ct);
        var after = await OwnCapital.At(ledger, chart, kop, LocalDate.MaxIsoValue, ct) - exited.Refund.Pokok - exited.Refund.Wajib;
        if (after < atYearStart)
            warnings.Add($"own_capital_below_year_start: own capital (pokok, wajib, reserves, grants) falls to Rp{after:N2}, "
                + $"below Rp{atYearStart:N2} at the start of {date.Year}.");

        var r = exited.Refund;
        return new ExitResponse(memberId, (exited.Deceased ? MemberStatus.Deceased : MemberStatus.Exited).Name(),
            exited.TransactionId, date, new RefundView(r.Pokok, r.Wajib, r.Sukarela, r.Pokok + r.Wajib + r.Sukarela),
            exited.Offsets, exited.NetPaid, exited.PaidTo!, warnings);
    }
}
