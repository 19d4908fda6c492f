using Ekopz.Domain.Shu;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Ekopz.Projections.Shu;

/// <summary>Inline snapshot of a year's SHU: the RAT decision and the payments made.</summary>
public class ShuYearProjection : SingleStreamProjection<ShuYear, Guid>
{
    public ShuYearProjection() => FoldEvents.Declare<ShuYear>(this, ShuYear.Evolve);

    public override ShuYear? Evolve(ShuYear? snapshot, Guid id, IEvent e) => ShuYear.Evolve(snapshot, e.Data);
}
