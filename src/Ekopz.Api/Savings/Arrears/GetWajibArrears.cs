using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Koperasi;
using Ekopz.Domain.Members;
using Ekopz.Domain.Savings;
using Ekopz.Projections;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Ekopz.Api.Savings.Arrears;

public sealed record WajibMonthView(string Month, decimal Due, bool Paid);

public sealed record WajibArrearsView(
    Guid MemberId, string MemberNumber, string Name, LocalDate AsOf, decimal TotalDue, decimal TotalPaid, int MonthsInArrears,
    decimal ArrearsAmount, IReadOnlyList<string> UnpaidMonths, IReadOnlyList<WajibMonthView> Months);

/// <summary>Simpanan wajib due and unpaid, for one member or for every member, as of any date.</summary>
public static class GetWajibArrearsEndpoint
{
    [WolverineGet("/api/v1/koperasi/{kop}/members/{memberId}/savings/wajib/arrears", OperationId = "getMemberWajibArrears")]
    [Authorize(Policy = Policies.MemberRead)]
    [Tags("Savings")]
    [ProducesResponseType<WajibArrearsView>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> ForMember(string kop, Guid memberId, string? asOf, HttpContext http, IDocumentStore store, IClock clock, ReadDb db)
    {
        await using var session = store.QuerySession(kop);
        var member = await session.LoadAsync<Member>(memberId, http.RequestAborted);
        if (member is null) return Problems.Result(http, ErrorCodes.NotFound, "No such member.");
        var (settings, date) = await Context(session, kop, asOf, clock, http.RequestAborted);
        var paid = await WajibPaid(db, kop, date, memberId, http.RequestAborted);
        return Results.Json(View(member, settings, date, paid.GetValueOrDefault(memberId)), ApiJson.Options);
    }

    [WolverineGet("/api/v1/koperasi/{kop}/savings/wajib/arrears", OperationId = "listWajibArrears")]
    [Authorize(Policy = Policies.StaffRead)]
    [Tags("Savings")]
    [ProducesResponseType<IReadOnlyList<WajibArrearsView>>(200)]
    public static async Task<IResult> ForKoperasi(string kop, string? asOf, bool? all, HttpContext http, IDocumentStore store, IClock clock, ReadDb db)
    {
        await using var session = store.QuerySession(kop);
        var (settings, date) = await Context(session, kop, asOf, clock, http.RequestAborted);
        var paid = await WajibPaid(db, kop, date, null, http.RequestAborted);
        var members = await session.Query<Member>().Where(m => m.ActivatedOn != null).OrderBy(m => m.MemberNumber).ToListAsync(http.RequestAborted);
        var views = members.Select(m => View(m, settings, date, paid.GetValueOrDefault(m.Id)))
            .Where(v => all == true || v.MonthsInArrears > 0).ToList();
        return Results.Json(views, ApiJson.Options);
    }

    private static async Task<(KoperasiSettings Settings, LocalDate Date)> Context(IQuerySession session, string kop, string? asOf, IClock clock, CancellationToken ct)
    {
        var settings = (await session.LoadAsync<KoperasiSettings>(KoperasiSettings.StreamId(kop), ct))!;
        var date = QueryParams.Date(asOf, "asOf") ?? settings.Today(clock);
        return (settings, date);
    }

    /// <summary>Wajib paid per member up to the date (deposits net of reversals; refunds at exit do not count as unpaid).</summary>
    private static async Task<Dictionary<Guid, decimal>> WajibPaid(ReadDb db, string kop, LocalDate date, Guid? memberId, CancellationToken ct)
    {
        var rows = await db.Query(
            $"select member_id, sum((data->>'amount')::numeric) from {EkopzMarten.Schema}.mt_doc_savingsline "
            + "where tenant_id = @t and date_key <= @k and data->>'kind' = 'wajib' and data->>'type' in ('deposit','reversal')"
            + (memberId is null ? "" : " and member_id = @m") + " group by member_id",
            r => (r.GetGuid(0), r.GetDecimal(1)), ct,
            memberId is null ? [("t", kop), ("k", date.Key())] : [("t", kop), ("k", date.Key()), ("m", memberId.Value)]);
        return rows.ToDictionary(r => r.Item1, r => r.Item2);
    }

    // A member who left before the date owes nothing for later months; their membership months end at the exit.
    private static WajibArrearsView View(Member m, KoperasiSettings settings, LocalDate date, decimal paid)
    {
        var standing = WajibArrears.Compute(m.ActivatedOn, m.ExitedOn, date, paid, settings.At);
        return new WajibArrearsView(m.Id, m.MemberNumber, m.Name, date, standing.TotalDue, standing.TotalPaid, standing.MonthsInArrears,
            standing.ArrearsAmount, standing.UnpaidMonths.Select(x => x.ToString("yyyy-MM", null)).ToList(),
            standing.Months.Select(x => new WajibMonthView(x.Month.ToString("yyyy-MM", null), x.Due, x.Paid)).ToList());
    }
}
