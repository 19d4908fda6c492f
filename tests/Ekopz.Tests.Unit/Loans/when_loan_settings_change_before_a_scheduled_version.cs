using Ekopz.Domain.Common;
using Ekopz.Domain.Loans;
using NodaTime;

namespace Ekopz.Tests.Unit.Loans;

/// <summary>
/// A change effective today while a version is already scheduled for a later date: the later version keeps the
/// fields it set itself and inherits every other field from the chain, this change included.
/// </summary>
public class when_loan_settings_change_before_a_scheduled_version
{
    private static readonly LocalDate Today = new(2026, 11, 1);
    private static readonly LocalDate NextMonth = Today.PlusMonths(1);
    private static readonly EventMeta Meta = new("pengurus", Today, Instant.FromUtc(2026, 11, 1, 0, 0), Channels.Web, "c");

    private static LoanSettings Changed(LoanSettings? state, ChangeLoanSettings change) =>
        LoanSettings.Evolve(state, LoanSettingsDecider.Change(change, state, Today, Meta))!;

    /// <summary>Next month: 12% lending limit and lancar up to 20 days, decided first.</summary>
    private static LoanSettings Scheduled() => Changed(null, new ChangeLoanSettings(NextMonth, LendingLimitPercent: 12m, LancarMaxDays: 20));

    [Fact]
    public void the_later_version_inherits_what_it_did_not_set()
    {
        var settings = Changed(Scheduled(), new ChangeLoanSettings(Today, InsiderLendingLimitPercent: 7m, AllowanceLancar: 1m, DpkMaxDays: 60));

        settings.At(Today).Should().Be(LoanSettings.Defaults with
        {
            EffectiveFrom = Today, InsiderLendingLimitPercent = 7m, AllowanceLancar = 1m, DpkMaxDays = 60,
        });
        settings.At(NextMonth).Should().Be(LoanSettings.Defaults with
        {
            EffectiveFrom = NextMonth, LendingLimitPercent = 12m, LancarMaxDays = 20, InsiderLendingLimitPercent = 7m, AllowanceLancar = 1m,
            DpkMaxDays = 60,
        });
        settings.At(Today.PlusDays(-1)).Should().Be(LoanSettings.Defaults);
    }

    [Fact]
    public void the_later_version_keeps_what_it_set_itself()
    {
        var settings = Changed(Scheduled(), new ChangeLoanSettings(Today, LendingLimitPercent: 14m, LancarMaxDays: 25));
        settings.At(Today).LendingLimitPercent.Should().Be(14m);
        settings.At(Today).LancarMaxDays.Should().Be(25);
        settings.At(NextMonth).LendingLimitPercent.Should().Be(12m);
        settings.At(NextMonth).LancarMaxDays.Should().Be(20);
    }

    [Fact]
    public void it_keeps_what_the_later_version_set_even_when_that_equalled_what_was_in_force()
    {
        // Next month explicitly keeps 15%: a change today to 13% does not reach it, though 15 was also the default.
        var settings = Changed(null, new ChangeLoanSettings(NextMonth, LendingLimitPercent: 15m));
        settings = Changed(settings, new ChangeLoanSettings(Today, LendingLimitPercent: 13m, AllowanceMacet: 90m));
        settings.At(Today).LendingLimitPercent.Should().Be(13m);
        settings.At(NextMonth).LendingLimitPercent.Should().Be(15m);
        settings.At(NextMonth).AllowanceMacet.Should().Be(90m);
    }

    [Fact]
    public void changes_on_one_date_merge_and_the_later_wins()
    {
        var settings = Changed(Scheduled(), new ChangeLoanSettings(NextMonth, LendingLimitPercent: 11m, AllowanceDpk: 2m));
        settings.At(NextMonth).Should().Be(LoanSettings.Defaults with
        {
            EffectiveFrom = NextMonth, LendingLimitPercent = 11m, LancarMaxDays = 20, AllowanceDpk = 2m,
        });
        settings.Versions.Select(v => v.EffectiveFrom).Should().Equal(LoanSettings.Defaults.EffectiveFrom, NextMonth);
    }

    [Fact]
    public void a_change_that_would_break_the_thresholds_of_a_later_version_is_refused()
    {
        // Next month lancar ends at 20 days; today dpk is to end at 15: next month would read lancar 20 < dpk 15.
        var scheduled = Scheduled();
        var act = () => LoanSettingsDecider.Change(new ChangeLoanSettings(Today, LancarMaxDays: 10, DpkMaxDays: 15), scheduled, Today, Meta);
        act.Should().Throw<DomainException>().Which.Errors!["thresholds"].Single().Should().Contain(NextMonth.ToString("yyyy-MM-dd", null));
    }

    [Fact]
    public void a_snapshot_stored_before_changes_were_kept_reads_its_versions_as_naming_every_field()
    {
        var old = new LoanSettings(Guid.Empty, [LoanSettings.Defaults, LoanSettings.Defaults with { EffectiveFrom = NextMonth, LancarMaxDays = 20 }]);
        var settings = Changed(old, new ChangeLoanSettings(Today, LendingLimitPercent: 12m));
        settings.At(Today).LendingLimitPercent.Should().Be(12m);
        settings.At(NextMonth).LendingLimitPercent.Should().Be(15m, "the old snapshot cannot tell what that version named, so it keeps all of it");
        settings.At(NextMonth).LancarMaxDays.Should().Be(20);
        settings.Changes.Should().HaveCount(2);
    }
}
