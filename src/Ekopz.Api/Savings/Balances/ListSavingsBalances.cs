using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Koperasi;
using Ekopz.Domain.Members;
using Ekopz.Projections.Members;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Ekopz.Api.Savings.Balances;

public sealed record MemberSavingsView(Guid MemberId, string MemberNumber, string Name, string Status, LocalDate RegisteredOn,
    LocalDate? ActivatedOn, LocalDate? ExitedOn, decimal Pokok, decimal Wajib, decimal Sukarela, decimal Total);

public sealed record SavingsBalancesView(LocalDate AsOf, int Members, decimal Pokok, decimal Wajib, decimal Sukarela, decimal Total,
    IReadOnlyList<MemberSavingsView> Lines);

/// <summary>Every member's pokok, wajib and sukarela on a date: the member list of the RAT pack (docs/adr/0034).</summary>
public static class ListSavingsBalancesEndpoint
{
    /// <summary>Every member's savings on a date</summary>
    /// <remarks>
    /// Pengurus or pengawas. Each member registered by <c>asOf</c> (default today), by member number, with the simpanan pokok, wajib
    /// and sukarela they held at the end of that day (the sum of their savings statement lines up to it), and the totals. The
    /// status is today's; <c>exitedOn</c> says when a member left.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/savings/balances", OperationId = "listSavingsBalances")]
    [Authorize(Policy = Policies.BoardRead)]
    [Tags("Savings")]
    [ProducesResponseType<SavingsBalancesView>(200)]
    public static async Task<IResult> Get(string kop, string? asOf, HttpContext http, IDocumentStore store, IClock clock, ReadDb db) =>
        Results.Json(await Compute(kop, asOf, store, clock, db, http.RequestAborted), ApiJson.Options);

    public static async Task<SavingsBalancesView> Compute(string kop, string? asOf, IDocumentStore store, IClock clock, ReadDb db, CancellationToken ct)
    {
        await using var session = store.QuerySession(kop);
        var settings = await session.LoadAsync<KoperasiSettings>(KoperasiSettings.StreamId(kop), ct) ?? throw DomainException.NotFound("The koperasi");
        var date = QueryParams.Date(asOf, "asOf") ?? settings.Today(clock);
        // One read: each member's dates and their savings lines summed by kind up to the date, grouped in PostgreSQL.
        var lines = (await MemberQueries.SavingsBalances(db.DataSource, kop, date, ct))
            .Select(m => new MemberSavingsView(m.MemberId, m.MemberNumber, m.Name, StatusName(m.Status), m.RegisteredOn, m.ActivatedOn,
                m.ExitedOn, m.Pokok, m.Wajib, m.Sukarela, m.Pokok + m.Wajib + m.Sukarela))
            .ToList();
        return new SavingsBalancesView(date, lines.Count, lines.Sum(l => l.Pokok), lines.Sum(l => l.Wajib), lines.Sum(l => l.Sukarela),
            lines.Sum(l => l.Total), lines);
    }

    /// <summary>The member document stores the status as its enum name; the API names it as everywhere else (snake case).</summary>
    private static string StatusName(string stored) =>
        Enum.TryParse<MemberStatus>(stored, ignoreCase: true, out var s) ? s.Name() : stored.ToLowerInvariant();
}
