using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Ledger;
using Ekopz.Domain.Savings;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Ekopz.Api.Ledger;

public sealed record AccountView(string Code, string Name, string Class, bool Contra, bool Active, IReadOnlyList<string> Roles, IReadOnlyList<string> Tags,
    LocalDate? ActiveFrom, LocalDate? DeactivatedFrom);

public sealed record AddAccountRequest(string? Code, string? Name, string? Class, bool? Contra, string[]? Tags, LocalDate? EffectiveFrom);

public sealed record RenameAccountRequest(string? Name, LocalDate? EffectiveFrom);

public sealed record EffectiveRequest(LocalDate? EffectiveFrom);

public sealed record AssignRoleRequest(string? AccountCode, LocalDate? EffectiveFrom);

public sealed record ClassifySavingsRequest(string? PresentAs, LocalDate? EffectiveFrom);

/// <summary>
/// The chart of accounts: read by staff; accounts added, renamed or deactivated by a pengurus from a
/// date on; posting roles remapped and pokok/wajib presentation switched from a date on (tomorrow at
/// the earliest, so nothing already posted or reported reads differently).
/// </summary>
public static class ChartEndpoints
{
    /// <summary>The chart of accounts</summary>
    /// <remarks>
    /// Kasir, pengurus or pengawas. Every account on <c>asOf</c> with its code, name, type, whether it is active, and the posting
    /// roles and savings classification in force.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/ledger/accounts", OperationId = "listAccounts")]
    [Authorize(Policy = Policies.CounterRead)]
    [Tags("Books")]
    [ProducesResponseType<IReadOnlyList<AccountView>>(200)]
    public static async Task<IResult> List(string kop, string? asOf, HttpContext http, IDocumentStore store, IClock clock)
    {
        var ctx = await ReportContext.Load(store, clock, kop, http.RequestAborted);
        var date = ctx.AsOf(asOf);
        return Results.Json(ctx.Chart.Accounts.Select(a => View(ctx.Chart, a, date)).ToList(), ApiJson.Options);
    }

    /// <summary>Add an account to the chart</summary>
    /// <remarks>
    /// Pengurus only. A new code under its parent type, active from a date (today at the earliest). A code already used is 409
    /// <c>conflict</c>. Send an <c>Idempotency-Key</c> header to retry safely: a repeat answers the first answer and records
    /// nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/ledger/accounts", OperationId = "addAccount")]
    [Authorize(Policy = Policies.Pengurus)]
    [Tags("Books")]
    [ProducesResponseType<AccountView>(201)]
    [ProducesResponseType<ProblemDetails>(400)]
    public static Task<IResult> Add(string kop, AddAccountRequest request, HttpContext http, CommandRunner runner) =>
        runner.Run(http, kop, request, async scope =>
        {
            var stream = await scope.Session.Events.FetchForWriting<Chart>(Chart.StreamId(kop));
            var earliest = Earliest(scope, sameDayAllowed: true);
            var added = ChartDecider.Add(stream.Aggregate!, request.Code, request.Name, request.Class, request.Contra ?? false, request.Tags,
                request.EffectiveFrom ?? earliest, earliest, scope.Meta(scope.Today, Channels.Web));
            stream.AppendOne(added);
            var chart = Chart.Evolve(stream.Aggregate, added)!;
            return CommandResult.Created(View(chart, chart.Get(added.Account.Code), added.EffectiveFrom));
        });

    /// <summary>Rename an account</summary>
    /// <remarks>
    /// Pengurus only. The new name from a date on; reports before it keep the old name. Send an <c>Idempotency-Key</c> header to
    /// retry safely: a repeat answers the first answer and records nothing twice.
    /// </remarks>
    [WolverinePatch("/api/v1/koperasi/{kop}/ledger/accounts/{code}", OperationId = "renameAccount")]
    [Authorize(Policy = Policies.Pengurus)]
    [Tags("Books")]
    [ProducesResponseType<AccountView>(200)]
    public static Task<IResult> Rename(string kop, string code, RenameAccountRequest request, HttpContext http, CommandRunner runner) =>
        runner.Run(http, kop, request, async scope =>
        {
            var stream = await scope.Session.Events.FetchForWriting<Chart>(Chart.StreamId(kop));
            var earliest = Earliest(scope, sameDayAllowed: true);
            var renamed = ChartDecider.Rename(stream.Aggregate!, code, request.Name, request.EffectiveFrom ?? earliest, earliest,
                scope.Meta(scope.Today, Channels.Web));
            stream.AppendOne(renamed);
            var chart = Chart.Evolve(stream.Aggregate, renamed)!;
            return CommandResult.Ok(View(chart, chart.Get(code), renamed.EffectiveFrom));
        });

    /// <summary>Deactivate an account</summary>
    /// <remarks>
    /// Pengurus only, from a date (tomorrow at the earliest, never in a closed month). Nothing may post to it afterwards; an
    /// account still holding a posting role, or with a balance, is 422 <c>invalid_state</c>. Send an <c>Idempotency-Key</c>
    /// header to retry safely: a repeat answers the first answer and records nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/ledger/accounts/{code}/deactivate", OperationId = "deactivateAccount")]
    [Authorize(Policy = Policies.Pengurus)]
    [Tags("Books")]
    [ProducesResponseType<AccountView>(200)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static Task<IResult> Deactivate(string kop, string code, EffectiveRequest request, HttpContext http, CommandRunner runner, LedgerQueries ledger) =>
        runner.Run(http, kop, request, async scope =>
        {
            var stream = await scope.Session.Events.FetchForWriting<Chart>(Chart.StreamId(kop));
            var earliest = Earliest(scope, sameDayAllowed: false);
            var from = request.EffectiveFrom ?? earliest;
            var balance = (await ledger.Balances(kop, LocalDate.MaxIsoValue, null, http.RequestAborted)).GetValueOrDefault(code)?.DebitBalance ?? 0m;
            var deactivated = ChartDecider.Deactivate(stream.Aggregate!, code, balance, from, earliest, scope.Meta(scope.Today, Channels.Web));
            stream.AppendOne(deactivated);
            var chart = Chart.Evolve(stream.Aggregate, deactivated)!;
            return CommandResult.Ok(View(chart, chart.Get(code), from));
        });

    /// <summary>Point a posting role at another account</summary>
    /// <remarks>
    /// Pengurus only. From a date on (tomorrow at the earliest), the posting rules post this role (for example <c>kas</c>) to the
    /// given account; what was posted before stays where it is. Send an <c>Idempotency-Key</c> header to retry safely: a repeat
    /// answers the first answer and records nothing twice.
    /// </remarks>
    [WolverinePut("/api/v1/koperasi/{kop}/ledger/roles/{role}", OperationId = "assignAccountRole")]
    [Authorize(Policy = Policies.Pengurus)]
    [Tags("Books")]
    [ProducesResponseType<AccountView>(200)]
    public static Task<IResult> AssignRole(string kop, string role, AssignRoleRequest request, HttpContext http, CommandRunner runner) =>
        runner.Run(http, kop, request, async scope =>
        {
            var stream = await scope.Session.Events.FetchForWriting<Chart>(Chart.StreamId(kop));
            var earliest = Earliest(scope, sameDayAllowed: false);
            var assigned = ChartDecider.AssignRole(stream.Aggregate!, role, request.AccountCode ?? "", request.EffectiveFrom ?? earliest, earliest,
                scope.Meta(scope.Today, Channels.Web));
            stream.AppendOne(assigned);
            var chart = Chart.Evolve(stream.Aggregate, assigned)!;
            return CommandResult.Ok(View(chart, chart.Get(assigned.Code), assigned.EffectiveFrom));
        });

    /// <summary>Present pokok or wajib as equity or liability</summary>
    /// <remarks>
    /// Pengurus only. From a date on (tomorrow at the earliest), the balance sheet shows simpanan <c>pokok</c> or <c>wajib</c>
    /// under equity or under liabilities. Send an <c>Idempotency-Key</c> header to retry safely: a repeat answers the first
    /// answer and records nothing twice.
    /// </remarks>
    [WolverinePut("/api/v1/koperasi/{kop}/ledger/savings-classification/{kind}", OperationId = "classifySavings")]
    [Authorize(Policy = Policies.Pengurus)]
    [Tags("Books")]
    [ProducesResponseType<SavingsClassificationChanged>(200)]
    public static Task<IResult> Classify(string kop, string kind, ClassifySavingsRequest request, HttpContext http, CommandRunner runner) =>
        runner.Run(http, kop, request, async scope =>
        {
            if (!SavingsKinds.TryParse(kind, out var k)) throw DomainException.Validation("kind", "pokok or wajib.");
            var stream = await scope.Session.Events.FetchForWriting<Chart>(Chart.StreamId(kop));
            var earliest = Earliest(scope, sameDayAllowed: false);
            var changed = ChartDecider.Classify(k, request.PresentAs, request.EffectiveFrom ?? earliest, earliest, scope.Meta(scope.Today, Channels.Web));
            stream.AppendOne(changed);
            return CommandResult.Ok(new { kind = k.Name(), presentAs = changed.PresentAs.ToString().ToLowerInvariant(), changed.EffectiveFrom });
        });

    /// <summary>
    /// Names and new accounts may start today; anything that changes where or how amounts post or are
    /// presented starts tomorrow at the earliest, and never inside a closed month.
    /// </summary>
    private static LocalDate Earliest(CommandScope scope, bool sameDayAllowed)
    {
        var earliest = scope.EarliestChangeDate();
        return sameDayAllowed && !scope.ClosedPeriods.Contains(scope.Today.ToString("yyyy-MM", null)) && scope.Today < earliest ? scope.Today : earliest;
    }

    private static AccountView View(Chart chart, Account a, LocalDate date) => new(a.Code, a.NameAt(date),
        chart.PresentedClass(a.Code, date).ToString().ToLowerInvariant(), a.Definition.Contra, a.IsActiveOn(date),
        chart.Roles.GroupBy(r => r.Role).Select(g => g.Where(r => r.EffectiveFrom <= date).OrderBy(r => r.EffectiveFrom).LastOrDefault())
            .Where(r => r?.Code == a.Code).Select(r => r!.Role).ToList(),
        a.Definition.Tags ?? [], a.ActiveFrom == LocalDate.MinIsoValue ? null : a.ActiveFrom, a.DeactivatedFrom);
}
