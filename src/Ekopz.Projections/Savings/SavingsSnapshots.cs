using Ekopz.Domain.Savings;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Ekopz.Projections.Savings;

/// <summary>Inline snapshot of a withdrawal request (what approvals fetch and lists read).</summary>
public class WithdrawalProjection : SingleStreamProjection<Withdrawal, Guid>
{
    public WithdrawalProjection() => FoldEvents.Declare<Withdrawal>(this, Withdrawal.Evolve);

    public override Withdrawal? Evolve(Withdrawal? snapshot, Guid id, IEvent e) => Withdrawal.Evolve(snapshot, e.Data);
}

/// <summary>Inline snapshot of a deposit reversal request.</summary>
public class ReversalProjection : SingleStreamProjection<Reversal, Guid>
{
    public ReversalProjection() => FoldEvents.Declare<Reversal>(this, Reversal.Evolve);

    public override Reversal? Evolve(Reversal? snapshot, Guid id, IEvent e) => Reversal.Evolve(snapshot, e.Data);
}

/// <summary>Inline snapshot of a month's interest run.</summary>
public class InterestRunProjection : SingleStreamProjection<InterestRun, Guid>
{
    public InterestRunProjection() => FoldEvents.Declare<InterestRun>(this, InterestRun.Evolve);

    public override InterestRun? Evolve(InterestRun? snapshot, Guid id, IEvent e) => InterestRun.Evolve(snapshot, e.Data);
}
