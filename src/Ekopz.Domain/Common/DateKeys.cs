using NodaTime;

namespace Ekopz.Domain.Common;

/// <summary>
/// Sortable integer forms of dates and instants for read-model columns: Marten's LINQ cannot compare
/// NodaTime values, and integers index and compare cheaply (20261125 for 25 Nov 2026).
/// </summary>
public static class DateKeys
{
    public static int Key(this LocalDate date) => date.Year * 10000 + date.Month * 100 + date.Day;

    public static long Ticks(this Instant instant) => instant.ToUnixTimeTicks();
}
