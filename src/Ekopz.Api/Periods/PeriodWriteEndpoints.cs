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
using Npgsql;
using Wolverine.Http;

namespace Ekopz.Api.Periods;

/// <summary>
/// Closing the books on Wolverine's write path (docs/adr/0037); the reads stay in <see cref="PeriodEndpoints"/> (Wolverine runs
/// a class's <c>LoadAsync</c> before every endpoint of it). A month's close locks the month's row in <c>ledger_periods</c>
/// before reading the balances, so postings racing the close either land before the seal or are refused (docs/adr/0009).
/// The year close fetches the fiscal year's stream optimistically: two closes at once collide at commit, and
/// <see cref="ConflictRetry"/> runs the loser again, which then finds the year closed (422).
/// </summary>
public static class PeriodWriteEndpoints
{
    /// <summary>The command's context, before the endpoint runs (docs/adr/0025).</summary>
    public static Task<CommandScope> LoadAsync(string kop, HttpContext http, IDocumentSession session, KoperasiContextCache contexts,
        IClock clock) => WritePath.Scope(kop, http, session, contexts, clock);

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
    public static async Task<IResult> Close(string kop, string period, HttpContext http, [NotBody] CommandScope scope, LedgerQueries ledger)
    {
        var ct = http.RequestAborted;
        var month = PeriodEndpoints.ParseMonth(period);
        var key = month.ToString("yyyy-MM", null);
        await scope.Session.BeginTransactionAsync(ct);
        // Wait for postings into this month to commit, and keep new ones out until we are done.
        await LedgerPeriods.Lock(SessionConnection(scope), kop, key);
        // Under the month's row lock: a repeat of this request waited for the first one's commit and finds its answer.
        var idempotency = IdempotencyKeys.Of(http, scope.Caller, new { period });
        if (await IdempotencyKeys.Replay(scope.Session, http, idempotency) is { } replay) return replay;

        var stream = await scope.Session.Events.FetchForWriting<AccountingPeriod>(AccountingPeriod.StreamId(key), ct);
        var previous = month.PlusMonths(-1).ToString("yyyy-MM", null);
        var previousOk = scope.ClosedPeriods.Contains(previous) || !await ledger.AnyBefore(kop, month.OnDayOfMonth(1), ct);
        var end = month.OnDayOfMonth(month.Calendar.GetDaysInMonth(month.Year, month.Month));
        var trialBalance = await TrialBalances.Sealed(ledger, kop, end, ct);
        var (closed, view) = DecideClose(scope, month, stream.Aggregate, previousOk, trialBalance);
        stream.AppendOne(closed);
        await LedgerPeriods.MarkClosed(SessionConnection(scope), kop, key, closed.Digest, scope.Caller.Username);
        return IdempotencyKeys.Answer(scope.Session, idempotency, CommandResult.Ok(view), scope.Now);
    }

    /// <summary>The month's close, pure: the rules are <see cref="PeriodDecider.Close"/>; the answer is the sealed month.</summary>
    public static (PeriodClosed Event, PeriodView Response) DecideClose(CommandScope scope, YearMonth month, AccountingPeriod? existing,
        bool previousClosedOrEmpty, IReadOnlyList<TrialBalanceLine> trialBalance)
    {
        var closed = PeriodDecider.Close(month, existing, previousClosedOrEmpty, scope.Today, trialBalance, scope.Meta(scope.Today, Channels.Web));
        return (closed, new PeriodView(closed.Period, closed.PeriodEnd, "closed", closed.Digest, scope.Caller.Username, scope.Now,
            closed.TrialBalance));
    }

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
    public static async Task<IResult> CloseYear(string kop, int year, HttpContext http, [NotBody] CommandScope scope, LedgerQueries ledger)
    {
        var ct = http.RequestAborted;
        var idempotency = IdempotencyKeys.Of(http, scope.Caller, new { year });
        if (await IdempotencyKeys.Replay(scope.Session, http, idempotency) is { } replay) return replay;
        // Refused before the books are read (a year out of range cannot even be queried).
        YearCloseDecider.EnsureClosable(year, scope.ClosedPeriods);

        var stream = await scope.Session.Events.FetchForWriting<FiscalYear>(FiscalYear.StreamId(year), ct);
        var chart = (await scope.Session.LoadAsync<Chart>(Chart.StreamId(kop), ct))!;
        var totals = await ledger.Totals(kop, new LocalDate(year, 1, 1), new LocalDate(year, 12, 31), null, LedgerQueries.RegularOnly, true, ct);
        var (closed, view) = DecideYear(scope, year, stream.Aggregate, chart,
            totals.Select(t => (t.Code, Counterparty(t.Counterparty), t.DebitBalance)));
        stream.AppendOne(closed);
        return IdempotencyKeys.Answer(scope.Session, idempotency, CommandResult.Ok(view), scope.Now);
    }

    /// <summary>The year's close, pure: the rules are <see cref="YearCloseDecider.Close"/>.</summary>
    public static (YearClosed Event, YearCloseView Response) DecideYear(CommandScope scope, int year, FiscalYear? existing, Chart chart,
        IEnumerable<(string Code, CounterpartyClass? Counterparty, decimal DebitBalance)> totals)
    {
        var closed = YearCloseDecider.Close(year, existing, scope.ClosedPeriods, chart, totals, scope.Meta(scope.Today, Channels.Web));
        return (closed, new YearCloseView(year, closed.Shu, closed.ClosingLines, scope.Caller.Username, scope.Now));
    }

    private static CounterpartyClass? Counterparty(string name) => name switch
    {
        "member" => CounterpartyClass.Member,
        "non_member" => CounterpartyClass.NonMember,
        "other_koperasi" => CounterpartyClass.OtherKoperasi,
        _ => null,
    };

    /// <summary>The session's connection, in the transaction the close began: the month's row lock is held until the seal commits.</summary>
    private static NpgsqlConnection SessionConnection(CommandScope scope) => (NpgsqlConnection)scope.Session.Connection!;
}
