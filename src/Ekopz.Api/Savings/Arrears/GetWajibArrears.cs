using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Koperasi;
using Ekopz.Domain.Members;
using Ekopz.Domain.Savings;
using Ekopz.Projections.Members;
using Ekopz.Projections.Savings;
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
    /// <summary>A member's unpaid simpanan wajib</summary>
    /// <remarks>
    /// Staff, or an anggota for their own member. The months of wajib due and unpaid as of <c>asOf</c> (default today), and the
    /// amount owed.
    /// </remarks>
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
        var paid = await SavingsLineQueries.WajibPaid(db.DataSource, kop, date, memberId, http.RequestAborted);
        var standing = WajibArrears.Compute(member.ActivatedOn, member.ExitedOn, date, paid, settings.At);
        return Results.Json(View(member.Id, member.MemberNumber, member.Name, date, standing), ApiJson.Options);
    }

    /// <summary>Simpanan wajib arrears of every member</summary>
    /// <remarks>
    /// Pengurus or pengawas. Every member's wajib standing as of <c>asOf</c>, by member number: only those in arrears, or all
    /// with <c>all=true</c>.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/savings/wajib/arrears", OperationId = "listWajibArrears")]
    [Authorize(Policy = Policies.BoardRead)]
    [Tags("Savings")]
    [ProducesResponseType<IReadOnlyList<WajibArrearsView>>(200)]
    public static async Task<IResult> ForKoperasi(string kop, string? asOf, bool? all, HttpContext http, IDocumentStore store, IClock clock, ReadDb db)
    {
        await using var session = store.QuerySession(kop);
        var (settings, date) = await Context(session, kop, asOf, clock, http.RequestAborted);
        var views = (await Standings(db, kop, settings, date, http.RequestAborted))
            .Select(m => View(m.MemberId, m.MemberNumber, m.Name, date, m.Standing))
            .Where(v => all == true || v.MonthsInArrears > 0).ToList();
        return Results.Json(views, ApiJson.Options);
    }

    /// <summary>One member's wajib standing, with the member's number and name.</summary>
    public sealed record MemberStanding(Guid MemberId, string MemberNumber, string Name, WajibStanding Standing);

    /// <summary>
    /// The standing of every member who ever completed pokok, by member number: what the list shows and the dashboard
    /// sums. One SQL read gives each member's dates and the wajib paid by the date (a sum over the savings lines,
    /// grouped per member in PostgreSQL); the rule (<see cref="WajibArrears.Compute"/>) then runs per row in memory,
    /// over months, never over events. The member documents themselves are not loaded.
    /// </summary>
    public static async Task<List<MemberStanding>> Standings(ReadDb db, string kop, KoperasiSettings settings, LocalDate date, CancellationToken ct) =>
        (await MemberQueries.ActivatedWithWajibPaid(db.DataSource, kop, date, ct))
            .Select(m => new MemberStanding(m.MemberId, m.MemberNumber, m.Name,
                WajibArrears.Compute(m.ActivatedOn, m.ExitedOn, date, m.WajibPaid, settings.At)))
            .ToList();

    private static async Task<(KoperasiSettings Settings, LocalDate Date)> Context(IQuerySession session, string kop, string? asOf, IClock clock, CancellationToken ct)
    {
        var settings = (await session.LoadAsync<KoperasiSettings>(KoperasiSettings.StreamId(kop), ct))!;
        var date = QueryParams.Date(asOf, "asOf") ?? settings.Today(clock);
        return (settings, date);
    }

    // A member who left before the date owes nothing for later months; their membership months end at the exit.
    private static WajibArrearsView View(Guid memberId, string memberNumber, string name, LocalDate date, WajibStanding standing) =>
        new(memberId, memberNumber, name, date, standing.TotalDue, standing.TotalPaid, standing.MonthsInArrears,
            standing.ArrearsAmount, standing.UnpaidMonths.Select(x => x.ToString("yyyy-MM", null)).ToList(),
            standing.Months.Select(x => new WajibMonthView(x.Month.ToString("yyyy-MM", null), x.Due, x.Paid)).ToList());
}
