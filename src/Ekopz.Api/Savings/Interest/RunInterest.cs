using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Koperasi;
using Ekopz.Domain.Members;
using Ekopz.Domain.Savings;
using Ekopz.Projections.Savings;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using NodaTime.Text;
using Wolverine.Http;

namespace Ekopz.Api.Savings.Interest;

/// <param name="Month">The month to pay, yyyy-MM; it must have ended.</param>
/// <param name="AnnualRate">Percent a year; defaults to the koperasi's setting for that month; at most 9.</param>
/// <param name="AnnualRate">The rate for this run; default the koperasi's setting on the month's last day.</param>
/// <param name="Basis"><c>daily</c> or <c>lowest</c>; default the setting on the month's last day. Settings only speak
/// from the day they are changed, so a month run late at a rate and basis the pengurus decided names them here;
/// the run records both.</param>
public sealed record RunInterestRequest(string? Month, decimal? AnnualRate, string? Basis = null);

public sealed record InterestLineView(Guid MemberId, string MemberNumber, decimal BalanceBasis, decimal Gross, decimal Tax, decimal Net);

public sealed record InterestRunView(
    string Month, decimal AnnualRate, string Basis, decimal TaxThreshold, decimal TaxRate, bool AlreadyRun, string RunBy, Instant RunAt,
    int MemberCount, decimal TotalGross, decimal TotalTax, decimal TotalNet, IReadOnlyList<InterestLineView> Lines)
{
    public static InterestRunView Of(InterestRun r, bool alreadyRun) => new(r.Month, r.AnnualRatePercent, r.Basis, r.TaxThreshold, r.TaxRatePercent,
        alreadyRun, r.RunBy, r.RunAt, r.Lines.Count, r.TotalGross, r.TotalTax, r.TotalGross - r.TotalTax,
        r.Lines.Select(l => new InterestLineView(l.MemberId, l.MemberNumber, l.BalanceBasis, l.Gross, l.Tax, l.Gross - l.Tax)).ToList());
}

/// <summary>
/// The monthly jasa simpanan run on sukarela: for every active member, the month's interest on the
/// koperasi's basis (daily closing balance or lowest balance), the withheld tax, and the net
/// credited, each recorded on the member's stream dated the last day of the month. The run itself is
/// a stream per month: running a month again answers what was done and changes nothing.
/// </summary>
public static class RunInterestEndpoint
{
    /// <summary>The command's context, before the endpoint runs (docs/adr/0025).</summary>
    public static Task<CommandScope> LoadAsync(string kop, HttpContext http, IDocumentSession session, KoperasiContextCache contexts,
        IClock clock) => WritePath.Scope(kop, http, session, contexts, clock);

    /// <summary>Run the month's sukarela interest (jasa simpanan)</summary>
    /// <remarks>
    /// Pengurus only. For every active member: the month's interest on the koperasi's basis (daily closing balance or lowest
    /// balance), the withheld tax and the net credited, each recorded on the member's stream dated the last day of the month and
    /// posted to the books. Running a month again answers what was done and changes nothing. A month that has not ended is 422
    /// <c>invalid_state</c>. Send an <c>Idempotency-Key</c> header to retry safely: a repeat answers the first answer and records
    /// nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/savings/interest-runs", OperationId = "runSavingsInterest")]
    [Authorize(Policy = Policies.Pengurus)]
    [Tags("Savings")]
    [ProducesResponseType<InterestRunView>(201)]
    [ProducesResponseType<InterestRunView>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static async Task<IResult> Post(RunInterestRequest request, HttpContext http, CommandScope scope, ReadDb db)
    {
        var ct = http.RequestAborted;
        // The run's own stream does not exist until it is done: the koperasi's interest runs take turns on an advisory lock
        // (docs/adr/0043), then the members' rows. The second run of a month finds it run and answers it, so nothing is paid
        // twice and a repeat with the same Idempotency-Key replays the first answer.
        await WritePath.Serialize(scope.Session, $"interest-run:{scope.Tenant}", ct);
        var key = IdempotencyKeys.Of(http, scope.Caller, request);
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;

        var month = InterestRunDecider.ParseMonth(request.Month);
        var done = await scope.Session.LoadAsync<InterestRun>(InterestRun.StreamId(month.ToString("yyyy-MM", null)), ct);
        if (done is not null) return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Ok(InterestRunView.Of(done, alreadyRun: true)), scope.Now);

        var plan = InterestRunDecider.Plan(month, request.AnnualRate, request.Basis, scope.Today, scope.Settings);
        scope.EnsureOpen(plan.MonthEnd);
        var due = InterestRunDecider.Due(plan, await SukarelaHistoryReads.Read(db, scope.Tenant, plan.Month, plan.MonthEnd, ct));
        // Each credited member's row is locked (in member-id order, as Due lists them): a deposit racing the run waits for it.
        var members = new Dictionary<Guid, IEventStream<Member>>();
        foreach (var d in due) members[d.MemberId] = await scope.Session.Events.FetchForExclusiveWriting<Member>(d.MemberId, ct);

        var (credits, completed, view) = Decide(scope, plan, due, members.ToDictionary(m => m.Key, m => m.Value.Aggregate));
        foreach (var credit in credits) members[credit.MemberId].AppendOne(credit);
        scope.Session.Events.StartStream<InterestRun>(InterestRun.StreamId(plan.Key), completed);
        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Created(view), scope.Now);
    }

    /// <summary>The run's events and answer, pure; the rules are <see cref="InterestRunDecider.Credit"/>, dated the month's last day.</summary>
    public static (IReadOnlyList<SavingsInterestCredited> Credits, InterestRunCompleted Completed, InterestRunView View) Decide(CommandScope scope,
        InterestRunPlan plan, IReadOnlyList<InterestDue> due, IReadOnlyDictionary<Guid, Member?> members)
    {
        var (credits, completed) = InterestRunDecider.Credit(plan, due, members, Guid.NewGuid, scope.Meta(plan.MonthEnd, Channels.System));
        return (credits, completed, InterestRunView.Of(InterestRun.Evolve(null, completed)!, alreadyRun: false));
    }
}

/// <summary>The interest runs' read (apart from the write: Wolverine runs a class's <c>LoadAsync</c> before each of its endpoints).</summary>
public static class InterestRunReads
{
    /// <summary>Read a month's interest run</summary>
    /// <remarks>
    /// Pengurus or pengawas. What the run for <c>month</c> credited per member: interest, tax and net, with the rate and basis
    /// used. A month not run is 404.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/savings/interest-runs/{month}", OperationId = "getSavingsInterestRun")]
    [Authorize(Policy = Policies.BoardRead)]
    [Tags("Savings")]
    [ProducesResponseType<InterestRunView>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Get(string kop, string month, HttpContext http, IDocumentStore store)
    {
        await using var session = store.QuerySession(kop);
        var run = await session.LoadAsync<InterestRun>(InterestRun.StreamId(month), http.RequestAborted);
        return run is null ? Problems.Result(http, ErrorCodes.NotFound, "No interest run for that month.") : Results.Json(InterestRunView.Of(run, true), ApiJson.Options);
    }
}

/// <summary>The sukarela history an interest run pays on (a plain SQL read, not an endpoint).</summary>
internal static class SukarelaHistoryReads
{
    /// <summary>
    /// Per member: the sukarela balance before the month and the month's movements, in two SQL reads over the savings lines
    /// (<see cref="SavingsLineQueries"/>).
    /// </summary>
    internal static async Task<Dictionary<Guid, SukarelaHistory>> Read(
        ReadDb db, string tenant, YearMonth month, LocalDate monthEnd, CancellationToken ct)
    {
        var start = month.OnDayOfMonth(1);
        var result = new Dictionary<Guid, (decimal Opening, List<DatedAmount> Movements)>();
        foreach (var (member, opening) in await SavingsLineQueries.SukarelaBefore(db.DataSource, tenant, start, ct)) result[member] = (opening, []);
        foreach (var (member, date, amount) in await SavingsLineQueries.SukarelaMovements(db.DataSource, tenant, start, monthEnd, ct))
        {
            if (!result.TryGetValue(member, out var entry)) result[member] = entry = (0m, []);
            entry.Item2.Add(new DatedAmount(date, amount));
        }
        return result.ToDictionary(r => r.Key, r => new SukarelaHistory(r.Value.Opening, r.Value.Movements));
    }
}
