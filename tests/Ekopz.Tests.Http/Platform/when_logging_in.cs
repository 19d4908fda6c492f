using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Platform;

public class when_logging_in
{
    [Fact]
    public async Task a_wrong_password_or_unknown_user_is_401()
    {
        var anonymous = ApiUser.Anonymous();
        (await anonymous.Post("/api/v1/auth/token", new { username = "admin", password = "nope-nope" }))
            .ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
        (await anonymous.Post("/api/v1/auth/token", new { username = "nobody-at-all", password = "whatever1" }))
            .ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task a_token_carries_its_koperasi_and_roles_and_a_refresh_token_works_once()
    {
        var kop = await TestKoperasi.Create();
        var anonymous = ApiUser.Anonymous();
        var token = (await anonymous.Post("/api/v1/auth/token", new { username = kop.Kasir.Username, password = TestKoperasi.Password }))
            .ShouldBe(HttpStatusCode.OK);
        token.String("koperasi").Should().Be(kop.Slug);
        token.Json["roles"]!.AsArray().Select(r => r!.GetValue<string>()).Should().Equal("kasir");
        token.Json["expiresIn"]!.GetValue<int>().Should().BeGreaterThan(0);

        var refreshToken = token.String("refreshToken");
        var refreshed = (await anonymous.Post("/api/v1/auth/refresh", new { refreshToken })).ShouldBe(HttpStatusCode.OK);
        refreshed.String("accessToken").Should().NotBe(token.String("accessToken"));
        (await anonymous.Post("/api/v1/auth/refresh", new { refreshToken })).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task a_forged_token_is_401()
    {
        var api = ApiUser.Anonymous();
        api.Client.DefaultRequestHeaders.Authorization = new("Bearer",
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiIsInJvbGUiOiJhZG1pbiJ9.c2lnbmF0dXJlLWZvcmdlZA");
        (await api.Post("/api/v1/koperasi", new { slug = "forged", name = "X", timeZone = "Asia/Jakarta" }))
            .ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task a_koperasi_slug_is_taken_once()
    {
        var admin = await ApiUser.Admin();
        var slug = "dup-" + Guid.NewGuid().ToString("N")[..8];
        var replies = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            admin.Post("/api/v1/koperasi", new { slug, name = "Dup", timeZone = "Asia/Makassar" })));
        replies.Count(r => r.Status == HttpStatusCode.Created).Should().Be(1);
        replies.Where(r => r.Status != HttpStatusCode.Created).Should().OnlyContain(r => r.Code == "conflict");
    }

    [Theory]
    [InlineData("{\"slug\":\"A B\",\"name\":\"x\",\"timeZone\":\"Asia/Jakarta\"}", "slug")]
    [InlineData("{\"slug\":\"okay-slug\",\"name\":\"x\",\"timeZone\":\"Mars/Olympus\"}", "timeZone")]
    [InlineData("{\"slug\":\"okay-slug\",\"name\":\"x\",\"timeZone\":\"Asia/Jakarta\",\"pokokAmount\":-1}", "pokokAmount")]
    public async Task a_bad_koperasi_is_400(string json, string field)
    {
        var admin = await ApiUser.Admin();
        var reply = (await admin.PostRaw("/api/v1/koperasi", json)).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        reply.Json["errors"]!.AsObject().Select(e => e.Key).Should().Contain(field);
    }
}
