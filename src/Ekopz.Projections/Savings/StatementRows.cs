using NodaTime;

namespace Ekopz.Projections.Savings;

// These records are the statement's response shapes too (GET .../statement, .../statement/events/{eventId}): the API answers with
// them as read, instead of copying every line into records of its own.

/// <summary>An amount per savings kind (pokok, wajib, sukarela): a statement's balances or its opening.</summary>
public sealed record StatementBalances(decimal Pokok, decimal Wajib, decimal Sukarela);

/// <summary>One <see cref="SavingsLine"/> as a statement shows it, with the running balance of its kind after it.</summary>
public sealed record StatementLine(
    Guid TransactionId,
    Guid EventId,
    long Sequence,
    string Kind,
    string Type,
    decimal Amount,
    decimal BalanceAfter,
    LocalDate BusinessDate,
    Instant RecordedAt,
    string Actor,
    string Channel,
    string CorrelationId,
    string? Note,
    Guid? Reverses);

/// <summary>
/// One page of a member's statement: the balances of the whole statement, how many lines it has (from its start date on), the
/// page's lines, and with a start date the balances just before it (<see cref="Opening"/>; null without one).
/// </summary>
public sealed record StatementPage(StatementBalances Balances, int TotalLines, IReadOnlyList<StatementLine> Lines, StatementBalances? Opening);
