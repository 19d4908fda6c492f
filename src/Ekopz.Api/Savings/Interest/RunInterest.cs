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
    public static Task<IResult> Post(string kop, RunInterestRequest request, HttpContext http, CommandRunner runner, ReadDb db) =>
        runner.Run(http, kop, request, async scope =>
        {
            var parsed = YearMonthPattern.Iso.Parse(request.Month ?? "");
            if (!parsed.Success) throw DomainException.Validation("month", "The month is yyyy-MM, for example 2026-10.");
            var month = parsed.Value;
            var key = month.ToString("yyyy-MM", null);
            var runStream = await scope.Session.Events.FetchForWriting<InterestRun>(InterestRun.StreamId(key));
            if (runStream.Aggregate is { } done)
                return CommandResult.Ok(InterestRunView.Of(done, alreadyRun: true));

            var monthEnd = month.OnDayOfMonth(month.Calendar.GetDaysInMonth(month.Year, month.Month));
            if (monthEnd >= scope.Today)
                throw DomainException.InvalidState($"{key} has not ended yet; interest is paid after the month closes.");
            var settings = scope.Settings.At(monthEnd);
            var rate = request.AnnualRate ?? settings.SukarelaInterestRate;
            if (rate <= 0 || rate > SettingsDefaults.MaxSukarelaInterestRate || decimal.Round(rate, 4) != rate)
                throw DomainException.Validation("annualRate",
                    $"The rate must be above 0 and at most {SettingsDefaults.MaxSukarelaInterestRate}% a year (set sukarelaInterestRate or send annualRate).");

            var basis = request.Basis ?? settings.InterestBasis;
            if (!InterestBases.IsValid(basis))
                throw DomainException.Validation("basis", "The basis is daily (daily closing balances) or lowest (the month's lowest balance).");

            scope.EnsureOpen(monthEnd);
            var meta = scope.Meta(monthEnd, Channels.System);
            var history = await SukarelaHistory(db, scope.Tenant, month, monthEnd, http.RequestAborted);
            var lines = new List<InterestRunLine>();
            foreach (var (memberId, (opening, movements)) in history.OrderBy(h => h.Key))
            {
                var figures = SukarelaInterest.Compute(month, opening, movements, rate, basis,
                    settings.InterestTaxThreshold, settings.InterestTaxRate);
                if (figures.Gross <= 0) continue;
                var member = await scope.Session.Events.FetchForExclusiveWriting<Member>(memberId);
                if (member.Aggregate is not { HasLeft: false } m) continue;
                member.AppendOne(new SavingsInterestCredited(memberId, Guid.NewGuid(), key, basis, rate,
                    figures.BalanceBasis, figures.Gross, figures.Tax, meta));
                lines.Add(new InterestRunLine(memberId, m.MemberNumber, figures.BalanceBasis, figures.Gross, figures.Tax));
            }

            var completed = new InterestRunCompleted(key, rate, basis, settings.InterestTaxThreshold, settings.InterestTaxRate,
                lines, meta);
            scope.Session.Events.StartStream<InterestRun>(InterestRun.StreamId(key), completed);
            return CommandResult.Created(InterestRunView.Of(InterestRun.Evolve(null, completed)!, alreadyRun: false));
        });

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

    /// <summary>Per member: the sukarela balance before the month and the month's movements, in two SQL reads.</summary>
    private static async Task<Dictionary<Guid, (decimal Opening, List<DatedAmount> Movements)>> SukarelaHistory(
        ReadDb db, string tenant, YearMonth month, LocalDate monthEnd, CancellationToken ct)
    {
        var startKey = month.OnDayOfMonth(1).Key();
        var result = new Dictionary<Guid, (decimal, List<DatedAmount>)>();
        var openings = await db.Query(
            $"select member_id, sum((data->>'amount')::numeric) from {EkopzMarten.Schema}.mt_doc_savingsline "
            + "where tenant_id = @t and date_key < @k and data->>'kind' = 'sukarela' group by member_id",
            r => (r.GetGuid(0), r.GetDecimal(1)), ct, ("t", tenant), ("k", startKey));
        foreach (var (member, opening) in openings) result[member] = (opening, []);
        var movements = await db.Query(
            $"select member_id, date_key, (data->>'amount')::numeric from {EkopzMarten.Schema}.mt_doc_savingsline "
            + "where tenant_id = @t and date_key between @s and @e and data->>'kind' = 'sukarela'",
            r => (r.GetGuid(0), r.GetInt32(1), r.GetDecimal(2)), ct, ("t", tenant), ("s", startKey), ("e", monthEnd.Key()));
        foreach (var (member, dateKey, amount) in movements)
        {
            if (!result.TryGetValue(member, out var entry)) result[member] = entry = (0m, []);
            entry.Item2.Add(new DatedAmount(new LocalDate(dateKey / 10000, dateKey / 100 % 100, dateKey % 100), amount));
        }
        return result;
    }
}
