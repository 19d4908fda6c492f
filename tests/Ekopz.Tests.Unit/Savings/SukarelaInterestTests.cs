using Ekopz.Domain.Koperasi;
using Ekopz.Domain.Savings;
using FsCheck;
using FsCheck.Xunit;
using NodaTime;

namespace Ekopz.Tests.Unit.Savings;

/// <summary>Worked months, to the rupiah (docs/adr/0008 states the conventions).</summary>
public class SukarelaInterestTests
{
    private static readonly YearMonth October = new(2026, 10);

    private static readonly DatedAmount[] Moves =
    [
        new(new LocalDate(2026, 10, 16), 5_000_000m),
        new(new LocalDate(2026, 10, 25), -2_000_000m),
        new(new LocalDate(2026, 9, 30), 999m), // outside the month: ignored
    ];

    [Fact]
    public void Daily_SumsEachDaysClosingBalance()
    {
        // 15 days at 10,000,000 + 9 at 15,000,000 + 7 at 13,000,000 = 376,000,000 balance-days;
        // × 6% ÷ 365 = 61,808.219... → 61,808 (rounded down); under Rp240,000 so no tax.
        var f = SukarelaInterest.Compute(October, 10_000_000m, Moves, 6m, InterestBases.Daily, 240_000m, 10m);
        f.Gross.Should().Be(61_808m);
        f.Tax.Should().Be(0m);
        f.Net.Should().Be(61_808m);
        f.BalanceBasis.Should().Be(12_129_032.26m);
    }

    [Fact]
    public void Lowest_UsesTheLowestClosingBalanceForAMonth()
    {
        var f = SukarelaInterest.Compute(October, 10_000_000m, Moves, 6m, InterestBases.Lowest, 240_000m, 10m);
        f.BalanceBasis.Should().Be(10_000_000m);
        f.Gross.Should().Be(50_000m);
    }

    [Fact]
    public void AboveTheThreshold_TheWholeGrossIsTaxedTenPercent()
    {
        // 60,000,000 × 31 days × 6% ÷ 365 = 305,753.42 → 305,753; tax 30,575.3 → 30,575; net 275,178.
        var f = SukarelaInterest.Compute(October, 60_000_000m, [], 6m, InterestBases.Daily, 240_000m, 10m);
        f.Should().Be(new InterestFigures(60_000_000m, 305_753m, 30_575m));
        f.Net.Should().Be(275_178m);
    }

    [Theory]
    [InlineData("48000000", "240000", "0")]      // exactly the threshold: not taxed
    [InlineData("48000200", "240001", "24000")]  // one rupiah above: 10% of the whole gross
    public void TheThresholdIsInclusive(string balance, string gross, string tax)
    {
        var f = SukarelaInterest.Compute(October, decimal.Parse(balance), [], 6m, InterestBases.Lowest, 240_000m, 10m);
        f.Gross.Should().Be(decimal.Parse(gross));
        f.Tax.Should().Be(decimal.Parse(tax));
    }

    [Fact]
    public void ARateAboveTheCap_IsRefused()
    {
        var act = () => SukarelaInterest.Compute(October, 1m, [], 9.01m, InterestBases.Daily, 240_000m, 10m);
        act.Should().Throw<Ekopz.Domain.Common.DomainException>();
    }

    [Property]
    public bool NetPlusTaxIsGross_AndNothingIsNegative(PositiveInt balance, byte ratePercentTenths, bool lowest)
    {
        var rate = Math.Min(9m, ratePercentTenths / 10m);
        var f = SukarelaInterest.Compute(October, balance.Get, [], rate, lowest ? InterestBases.Lowest : InterestBases.Daily, 240_000m, 10m);
        return f.Gross >= 0 && f.Tax >= 0 && f.Net + f.Tax == f.Gross && f.Gross == Math.Floor(f.Gross);
    }
}
