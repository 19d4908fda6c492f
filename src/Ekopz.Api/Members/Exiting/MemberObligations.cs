using Ekopz.Domain.Members;
using Marten;

namespace Ekopz.Api.Members.Exiting;

/// <summary>
/// What a leaving member still owes, to be netted from the refund. Each area that can be owed money
/// (loans, shop credit) contributes through this seam; nothing contributes yet.
/// </summary>
public interface IMemberObligations
{
    Task<IReadOnlyList<RefundOffset>> OpenObligations(IDocumentSession session, Guid memberId, CancellationToken ct);
}

/// <summary>Sums the obligations of every registered source.</summary>
public sealed class MemberObligations(IEnumerable<IMemberObligationSource> sources) : IMemberObligations
{
    public async Task<IReadOnlyList<RefundOffset>> OpenObligations(IDocumentSession session, Guid memberId, CancellationToken ct)
    {
        var all = new List<RefundOffset>();
        foreach (var source in sources) all.AddRange(await source.OpenObligations(session, memberId, ct));
        return all;
    }
}

/// <summary>One area's obligations (registered by that area).</summary>
public interface IMemberObligationSource
{
    Task<IReadOnlyList<RefundOffset>> OpenObligations(IDocumentSession session, Guid memberId, CancellationToken ct);
}
