using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Ledger;
using Ekopz.Domain.Savings;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Ekopz.Api.Ledger;

/// <summary>
/// Changes to the chart of accounts on Wolverine's write path (docs/adr/0037): accounts added, renamed or deactivated by a
/// pengurus from a date on; posting roles remapped and pokok/wajib presentation switched from a date on (tomorrow at the
/// earliest, so nothing already posted or reported reads differently). The reads are in <see cref="ChartEndpoints"/>.
/// </summary>
public static class ChartWriteEndpoints
{
    /// <summary>The command's context, before the endpoint runs (docs/adr/0025).</summary>
    public static Task<CommandScope> LoadAsync(string kop, HttpContext http, IDocumentSession session, KoperasiContextCache contexts,
        IClock clock) => WritePath.Scope(kop, http, session, contexts, clock);

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
    public static async Task<IResult> Add(string kop, AddAccountRequest request, HttpContext http, CommandScope scope)
    {
        var (stream, key, replay) = await Open(kop, request, http, scope);
        if (replay is not null) return replay;
        var (added, view) = DecideAdd(scope, stream.Aggregate!, request);
        stream.AppendOne(added);
        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Created(view), scope.Now);
    }

    /// <summary>A new account, pure: the rules are <see cref="ChartDecider.Add"/>; from today at the earliest.</summary>
    public static (AccountAdded Event, AccountView Response) DecideAdd(CommandScope scope, Chart chart, AddAccountRequest request)
    {
        var earliest = Earliest(scope, sameDayAllowed: true);
        var added = ChartDecider.Add(chart, request.Code, request.Name, request.Class, request.Contra ?? false, request.Tags,
            request.EffectiveFrom ?? earliest, earliest, scope.Meta(scope.Today, Channels.Web));
        var after = Chart.Evolve(chart, added)!;
        return (added, ChartEndpoints.View(after, after.Get(added.Account.Code), added.EffectiveFrom));
    }

    /// <summary>Rename an account</summary>
    /// <remarks>
    /// Pengurus only. The new name from a date on; reports before it keep the old name. Send an <c>Idempotency-Key</c> header to
    /// retry safely: a repeat answers the first answer and records nothing twice.
    /// </remarks>
    [WolverinePatch("/api/v1/koperasi/{kop}/ledger/accounts/{code}", OperationId = "renameAccount")]
    [Authorize(Policy = Policies.Pengurus)]
    [Tags("Books")]
    [ProducesResponseType<AccountView>(200)]
    public static async Task<IResult> Rename(string kop, string code, RenameAccountRequest request, HttpContext http, CommandScope scope)
    {
        var (stream, key, replay) = await Open(kop, request, http, scope);
        if (replay is not null) return replay;
        var (renamed, view) = DecideRename(scope, stream.Aggregate!, code, request);
        stream.AppendOne(renamed);
        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Ok(view), scope.Now);
    }

    /// <summary>A new name, pure: the rules are <see cref="ChartDecider.Rename"/>; from today at the earliest.</summary>
    public static (AccountRenamed Event, AccountView Response) DecideRename(CommandScope scope, Chart chart, string code, RenameAccountRequest request)
    {
        var earliest = Earliest(scope, sameDayAllowed: true);
        var renamed = ChartDecider.Rename(chart, code, request.Name, request.EffectiveFrom ?? earliest, earliest, scope.Meta(scope.Today, Channels.Web));
        var after = Chart.Evolve(chart, renamed)!;
        return (renamed, ChartEndpoints.View(after, after.Get(code), renamed.EffectiveFrom));
    }

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
    public static async Task<IResult> Deactivate(string kop, string code, EffectiveRequest request, HttpContext http, CommandScope scope,
        LedgerQueries ledger)
    {
        var (stream, key, replay) = await Open(kop, request, http, scope);
        if (replay is not null) return replay;
        var balance = (await ledger.Balances(kop, LocalDate.MaxIsoValue, null, http.RequestAborted)).GetValueOrDefault(code)?.DebitBalance ?? 0m;
        var (deactivated, view) = DecideDeactivate(scope, stream.Aggregate!, code, balance, request);
        stream.AppendOne(deactivated);
        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Ok(view), scope.Now);
    }

    /// <summary>A deactivation, pure: the rules are <see cref="ChartDecider.Deactivate"/>; from tomorrow at the earliest.</summary>
    public static (AccountDeactivated Event, AccountView Response) DecideDeactivate(CommandScope scope, Chart chart, string code, decimal balance,
        EffectiveRequest request)
    {
        var earliest = Earliest(scope, sameDayAllowed: false);
        var from = request.EffectiveFrom ?? earliest;
        var deactivated = ChartDecider.Deactivate(chart, code, balance, from, earliest, scope.Meta(scope.Today, Channels.Web));
        var after = Chart.Evolve(chart, deactivated)!;
        return (deactivated, ChartEndpoints.View(after, after.Get(code), from));
    }

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
    public static async Task<IResult> AssignRole(string kop, string role, AssignRoleRequest request, HttpContext http, CommandScope scope)
    {
        var (stream, key, replay) = await Open(kop, request, http, scope);
        if (replay is not null) return replay;
        var (assigned, view) = DecideAssignRole(scope, stream.Aggregate!, role, request);
        stream.AppendOne(assigned);
        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Ok(view), scope.Now);
    }

    /// <summary>A role remapped, pure: the rules are <see cref="ChartDecider.AssignRole"/>; from tomorrow at the earliest.</summary>
    public static (AccountRoleAssigned Event, AccountView Response) DecideAssignRole(CommandScope scope, Chart chart, string role,
        AssignRoleRequest request)
    {
        var earliest = Earliest(scope, sameDayAllowed: false);
        var assigned = ChartDecider.AssignRole(chart, role, request.AccountCode ?? "", request.EffectiveFrom ?? earliest, earliest,
            scope.Meta(scope.Today, Channels.Web));
        var after = Chart.Evolve(chart, assigned)!;
        return (assigned, ChartEndpoints.View(after, after.Get(assigned.Code), assigned.EffectiveFrom));
    }

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
    public static async Task<IResult> Classify(string kop, string kind, ClassifySavingsRequest request, HttpContext http, CommandScope scope)
    {
        if (!SavingsKinds.TryParse(kind, out _)) throw DomainException.Validation("kind", "pokok or wajib.");
        var (stream, key, replay) = await Open(kop, request, http, scope);
        if (replay is not null) return replay;
        var (changed, answer) = DecideClassify(scope, kind, request);
        stream.AppendOne(changed);
        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Ok(answer), scope.Now);
    }

    /// <summary>A presentation switched, pure: the rules are <see cref="ChartDecider.Classify"/>; from tomorrow at the earliest.</summary>
    public static (SavingsClassificationChanged Event, object Response) DecideClassify(CommandScope scope, string kind, ClassifySavingsRequest request)
    {
        if (!SavingsKinds.TryParse(kind, out var k)) throw DomainException.Validation("kind", "pokok or wajib.");
        var earliest = Earliest(scope, sameDayAllowed: false);
        var changed = ChartDecider.Classify(k, request.PresentAs, request.EffectiveFrom ?? earliest, earliest, scope.Meta(scope.Today, Channels.Web));
        return (changed, new { kind = k.Name(), presentAs = changed.PresentAs.ToString().ToLowerInvariant(), changed.EffectiveFrom });
    }

    /// <summary>
    /// The koperasi's chart stream, locked (its id is the koperasi's, so it is fetched here, not by [WriteAggregate]): chart
    /// changes take turns, and the Idempotency-Key is looked up under the lock, so a repeat waits and replays the first answer.
    /// </summary>
    private static async Task<(IEventStream<Chart> Stream, IdempotencyKey? Key, IResult? Replay)> Open(string kop, object request, HttpContext http,
        CommandScope scope)
    {
        var stream = await scope.Session.Events.FetchForExclusiveWriting<Chart>(Chart.StreamId(kop), http.RequestAborted);
        var key = IdempotencyKeys.Of(http, scope.Caller, request);
        return (stream, key, await IdempotencyKeys.Replay(scope.Session, http, key));
    }

    /// <summary>
    /// Names and new accounts may start today; anything that changes where or how amounts post or are
    /// presented starts tomorrow at the earliest, and never inside a closed month.
    /// </summary>
    private static LocalDate Earliest(CommandScope scope, bool sameDayAllowed)
    {
        var earliest = scope.EarliestChangeDate();
        return sameDayAllowed && !scope.ClosedPeriods.Contains(scope.Today.ToString("yyyy-MM", null)) && scope.Today < earliest ? scope.Today : earliest;
    }
}
