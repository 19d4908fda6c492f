using System.Runtime.CompilerServices;
using Ekopz.Api.Members.Exiting;
using Ekopz.Domain.Loans;
using Ekopz.Domain.Members;
using Marten;
using JasperFx.Events;
using NodaTime;

namespace Ekopz.Api.Loans.Exiting;

/// <summary>
/// A leaving member's open loans, netted against the savings refund: outstanding principal (loan
/// receivable), earned interest (due and unpaid, or carried by a restructuring: interest income) and
/// penalty (penalty income), as of the exit date; interest not yet due is waived, as at any early payoff.
/// Each running loan is row-locked when read, so no payment can slip in between the figures and the
/// settlement, and is closed with
/// <see cref="LoanSettledAtExit"/> in the exit's transaction. Loans not yet paid out are cancelled.
/// </summary>
public sealed class LoanObligations : IMemberObligationSource
{
    // The streams locked while computing the offsets, reused to append the settlement (one fetch per stream and session).
    private static readonly ConditionalWeakTable<IDocumentSession, Dictionary<Guid, IEventStream<Loan>>> Locked = new();

    public Task<IReadOnlyList<RefundOffset>> OpenObligations(IDocumentSession session, Guid memberId, CancellationToken ct) =>
        throw new InvalidOperationException("Loan obligations depend on the exit date; call the overload with the date.");

    public async Task<IReadOnlyList<RefundOffset>> OpenObligations(IDocumentSession session, Guid memberId, LocalDate date, CancellationToken ct)
    {
        var open = await OpenLoans(session, memberId, ct);
        var streams = Locked.GetOrCreateValue(session);
        var offsets = new List<RefundOffset>();
        foreach (var id in open)
        {
            var stream = await session.Events.FetchForExclusiveWriting<Loan>(id, ct);
            streams[id] = stream;
            if (stream.Aggregate is { } loan) offsets.AddRange(LoanDecider.ExitOffsets(loan, date));
        }
        return offsets;
    }

    public async Task Settle(IDocumentSession session, MemberExited exited, CancellationToken ct)
    {
        var streams = Locked.GetOrCreateValue(session);
        foreach (var id in await OpenLoans(session, exited.MemberId, ct))
        {
            var stream = streams.TryGetValue(id, out var s) ? s : await session.Events.FetchForExclusiveWriting<Loan>(id, ct);
            if (stream.Aggregate is { } loan && LoanDecider.SettleAtExit(loan, exited.TransactionId, exited.Meta) is { } settled)
                stream.AppendOne(settled);
        }
        Locked.Remove(session);
    }

    private static async Task<IReadOnlyList<Guid>> OpenLoans(IDocumentSession session, Guid memberId, CancellationToken ct) =>
        (await session.Query<Loan>().Where(l => l.MemberId == memberId
                && (l.Status == LoanStatus.Applied || l.Status == LoanStatus.Approved || l.Status == LoanStatus.Active))
            .Select(l => l.Id).ToListAsync(ct)).OrderBy(id => id).ToList();
}
