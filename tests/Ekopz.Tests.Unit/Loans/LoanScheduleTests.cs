using Ekopz.Domain.Common;
using Ekopz.Domain.Loans;
using FsCheck;
using FsCheck.Xunit;
using NodaTime;

namespace Ekopz.Tests.Unit.Loans;

/// <summary>The worked example of the domain rules (section 3), to the rupiah, and the properties every schedule keeps.</summary>
public class LoanScheduleTests
{
    private static readonly LocalDate Start = new(2026, 1, 15);

    private static IReadOnlyList<ScheduleRow> WorkedExample(LoanMethod method) =>
        LoanSchedule.Compute(12_000_000m, 12, 18m, method, LoanFrequency.Monthly, Start);

    [Fact]
    public void Flat_PaysTheSameInstallmentEveryMonth()
    {
        var rows = WorkedExample(LoanMethod.Flat);
        rows.Should().HaveCount(12).And.OnlyContain(r => r.Installment == 1_180_000m && r.Interest == 180_000m && r.Principal == 1_000_000m);
        rows.Sum(r => r.Interest).Should().Be(2_160_000m);
        rows.Sum(r => r.Principal).Should().Be(12_000_000m);
        rows.Last().Closing.Should().Be(0m);
    }

    [Fact]
    public void Efektif_FallsByFifteenThousandFrom1180000To1015000()
    {
        var rows = WorkedExample(LoanMethod.Efektif);
        rows.Select(r => r.Installment).Should().Equal(Enumerable.Range(0, 12).Select(k => 1_180_000m - 15_000m * k));
        rows[^1].Installment.Should().Be(1_015_000m);
        rows.Sum(r => r.Interest).Should().Be(1_170_000m);
        rows.Should().OnlyContain(r => r.Principal == 1_000_000m);
    }

    [Fact]
    public void Anuitas_Is1100160WithTheInterestColumnOfTheDomainDoc()
    {
        LoanSchedule.Annuity(12_000_000m, 0.015m, 12).Should().BeApproximately(1_100_159.91m, 0.005m);
        var rows = WorkedExample(LoanMethod.Anuitas);
        rows.Take(11).Should().OnlyContain(r => r.Installment == 1_100_160m);

        rows[0].Should().Be(new ScheduleRow(1, new LocalDate(2026, 2, 15), 12_000_000m, 920_160m, 180_000m, 11_079_840m));
        rows[1].Should().Be(new ScheduleRow(2, new LocalDate(2026, 3, 15), 11_079_840m, 933_962m, 166_198m, 10_145_878m));
        rows[2].Opening.Should().Be(10_145_878m);
        rows[2].Interest.Should().Be(152_188m);
        rows[11].Opening.Should().Be(1_083_901m);
        rows[11].Interest.Should().Be(16_259m);
        rows[11].Principal.Should().Be(1_083_901m);
        rows[11].Closing.Should().Be(0m);
        rows[11].Installment.Should().Be(1_100_160m);
        rows.Sum(r => r.Interest).Should().Be(1_201_920m, "the doc's 'about 1,201,919' is the unrounded sum; rounded interest sums to this");
        rows.Sum(r => r.Principal).Should().Be(12_000_000m);
    }

    [Fact]
    public void ARoundingUnit_RoundsWhatTheMethodKeepsConstant_AndTheLastTakesTheResidue()
    {
        var anuitas = LoanSchedule.Compute(5_000_000m, 7, 21m, LoanMethod.Anuitas, LoanFrequency.Monthly, Start, 1_000m);
        anuitas.Take(6).Should().OnlyContain(r => r.Installment % 1_000m == 0 && r.Installment == anuitas[0].Installment);
        anuitas.Sum(r => r.Principal).Should().Be(5_000_000m);

        var efektif = LoanSchedule.Compute(1_000_000m, 3, 12m, LoanMethod.Efektif, LoanFrequency.Monthly, Start, 100m);
        efektif.Select(r => r.Principal).Should().Equal(333_300m, 333_300m, 333_400m);

        var up = LoanSchedule.Compute(1_000_000m, 3, 12m, LoanMethod.Efektif, LoanFrequency.Monthly, Start, 1_000m, RoundingMode.Up);
        up.Select(r => r.Principal).Should().Equal(334_000m, 334_000m, 332_000m);
    }

    [Fact]
    public void DueDates_FollowTheFrequency_AndKeepTheDayOfMonthWhereItExists()
    {
        LoanSchedule.Compute(3_000_000m, 3, 12m, LoanMethod.Flat, LoanFrequency.Monthly, new LocalDate(2026, 1, 31))
            .Select(r => r.DueDate).Should().Equal(new LocalDate(2026, 2, 28), new LocalDate(2026, 3, 31), new LocalDate(2026, 4, 30));
        LoanSchedule.Compute(3_000_000m, 2, 12m, LoanMethod.Flat, LoanFrequency.Weekly, Start)
            .Select(r => r.DueDate).Should().Equal(new LocalDate(2026, 1, 22), new LocalDate(2026, 1, 29));
        var daily = LoanSchedule.Compute(1_000_000m, 100, 20m, LoanMethod.Flat, LoanFrequency.Daily, Start);
        daily[0].DueDate.Should().Be(new LocalDate(2026, 1, 16));
        // 20% a year over 365 days: 1,000,000 × 0.2 / 365 = 547.95 → 548 a day.
        daily[0].Interest.Should().Be(548m);
        daily.Sum(r => r.Principal).Should().Be(1_000_000m);
    }

    [Fact]
    public void AZeroRate_IsAllowed_AndRepaysOnlyPrincipal()
    {
        var rows = LoanSchedule.Compute(1_000_000m, 3, 0m, LoanMethod.Anuitas, LoanFrequency.Monthly, Start);
        rows.Sum(r => r.Interest).Should().Be(0m);
        rows.Select(r => r.Principal).Should().Equal(333_333m, 333_333m, 333_334m);
    }

    [Theory]
    [InlineData("0", 12, "18", "principal")]
    [InlineData("-5", 12, "18", "principal")]
    [InlineData("1000.001", 12, "18", "principal")]
    [InlineData("1000000", 0, "18", "periods")]
    [InlineData("1000000", 601, "18", "periods")]
    [InlineData("1000000", 12, "24.01", "annualRate")]
    [InlineData("1000000", 12, "-1", "annualRate")]
    public void BadFigures_AreRefusedNamingTheField(string principal, int periods, string rate, string field)
    {
        var act = () => LoanSchedule.Compute(decimal.Parse(principal), periods, decimal.Parse(rate), LoanMethod.Flat, LoanFrequency.Monthly, Start);
        var e = act.Should().Throw<DomainException>().Which;
        e.Code.Should().Be(ErrorCodes.ValidationFailed);
        e.Errors!.Keys.Should().Contain(field);
    }

    [Fact]
    public void TheCapItself_IsAllowed() =>
        LoanSchedule.Compute(1_000_000m, 12, 24m, LoanMethod.Anuitas, LoanFrequency.Monthly, Start).Should().HaveCount(12);

    [Fact]
    public void ARoundingUnitTooCoarseForTheLoan_IsRefused()
    {
        var act = () => LoanSchedule.Compute(50_000m, 12, 24m, LoanMethod.Anuitas, LoanFrequency.Monthly, Start, 10_000m, RoundingMode.Down);
        act.Should().Throw<DomainException>().Which.Errors!.Keys.Should().Contain("roundingUnit");
    }

    private static readonly decimal[] Units = [1m, 100m, 1_000m];

    /// <summary>Any schedule either comes out whole or is refused as a validation error: never a wrong schedule.</summary>
    [Property(MaxTest = 400)]
    public bool EverySchedule_SumsToThePrincipal_NeverGoesNegative_AndItsBalanceFalls(PositiveInt principalSeed, byte cents, byte periodsSeed,
        ushort rateSeed, byte methodSeed, byte frequencySeed, byte unitSeed, byte modeSeed)
    {
        var principal = 10_000m + principalSeed.Get % 2_000_000_000 + (cents % 100) / 100m;
        var periods = 1 + periodsSeed % 240;
        var rate = rateSeed % 2_401 / 100m;
        var method = (LoanMethod)(methodSeed % 3);
        var frequency = (LoanFrequency)(frequencySeed % 3);
        var unit = Units[unitSeed % 3];
        var mode = (RoundingMode)(modeSeed % 3);
        IReadOnlyList<ScheduleRow> rows;
        try
        {
            rows = LoanSchedule.Compute(principal, periods, rate, method, frequency, Start, unit, mode);
        }
        catch (DomainException e) when (e.Code == ErrorCodes.ValidationFailed)
        {
            // Only a loan whose smallest exact principal part is within reach of the accumulated rounding
            // (at most unit + Rp1 a period, compounded at the periodic rate) may be refused.
            var r = LoanSchedule.PeriodicRate(rate, frequency);
            var growth = 1m;
            for (var i = 0; i < periods; i++) growth *= 1 + r;
            var smallestPart = method == LoanMethod.Anuitas && r > 0 ? principal * r / (growth - 1) : principal / periods;
            return e.Errors!.Keys.All(k => k is "roundingUnit" or "principal") && smallestPart <= periods * (unit + 1) * growth;
        }

        var chained = rows.Zip(rows.Skip(1)).All(p => p.Second.Opening == p.First.Closing);
        return rows.Count == periods
            && rows.Sum(r => r.Principal) == principal
            && rows[0].Opening == principal
            && rows[^1].Closing == 0
            && chained
            && rows.All(r => r.Principal > 0 && r.Interest >= 0 && r.Closing >= 0 && r.Closing < r.Opening)
            && rows.All(r => r.Interest == decimal.Round(r.Interest, 0))
            && rows.All(r => r.Installment == r.Principal + r.Interest);
    }

    /// <summary>With whole-rupiah rounding, an ordinary loan is never refused, and flat and anuitas installments are level but for the last.</summary>
    [Property(MaxTest = 300)]
    public bool OrdinaryLoans_AreLevelForFlatAndAnuitas(PositiveInt principalSeed, byte periodsSeed, ushort rateSeed, bool anuitas)
    {
        var principal = 1_000_000m + principalSeed.Get % 1_000_000_000;
        var periods = 1 + periodsSeed % 120;
        var rate = rateSeed % 2_401 / 100m;
        var rows = LoanSchedule.Compute(principal, periods, rate, anuitas ? LoanMethod.Anuitas : LoanMethod.Flat, LoanFrequency.Monthly, Start);
        return rows.Take(periods - 1).Select(r => r.Installment).Distinct().Count() <= 1 && rows.Sum(r => r.Principal) == principal;
    }
}
