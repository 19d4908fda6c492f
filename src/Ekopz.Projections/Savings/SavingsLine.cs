using NodaTime;

namespace Ekopz.Projections.Savings;

/// <summary>
/// One line of a member's savings statement: one money event, with every trace field. Written once
/// per event and never updated, so concurrent writers cannot lose each other's lines, and a rebuild
/// from the events produces the same rows.
/// </summary>
public sealed class SavingsLine
{
    /// <summary>The event id, or derived from it for the second line of one event (interest and its tax).</summary>
    public Guid Id { get; set; }
    /// <summary>The event behind the line.</summary>
    public Guid EventId { get; set; }
    /// <summary>Orders the lines of one event.</summary>
    public int Part { get; set; }
    public Guid MemberId { get; set; }
    public Guid TransactionId { get; set; }
    public long Sequence { get; set; }
    /// <summary>pokok, wajib or sukarela.</summary>
    public string Kind { get; set; } = "";
    /// <summary>deposit, withdrawal, reversal, interest, interest_tax, refund, refund_heirs.</summary>
    public string Type { get; set; } = "";
    /// <summary>Signed: money in is positive, money out negative.</summary>
    public decimal Amount { get; set; }
    public LocalDate BusinessDate { get; set; }
    /// <summary><see cref="BusinessDate"/> as yyyymmdd, for queries.</summary>
    public int DateKey { get; set; }
    public Instant RecordedAt { get; set; }
    /// <summary><see cref="RecordedAt"/> as Unix ticks, for "as known at" queries.</summary>
    public long RecordedTicks { get; set; }
    public string Actor { get; set; } = "";
    public string Channel { get; set; } = "";
    public string CorrelationId { get; set; } = "";
    public string? Note { get; set; }
    /// <summary>For a reversal: the transaction it corrects.</summary>
    public Guid? Reverses { get; set; }
}
