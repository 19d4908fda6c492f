using System.Net;
using System.Text.Json.Nodes;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Platform;

/// <summary>The pengurus (or the operator) manages the logins of their own koperasi: list, disable, enable, reset a password.</summary>
public class when_users_are_managed : IAsyncLifetime
{
    private TestKoperasi _kop = null!;

    public async Task InitializeAsync() => _kop = await TestKoperasi.Create();
    public Task DisposeAsync() => Task.CompletedTask;

    private static Task<Reply> Token(string username, string password) =>
        ApiUser.Anonymous().Post("/api/v1/auth/token", new { username, password });

    private async Task<string> NewKasir(string? name = null)
    {
        var username = name ?? $"kasir{Guid.NewGuid().ToString("N")[..6]}.{_kop.Slug}";
        (await _kop.Pengurus.Post(_kop.Url("users"), new { username, password = TestKoperasi.Password, roles = new[] { "kasir" } }))
            .ShouldBe(HttpStatusCode.Created);
        return username;
    }

    private static JsonNode Find(Reply list, string username) =>
        list.Json.AsArray().Single(u => u!["username"]!.GetValue<string>() == username)!;

    [Fact]
    public async Task the_pengurus_lists_the_koperasi_logins_by_username_and_nothing_of_another_koperasi()
    {
        var other = await TestKoperasi.Create();
        var list = (await _kop.Pengurus.Get(_kop.Url("users"))).ShouldBe(HttpStatusCode.OK);
        var names = list.Json.AsArray().Select(u => u!["username"]!.GetValue<string>()).ToList();
        names.Should().BeInAscendingOrder(StringComparer.Ordinal);
        names.Should().Contain([_kop.Pengurus.Username, _kop.Pengurus2.Username, _kop.Kasir.Username, _kop.Pengawas.Username, _kop.Toko.Username]);
        names.Should().OnlyContain(n => n.EndsWith(_kop.Slug), "only this koperasi's logins");
        names.Should().NotContain(other.Pengurus.Username);

        var kasir = Find(list, _kop.Kasir.Username);
        kasir["roles"]!.AsArray().Select(r => r!.GetValue<string>()).Should().Equal("kasir");
        kasir["disabled"]!.GetValue<bool>().Should().BeFalse();
        kasir["createdBy"]!.GetValue<string>().Should().Be("admin");
        kasir["memberId"].Should().BeNull();
        kasir["userId"]!.GetValue<Guid>().Should().NotBeEmpty();
        kasir["createdAt"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        // A hash never leaves the server.
        kasir.AsObject().Select(p => p.Key).Should().NotContain("passwordHash");
        list.Text.Should().NotContain("pbkdf2");

        // The operator reads it too; another koperasi's pengurus gets 404 from the tenant gate.
        (await _kop.Admin.Get(_kop.Url("users"))).ShouldBe(HttpStatusCode.OK);
        (await other.Pengurus.Get(_kop.Url("users"))).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task kasir_pengawas_and_pengelola_toko_cannot_change_users_and_only_the_pengawas_lists_them()
    {
        var target = await NewKasir();
        // The pengawas checks who may do what (docs/adr/0017); the kasir and the pengelola toko do not read the logins.
        (await _kop.Pengawas.Get(_kop.Url("users"))).ShouldBe(HttpStatusCode.OK).Json.AsArray()
            .Should().Contain(u => u!["username"]!.GetValue<string>() == target);
        foreach (var user in new[] { _kop.Kasir, _kop.Toko })
            (await user.Get(_kop.Url("users"))).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        foreach (var user in new[] { _kop.Kasir, _kop.Pengawas, _kop.Toko })
        {
            (await user.Post(_kop.Url($"users/{target}/disable"))).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
            (await user.Post(_kop.Url($"users/{target}/enable"))).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
            (await user.Post(_kop.Url($"users/{target}/password"), new { password = "another-password-1" }))
                .ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        }
        (await Token(target, TestKoperasi.Password)).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task a_disabled_login_gets_no_token_and_cannot_refresh_until_enabled()
    {
        var target = await NewKasir();
        var token = (await Token(target, TestKoperasi.Password)).ShouldBe(HttpStatusCode.OK);

        var disabled = (await _kop.Pengurus.Post(_kop.Url($"users/{target}/disable"))).ShouldBe(HttpStatusCode.OK);
        disabled.Json["disabled"]!.GetValue<bool>().Should().BeTrue();
        disabled.String("disabledBy").Should().Be(_kop.Pengurus.Username);
        var disabledAt = disabled.String("disabledAt");

        (await Token(target, TestKoperasi.Password)).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
        (await ApiUser.Anonymous().Post("/api/v1/auth/refresh", new { refreshToken = token.String("refreshToken") }))
            .ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");

        // Disabling again changes nothing: who did it first stays.
        var again = (await _kop.Pengurus2.Post(_kop.Url($"users/{target}/disable"))).ShouldBe(HttpStatusCode.OK);
        again.String("disabledBy").Should().Be(_kop.Pengurus.Username);
        again.String("disabledAt").Should().Be(disabledAt);

        var enabled = (await _kop.Pengurus2.Post(_kop.Url($"users/{target}/enable"))).ShouldBe(HttpStatusCode.OK);
        enabled.Json["disabled"]!.GetValue<bool>().Should().BeFalse();
        enabled.String("enabledBy").Should().Be(_kop.Pengurus2.Username);
        enabled.String("disabledBy").Should().Be(_kop.Pengurus.Username, "the last disable stays on record");
        (await Token(target, TestKoperasi.Password)).ShouldBe(HttpStatusCode.OK);

        var listed = Find((await _kop.Pengurus.Get(_kop.Url("users"))).ShouldBe(HttpStatusCode.OK), target);
        listed["disabled"]!.GetValue<bool>().Should().BeFalse();
        listed["enabledBy"]!.GetValue<string>().Should().Be(_kop.Pengurus2.Username);
    }

    [Fact]
    public async Task a_pengurus_cannot_disable_themself_but_the_operator_can_disable_a_pengurus()
    {
        var kop = await TestKoperasi.Create();
        (await kop.Pengurus.Post(kop.Url($"users/{kop.Pengurus.Username}/disable"))).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state");
        (await kop.Pengurus.Post(kop.Url($"users/{kop.Pengurus.Username.ToUpperInvariant()}/disable")))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state");
        (await Token(kop.Pengurus.Username, TestKoperasi.Password)).ShouldBe(HttpStatusCode.OK);

        (await kop.Admin.Post(kop.Url($"users/{kop.Pengurus2.Username}/disable"))).ShouldBe(HttpStatusCode.OK).String("disabledBy").Should().Be("admin");
        (await Token(kop.Pengurus2.Username, TestKoperasi.Password)).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task a_username_of_another_koperasi_or_none_is_404_on_every_user_route()
    {
        var other = await TestKoperasi.Create();
        foreach (var name in new[] { other.Kasir.Username, "admin", "nobody-here" })
        {
            (await _kop.Pengurus.Post(_kop.Url($"users/{name}/disable"))).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
            (await _kop.Pengurus.Post(_kop.Url($"users/{name}/enable"))).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
            (await _kop.Pengurus.Post(_kop.Url($"users/{name}/password"), new { password = "another-password-1" }))
                .ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
        }
        // Nothing happened to the other koperasi's kasir.
        (await Token(other.Kasir.Username, TestKoperasi.Password)).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task a_password_reset_takes_effect_and_revokes_the_old_refresh_tokens()
    {
        var target = await NewKasir();
        var first = (await Token(target, TestKoperasi.Password)).ShouldBe(HttpStatusCode.OK);
        var second = (await Token(target, TestKoperasi.Password)).ShouldBe(HttpStatusCode.OK);

        var reset = (await _kop.Pengurus.Post(_kop.Url($"users/{target}/password"), new { password = "kata-sandi-baru-2" })).ShouldBe(HttpStatusCode.OK);
        reset.String("username").Should().Be(target);
        reset.String("passwordChangedBy").Should().Be(_kop.Pengurus.Username);
        reset.Json["passwordChangedAt"]!.GetValue<string>().Should().NotBeNullOrEmpty();

        (await Token(target, TestKoperasi.Password)).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
        foreach (var old in new[] { first, second })
            (await ApiUser.Anonymous().Post("/api/v1/auth/refresh", new { refreshToken = old.String("refreshToken") }))
                .ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");

        // The new password signs in, and its refresh token works (once).
        var fresh = (await Token(target, "kata-sandi-baru-2")).ShouldBe(HttpStatusCode.OK);
        (await ApiUser.Anonymous().Post("/api/v1/auth/refresh", new { refreshToken = fresh.String("refreshToken") })).ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("{\"password\":\"short\"}")]
    [InlineData("{}")]
    [InlineData("{\"password\":\"USERNAME\"}")]
    public async Task a_bad_new_password_is_400_naming_the_password(string template)
    {
        var target = await NewKasir($"kasirpw{Guid.NewGuid().ToString("N")[..8]}");
        var json = template.Replace("USERNAME", target.ToUpperInvariant());
        var reply = (await _kop.Pengurus.PostRaw(_kop.Url($"users/{target}/password"), json)).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        reply.Json["errors"]!.AsObject().Select(e => e.Key).Should().Equal("password");
        var tooLong = new string('x', 201);
        (await _kop.Pengurus.Post(_kop.Url($"users/{target}/password"), new { password = tooLong }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await Token(target, TestKoperasi.Password)).ShouldBe(HttpStatusCode.OK); // nothing changed
    }

    [Fact]
    public async Task a_username_another_koperasi_uses_is_a_plain_conflict_that_says_nothing_about_that_login()
    {
        var other = await TestKoperasi.Create();
        var ours = await NewKasir();
        Task<Reply> Create(string username) => _kop.Pengurus.Post(_kop.Url("users"),
            new { username, password = "kasir-baru-sandi-5", roles = new[] { "kasir" } });

        var theirs = (await Create(other.Kasir.Username.ToUpperInvariant())).ShouldBeProblem(HttpStatusCode.Conflict, "conflict");
        var again = (await Create(ours)).ShouldBeProblem(HttpStatusCode.Conflict, "conflict");
        var operatorName = (await Create("admin")).ShouldBeProblem(HttpStatusCode.Conflict, "conflict");

        // One answer whoever holds the name: this koperasi, another, or the operator.
        foreach (var reply in new[] { theirs, again, operatorName })
        {
            reply.Json["detail"]!.GetValue<string>().Should().Be(theirs.Json["detail"]!.GetValue<string>());
            reply.Json["errors"]!.ToJsonString().Should().Be(theirs.Json["errors"]!.ToJsonString());
            reply.Json["errors"]!.AsObject().Select(e => e.Key).Should().Equal("username");
        }
        theirs.Text.Should().NotContain(other.Slug).And.NotContain("kasir\"").And.NotContain("userId").And.NotContain("roles")
            .And.NotContain(other.Kasir.Username);

        // Their kasir is untouched and still signs in with their own password.
        (await Token(other.Kasir.Username, TestKoperasi.Password)).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task sign_in_answers_the_same_for_an_unknown_name_and_a_wrong_password()
    {
        var kasir = await NewKasir();
        var wrong = (await Token(kasir, "wrong-password-1")).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
        var unknown = (await Token($"nobody.{_kop.Slug}", "wrong-password-1")).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
        var invalid = (await Token("Not A Name!", "wrong-password-1")).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
        unknown.Json["detail"]!.GetValue<string>().Should().Be(wrong.Json["detail"]!.GetValue<string>());
        invalid.Json["detail"]!.GetValue<string>().Should().Be(wrong.Json["detail"]!.GetValue<string>());
        unknown.Json["title"]!.GetValue<string>().Should().Be(wrong.Json["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task a_new_login_may_not_use_its_username_as_password()
    {
        var username = $"same{Guid.NewGuid().ToString("N")[..6]}";
        (await _kop.Pengurus.Post(_kop.Url("users"), new { username, password = username, roles = new[] { "kasir" } }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed").Json["errors"]!["password"].Should().NotBeNull();
    }

    [Fact]
    public async Task a_sign_in_with_the_password_is_recorded_and_a_refresh_is_not()
    {
        var target = await NewKasir();
        Find((await _kop.Pengurus.Get(_kop.Url("users"))).ShouldBe(HttpStatusCode.OK), target)["lastSignInAt"].Should().BeNull();

        var token = (await Token(target, TestKoperasi.Password)).ShouldBe(HttpStatusCode.OK);
        var signedIn = Find((await _kop.Pengurus.Get(_kop.Url("users"))).ShouldBe(HttpStatusCode.OK), target)["lastSignInAt"]!.GetValue<string>();
        signedIn.Should().NotBeNullOrEmpty();

        EkopzApp.Clock.Advance(NodaTime.Duration.FromSeconds(1)); // a refresh recorded as a sign-in would now show a later moment
        (await ApiUser.Anonymous().Post("/api/v1/auth/refresh", new { refreshToken = token.String("refreshToken") })).ShouldBe(HttpStatusCode.OK);
        Find((await _kop.Pengurus.Get(_kop.Url("users"))).ShouldBe(HttpStatusCode.OK), target)["lastSignInAt"]!.GetValue<string>()
            .Should().Be(signedIn, "a refresh is not a sign-in");

        // A wrong password records nothing either.
        (await Token(target, "wrong-password-9")).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
        Find((await _kop.Pengurus.Get(_kop.Url("users"))).ShouldBe(HttpStatusCode.OK), target)["lastSignInAt"]!.GetValue<string>().Should().Be(signedIn);
    }
}
