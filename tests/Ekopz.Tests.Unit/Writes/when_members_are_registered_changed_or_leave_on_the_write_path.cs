using Ekopz.Api.Members.ChangingProfile;
using Ekopz.Api.Members.Exiting;
using Ekopz.Api.Members.Registering;
using Ekopz.Domain.Common;
using Ekopz.Domain.Members;
using NodaTime;
using static Ekopz.Tests.Unit.Writes.WriteScopes;

namespace Ekopz.Tests.Unit.Writes;

/// <summary>The member endpoints' Decide functions: request and state in, the event and the answer out (docs/adr/0037).</summary>
public class when_members_are_registered_changed_or_leave_on_the_write_path
{
    private static readonly Guid MemberId = Guid.NewGuid();

    [Fact]
    public void a_registration_takes_the_next_number_at_the_counter_dated_today()
    {
        var (registered, response) = RegisterMemberEndpoint.Decide(Kasir, new RegisterMemberRequest(" Siti ", "3201011501800001", null, null), 41);
        registered.MemberNumber.Should().Be("000042");
        registered.Name.Should().Be("Siti");
        registered.Meta.Should().Be(new EventMeta("kasir1", Today, Now, Channels.Counter, "corr-1"));
        response.Should().Be(new RegisterMemberResponse(registered.MemberId, "000042", "applicant"));
    }

    [Fact]
    public void a_registration_is_refused_for_a_bad_nik_a_future_date_or_a_closed_month()
    {
        var badNik = () => RegisterMemberEndpoint.Decide(Kasir, new RegisterMemberRequest("Siti", "123", null, null), 0);
        badNik.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.ValidationFailed);
        var future = () => RegisterMemberEndpoint.Decide(Kasir, new RegisterMemberRequest("Siti", "3201011501800001", null, null, Today.PlusDays(1)), 0);
        future.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.ValidationFailed);
        var closed = () => RegisterMemberEndpoint.Decide(Kasir, new RegisterMemberRequest("Siti", "3201011501800001", null, null, new LocalDate(2026, 9, 3)), 0);
        closed.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.PeriodClosed);
    }

    [Fact]
    public void a_profile_correction_changes_only_what_was_sent_and_answers_the_member_after_it()
    {
        var (changed, view) = ChangeProfileEndpoint.Decide(Pengurus, new ChangeProfileRequest(null, null, "0812 1111", null), Active(MemberId, 0m));
        changed.Meta.Actor.Should().Be("pengurus1");
        view.Phone.Should().Be(changed.Phone);
        view.Name.Should().Be("Budi");
        var missing = () => ChangeProfileEndpoint.Decide(Pengurus, new ChangeProfileRequest("X", null, null, null), null);
        missing.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.NotFound);
    }

    [Fact]
    public void an_exit_refunds_net_of_debts_and_warns_when_own_capital_falls_below_the_year_start()
    {
        var member = Active(MemberId, 50_000m);
        var (exited, response) = ExitMemberEndpoint.Decide(Pengurus, new ExitRequest("pindah", null, null, null, null), member,
            new ExitFigures([], OwnCapitalAtYearStart: 1_000_000m, OwnCapitalNow: 1_050_000m));
        exited.Meta.Should().Be(new EventMeta("pengurus1", Today, Now, Channels.Counter, "corr-1"));
        response.Status.Should().Be("exited");
        response.TransactionId.Should().Be(exited.TransactionId);
        response.Refund.Total.Should().Be(150_000m);
        response.NetPaid.Should().Be(150_000m);
        response.Warnings.Should().ContainSingle().Which.Should().StartWith("own_capital_below_year_start");

        var (_, calm) = ExitMemberEndpoint.Decide(Pengurus, new ExitRequest("pindah", null, null, null, null), member,
            new ExitFigures([], 1_000_000m, 2_000_000m));
        calm.Warnings.Should().BeEmpty();
    }

    [Fact]
    public void an_exit_is_refused_for_a_member_who_left_a_closed_month_or_missing_heirs()
    {
        var figures = new ExitFigures([], 0m, 0m);
        var left = Member.Evolve(Active(MemberId, 0m), ExitMemberEndpoint.Decide(Pengurus, new ExitRequest("x", null, null, null, null),
            Active(MemberId, 0m), figures).Event)!;
        var twice = () => ExitMemberEndpoint.Decide(Pengurus, new ExitRequest("x", null, null, null, null), left, figures);
        twice.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InvalidState);
        var closed = () => ExitMemberEndpoint.Decide(Pengurus, new ExitRequest("x", new LocalDate(2026, 9, 30), null, null, null), Active(MemberId, 0m), figures);
        closed.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.PeriodClosed);
        var heirs = () => ExitMemberEndpoint.Decide(Pengurus, new ExitRequest("wafat", null, true, null, null), Active(MemberId, 0m), figures);
        heirs.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.ValidationFailed);
    }
}
