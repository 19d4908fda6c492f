using Ekopz.Api.Infrastructure;
using Ekopz.Api.Ledger;
using Ekopz.Domain.Ledger;
using Ekopz.Domain.Members;
using Ekopz.Domain.Shu;
using Ekopz.Projections.Ledger;
using Marten;
using NodaTime;

namespace Ekopz.Api.Shu;

/// <summary>
/// Each member's basis figures for a year (docs/adr/0012, computed by <see cref="ShuBasis"/>) from
/// the ledger lines that name the member, over regular entries only: from the live ledger for a
/// simulation or the RAT decision (<see cref="ForYear"/>), or from the ledger rebuilt from the events
/// to check a decision (<see cref="FromEvents"/>).
/// </summary>
public sealed class ShuBasisQuery(ReadDb db, LedgerVerifier verifier)
{
    public async Task<IReadOnlyList<MemberBasis>> ForYear(IQuerySession session, string tenant, int year, Chart chart, string capitalBasis, CancellationToken ct)
    {
        var accounts = BasisAccounts.Of(chart);
        var moves = await LedgerMemberSums.BasisMovements(db.DataSource, tenant, accounts.All.ToArray(), new LocalDate(year, 12, 31), ct);
        return await Members(session, year, ShuBasis.Compute(year, moves, accounts, capitalBasis), ct);
    }

    /// <summary>
    /// The same figures from the events alone: every event replayed through the posting rules (as the
    /// ledger verification does), so a ledger line changed or lost after the decision shows up.
    /// </summary>
    public async Task<IReadOnlyList<MemberBasis>> FromEvents(IQuerySession session, string tenant, int year, Chart chart, string capitalBasis,
        CancellationToken ct)
    {
        var accounts = BasisAccounts.Of(chart);
        var codes = accounts.All.ToHashSet();
        var (entries, _, _) = await verifier.Rebuild(tenant, ct);
        var moves = entries.Where(e => e.Kind == EntryKinds.Regular)
            .SelectMany(e => e.Lines.Where(l => l.MemberId is not null && codes.Contains(l.AccountCode))
                .Select(l => new BasisMovement(l.MemberId!.Value, l.AccountCode, e.BusinessDate, l.Credit - l.Debit)));
        return await Members(session, year, ShuBasis.Compute(year, moves, accounts, capitalBasis), ct);
    }

    /// <summary>Who shares in a year: members activated by its end and not gone before it ended.</summary>
    private static async Task<IReadOnlyList<MemberBasis>> Members(IQuerySession session, int year,
        IReadOnlyDictionary<Guid, IReadOnlyDictionary<string, decimal>> values, CancellationToken ct)
    {
        var end = new LocalDate(year, 12, 31);
        var members = await session.Query<Member>().Where(m => m.ActivatedOn != null).ToListAsync(ct);
        return members
            .Where(m => m.ActivatedOn <= end && (m.ExitedOn is null || m.ExitedOn > end))
            .Select(m => new MemberBasis(m.Id, m.MemberNumber, m.Name, new Dictionary<string, decimal>
            {
                [ShuBases.LoanInterest] = values.GetValueOrDefault(m.Id)?.GetValueOrDefault(ShuBases.LoanInterest) ?? 0m,
                [ShuBases.Purchases] = values.GetValueOrDefault(m.Id)?.GetValueOrDefault(ShuBases.Purchases) ?? 0m,
                [ShuBases.Capital] = values.GetValueOrDefault(m.Id)?.GetValueOrDefault(ShuBases.Capital) ?? 0m,
            }))
            .OrderBy(m => m.MemberNumber, StringComparer.Ordinal)
            .ToList();
    }
}
