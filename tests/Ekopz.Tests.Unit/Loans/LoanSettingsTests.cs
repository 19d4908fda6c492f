using Ekopz.Domain.Common;
using Ekopz.Domain.Loans;
using NodaTime;

namespace Ekopz.Tests.Unit.Loans;

public class LoanSettingsTests
{
    private static readonly LocalDate Today = new(2026, 11, 1);
    private static readonly EventMeta Meta = new("pengurus", Today, Instant.FromUtc(2026, 11, 1, 0, 0), Channels.Web, "c");

    [Theory]
    [InlineData(0, Kolektibilitas.Lancar)]
    [InlineData(30, Kolektibilitas.Lancar)]
    [InlineData(31, Kolektibilitas.DalamPerhatianKhusus)]
    [InlineData(90, Kolektibilitas.DalamPerhatianKhusus)]
    [InlineData(91, Kolektibilitas.KurangLancar)]
    [InlineData(120, Kolektibilitas.KurangLancar)]
    [InlineData(121, Kolektibilitas.Diragukan)]
    [InlineData(180, Kolektibilitas.Diragukan)]
    [InlineData(181, Kolektibilitas.Macet)]
    public void TheDefaultThresholds_AreThoseOfTheDomainRules(int dpd, Kolektibilitas expected) =>
        LoanSettings.Defaults.Classify(dpd).Should().Be(expected);

    [Fact]
    public void RequiredAllowance_IsTheClassPercentOfItsOutstanding_ToTheRupiah()
    {
        var s = LoanSettings.Defaults;
        s.RequiredAllowance(Kolektibilitas.Lancar, 1_234_567m).Should().Be(6_173m); // 6,172.835
        s.RequiredAllowance(Kolektibilitas.KurangLancar, 1_000_000m).Should().Be(100_000m);
        s.RequiredAllowance(Kolektibilitas.Diragukan, 1_000_000m).Should().Be(500_000m);
        s.RequiredAllowance(Kolektibilitas.Macet, 1_000_000m).Should().Be(1_000_000m);
    }

    [Fact]
    public void AChange_TakesEffectFromItsDate_AndKeepsWhatItDoesNotName()
    {
        var changed = LoanSettingsDecider.Change(new ChangeLoanSettings(Today.PlusDays(10), LancarMaxDays: 14), null, Today, Meta);
        var settings = LoanSettings.Evolve(null, changed)!;
        settings.At(Today).Should().Be(LoanSettings.Defaults);
        settings.At(Today.PlusDays(10)).LancarMaxDays.Should().Be(14);
        settings.At(Today.PlusDays(10)).DpkMaxDays.Should().Be(90);
        settings.At(Today.PlusDays(10)).Classify(20).Should().Be(Kolektibilitas.DalamPerhatianKhusus);
    }

    [Fact]
    public void BadChanges_AreRefused()
    {
        DomainException Refusal(ChangeLoanSettings c) =>
            FluentActions.Invoking(() => LoanSettingsDecider.Change(c, null, Today, Meta)).Should().Throw<DomainException>().Which;
        Refusal(new ChangeLoanSettings(Today.PlusDays(-1), LancarMaxDays: 10)).Errors!.Keys.Should().Contain("effectiveFrom");
        Refusal(new ChangeLoanSettings(null, DpkMaxDays: 30)).Errors!.Keys.Should().Contain("thresholds");
        Refusal(new ChangeLoanSettings(null, LendingLimitPercent: 101)).Errors!.Keys.Should().Contain("lendingLimitPercent");
        Refusal(new ChangeLoanSettings(null)).Errors!.Keys.Should().Contain("body");
    }

    [Fact]
    public void TheAllowance_BooksUpToTheRequired_AndNeverGoesBelowZero()
    {
        var booked = LoanAllowanceDecider.Book(null, null, 250_000m, null, Guid.NewGuid(), Meta);
        booked.Amount.Should().Be(250_000m);
        var allowance = LoanAllowance.Evolve(null, booked)!;
        LoanAllowanceDecider.Book(allowance, null, 100_000m, null, Guid.NewGuid(), Meta).Amount.Should().Be(-150_000m, "a release");
        FluentActions.Invoking(() => LoanAllowanceDecider.Book(allowance, null, 250_000m, null, Guid.NewGuid(), Meta))
            .Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InvalidState);
        FluentActions.Invoking(() => LoanAllowanceDecider.Book(allowance, -250_000.01m, 0m, null, Guid.NewGuid(), Meta))
            .Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InsufficientBalance);
    }

    [Fact]
    public void AProductChange_NeverReachesBack_AndALoanKeepsItsCopiedTerms()
    {
        var terms = LoanTerms.Plain(LoanMethod.Flat, 18m, LoanFrequency.Monthly);
        var defined = LoanProductDecider.Define(Guid.NewGuid(), "Umum", terms, Today.PlusDays(-30), Meta);
        var product = LoanProduct.Evolve(null, defined)!;
        var late = () => LoanProductDecider.Change(product, "Umum", terms with { AnnualRate = 20m }, true, Today.PlusDays(-1), Today, Meta);
        late.Should().Throw<DomainException>().Which.Errors!.Keys.Should().Contain("effectiveFrom");
        product = LoanProduct.Evolve(product, LoanProductDecider.Change(product, "Umum", terms with { AnnualRate = 20m }, true, Today, Today, Meta))!;
        product.At(Today.PlusDays(-1))!.Terms.AnnualRate.Should().Be(18m);
        product.At(Today)!.Terms.AnnualRate.Should().Be(20m);
        product.At(Today.PlusDays(-31)).Should().BeNull();
    }
}
