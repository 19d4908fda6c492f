using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Api.Ledger;
using Ekopz.Api.Reports;
using Ekopz.Domain.Common;
using Ekopz.Domain.Koperasi;
using Ekopz.Domain.Ledger;
using Ekopz.Domain.Members;
using Ekopz.Domain.Shu;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Ekopz.Api.Shu;

public sealed record BucketRequest(string? Name, decimal Percent, string? Kind, string? Basis, string? AccountCode);

public sealed record ShuRequest(BucketRequest[]? Buckets, LocalDate? BusinessDate);

public sealed record DistributeRequest(string? Method, Guid[]? MemberIds, LocalDate? BusinessDate, string? Channel);

public sealed record BucketView(string Name, decimal Percent, string Kind, string? Basis, decimal Amount, decimal BasisTotal, string? AccountCode);

public sealed record MemberShuView(Guid MemberId, string MemberNumber, string Name, decimal JasaUsaha, decimal JasaModal, decimal Total);

public sealed record ShuView(int Year, decimal ShuTotal, decimal MemberPart, decimal NonMemberPart, IReadOnlyList<BucketView> Buckets, decimal Residue,
    string CapitalBasis, IReadOnlyList<MemberShuView> Members, string Status, LocalDate? RatDate, IReadOnlyList<string> Warnings);

/// <summary>
/// SHU for a fiscal year: simulate any set of buckets and show each member how their SHU was computed. Letting the RAT decide
/// one (posted to the books) and paying members in cash or into sukarela are in <see cref="ShuWriteEndpoints"/>.
/// </summary>
public static class ShuEndpoints
{
    /// <summary>Simulate the year's SHU split</summary>
    /// <remarks>
    /// Pengurus or pengawas. Any set of buckets (reserve, funds, jasa modal, jasa usaha) applied to the year's SHU from the
    /// books, with each member's share. Records nothing.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/shu/{year}/simulate", OperationId = "simulateShu")]
    [Authorize(Policy = Policies.BoardRead)]
    [Tags("SHU")]
    [ProducesResponseType<ShuView>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static async Task<IResult> Simulate(string kop, int year, ShuRequest request, HttpContext http, IDocumentStore store, IClock clock,
        LedgerQueries ledger, ShuBasisQuery basis)
    {
        // Bad buckets are bad input whatever the state of the year: 400 before anything is read.
        var buckets = ShuBucketRules.Validate(Buckets(request));
        await using var session = store.QuerySession(kop);
        var settings = (await session.LoadAsync<KoperasiSettings>(KoperasiSettings.StreamId(kop), http.RequestAborted))!;
        var today = settings.Today(clock);
        var inputs = await ShuInputsQuery.ForDecision(session, kop, year, today, ledger, basis, http.RequestAborted);
        var (memberPart, nonMemberPart) = ShuCalculator.Split(inputs.Shu, inputs.MemberContribution, inputs.NonMemberContribution);
        var allocation = ShuCalculator.Allocate(memberPart, buckets, inputs.Members);
        return Results.Json(new ShuView(year, inputs.Shu, memberPart, nonMemberPart,
            allocation.Pools.Select(p => new BucketView(p.Bucket.Name, p.Bucket.Percent, p.Bucket.Kind, p.Bucket.Basis, p.Amount, p.BasisTotal,
                p.Bucket.Kind is BucketKinds.Reserve or BucketKinds.Fund ? AccountFor(inputs.Chart, p.Bucket, inputs.YearEnd) : null)).ToList(),
            allocation.Residue, inputs.CapitalBasis,
            allocation.Members.Select(m => new MemberShuView(m.MemberId, m.MemberNumber, m.Name, m.JasaUsaha, m.JasaModal, m.Total)).ToList(),
            "simulated", null, []), ApiJson.Options);
    }

    /// <summary>Read the year's SHU</summary>
    /// <remarks>
    /// Pengurus or pengawas. The year's SHU with the buckets, the member and non-member parts, the status (simulated or
    /// approved), the RAT date and any warnings (such as a late RAT).
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/shu/{year}", OperationId = "getShu")]
    [Authorize(Policy = Policies.BoardRead)]
    [Tags("SHU")]
    [ProducesResponseType<ShuYearView>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Get(string kop, int year, HttpContext http, IDocumentStore store, LedgerQueries ledger, ShuBasisQuery basis)
    {
        await using var session = store.QuerySession(kop);
        var shu = await session.LoadAsync<ShuYear>(ShuYear.StreamId(year), http.RequestAborted);
        if (shu is null) return Problems.Result(http, ErrorCodes.NotFound, $"The RAT has not decided the SHU of {year} yet.");
        // Reproducible: recompute from the ledger and the events with the decided buckets, and name what differs.
        var differences = await ShuInputsQuery.Recompute(session, kop, shu.Decision, ledger, basis, http.RequestAborted);
        var d = shu.Decision;
        return Results.Json(new ShuYearView(View(shu, []), shu.Payments.Count, shu.Payments.Values.Sum(p => p.Amount),
            d.Members.Where(m => !shu.Payments.ContainsKey(m.MemberId)).Sum(m => m.Total), differences.Count == 0, differences), ApiJson.Options);
    }

    /// <summary>Each member's SHU for the year</summary>
    /// <remarks>
    /// Pengurus or pengawas. Per member: jasa usaha, jasa modal and the total, from the approved decision.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/shu/{year}/members", OperationId = "listShuMembers")]
    [Authorize(Policy = Policies.BoardRead)]
    [Tags("SHU")]
    [ProducesResponseType<IReadOnlyList<MemberShuDetail>>(200)]
    public static async Task<IResult> Members(string kop, int year, HttpContext http, IDocumentStore store)
    {
        await using var session = store.QuerySession(kop);
        var shu = await session.LoadAsync<ShuYear>(ShuYear.StreamId(year), http.RequestAborted);
        if (shu is null) return Problems.Result(http, ErrorCodes.NotFound, $"The RAT has not decided the SHU of {year} yet.");
        var list = shu.Decision.Members.Select(m => Detail(shu, m)).ToList();
        return Csv.Wanted(http)
            ? Csv.Result($"shu-{year}-members.csv",
                ["memberNumber", "name", "loanInterestPaid", "purchases", "capital", "jasaUsaha", "jasaModal", "total", "paid", "method"],
                list.Select(m => (IReadOnlyList<object?>)[m.MemberNumber, m.Name, m.Basis.GetValueOrDefault(ShuBases.LoanInterest),
                    m.Basis.GetValueOrDefault(ShuBases.Purchases), m.Basis.GetValueOrDefault(ShuBases.Capital), m.JasaUsaha, m.JasaModal, m.Total,
                    m.Payment is null ? "no" : "yes", m.Payment?.Method]))
            : Results.Json(list, ApiJson.Options);
    }

    /// <summary>A member's SHU and how it was computed</summary>
    /// <remarks>
    /// Staff, or an anggota for their own member. The member's jasa usaha and jasa modal with the basis each was computed on, and
    /// whether it was paid.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/shu/{year}/members/{memberId}", OperationId = "getMemberShu")]
    [Authorize(Policy = Policies.MemberRead)]
    [Tags("SHU")]
    [ProducesResponseType<MemberShuDetail>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> ForMember(string kop, int year, Guid memberId, HttpContext http, IDocumentStore store)
    {
        await using var session = store.QuerySession(kop);
        var shu = await session.LoadAsync<ShuYear>(ShuYear.StreamId(year), http.RequestAborted);
        var m = shu?.Decision.Members.FirstOrDefault(x => x.MemberId == memberId);
        if (shu is null || m is null) return Problems.Result(http, ErrorCodes.NotFound, $"No SHU for this member in {year}.");
        return Results.Json(Detail(shu, m), ApiJson.Options);
    }

    internal static IReadOnlyList<ShuBucket> Buckets(ShuRequest request) =>
        request.Buckets?.Select(b => new ShuBucket(b.Name ?? "", b.Percent, b.Kind ?? "", b.Basis, b.AccountCode)).ToList() ?? [];

    /// <summary>Where a reserve or fund bucket is credited: a rule of the books, <see cref="ShuBucketAccounts.For"/>.</summary>
    private static string AccountFor(Chart chart, ShuBucket b, LocalDate date) => ShuBucketAccounts.For(chart, b, date);

    internal static ShuView View(ShuYear y, IReadOnlyList<string> warnings)
    {
        var d = y.Decision;
        return new ShuView(d.Year, d.Shu, d.MemberPart, d.NonMemberPart,
            d.Buckets.Select(b => new BucketView(b.Name, b.Percent, b.Kind, b.Basis, b.Amount, b.BasisTotal, b.AccountCode)).ToList(), d.Residue, d.CapitalBasis,
            d.Members.Select(m => new MemberShuView(m.MemberId, m.MemberNumber, m.Name, m.JasaUsaha, m.JasaModal, m.Total)).ToList(),
            y.Payments.Count == 0 ? "approved" : y.Payments.Count == d.Members.Count ? "distributed" : "partly_distributed", d.Meta.BusinessDate, warnings);
    }

    private static MemberShuDetail Detail(ShuYear y, DecidedMember m) => new(y.Year, m.MemberId, m.MemberNumber, m.Name, m.Basis,
        y.Decision.Buckets.Where(b => b.Basis is not null).ToDictionary(b => b.Name, b => b.BasisTotal),
        y.Decision.Buckets.Select(b => new BucketView(b.Name, b.Percent, b.Kind, b.Basis, b.Amount, b.BasisTotal, b.AccountCode)).ToList(),
        m.Shares, m.JasaUsaha, m.JasaModal, m.Total, y.Payments.GetValueOrDefault(m.MemberId), y.Decision.Meta.BusinessDate, y.Decision.MemberPart);
}

/// <param name="AmountUnclaimed">What members are still owed (utang SHU anggota for this year).</param>
/// <param name="Differences">Each figure of the decision the recomputation does not reproduce; empty when it matches.</param>
public sealed record ShuYearView(ShuView Decision, int MembersPaid, decimal AmountPaid, decimal AmountUnclaimed, bool RecomputedMatchesDecision,
    IReadOnlyList<ShuDifference> Differences);

/// <summary>One member's SHU and how it was computed: their basis figures, the totals, the pools, each share.</summary>
public sealed record MemberShuDetail(int Year, Guid MemberId, string MemberNumber, string Name, IReadOnlyDictionary<string, decimal> Basis,
    IReadOnlyDictionary<string, decimal> BasisTotals, IReadOnlyList<BucketView> Pools, IReadOnlyList<MemberShare> Shares, decimal JasaUsaha,
    decimal JasaModal, decimal Total, ShuPayment? Payment, LocalDate RatDate, decimal MemberPart);
