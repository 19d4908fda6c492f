using Ekopz.Domain.Members;
using Marten;
using NodaTime;

namespace Ekopz.Api.Members.Exiting;

/// <summary>
/// What a leaving member still owes, to be netted from the refund. Each area that can be owed money
/// (loans, shop credit) contributes through this seam.
/// </summary>
public interface IMemberObligations
{
    /// <summary>The offsets on the exit date. Sources may lock what they read until the exit commits.</summary>
    Task<IReadOnlyList<RefundOffset>> OpenObligations(IDocumentSession session, Guid memberId, LocalDate date, CancellationToken ct);

    /// <summary>After the exit is decided: each source closes, in the same transaction, what the refund settled.</summary>
    Task Settle(IDocumentSession session, MemberExited exited, CancellationToken ct);
}

/// <summary>Sums the obligations of every registered source.</summary>
public sealed class MemberObligations(IEnumerable<IMemberObligationSource> sources) : IMemberObligations
{
    public async Task<IReadOnlyList<RefundOffset>> OpenObligations(IDocumentSession session, Guid memberId, LocalDate date, CancellationToken ct)
    {
        var all = new List<RefundOffset>();
        foreach (var source in sources) all.AddRange(await source.OpenObligations(session, memberId, date, ct));
        return all;
    }

    public async Task Settle(IDocumentSession session, MemberExited exited, CancellationToken ct)
    {
        foreach (var source in sources) await source.Settle(session, exited, ct);
    }
}

/// <summary>One area's obligations (registered by that area).</summary>
public interface IMemberObligationSource
{
    Task<IReadOnlyList<RefundOffset>> OpenObligations(IDocumentSession session, Guid memberId, CancellationToken ct);

    /// <summary>The offsets on the exit date; sources whose amounts depend on the date (loan interest, penalty) override this.</summary>
    Task<IReadOnlyList<RefundOffset>> OpenObligations(IDocumentSession session, Guid memberId, LocalDate date, CancellationToken ct) =>
        OpenObligations(session, memberId, ct);

    /// <summary>Records, on the source's own streams, that the exit settled what it owed (the exit entry posts the money).</summary>
    Task Settle(IDocumentSession session, MemberExited exited, CancellationToken ct) => Task.CompletedTask;
}
