using Ekopz.Api.Savings.Interest;
using Ekopz.Domain.Common;
using Ekopz.Domain.Koperasi;
using Ekopz.Domain.Members;
using Ekopz.Domain.Savings;
using NodaTime;
using static Ekopz.Tests.Unit.Writes.WriteScopes;

namespace Ekopz.Tests.Unit.Writes;

/// <summary>The interest run's checks (<see cref="InterestRunDecider"/>, Domain) and the endpoint's Decide, without a database (docs/adr/0038).</summary>
public class when_a_month_of_interest_is_run_on_the_write_path
{
    private static readonly Guid Budi = new("00000000-0000-0000-0000-000000000001");
    private static readonly Guid Siti = new("00000000-0000-0000-0000-000000000002");
    private static readonly KoperasiSettings Settings = Pengurus.Settings;

    [Fact]
    public void a_month_is_yyyy_mm_and_must_have_ended()
    {
        var bad = () => InterestRunDecider.ParseMonth("10/2026");
        bad.Should().Throw<DomainException>().Which.Errors!.Keys.Should().Contain("month");
        var running = () => InterestRunDecider.Plan(new YearMonth(2026, 11), 3m, null, Today, Settings);
        running.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InvalidState);
        var plan = InterestRunDecider.Plan(InterestRunDecider.ParseMonth("2026-10"), 3m, null, Today, Settings);
        plan.Should().Be(new InterestRunPlan(new YearMonth(2026, 10), new LocalDate(2026, 10, 31), 3m, InterestBases.Daily,
            SettingsDefaults.InterestTaxThreshold, SettingsDefaults.InterestTaxRate));
        plan.Key.Should().Be("2026-10");
    }

    [Fact]
    public void a_rate_and_a_basis_must_be_known()
    {
        var noRate = () => InterestRunDecider.Plan(new YearMonth(2026, 10), null, null, Today, Settings);
        noRate.Should().Throw<DomainException>().Which.Errors!.Keys.Should().Contain("annualRate", "the settings have no rate");
        var tooHigh = () => InterestRunDecider.Plan(new YearMonth(2026, 10), 12m, null, Today, Settings);
        tooHigh.Should().Throw<DomainException>().Which.Errors!.Keys.Should().Contain("annualRate");
        var basis = () => InterestRunDecider.Plan(new YearMonth(2026, 10), 3m, "average", Today, Settings);
        basis.Should().Throw<DomainException>().Which.Errors!.Keys.Should().Contain("basis");
    }

    [Fact]
    public void members_who_earn_are_credited_on_the_months_last_day_and_one_who_left_is_not()
    {
        var plan = InterestRunDecider.Plan(new YearMonth(2026, 10), 6m, InterestBases.Lowest, Today, Settings);
        var due = InterestRunDecider.Due(plan, new Dictionary<Guid, SukarelaHistory>
        {
            [Siti] = new(2_000_000m, []),
            [Budi] = new(1_200_000m, [new DatedAmount(new LocalDate(2026, 10, 15), -200_000m)]),
            [Guid.NewGuid()] = new(0m, []),
        });
        due.Select(d => d.MemberId).Should().Equal(Budi, Siti);
        due[0].Figures.Gross.Should().Be(5_000m, "the lowest balance, 1,000,000, at 6% for a month");

        var left = WriteScopes.Active(Siti, 2_000_000m) with { Status = MemberStatus.Exited };
        var (credits, completed, view) = RunInterestEndpoint.Decide(Pengurus, plan, due,
            new Dictionary<Guid, Member?> { [Budi] = WriteScopes.Active(Budi, 1_000_000m), [Siti] = left });
        credits.Should().ContainSingle().Which.MemberId.Should().Be(Budi);
        credits[0].Meta.Should().Be(new EventMeta("pengurus1", new LocalDate(2026, 10, 31), Now, Channels.System, "corr-1"));
        completed.Lines.Should().ContainSingle();
        view.AlreadyRun.Should().BeFalse();
        view.TotalGross.Should().Be(5_000m);
    }
}
