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
/// The chart of accounts (the writes: <see cref="ChartWriteEndpoints"/>): read by staff; accounts added, renamed or deactivated by a pengurus from a
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

    internal static AccountView View(Chart chart, Account a, LocalDate date) => new(a.Code, a.NameAt(date),
        chart.PresentedClass(a.Code, date).ToString().ToLowerInvariant(), a.Definition.Contra, a.IsActiveOn(date),
        chart.Roles.GroupBy(r => r.Role).Select(g => g.Where(r => r.EffectiveFrom <= date).OrderBy(r => r.EffectiveFrom).LastOrDefault())
            .Where(r => r?.Code == a.Code).Select(r => r!.Role).ToList(),
        a.Definition.Tags ?? [], a.ActiveFrom == LocalDate.MinIsoValue ? null : a.ActiveFrom, a.DeactivatedFrom);
}
