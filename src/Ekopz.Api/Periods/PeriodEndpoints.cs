using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Api.Ledger;
using Ekopz.Domain.Common;
using Ekopz.Domain.Ledger;
using Ekopz.Projections;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using NodaTime.Text;
using Npgsql;
using Wolverine.Http;

namespace Ekopz.Api.Periods;

public sealed record PeriodView(string Period, LocalDate PeriodEnd, string Status, string? Digest, string? ClosedBy, Instant? ClosedAt,
    IReadOnlyList<TrialBalanceLine>? TrialBalance);

public sealed record YearCloseView(int Year, decimal Shu, IReadOnlyList<JournalLine> ClosingLines, string ClosedBy, Instant ClosedAt);

/// <summary>
/// Reading the closed books (the closes themselves: <see cref="PeriodWriteEndpoints"/>). A month that has ended is closed by a pengurus: its trial balance is sealed with
/// a digest, and nothing may be dated inside it afterwards. The close locks the month's row in
/// <c>ledger_periods</c> before reading the balances, so postings racing the close either land before
/// the seal or are refused (docs/adr/0009). The year close moves revenues and expenses into SHU.
/// </summary>
public static class PeriodEndpoints
{
    /// <summary>List the months and whether they are closed</summary>
    /// <remarks>
    /// Pengurus or pengawas. Each month with its status, who closed it and when, and its seal digest.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/periods", OperationId = "listPeriods")]
    [Authorize(Policy = Policies.BoardRead)]
    [Tags("Books")]
    [ProducesResponseType<IReadOnlyList<PeriodView>>(200)]
    public static async Task<IResult> List(string kop, HttpContext http, IDocumentStore store)
    {
        await using var session = store.QuerySession(kop);
        var periods = await session.Query<AccountingPeriod>().OrderBy(p => p.Period).ToListAsync(http.RequestAborted);
        return Results.Json(periods.Select(p => new PeriodView(p.Period, p.PeriodEnd, "closed", p.Digest, p.ClosedBy, p.ClosedAt, null)).ToList(),
            ApiJson.Options);
    }

    /// <summary>Read one month's close</summary>
    /// <remarks>
    /// Pengurus or pengawas. The month's status, its sealed trial balance and digest.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/periods/{period}", OperationId = "getPeriod")]
    [Authorize(Policy = Policies.BoardRead)]
    [Tags("Books")]
    [ProducesResponseType<PeriodView>(200)]
    public static async Task<IResult> Get(string kop, string period, HttpContext http, IDocumentStore store)
    {
        var month = ParseMonth(period);
        var key = month.ToString("yyyy-MM", null);
        await using var session = store.QuerySession(kop);
        var p = await session.LoadAsync<AccountingPeriod>(AccountingPeriod.StreamId(key), http.RequestAborted);
        var end = month.OnDayOfMonth(month.Calendar.GetDaysInMonth(month.Year, month.Month));
        return Results.Json(p is null
            ? new PeriodView(key, end, "open", null, null, null, null)
            : new PeriodView(p.Period, p.PeriodEnd, "closed", p.Digest, p.ClosedBy, p.ClosedAt, p.TrialBalance), ApiJson.Options);
    }

    /// <summary>Verify the books against their seals</summary>
    /// <remarks>
    /// Pengurus or pengawas. Replays every closed month's trial balance from the journal and compares it with its seal digest;
    /// answers each month with whether it still matches. Records nothing.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/ledger/verification", OperationId = "verifyBooks")]
    [Authorize(Policy = Policies.BoardRead)]
    [Tags("Books")]
    [ProducesResponseType<VerificationReport>(200)]
    public static async Task<IResult> Verify(string kop, HttpContext http, LedgerVerifier verifier) =>
        Results.Json(await verifier.Verify(kop, http.RequestAborted), ApiJson.Options);

    /// <summary>A month, yyyy-MM, or 400.</summary>
    internal static YearMonth ParseMonth(string period)
    {
        var parsed = YearMonthPattern.Iso.Parse(period);
        return parsed.Success ? parsed.Value : throw DomainException.Validation("period", "The period is a month, yyyy-MM.");
    }
}
