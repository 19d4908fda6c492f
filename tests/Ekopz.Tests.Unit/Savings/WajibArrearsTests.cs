using Ekopz.Domain.Koperasi;
using Ekopz.Domain.Savings;
using NodaTime;

namespace Ekopz.Tests.Unit.Savings;

public class WajibArrearsTests
{
    private static readonly KoperasiSettings Settings = new(Guid.Empty, "k", "K", "Asia/Jakarta",
    [
        new SettingsVersion(LocalDate.MinIsoValue, 100_000m, 25_000m),
        new SettingsVersion(new LocalDate(2026, 10, 1), 100_000m, 30_000m),
    ]);

    [Fact]
    public void PaymentsCoverTheOldestMonthsFirst_AndOnlyEndedMonthsAreLate()
    {
        var s = WajibArrears.Compute(new LocalDate(2026, 8, 15), null, new LocalDate(2026, 11, 10), 50_000m, Settings.At);
        s.Months.Select(m => (m.Month.ToString("yyyy-MM", null), m.Due, m.Paid)).Should().Equal(
            ("2026-08", 25_000m, true), ("2026-09", 25_000m, true), ("2026-10", 30_000m, false), ("2026-11", 30_000m, false));
        s.TotalDue.Should().Be(110_000m);
        s.MonthsInArrears.Should().Be(1, "October has ended unpaid; November is due but not late yet");
        s.ArrearsAmount.Should().Be(30_000m);
        s.UnpaidMonths.Should().HaveCount(2);
    }

    [Fact]
    public void APartialPaymentLeavesTheMonthUnpaidButCountsInTheAmount()
    {
        var s = WajibArrears.Compute(new LocalDate(2026, 8, 1), null, new LocalDate(2026, 10, 31), 40_000m, Settings.At);
        s.MonthsInArrears.Should().Be(1, "September is covered 15,000 of 25,000");
        s.ArrearsAmount.Should().Be(10_000m, "August and September were due 50,000 and 40,000 was paid");
        s.UnpaidMonths.Select(m => m.ToString("yyyy-MM", null)).Should().Equal("2026-09", "2026-10");
    }

    [Fact]
    public void NotYetAMember_OwesNothing() =>
        WajibArrears.Compute(null, null, new LocalDate(2026, 11, 10), 0m, Settings.At).TotalDue.Should().Be(0m);

    [Fact]
    public void AfterExit_NoMoreMonthsFallDue()
    {
        var s = WajibArrears.Compute(new LocalDate(2026, 8, 1), new LocalDate(2026, 9, 5), new LocalDate(2026, 11, 10), 0m, Settings.At);
        s.Months.Should().HaveCount(2);
        s.MonthsInArrears.Should().Be(2);
    }
}
