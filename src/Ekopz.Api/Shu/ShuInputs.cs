using Ekopz.Api.Ledger;
using Ekopz.Api.Reports;
using Ekopz.Domain.Common;
using Ekopz.Domain.Koperasi;
using Ekopz.Domain.Ledger;
using Ekopz.Domain.Shu;
using Marten;
using NodaTime;

namespace Ekopz.Api.Shu;

/// <param name="Shu">The year's SHU as its close recorded it.</param>
/// <param name="CapitalBasis">How jasa modal measures capital: the koperasi setting in force on the day of the simulation or decision.</param>
public sealed record ShuInputs(decimal Shu, decimal MemberContribution, decimal NonMemberContribution, IReadOnlyList<MemberBasis> Members, Chart Chart,
    LocalDate YearEnd, string CapitalBasis);

/// <summary>What an SHU simulation, decision or check reads: the closed year, its income statement and each member's basis.</summary>
public static class ShuInputsQuery
{
    /// <summary>
    /// For a simulation or the RAT decision on <paramref name="decidedOn"/>: the SHU from the year close,
    /// the member and non-member contributions from the year's income statement, each member's basis from the ledger.
    /// </summary>
    public static async Task<ShuInputs> ForDecision(IQuerySession session, string kop, int year, LocalDate decidedOn, LedgerQueries ledger,
        ShuBasisQuery basis, CancellationToken ct)
    {
        var closed = await session.LoadAsync<FiscalYear>(FiscalYear.StreamId(year), ct)
            ?? throw DomainException.InvalidState($"Close the year {year} first (all its months, then the year).");
        var (chart, settings, phu) = await YearIncome(session, kop, year, ledger, ct);
        // The RAT applies the bylaws in force when it meets; settings only ever change from today on (docs/adr/0012).
        var capital = settings.At(decidedOn).JasaModalBasis;
        var members = await basis.ForYear(session, kop, year, chart, capital, ct);
        return new ShuInputs(closed.Shu, phu.Member.Net, phu.NonMember.Net, members, chart, new LocalDate(year, 12, 31), capital);
    }

    /// <summary>
    /// Recomputes a decided year without trusting anything the decision or the close saved: the SHU and its
    /// split from the year's income statement as the ledger says now (closing entries left out), each
    /// member's basis from the events replayed, with the capital basis the RAT used; and names every figure that differs.
    /// </summary>
    public static async Task<IReadOnlyList<ShuDifference>> Recompute(IQuerySession session, string kop, ShuAllocationApproved decided,
        LedgerQueries ledger, ShuBasisQuery basis, CancellationToken ct)
    {
        var (chart, _, phu) = await YearIncome(session, kop, decided.Year, ledger, ct);
        var members = await basis.FromEvents(session, kop, decided.Year, chart, decided.CapitalBasis, ct);
        return ShuReproduction.Compare(decided, phu.ShuAfterTax, phu.Member.Net, phu.NonMember.Net, members);
    }

    /// <summary>The year's income statement over its regular entries (the year-end closing entries would zero it).</summary>
    private static async Task<(Chart Chart, KoperasiSettings Settings, IncomeStatementView Phu)> YearIncome(IQuerySession session, string kop, int year,
        LedgerQueries ledger, CancellationToken ct)
    {
        var chart = (await session.LoadAsync<Chart>(Chart.StreamId(kop), ct))!;
        var settings = (await session.LoadAsync<KoperasiSettings>(KoperasiSettings.StreamId(kop), ct))!;
        var start = new LocalDate(year, 1, 1);
        var end = new LocalDate(year, 12, 31);
        var ctx = new ReportContext(kop, chart, end, DateTimeZoneProviders.Tzdb[settings.TimeZone]);
        var phu = IncomeStatementEndpoint.Build(ctx, start, end, null, await ledger.Totals(kop, start, end, null, LedgerQueries.RegularOnly, true, ct));
        return (chart, settings, phu);
    }
}
