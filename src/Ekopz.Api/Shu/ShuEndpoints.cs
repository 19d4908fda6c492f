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
/// SHU for a fiscal year: simulate any set of buckets, let the RAT decide one (posted to the books),
/// pay members in cash or into sukarela, and show each member how their SHU was computed.
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

    /// <summary>Record the RAT's SHU decision</summary>
    /// <remarks>
    /// Pengurus only. The buckets the RAT decided, posted to the books (reserves and funds credited, the members' part payable).
    /// A year already decided, or closed without a surplus, is 422 <c>invalid_state</c>. Send an <c>Idempotency-Key</c> header to
    /// retry safely: a repeat answers the first answer and records nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/shu/{year}/approve", OperationId = "approveShu")]
    [Authorize(Policy = Policies.Pengurus)]
    [Tags("SHU")]
    [ProducesResponseType<ShuView>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static Task<IResult> Approve(string kop, int year, ShuRequest request, HttpContext http, CommandRunner runner, LedgerQueries ledger,
        ShuBasisQuery basis) =>
        runner.Run(http, kop, request, async scope =>
        {
            ShuBucketRules.Validate(Buckets(request));
            var date = scope.BusinessDate(request.BusinessDate);
            var inputs = await ShuInputsQuery.ForDecision(scope.Session, kop, year, date, ledger, basis, http.RequestAborted);
            var stream = await scope.Session.Events.FetchForWriting<ShuYear>(ShuYear.StreamId(year));
            var reserve = inputs.Chart.CodeFor(AccountRoles.ShuReserve, date);
            var decided = ShuDecider.Approve(stream.Aggregate, year, inputs.Shu, inputs.MemberContribution, inputs.NonMemberContribution, Buckets(request),
                inputs.Members, b => AccountFor(inputs.Chart, b, date), reserve, inputs.CapitalBasis, scope.Meta(date, Channels.Web));
            stream.AppendOne(decided);
            var warnings = new List<string>();
            if (date > new LocalDate(year + 1, 6, 30))
                warnings.Add($"rat_late: the RAT for {year} should be held by {year + 1}-06-30 (UU 25/1992); it is dated {date:yyyy-MM-dd}.");
            return CommandResult.Ok(View(ShuYear.Evolve(null, decided)!, warnings));
        });

    /// <summary>Pay the members their SHU</summary>
    /// <remarks>
    /// Kasir or pengurus. Pays the approved members' part, in cash or into sukarela (<c>method</c>), for all members or those
    /// listed; each payment is recorded and posted. Before the RAT decided the year it is 422 <c>invalid_state</c>. Send an
    /// <c>Idempotency-Key</c> header to retry safely: a repeat answers the first answer and records nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/shu/{year}/distribute", OperationId = "distributeShu")]
    [Authorize(Policy = Policies.Teller)]
    [Tags("SHU")]
    [ProducesResponseType<ShuView>(200)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static Task<IResult> Distribute(string kop, int year, DistributeRequest request, HttpContext http, CommandRunner runner) =>
        runner.Run(http, kop, request, async scope =>
        {
            var date = scope.BusinessDate(request.BusinessDate);
            var channel = scope.Channel(request.Channel);
            var stream = await scope.Session.Events.FetchForWriting<ShuYear>(ShuYear.StreamId(year));
            var method = request.Method?.ToLowerInvariant() ?? "";
            // Members credited to sukarela are locked like any other savings movement.
            var locked = new Dictionary<Guid, JasperFx.Events.IEventStream<Member>>();
            if (method == "sukarela" && stream.Aggregate is { } y)
                foreach (var m in y.Decision.Members.Where(m => !y.Payments.ContainsKey(m.MemberId) && (request.MemberIds is not { Length: > 0 } || request.MemberIds.Contains(m.MemberId))))
                    locked[m.MemberId] = await scope.Session.Events.FetchForExclusiveWriting<Member>(m.MemberId);
            var events = ShuDecider.Distribute(stream.Aggregate, method, request.MemberIds,
                id => locked.TryGetValue(id, out var s) ? s.Aggregate : null, channel, scope.Meta(date, channel));
            foreach (var e in events)
            {
                if (e is ShuCreditedToSavings c) locked[c.MemberId].AppendOne(c);
                else stream.AppendOne(e);
            }
            var after = events.Aggregate(stream.Aggregate, (s, e) => ShuYear.Evolve(s, e));
            // Who has left cannot be credited to savings: say so, their SHU stays payable until collected in cash.
            var warnings = locked.Values.Where(s => s.Aggregate is { HasLeft: true } && !after!.Payments.ContainsKey(s.Aggregate.Id))
                .Select(s => $"member_left: member {s.Aggregate!.MemberNumber} has left; their SHU stays payable until collected in cash.").ToList();
            return CommandResult.Ok(View(after!, warnings));
        });

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

    private static IReadOnlyList<ShuBucket> Buckets(ShuRequest request) =>
        request.Buckets?.Select(b => new ShuBucket(b.Name ?? "", b.Percent, b.Kind ?? "", b.Basis, b.AccountCode)).ToList() ?? [];

    /// <summary>
    /// Where a reserve or fund bucket is credited: the account it names, else by kind and name —
    /// reserves to cadangan umum (or cadangan risiko when named "risiko"), funds to the dana account
    /// whose name the bucket's name contains.
    /// </summary>
    private static string AccountFor(Chart chart, ShuBucket b, LocalDate date)
    {
        if (b.AccountCode is { } code)
        {
            var account = chart.Find(code) ?? throw DomainException.Validation("accountCode", $"No account {code}.");
            if (account.Class is not (AccountClass.Equity or AccountClass.Liability))
                throw DomainException.Validation("accountCode", $"{code} must be an equity (reserve) or liability (fund) account.");
            return code;
        }
        var name = b.Name.ToLowerInvariant();
        if (b.Kind == BucketKinds.Reserve)
            return name.Contains("risiko") ? chart.Accounts.FirstOrDefault(a => a.NameAt(date).Contains("risiko", StringComparison.OrdinalIgnoreCase))?.Code
                ?? chart.CodeFor(AccountRoles.ShuReserve, date) : chart.CodeFor(AccountRoles.ShuReserve, date);
        var words = name.Replace("dana", "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return chart.Accounts.FirstOrDefault(a => a.Class == AccountClass.Liability && a.NameAt(date).StartsWith("Dana", StringComparison.OrdinalIgnoreCase)
                   && words.Any(w => a.NameAt(date).Contains(w, StringComparison.OrdinalIgnoreCase)))?.Code
            ?? throw DomainException.Validation("accountCode", $"Name the fund account for the bucket '{b.Name}' (accountCode).");
    }

    private static ShuView View(ShuYear y, IReadOnlyList<string> warnings)
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
