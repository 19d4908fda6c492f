using System.Net;
using Ekopz.Domain.Logins;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Platform;

/// <summary>
/// Refresh-token families (docs/adr/0018): the tokens of one sign-in form a family; a token presented a second time
/// revokes the whole family (the thief and the victim both lose it) and is recorded; signing out revokes the
/// session's family; disabling a login revokes its refresh tokens for good.
/// </summary>
public class when_refresh_tokens_are_reused_or_revoked : IAsyncLifetime
{
    private TestKoperasi _kop = null!;

    public async Task InitializeAsync() => _kop = await TestKoperasi.Create();
    public Task DisposeAsync() => Task.CompletedTask;

    private static EkopzApp App => EkopzApp.Instance;

    private static async Task<string> Next(string refreshToken) =>
        (await SignIns.Refresh(App, refreshToken)).ShouldBe(HttpStatusCode.OK).String("refreshToken");

    [Fact]
    public async Task a_reused_refresh_token_revokes_every_token_of_its_sign_in_and_no_other()
    {
        var kasir = await _kop.NewKasir();
        var a1 = (await SignIns.Token(App, kasir, TestKoperasi.Password)).ShouldBe(HttpStatusCode.OK).String("refreshToken");
        var a2 = await Next(a1);
        var a3 = await Next(a2);
        var b1 = (await SignIns.Token(App, kasir, TestKoperasi.Password)).ShouldBe(HttpStatusCode.OK).String("refreshToken");

        // a1 again: someone kept a copy. The newest of the family (a3) dies with it.
        (await SignIns.Refresh(App, a1, forwardedFor: "192.0.2.66")).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
        (await SignIns.Refresh(App, a3)).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
        (await SignIns.Refresh(App, a2)).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
        // The other sign-in is another family.
        await Next(b1);

        var events = await SignIns.Events(kasir);
        var succeeded = events.OfType<LoginSucceeded>().ToList();
        succeeded.Should().HaveCount(2);
        var reused = events.OfType<RefreshTokenReused>().Should().ContainSingle().Subject;
        reused.FamilyId.Should().Be(succeeded[0].FamilyId);
        reused.Meta.Address.Should().Be("192.0.2.66");
        reused.Meta.UserAgent.Should().Be(SignIns.UserAgent);
        succeeded[1].FamilyId.Should().NotBe(succeeded[0].FamilyId);
    }

    [Fact]
    public async Task of_two_refreshes_racing_with_one_token_one_wins_and_then_the_family_is_revoked()
    {
        var kasir = await _kop.NewKasir();
        var first = (await SignIns.Token(App, kasir, TestKoperasi.Password)).ShouldBe(HttpStatusCode.OK).String("refreshToken");
        var replies = await Task.WhenAll(SignIns.Refresh(App, first), SignIns.Refresh(App, first));
        replies.Count(r => r.Status == HttpStatusCode.OK).Should().Be(1, "a refresh token is single use");
        replies.Single(r => r.Status != HttpStatusCode.OK).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
        // The second use was a reuse: the winner's new token is revoked with its family.
        var won = replies.Single(r => r.Status == HttpStatusCode.OK).String("refreshToken");
        (await SignIns.Refresh(App, won)).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
        (await SignIns.Events(kasir)).OfType<RefreshTokenReused>().Should().ContainSingle();
    }

    [Fact]
    public async Task signing_out_revokes_that_session_and_only_it()
    {
        var kasir = await _kop.NewKasir();
        var s1 = (await SignIns.Token(App, kasir, TestKoperasi.Password)).ShouldBe(HttpStatusCode.OK);
        var s2 = (await SignIns.Token(App, kasir, TestKoperasi.Password)).ShouldBe(HttpStatusCode.OK);
        var s1Next = await Next(s1.String("refreshToken"));

        // Signing out with the session's latest token ends the session: its earlier tokens were of the same family anyway.
        (await SignIns.Post(App, "/api/v1/auth/logout", new { refreshToken = s1Next }, forwardedFor: "192.0.2.77")).ShouldBe(HttpStatusCode.NoContent);
        (await SignIns.Refresh(App, s1Next)).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
        await Next(s2.String("refreshToken"));

        // The same answer for a token that never was, one already revoked, and no token at all: nothing is revealed.
        (await SignIns.Post(App, "/api/v1/auth/logout", new { refreshToken = "never-issued" })).ShouldBe(HttpStatusCode.NoContent);
        (await SignIns.Post(App, "/api/v1/auth/logout", new { refreshToken = s1Next })).ShouldBe(HttpStatusCode.NoContent);
        (await SignIns.Post(App, "/api/v1/auth/logout", new { })).ShouldBe(HttpStatusCode.NoContent);

        var signedOut = (await SignIns.Events(kasir)).OfType<SignedOut>().Should().ContainSingle().Subject;
        signedOut.Meta.Address.Should().Be("192.0.2.77");
        signedOut.FamilyId.Should().Be((await SignIns.Events(kasir)).OfType<LoginSucceeded>().First().FamilyId);
    }

    [Fact]
    public async Task a_disabled_login_enabled_again_does_not_get_its_old_sessions_back()
    {
        var kasir = await _kop.NewKasir();
        var refresh = (await SignIns.Token(App, kasir, TestKoperasi.Password)).ShouldBe(HttpStatusCode.OK).String("refreshToken");
        (await _kop.Pengurus.Post(_kop.Url($"users/{kasir}/disable"))).ShouldBe(HttpStatusCode.OK);
        (await _kop.Pengurus.Post(_kop.Url($"users/{kasir}/enable"))).ShouldBe(HttpStatusCode.OK);
        (await SignIns.Refresh(App, refresh)).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
        (await SignIns.Token(App, kasir, TestKoperasi.Password)).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task token_answers_are_never_cached()
    {
        var kasir = await _kop.NewKasir();
        var token = (await SignIns.Token(App, kasir, TestKoperasi.Password)).ShouldBe(HttpStatusCode.OK);
        token.Headers["Cache-Control"].Should().Be("no-store");
        (await SignIns.Refresh(App, token.String("refreshToken"))).ShouldBe(HttpStatusCode.OK).Headers["Cache-Control"].Should().Be("no-store");
    }
}
