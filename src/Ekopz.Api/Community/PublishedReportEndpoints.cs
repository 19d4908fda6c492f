using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Api.Ledger;
using Ekopz.Api.Reports;
using Ekopz.Domain.Common;
using Ekopz.Domain.Community;
using Ekopz.Domain.Ledger;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using NodaTime.Text;
using Wolverine.Http;

namespace Ekopz.Api.Community;

public sealed record PublishedPeriodView(string Period, LocalDate PeriodEnd, string Digest, string PublishedBy, Instant PublishedAt);

/// <summary>
/// A published month: the neraca at its last day and the PHU of its year up to that day, read from the sealed books,
/// with the seal's digest. <paramref name="Verified"/> is worked out on every read: the books are rebuilt from the
/// events and the month's trial balance checked against its seal (as <c>./ekopz verify-books</c> does); false means
/// the figures shown are not the ones that were sealed.
/// </summary>
public sealed record PublishedReportView(string Period, LocalDate PeriodEnd, string Digest, string PublishedBy, Instant PublishedAt,
    bool Verified, Instant CheckedAt, BalanceSheetView BalanceSheet, IncomeStatementView IncomeStatement);

/// <summary>
/// Transparency (docs/adr/0022): a pengurus publishes a closed month's reports to the members, who read them with
/// the seal re-checked. Unpublished months stay out of the members' reach (the books' routes are not theirs, 0017).
/// Publishing is in <see cref="PublishReportsEndpoint"/>.
/// </summary>
public static class PublishedReportEndpoints
{
    /// <summary>List the published months</summary>
    /// <remarks>
    /// Every role of the koperasi, anggota included: the months a pengurus published.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/published-reports", OperationId = "listPublishedReports")]
    [Authorize(Policy = Policies.KoperasiRead)]
    [Tags("Books")]
    [ProducesResponseType<IReadOnlyList<PublishedPeriodView>>(200)]
    public static async Task<IResult> List(string kop, HttpContext http, IDocumentStore store)
    {
        await using var session = store.QuerySession(kop);
        var all = await session.Query<PublishedPeriod>().OrderByDescending(p => p.Period).ToListAsync(http.RequestAborted);
        return Results.Json(all.Select(View).ToList(), ApiJson.Options);
    }

    /// <summary>Read a published month's reports</summary>
    /// <remarks>
    /// Every role of the koperasi, anggota included. The reports of a published month, with the month's seal checked again on the
    /// read. An unpublished month is 404.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/published-reports/{period}", OperationId = "getPublishedReport")]
    [Authorize(Policy = Policies.KoperasiRead)]
    [Tags("Books")]
    [ProducesResponseType<PublishedReportView>(200)]
    public static async Task<IResult> Get(string kop, string period, HttpContext http, IDocumentStore store, IClock clock, LedgerQueries ledger,
        LedgerVerifier verifier)
    {
        var ct = http.RequestAborted;
        var key = Month(period);
        PublishedPeriod? published;
        AccountingPeriod? closed;
        await using (var session = store.QuerySession(kop))
        {
            published = await session.LoadAsync<PublishedPeriod>(PublishedPeriod.StreamId(key), ct);
            closed = await session.LoadAsync<AccountingPeriod>(AccountingPeriod.StreamId(key), ct);
        }
        if (published is null) throw DomainException.NotFound("The published report");

        var ctx = await ReportContext.Load(store, clock, kop, ct);
        var end = published.PeriodEnd;
        var start = new LocalDate(end.Year, 1, 1);
        var balanceSheet = BalanceSheetEndpoint.Build(ctx, end, null, await ledger.Balances(kop, end, null, ct));
        var income = IncomeStatementEndpoint.Build(ctx, start, end, null,
            await ledger.Totals(kop, start, end, null, LedgerQueries.RegularOnly, true, ct));

        // The seal, re-checked now: the events replayed, the live lines and the reports' totals against the sealed
        // trial balance; and the digest published is still the seal's.
        var report = await verifier.Verify(kop, ct);
        var check = report.Periods.SingleOrDefault(p => p.Period == key);
        var verified = check is { Matches: true } && closed is not null && closed.Digest == published.Digest && check.SealedDigest == published.Digest;

        // Members cannot follow a figure into the ledger (0017): the drill-down links are left out.
        return Results.Json(new PublishedReportView(published.Period, end, published.Digest, published.PublishedBy, published.PublishedAt, verified,
            report.CheckedAt, NoLinks(balanceSheet), NoLinks(income)), ApiJson.Options);
    }

    internal static PublishedPeriodView View(PublishedPeriod p) => new(p.Period, p.PeriodEnd, p.Digest, p.PublishedBy, p.PublishedAt);

    internal static string Month(string period)
    {
        var parsed = YearMonthPattern.Iso.Parse(period);
        return parsed.Success ? parsed.Value.ToString("yyyy-MM", null) : throw DomainException.Validation("period", "The period is a month, yyyy-MM.");
    }

    private static ReportSection NoLinks(ReportSection s) => s with { Lines = s.Lines.Select(l => l with { DrillDown = "" }).ToList() };

    private static BalanceSheetView NoLinks(BalanceSheetView v) => v with
    {
        CurrentAssets = NoLinks(v.CurrentAssets), NonCurrentAssets = NoLinks(v.NonCurrentAssets), CurrentLiabilities = NoLinks(v.CurrentLiabilities),
        NonCurrentLiabilities = NoLinks(v.NonCurrentLiabilities), Equity = NoLinks(v.Equity),
    };

    private static IncomeStatementView NoLinks(IncomeStatementView v) => v with
    {
        Member = v.Member with { Revenues = NoLinks(v.Member.Revenues), CostOfGoods = NoLinks(v.Member.CostOfGoods) },
        NonMember = v.NonMember with { Revenues = NoLinks(v.NonMember.Revenues), CostOfGoods = NoLinks(v.NonMember.CostOfGoods) },
        OperatingExpenses = NoLinks(v.OperatingExpenses), IncomeTax = NoLinks(v.IncomeTax),
    };
}
