using Ekopz.Domain.Koperasi;
using Ekopz.Domain.Shu;
using NodaTime;

namespace Ekopz.Tests.Unit.Shu;

/// <summary>Each member's basis figures from their ledger movements (docs/adr/0012).</summary>
public class ShuBasisTests
{
    private static readonly BasisAccounts Accounts = new(new HashSet<string> { "4-1000" }, new HashSet<string> { "4-2000", "4-2200" },
        new HashSet<string> { "3-1000", "3-1100" });

    private static readonly Guid Ani = Guid.NewGuid();

    private static BasisMovement Move(string code, int year, int month, int day, decimal amount) => new(Ani, code, new LocalDate(year, month, day), amount);

    private static readonly BasisMovement[] History =
    [
        Move("3-1000", 2024, 5, 1, 100_000m),   // pokok before the year
        Move("3-1100", 2025, 7, 2, 365_000m),   // wajib from 2 July: 183 days of 2025
        Move("3-1100", 2026, 1, 5, 50_000m),    // after the year: never counts
        Move("4-1000", 2024, 12, 31, 90_000m),  // interest of the year before
        Move("4-1000", 2025, 3, 1, 180_000m),
        Move("4-1000", 2026, 1, 2, 180_000m),   // interest of the year after
        Move("4-2000", 2025, 4, 1, 300_000m),
        Move("4-2200", 2025, 4, 2, -50_000m),   // a return lowers purchases
    ];

    [Fact]
    public void OnlyTheYearsMovements_Count_AndCapitalIsTheYearEndBalance()
    {
        var basis = ShuBasis.Compute(2025, History, Accounts, JasaModalBases.YearEnd)[Ani];
        basis[ShuBases.LoanInterest].Should().Be(180_000m);
        basis[ShuBases.Purchases].Should().Be(250_000m);
        basis[ShuBases.Capital].Should().Be(465_000m);
    }

    [Fact]
    public void TheAverageBalance_IsEachDaysClosingBalanceOverTheDaysOfTheYear()
    {
        // 100,000 all year + 365,000 × 183 / 365 = 283,000.
        ShuBasis.Compute(2025, History, Accounts, JasaModalBases.Average)[Ani][ShuBases.Capital].Should().Be(283_000m);
        // One day of 730,000 on 31 December adds 2,000; a leap year has 366 days.
        ShuBasis.Compute(2025, [Move("3-1100", 2025, 12, 31, 730_000m)], Accounts, JasaModalBases.Average)[Ani][ShuBases.Capital].Should().Be(2_000m);
        ShuBasis.Compute(2024, [Move("3-1100", 2024, 12, 31, 732_000m)], Accounts, JasaModalBases.Average)[Ani][ShuBases.Capital].Should().Be(2_000m);
        // Rounded to the cent: 100,000 for 92 days of 365.
        ShuBasis.Compute(2025, [Move("3-1000", 2025, 10, 1, 100_000m)], Accounts, JasaModalBases.Average)[Ani][ShuBases.Capital].Should().Be(25_205.48m);
    }
}
