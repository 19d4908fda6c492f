using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Members;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Marten;
using ConcurrencyStyle = Wolverine.Marten.ConcurrencyStyle;

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

/// <summary>What an exit is decided on besides the member: what they owe on the day, and own capital at the start of the year
/// and now (from the ledger), for the warning.</summary>
public sealed record ExitFigures(IReadOnlyList<RefundOffset> Offsets, decimal OwnCapitalAtYearStart, decimal OwnCapitalNow);

/// <summary>
/// A member leaves (or has died): pokok, wajib and sukarela are refunded net of what they owe,
/// in one event. When the refund takes own capital below its level at the start of the year the
/// answer carries a warning (the law says it should not fall; the koperasi decides).
/// On Wolverine's write path (docs/adr/0037): the member's stream is locked first, then the obligation sources lock what
/// they read (the member's loans), the order the exit always took. The preview (<see cref="PreviewMemberExitEndpoint"/>)
/// runs the very same <see cref="Decide"/> and records nothing (docs/adr/0015).
/// </summary>
public static class ExitMemberEndpoint
{
    /// <summary>The command's context, before the endpoint runs (docs/adr/0025).</summary>
    public static Task<CommandScope> LoadAsync(string kop, HttpContext http, IDocumentSession session, KoperasiContextCache contexts,
        IClock clock) => WritePath.Scope(kop, http, session, contexts, clock);

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
    public static async Task<IResult> Post(Guid memberId, ExitRequest request, HttpContext http, CommandScope scope,
        IMemberObligations obligations, Ledger.LedgerQueries ledger,
        [WriteAggregate("memberId", Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] IEventStream<Member> member)
    {
        // Under the member's row lock: a repeat of this request waited for the first one's commit and finds its answer.
        var key = IdempotencyKeys.Of(http, scope.Caller, request);
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;

        var figures = await Figures(scope, memberId, request, obligations, ledger, http.RequestAborted);
        var (exited, response) = Decide(scope, request, member.Aggregate, figures);
        member.AppendOne(exited);
        // Loans (and other areas) close what the refund settled, in this same transaction.
        await obligations.Settle(scope.Session, exited, http.RequestAborted);
        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Ok(response), scope.Now);
    }

    /// <summary>What the decision needs from the database: the open obligations on the exit date and own capital.</summary>
    public static async Task<ExitFigures> Figures(CommandScope scope, Guid memberId, ExitRequest request, IMemberObligations obligations,
        Ledger.LedgerQueries ledger, CancellationToken ct)
    {
        // The date and channel are refused before anything is read, as they always were.
        var date = scope.BusinessDate(request.BusinessDate);
        scope.Channel(request.Channel);
        var offsets = await obligations.OpenObligations(scope.Session, memberId, date, ct);
        var kop = scope.Tenant;
        var chart = (await scope.Session.LoadAsync<Ekopz.Domain.Ledger.Chart>(Ekopz.Domain.Ledger.Chart.StreamId(kop), ct))!;
        var atYearStart = await OwnCapital.At(ledger, chart, kop, new LocalDate(date.Year, 1, 1).PlusDays(-1), ct);
        var now = await OwnCapital.At(ledger, chart, kop, LocalDate.MaxIsoValue, ct);
        return new ExitFigures(offsets, atYearStart, now);
    }

    /// <summary>
    /// The exit, pure: the request, the member and the figures in, the event and the answer out. The rules are
    /// <see cref="MemberDecider.Exit"/>; this adds the date and channel, and the warning when the refund of pokok and wajib takes
    /// own capital below its level at the start of the year.
    /// </summary>
    public static (MemberExited Event, ExitResponse Response) Decide(CommandScope scope, ExitRequest request, Member? member, ExitFigures figures)
    {
        var date = scope.BusinessDate(request.BusinessDate);
        var channel = scope.Channel(request.Channel);
        var exited = MemberDecider.Exit(new ExitMember(request.Reason, request.Deceased ?? false, request.PaidTo), member,
            figures.Offsets, scope.Meta(date, channel));

        var warnings = new List<string>();
        var after = figures.OwnCapitalNow - exited.Refund.Pokok - exited.Refund.Wajib;
        if (after < figures.OwnCapitalAtYearStart)
            warnings.Add($"own_capital_below_year_start: own capital (pokok, wajib, reserves, grants) falls to Rp{after:N2}, "
                + $"below Rp{figures.OwnCapitalAtYearStart:N2} at the start of {date.Year}.");

        var r = exited.Refund;
        return (exited, new ExitResponse(exited.MemberId, (exited.Deceased ? MemberStatus.Deceased : MemberStatus.Exited).Name(),
            exited.TransactionId, date, new RefundView(r.Pokok, r.Wajib, r.Sukarela, r.Pokok + r.Wajib + r.Sukarela),
            exited.Offsets, exited.NetPaid, exited.PaidTo!, warnings));
    }
}

/// <summary>
/// The exit's preview ("check your answers", docs/adr/0015): the same figures and the same <see cref="ExitMemberEndpoint.Decide"/>,
/// nothing appended, so Wolverine's commit writes nothing. Its own class: Wolverine runs a class's <c>LoadAsync</c> before every
/// endpoint of it, and the preview takes no lock on the member.
/// </summary>
public static class PreviewMemberExitEndpoint
{
    /// <summary>The command's context, before the endpoint runs (docs/adr/0025).</summary>
    public static Task<CommandScope> LoadAsync(string kop, HttpContext http, IDocumentSession session, KoperasiContextCache contexts,
        IClock clock) => WritePath.Scope(kop, http, session, contexts, clock);

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
    public static async Task<IResult> Preview(Guid memberId, ExitRequest request, HttpContext http, CommandScope scope,
        IMemberObligations obligations, Ledger.LedgerQueries ledger)
    {
        var figures = await ExitMemberEndpoint.Figures(scope, memberId, request, obligations, ledger, http.RequestAborted);
        var member = await scope.Session.Events.FetchLatest<Member>(memberId, http.RequestAborted);
        var (_, response) = ExitMemberEndpoint.Decide(scope, request, member, figures);
        return Results.Json(response with { TransactionId = null }, ApiJson.Options, statusCode: StatusCodes.Status200OK);
    }
}
