using Ekopz.Domain.Common;
using Ekopz.Domain.Members;
using Ekopz.Domain.Savings;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace Ekopz.Projections.Savings;

/// <summary>
/// Writes one <see cref="SavingsLine"/> per savings money event, inline, in the same transaction as
/// the event. Explicit ApplyAsync (no source-generated dispatch); Rich append mode gives it the
/// final sequence number.
/// </summary>
public class SavingsLineProjection : EventProjection
{
    public SavingsLineProjection()
    {
        IncludeType<SavingsDeposited>();
        // Lets a rebuild clear the lines before replaying (EventProjection cannot infer it).
        RegisterPublishedType(typeof(SavingsLine));
    }

    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        switch (e.Data)
        {
            case SavingsDeposited d:
                operations.Store(new SavingsLine
                {
                    Id = e.Id,
                    MemberId = d.MemberId,
                    TransactionId = d.TransactionId,
                    Sequence = e.Sequence,
                    Kind = d.Kind.Name(),
                    Type = "deposit",
                    Amount = d.Amount,
                    BusinessDate = d.Meta.BusinessDate,
                    DateKey = d.Meta.BusinessDate.Key(),
                    RecordedAt = d.Meta.RecordedAt,
                    RecordedTicks = d.Meta.RecordedAt.Ticks(),
                    Actor = d.Meta.Actor,
                    Channel = d.Meta.Channel,
                    CorrelationId = d.Meta.CorrelationId,
                    Note = d.Note,
                });
                break;
        }

        return ValueTask.CompletedTask;
    }
}
