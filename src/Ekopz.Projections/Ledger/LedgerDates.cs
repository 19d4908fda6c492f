using NodaTime;

namespace Ekopz.Projections.Ledger;

/// <summary>Business dates as the ledger tables' <c>date</c> columns take them.</summary>
public static class LedgerDates
{
    private static readonly LocalDate FirstDate = new(1, 1, 1);

    /// <summary>PostgreSQL and DateOnly start at year 1; NodaTime's "beginning of time" is earlier.</summary>
    public static DateOnly Column(LocalDate d) => d < FirstDate ? DateOnly.MinValue : d.ToDateOnly();
}
