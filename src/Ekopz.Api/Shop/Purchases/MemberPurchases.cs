using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Api.Ledger;
using Ekopz.Domain.Common;
using Ekopz.Domain.Ledger;
using Ekopz.Projections.Ledger;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Ekopz.Api.Shop.Purchases;

public sealed record MemberPurchases(Guid MemberId, decimal Purchases, decimal Returns, decimal Net);

public sealed record PurchasesView(int Year, string Account, decimal Total, IReadOnlyList<MemberPurchases> Members);

/// <summary>
/// Members' purchases at the shop per year: the SHU basis <c>purchases</c> (V_a for jasa usaha toko).
/// Read from the books, as SHU reads it: credits to the member-sales account carrying the member's
/// id, less debits (returns, cancellations) on that same account, regular entries of the year.
/// </summary>
public static class MemberPurchasesEndpoints
{
    /// <summary>Members' shop purchases for the year</summary>
    /// <remarks>
    /// Pengurus or pengawas. Per member, the year's purchases at member prices: the SHU basis <c>purchases</c> (jasa usaha toko),
    /// read from the books as SHU reads it (sales less returns and cancellations).
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/shop/purchases", OperationId = "listMemberPurchases")]
    [Authorize(Policy = Policies.BoardRead)]
    [Tags("Shop")]
    [ProducesResponseType<PurchasesView>(200)]
    public static async Task<IResult> List(string kop, int? year, HttpContext http, IDocumentStore store, IClock clock, ReadDb db)
    {
        var view = await Read(kop, year, null, store, clock, db, http.RequestAborted);
        return Results.Json(view, ApiJson.Options);
    }

    /// <summary>A member's shop purchases for the year</summary>
    /// <remarks>
    /// Staff, or an anggota for their own member. The member's purchases of the year as the SHU basis counts them.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/shop/members/{memberId}/purchases", OperationId = "getMemberPurchases")]
    [Authorize(Policy = Policies.MemberRead)]
    [Tags("Shop")]
    [ProducesResponseType<MemberPurchases>(200)]
    public static async Task<IResult> ForMember(string kop, Guid memberId, int? year, HttpContext http, IDocumentStore store, IClock clock, ReadDb db)
    {
        var view = await Read(kop, year, memberId, store, clock, db, http.RequestAborted);
        return Results.Json(view.Members.SingleOrDefault() ?? new MemberPurchases(memberId, 0m, 0m, 0m), ApiJson.Options);
    }

    public static async Task<PurchasesView> Read(string kop, int? year, Guid? memberId, IDocumentStore store, IClock clock, ReadDb db, CancellationToken ct)
    {
        var ctx = await ReportContext.Load(store, clock, kop, ct);
        var y = year ?? ctx.Today.Year;
        if (y is < 2000 or > 2200) throw DomainException.Validation("year", "The year is from 2000 to 2200.");
        // Every account the role pointed at during the year (a remap mid-year keeps both halves).
        var codes = ctx.Chart.Roles.Where(r => r.Role == AccountRoles.ShopSalesMember && r.EffectiveFrom <= new LocalDate(y, 12, 31))
            .Select(r => r.Code).Distinct().ToArray();
        var rows = (await LedgerMemberSums.YearByMember(db.DataSource, kop, codes, y, memberId, ct))
            .Select(r => new MemberPurchases(r.MemberId, r.Credit, r.Debit, r.Credit - r.Debit)).ToList();
        return new PurchasesView(y, ctx.Chart.CodeFor(AccountRoles.ShopSalesMember, new LocalDate(y, 12, 31)), rows.Sum(r => r.Net), rows);
    }
}
