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

public sealed record ExitResponse(
    Guid MemberId,
    string Status,
    Guid TransactionId,
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
/// </summary>
public static class ExitMemberEndpoint
{
    [WolverinePost("/api/v1/koperasi/{kop}/members/{memberId}/exit", OperationId = "exitMember")]
    [Authorize(Policy = Policies.Pengurus)]
    [Tags("Members")]
    [ProducesResponseType<ExitResponse>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static Task<IResult> Post(string kop, Guid memberId, ExitRequest request, HttpContext http, CommandRunner runner,
        IMemberObligations obligations, Ledger.LedgerQueries ledger) =>
        runner.Run(http, kop, request, async scope =>
        {
            var date = scope.BusinessDate(request.BusinessDate);
            var channel = scope.Channel(request.Channel);
            var stream = await scope.Session.Events.FetchForExclusiveWriting<Member>(memberId);
            var offsets = await obligations.OpenObligations(scope.Session, memberId, date, http.RequestAborted);
            var exited = MemberDecider.Exit(new ExitMember(request.Reason, request.Deceased ?? false, request.PaidTo), stream.Aggregate,
                offsets, scope.Meta(date, channel));
            stream.AppendOne(exited);
            // Loans (and other areas) close what the refund settled, in this same transaction.
            await obligations.Settle(scope.Session, exited, http.RequestAborted);

            var warnings = new List<string>();
            var chart = (await scope.Session.LoadAsync<Ekopz.Domain.Ledger.Chart>(Ekopz.Domain.Ledger.Chart.StreamId(kop)))!;
            var yearStart = new LocalDate(date.Year, 1, 1);
            var atYearStart = await OwnCapital.At(ledger, chart, kop, yearStart.PlusDays(-1), http.RequestAborted);
            var after = await OwnCapital.At(ledger, chart, kop, LocalDate.MaxIsoValue, http.RequestAborted) - exited.Refund.Pokok - exited.Refund.Wajib;
            if (after < atYearStart)
                warnings.Add($"own_capital_below_year_start: own capital (pokok, wajib, reserves, grants) falls to Rp{after:N2}, "
                    + $"below Rp{atYearStart:N2} at the start of {date.Year}.");

            var r = exited.Refund;
            return CommandResult.Ok(new ExitResponse(memberId, (exited.Deceased ? MemberStatus.Deceased : MemberStatus.Exited).Name(),
                exited.TransactionId, date, new RefundView(r.Pokok, r.Wajib, r.Sukarela, r.Pokok + r.Wajib + r.Sukarela),
                exited.Offsets, exited.NetPaid, exited.PaidTo!, warnings));
        });
}
