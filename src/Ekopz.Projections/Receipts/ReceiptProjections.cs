using Ekopz.Domain.Common;
using Ekopz.Domain.Receipts;
using JasperFx.Events;
using Marten;
using Marten.Events.Aggregation;
using Marten.Events.Projections;
using NodaTime;

namespace Ekopz.Projections.Receipts;

/// <summary>
/// One issued receipt, written once from its <see cref="ReceiptIssued"/> and never updated. Keyed by
/// its source (<see cref="ReceiptSource.ReceiptId"/>), so issuing again finds it; queried by number.
/// </summary>
public sealed class IssuedReceipt
{
    public Guid Id { get; set; }
    public int Number { get; set; }
    public ReceiptSource Source { get; set; } = null!;
    public ReceiptContent Content { get; set; } = null!;
    /// <summary>The koperasi's business date when it was issued, and the same as yyyymmdd for queries.</summary>
    public LocalDate IssuedOn { get; set; }
    public int IssuedDateKey { get; set; }
    public Instant IssuedAt { get; set; }
    public string IssuedBy { get; set; } = "";
    public Guid EventId { get; set; }

    public static IssuedReceipt From(ReceiptIssued e, Guid eventId) => new()
    {
        Id = e.ReceiptId,
        Number = e.Number,
        Source = e.Source,
        Content = e.Content,
        IssuedOn = e.Meta.BusinessDate,
        IssuedDateKey = e.Meta.BusinessDate.Key(),
        IssuedAt = e.Meta.RecordedAt,
        IssuedBy = e.Meta.Actor,
        EventId = eventId,
    };
}

/// <summary>Inline snapshot of a koperasi's receipt book (its last number): what issuing fetches under lock.</summary>
public class ReceiptBookProjection : SingleStreamProjection<ReceiptBook, Guid>
{
    public ReceiptBookProjection() => FoldEvents.Declare<ReceiptBook>(this, ReceiptBook.Evolve);

    public override ReceiptBook? Evolve(ReceiptBook? snapshot, Guid id, IEvent e) => ReceiptBook.Evolve(snapshot, e.Data);
}

/// <summary>
/// Writes each issued receipt inline, in the issuing transaction. <c>Insert</c>, not <c>Store</c>: a
/// second receipt for one source fails on the key instead of overwriting the first (the command then
/// retries and answers the first).
/// </summary>
// JFXEVT006: the analyzer cannot see the RegisterPublishedType call in the constructor.
#pragma warning disable JFXEVT006
public class IssuedReceiptProjection : EventProjection
#pragma warning restore JFXEVT006
{
    public IssuedReceiptProjection()
    {
        IncludeType<ReceiptIssued>();
        RegisterPublishedType(typeof(IssuedReceipt));
    }

    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        if (e.Data is ReceiptIssued issued) operations.Insert(IssuedReceipt.From(issued, e.Id));
        return ValueTask.CompletedTask;
    }
}
