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
/// Closing the books. A month that has ended is closed by a pengurus: its trial balance is sealed with
/// a digest, and nothing may be dated inside it afterwards. The close locks the month's row in
/// <c>ledger_periods</c> before reading the balances, so postings racing the close either land before
/// the seal or are refused (docs/adr/0009). The year close moves revenues and expenses into SHU.
/// </summary>
public static class PeriodEndpoints
{
    /// <summary>Close a month and seal its books</summary>
    /// <remarks>
    /// Pengurus only, for a month that has ended (else 422 <c>invalid_state</c>). Seals the month's trial balance with a digest;
    /// nothing may be dated inside it afterwards (422 <c>period_closed</c>). The close locks the month's row before reading the
    /// balances, so postings racing it either land before the seal or are refused. Months close in order; closing a closed month
    /// is 422 <c>invalid_state</c>. Send an <c>Idempotency-Key</c> header to retry safely: a repeat answers the first answer and
    /// records nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/periods/{period}/close", OperationId = "closePeriod")]
    [Authorize(Policy = Policies.Pengurus)]
    [Tags("Books")]
    [ProducesResponseType<PeriodView>(200)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static Task<IResult> Close(string kop, string period, HttpContext http, CommandRunner runner, LedgerQueries ledger) =>
        runner.Run(http, kop, new { period }, async scope =>
        {
            var month = ParseMonth(period);
            var key = month.ToString("yyyy-MM", null);
            var end = month.OnDayOfMonth(month.Calendar.GetDaysInMonth(month.Year, month.Month));
            await scope.Session.BeginTransactionAsync(http.RequestAborted);
            // Wait for postings into this month to commit, and keep new ones out until we are done.
            await Sql(scope, $"insert into {EkopzMarten.Schema}.ledger_periods (tenant_id, period, status) values (@t, @p, 'open') on conflict do nothing; "
                + $"select status from {EkopzMarten.Schema}.ledger_periods where tenant_id = @t and period = @p for update", kop, key);

            var stream = await scope.Session.Events.FetchForWriting<AccountingPeriod>(AccountingPeriod.StreamId(key));
            var previous = month.PlusMonths(-1).ToString("yyyy-MM", null);
            var previousOk = scope.ClosedPeriods.Contains(previous) || !await ledger.AnyBefore(kop, month.OnDayOfMonth(1), http.RequestAborted);
            var trialBalance = await TrialBalances.Sealed(ledger, kop, end, http.RequestAborted);
            var closed = PeriodDecider.Close(month, stream.Aggregate, previousOk, scope.Today, trialBalance, scope.Meta(scope.Today, Channels.Web));
            stream.AppendOne(closed);
            await Sql(scope, $"update {EkopzMarten.Schema}.ledger_periods set status = 'closed', digest = @d, closed_at = now(), closed_by = @by "
                + "where tenant_id = @t and period = @p", kop, key, ("d", closed.Digest), ("by", scope.Caller.Username));
            return CommandResult.Ok(new PeriodView(key, end, "closed", closed.Digest, scope.Caller.Username, scope.Now, closed.TrialBalance));
        });

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

    /// <summary>Close the fiscal year</summary>
    /// <remarks>
    /// Pengurus only, once its twelve months are closed and before January of the next year is. Moves the year's revenues and
    /// expenses into SHU tahun berjalan with closing entries; the year's SHU is then ready for the RAT (approveShu). Closing a
    /// closed year is 422 <c>invalid_state</c>. Send an <c>Idempotency-Key</c> header to retry safely: a repeat answers the first
    /// answer and records nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/years/{year}/close", OperationId = "closeYear")]
    [Authorize(Policy = Policies.Pengurus)]
    [Tags("Books")]
    [ProducesResponseType<YearCloseView>(200)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static Task<IResult> CloseYear(string kop, int year, HttpContext http, CommandRunner runner, LedgerQueries ledger) =>
        runner.Run(http, kop, new { year }, async scope =>
        {
            if (year < 1900 || year > 9999) throw DomainException.Validation("year", "A four-digit year.");
            var missing = Enumerable.Range(1, 12).Select(m => $"{year:D4}-{m:D2}").Where(p => !scope.ClosedPeriods.Contains(p)).ToList();
            if (missing.Count > 0) throw DomainException.InvalidState($"Close every month of {year} first; still open: {string.Join(", ", missing)}.");
            if (scope.ClosedPeriods.Contains($"{year + 1:D4}-01"))
                throw DomainException.InvalidState($"January {year + 1} is already closed; the year close must come before it.");
            var stream = await scope.Session.Events.FetchForWriting<FiscalYear>(FiscalYear.StreamId(year));
            if (stream.Aggregate is not null) throw DomainException.InvalidState($"{year} is already closed.");

            var chart = await scope.Session.LoadAsync<Chart>(Chart.StreamId(kop));
            var yearEnd = new LocalDate(year, 12, 31);
            var totals = await ledger.Totals(kop, new LocalDate(year, 1, 1), yearEnd, null, LedgerQueries.RegularOnly, true, http.RequestAborted);
            var profitAndLoss = totals.Where(t => chart!.Find(t.Code)?.Class is AccountClass.Revenue or AccountClass.Expense)
                .Select(t => (t.Code, Counterparty(t.Counterparty), t.DebitBalance));
            var (lines, shu) = YearEndPostings.ClosingLines(profitAndLoss, chart!.CodeFor(AccountRoles.ShuCurrentYear, yearEnd));
            var closed = new YearClosed(year, lines, shu, scope.Meta(scope.Today, Channels.Web) with { BusinessDate = yearEnd });
            stream.AppendOne(closed);
            return CommandResult.Ok(new YearCloseView(year, shu, lines, scope.Caller.Username, scope.Now));
        });

    private static CounterpartyClass? Counterparty(string name) => name switch
    {
        "member" => CounterpartyClass.Member,
        "non_member" => CounterpartyClass.NonMember,
        "other_koperasi" => CounterpartyClass.OtherKoperasi,
        _ => null,
    };

    private static YearMonth ParseMonth(string period)
    {
        var parsed = YearMonthPattern.Iso.Parse(period);
        return parsed.Success ? parsed.Value : throw DomainException.Validation("period", "The period is a month, yyyy-MM.");
    }

    private static async Task Sql(CommandScope scope, string sql, string tenant, string period, params (string Name, object Value)[] more)
    {
        await using var command = new NpgsqlCommand(sql, (NpgsqlConnection)scope.Session.Connection!);
        command.Parameters.AddWithValue("t", tenant);
        command.Parameters.AddWithValue("p", period);
        foreach (var (name, value) in more) command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync();
    }
}
