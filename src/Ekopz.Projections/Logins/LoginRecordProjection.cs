using Ekopz.Domain.Logins;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Ekopz.Projections.Logins;

/// <summary>The state of a login name's stream (failures, lockout), as an inline snapshot in the platform (default) tenant.</summary>
public class LoginRecordProjection : SingleStreamProjection<LoginRecord, Guid>
{
    public LoginRecordProjection() => FoldEvents.Declare<LoginRecord>(this, (state, e) => LoginRecord.Evolve(state, Guid.Empty, e));

    public override LoginRecord? Evolve(LoginRecord? snapshot, Guid id, IEvent e) => LoginRecord.Evolve(snapshot, id, e.Data);
}
