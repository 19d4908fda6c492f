using Ekopz.Api.Auth;
using Ekopz.Api.Platform.Onboarding;
using Ekopz.Api.Platform.Settings;
using Ekopz.Api.Platform.Users;
using Ekopz.Domain.Common;
using Ekopz.Domain.Koperasi;
using Ekopz.Domain.Logins;
using NodaTime;
using static Ekopz.Tests.Unit.Writes.WriteScopes;

namespace Ekopz.Tests.Unit.Writes;

/// <summary>
/// The platform's Decide functions (onboarding, settings, logins): request and state in, what to record and the answer out, with
/// no database and no clock (docs/adr/0039).
/// </summary>
public class when_the_platform_is_written_on_the_write_path
{
    private static UserAccount Login(string username = "kasir2", bool disabled = false) => new()
    {
        Id = username, UserId = Guid.NewGuid(), PasswordHash = "x", Koperasi = "kop", Roles = [Roles.Kasir], Disabled = disabled,
        CreatedAt = Now, CreatedBy = "pengurus1",
    };

    [Fact]
    public void onboarding_opens_the_settings_the_default_chart_and_the_main_unit_on_the_operators_day()
    {
        var decision = CreateKoperasiEndpoint.Decide(As("admin", Roles.Admin),
            new CreateKoperasiRequest(" Maju ", "Koperasi Maju", null, 50_000m, 10_000m), slugTaken: false);
        decision.Record.Id.Should().Be("maju");
        decision.Record.CreatedBy.Should().Be("admin");
        decision.Opened.Meta.Should().Be(new EventMeta("admin", Today, Now, Channels.Web, "corr-1"), "Jakarta's today");
        decision.Chart.Meta.Should().Be(decision.Opened.Meta);
        decision.Unit.Meta.Should().Be(decision.Opened.Meta);
        decision.Response.Should().Be(new CreateKoperasiResponse("maju", "Koperasi Maju", "Asia/Jakarta", 50_000m, 10_000m));
    }

    [Fact]
    public void a_taken_slug_is_a_conflict_but_a_bad_request_is_refused_first()
    {
        var taken = () => CreateKoperasiEndpoint.Decide(As("admin", Roles.Admin),
            new CreateKoperasiRequest("maju", "Koperasi Maju", null, 50_000m, 10_000m), slugTaken: true);
        taken.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.Conflict);
        var bad = () => CreateKoperasiEndpoint.Decide(As("admin", Roles.Admin),
            new CreateKoperasiRequest("maju", "", null, -1m, 10_000m), slugTaken: true);
        bad.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.ValidationFailed);
    }

    [Fact]
    public void a_settings_change_takes_effect_from_its_date_and_answers_the_versions()
    {
        var settings = Pengurus.Settings;
        var from = Today.PlusDays(10);
        var (changed, view) = ChangeSettingsEndpoint.Decide(Pengurus,
            new ChangeSettingsRequest(null, 150_000m, null, from), settings);
        changed.EffectiveFrom.Should().Be(from);
        changed.Meta.Should().Be(new EventMeta("pengurus1", Today, Now, Channels.Web, "corr-1"));
        view.AsOf.Should().Be(from);
        view.PokokAmount.Should().Be(150_000m);
        view.History.Should().HaveCount(2);
    }

    [Fact]
    public void a_login_is_created_with_a_hashed_password_and_refused_in_order_fields_member_username()
    {
        var memberId = Guid.NewGuid();
        var (user, response) = CreateUserEndpoint.Decide(Pengurus, "kop",
            new CreateUserRequest(" Budi.S ", "kuat-sekali-2026", ["Anggota"], memberId), memberExists: true, usernameTaken: false);
        user.Id.Should().Be("budi.s");
        PasswordHasher.Verify("kuat-sekali-2026", user.PasswordHash).Should().BeTrue();
        user.CreatedAt.Should().Be(Now);
        response.Should().BeEquivalentTo(new CreateUserResponse(user.UserId, "budi.s", "kop", [Roles.Anggota], memberId));

        var fields = () => CreateUserEndpoint.Decide(Pengurus, "kop", new CreateUserRequest("x", "short", [], null), false, true);
        fields.Should().Throw<DomainException>().Which.Errors!.Keys.Should().BeEquivalentTo(["username", "password", "roles"]);
        var member = () => CreateUserEndpoint.Decide(Pengurus, "kop",
            new CreateUserRequest("budi.s", "kuat-sekali-2026", ["anggota"], memberId), memberExists: false, usernameTaken: true);
        member.Should().Throw<DomainException>().Which.Errors!.Keys.Should().Equal("memberId");
        var taken = () => CreateUserEndpoint.Decide(Pengurus, "kop",
            new CreateUserRequest("budi.s", "kuat-sekali-2026", ["anggota"], memberId), memberExists: true, usernameTaken: true);
        taken.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.Conflict);
    }

    [Fact]
    public void disabling_moves_the_token_generation_on_once_and_never_for_oneself()
    {
        var user = Login();
        DisableUserEndpoint.Decide(Pengurus, user, disabled: true).Should().BeTrue();
        user.Disabled.Should().BeTrue();
        user.DisabledBy.Should().Be("pengurus1");
        user.TokenGeneration.Should().Be(1);
        DisableUserEndpoint.Decide(Pengurus2, user, disabled: true).Should().BeFalse("twice changes nothing");
        user.DisabledBy.Should().Be("pengurus1", "who did it first is kept");
        user.TokenGeneration.Should().Be(1);
        DisableUserEndpoint.Decide(Pengurus2, user, disabled: false).Should().BeTrue();
        user.EnabledBy.Should().Be("pengurus2");

        var self = () => DisableUserEndpoint.Decide(Pengurus, Login("pengurus1"), disabled: true);
        self.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.InvalidState);
    }

    [Fact]
    public void a_password_reset_checks_the_rules_sets_the_hash_and_records_who()
    {
        var user = Login();
        var meta = new LoginMeta("pengurus1", Now, "10.0.0.1", null, null, "corr-1");
        var reset = ResetUserPasswordEndpoint.Decide(Pengurus, new ResetPasswordRequest("baru-kuat-2026"), user, meta);
        reset.Should().Be(new PasswordReset("kasir2", meta));
        PasswordHasher.Verify("baru-kuat-2026", user.PasswordHash).Should().BeTrue();
        user.PasswordChangedBy.Should().Be("pengurus1");
        user.TokenGeneration.Should().Be(1);
        var weak = () => ResetUserPasswordEndpoint.Decide(Pengurus, new ResetPasswordRequest("kasir2"), Login(), meta);
        weak.Should().Throw<DomainException>().Which.Errors!.Keys.Should().Equal("password");
    }
}
