using Ekopz.Domain.Members;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Ekopz.Projections.Members;

/// <summary>
/// The inline snapshot of a member: what FetchForWriting hands to the decider and what GET member
/// reads. It overrides Evolve explicitly and delegates to the domain's pure fold, so no Marten
/// source generation is involved (docs/adr/0002).
/// </summary>
public class MemberProjection : SingleStreamProjection<Member, Guid>
{
    public MemberProjection() => FoldEvents.Declare<Member>(this, Member.Evolve);

    public override Member? Evolve(Member? snapshot, Guid id, IEvent e) => Member.Evolve(snapshot, e.Data);
}
