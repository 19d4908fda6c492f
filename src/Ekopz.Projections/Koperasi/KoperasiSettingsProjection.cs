using Ekopz.Domain.Koperasi;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Ekopz.Projections.Koperasi;

/// <summary>The koperasi's settings with their effective-dated history, as an inline snapshot.</summary>
public class KoperasiSettingsProjection : SingleStreamProjection<KoperasiSettings, Guid>
{
    public KoperasiSettingsProjection() => FoldEvents.Declare<KoperasiSettings>(this, KoperasiSettings.Evolve);

    public override KoperasiSettings? Evolve(KoperasiSettings? snapshot, Guid id, IEvent e) =>
        KoperasiSettings.Evolve(snapshot, e.Data);
}
