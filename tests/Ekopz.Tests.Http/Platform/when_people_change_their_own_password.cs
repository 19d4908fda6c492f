using System.Net;
using Ekopz.Domain.Logins;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Platform;

/// <summary>
/// POST /api/v1/auth/password (docs/adr/0018): any signed-in person changes their own password by giving the current
/// one; every refresh token they held is revoked and the answer is a fresh token pair. The password rules hold
/// wherever a password is set: a new login, a reset, a change.
/// </summary>
public class when_people_change_their_own_password : IAsyncLifetime
{
    private TestKoperasi _kop = null!;

    public async Task InitializeAsync() => _kop = await TestKoperasi.Create();
    public Task DisposeAsync() => Task.CompletedTask;

    private static EkopzApp App => EkopzApp.Instance;

    private static Task<Reply> Change(string accessToken, object body) =>
        SignIns.Post(App, "/api/v1/auth/password", body, bearer: accessToken);

    [Fact]
    public async Task the_new_password_works_the_old_does_not_and_every_other_session_ends()
    {
        var kasir = await _kop.NewKasir();
        var here = (await SignIns.Token(App, kasir, TestKoperasi.Password)).ShouldBe(HttpStatusCode.OK);
        var elsewhere = (await SignIns.Token(App, kasir, TestKoperasi.Password)).ShouldBe(HttpStatusCode.OK);

        var changed = (await Change(here.String("accessToken"), new { currentPassword = TestKoperasi.Password, newPassword = "sandi-saya-sendiri-3" }))
            .ShouldBe(HttpStatusCode.OK);
        changed.String("accessToken").Should().NotBeNullOrEmpty();
        changed.String("koperasi").Should().Be(_kop.Slug);
        changed.Headers["Cache-Control"].Should().Be("no-store");

        (await SignIns.Refresh(App, elsewhere.String("refreshToken"))).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
        (await SignIns.Refresh(App, here.String("refreshToken"))).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
        (await SignIns.Refresh(App, changed.String("refreshToken"))).ShouldBe(HttpStatusCode.OK); // the session that changed it goes on with the new pair

        (await SignIns.Token(App, kasir, TestKoperasi.Password)).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
        (await SignIns.Token(App, kasir, "sandi-saya-sendiri-3")).ShouldBe(HttpStatusCode.OK);

        var listed = (await _kop.Pengurus.Get(_kop.Url("users"))).ShouldBe(HttpStatusCode.OK).Json.AsArray()
            .Single(u => u!["username"]!.GetValue<string>() == kasir)!;
        listed["passwordChangedBy"]!.GetValue<string>().Should().Be(kasir);
        (await SignIns.Events(kasir)).OfType<PasswordChanged>().Should().ContainSingle().Which.Meta.Actor.Should().Be(kasir);
    }

    [Fact]
    public async Task a_pengurus_changes_theirs_too()
    {
        var pengurus = $"pengurus{Guid.NewGuid().ToString("N")[..6]}.{_kop.Slug}";
        (await _kop.Admin.Post(_kop.Url("users"), new { username = pengurus, password = TestKoperasi.Password, roles = new[] { "pengurus" } }))
            .ShouldBe(HttpStatusCode.Created);
        var token = (await SignIns.Token(App, pengurus, TestKoperasi.Password)).ShouldBe(HttpStatusCode.OK).String("accessToken");
        (await Change(token, new { currentPassword = TestKoperasi.Password, newPassword = "pengurus-baru-sandi-4" })).ShouldBe(HttpStatusCode.OK);
        (await SignIns.Token(App, pengurus, "pengurus-baru-sandi-4")).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task a_wrong_current_password_is_400_on_the_current_password_and_changes_nothing()
    {
        var kasir = await _kop.NewKasir();
        var token = (await SignIns.Token(App, kasir, TestKoperasi.Password)).ShouldBe(HttpStatusCode.OK);
        var reply = (await Change(token.String("accessToken"), new { currentPassword = "not-my-password", newPassword = "sandi-saya-sendiri-3" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        reply.Json["errors"]!.AsObject().Select(e => e.Key).Should().Equal("currentPassword");
        (await SignIns.Token(App, kasir, TestKoperasi.Password)).ShouldBe(HttpStatusCode.OK);
        (await SignIns.Refresh(App, token.String("refreshToken"))).ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("12345678")]
    [InlineData("Bismillah")]
    [InlineData("koperasi123")]
    [InlineData("QWERTY123")]
    [InlineData("USERNAME")]
    [InlineData("CURRENT")]
    public async Task a_new_password_that_breaks_the_rules_is_400_on_the_new_password(string newPassword)
    {
        var kasir = await _kop.NewKasir();
        var token = (await SignIns.Token(App, kasir, TestKoperasi.Password)).ShouldBe(HttpStatusCode.OK).String("accessToken");
        var password = newPassword.Replace("USERNAME", kasir.ToUpperInvariant()).Replace("CURRENT", TestKoperasi.Password);
        var reply = (await Change(token, new { currentPassword = TestKoperasi.Password, newPassword = password }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        reply.Json["errors"]!.AsObject().Select(e => e.Key).Should().Equal("newPassword");
        (await SignIns.Token(App, kasir, TestKoperasi.Password)).ShouldBe(HttpStatusCode.OK); // nothing changed
        (await SignIns.Events(kasir)).OfType<LoginFailed>().Should().BeEmpty("a request that could not succeed verifies nothing");
    }

    [Fact]
    public async Task without_a_token_it_is_401()
    {
        (await ApiUser.Anonymous().Post("/api/v1/auth/password", new { currentPassword = "x", newPassword = "sandi-saya-sendiri-3" }))
            .ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Theory]
    [InlineData("12345678")]
    [InlineData("password")]
    [InlineData("Indonesia")]
    [InlineData("admin123")]
    [InlineData("koperasi")]
    [InlineData("qwerty123")]
    [InlineData(" bismillah ")]
    public async Task a_common_password_is_refused_for_a_new_login_and_for_a_reset(string common)
    {
        var username = $"baru{Guid.NewGuid().ToString("N")[..6]}.{_kop.Slug}";
        (await _kop.Pengurus.Post(_kop.Url("users"), new { username, password = common, roles = new[] { "kasir" } }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed").Json["errors"]!.AsObject().Select(e => e.Key).Should().Equal("password");

        var kasir = await _kop.NewKasir();
        (await _kop.Pengurus.Post(_kop.Url($"users/{kasir}/password"), new { password = common }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed").Json["errors"]!.AsObject().Select(e => e.Key).Should().Equal("password");
        (await SignIns.Token(App, kasir, TestKoperasi.Password)).ShouldBe(HttpStatusCode.OK);
    }
}
