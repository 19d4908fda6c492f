using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Platform;

/// <summary>Tenant isolation and the role rules of api.md, one assertion per rule.</summary>
public class when_koperasi_and_roles_keep_people_apart : IAsyncLifetime
{
    private TestKoperasi _a = null!;
    private TestKoperasi _b = null!;
    private Guid _memberA;
    private Guid _otherMemberA;
    private Guid _memberB;

    public async Task InitializeAsync()
    {
        _a = await TestKoperasi.Create();
        _b = await TestKoperasi.Create();
        _memberA = await _a.ActiveMember("Milik A");
        _otherMemberA = await _a.ActiveMember("Tetangga A");
        _memberB = await _b.ActiveMember("Milik B");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task a_token_of_one_koperasi_gets_404_for_everything_of_another()
    {
        (await _a.Pengurus.Get(_b.Url($"members/{_memberB}"))).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
        (await _a.Pengurus.Get(_b.Url("members"))).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
        (await _a.Kasir.Post(_b.Url($"members/{_memberB}/savings/wajib/deposits"), new { amount = 1000 }))
            .ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
        (await _a.Pengurus.Post(_b.Url("members"), new { name = "Penyusup", nik = TestKoperasi.NewNik() }))
            .ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
        (await _a.Pengurus.Get(_b.Url("settings"))).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task a_member_of_one_koperasi_is_not_found_through_another()
    {
        (await _a.Pengurus.Get(_a.Url($"members/{_memberB}"))).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
        (await _a.Kasir.Post(_a.Url($"members/{_memberB}/savings/wajib/deposits"), new { amount = 1000 }))
            .ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
        var statement = (await _a.Pengurus.Get(_a.Url($"members/{_memberB}/statement")));
        statement.ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
        (await _b.Pengurus.Get(_b.Url($"members/{_memberB}"))).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task an_unknown_koperasi_is_404()
    {
        (await _a.Pengurus.Get("/api/v1/koperasi/no-such-kop/members")).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task the_member_list_shows_only_this_koperasi()
    {
        var list = (await _a.Pengurus.Get(_a.Url("members"))).ShouldBe(HttpStatusCode.OK);
        list.Json["members"]!.AsArray().Select(m => Guid.Parse(m!["memberId"]!.GetValue<string>()))
            .Should().BeEquivalentTo([_memberA, _otherMemberA]);
    }

    [Fact]
    public async Task an_anggota_sees_only_their_own_member_data()
    {
        var anggota = await _a.MemberLogin(_memberA);
        (await anggota.Get(_a.Url($"members/{_memberA}"))).ShouldBe(HttpStatusCode.OK);
        (await anggota.Get(_a.Url($"members/{_memberA}/statement"))).ShouldBe(HttpStatusCode.OK);
        (await anggota.Get(_a.Url($"members/{_otherMemberA}"))).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
        (await anggota.Get(_a.Url($"members/{_otherMemberA}/statement"))).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
        (await anggota.Get(_a.Url("members"))).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        (await anggota.Post(_a.Url($"members/{_memberA}/savings/sukarela/deposits"), new { amount = 1000 }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task a_pengawas_reads_everything_and_writes_nothing()
    {
        (await _a.Pengawas.Get(_a.Url("members"))).ShouldBe(HttpStatusCode.OK);
        (await _a.Pengawas.Get(_a.Url($"members/{_memberA}"))).ShouldBe(HttpStatusCode.OK);
        (await _a.Pengawas.Get(_a.Url($"members/{_memberA}/statement"))).ShouldBe(HttpStatusCode.OK);
        (await _a.Pengawas.Get(_a.Url("settings"))).ShouldBe(HttpStatusCode.OK);
        (await _a.Pengawas.Post(_a.Url("members"), new { name = "X", nik = TestKoperasi.NewNik() }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        (await _a.Pengawas.Post(_a.Url($"members/{_memberA}/savings/sukarela/deposits"), new { amount = 1000 }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        (await _a.Pengawas.Put(_a.Url("settings"), new { pokokAmount = 1 })).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        (await _a.Pengawas.Post(_a.Url("users"), new { username = "x.y.z", password = "12345678", roles = new[] { "kasir" } }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task a_kasir_records_money_but_cannot_manage_users_or_settings()
    {
        (await _a.Kasir.Post(_a.Url($"members/{_memberA}/savings/sukarela/deposits"), new { amount = 1000 })).ShouldBe(HttpStatusCode.Created);
        (await _a.Kasir.Post(_a.Url("users"), new { username = $"k2.{_a.Slug}", password = "12345678", roles = new[] { "kasir" } }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        (await _a.Kasir.Put(_a.Url("settings"), new { pokokAmount = 1 })).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task a_shop_manager_cannot_record_savings()
    {
        (await _a.Toko.Post(_a.Url($"members/{_memberA}/savings/sukarela/deposits"), new { amount = 1000 }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task only_the_operator_creates_koperasi()
    {
        (await _a.Pengurus.Post("/api/v1/koperasi", new { slug = "tidak-boleh", name = "X", timeZone = "Asia/Jakarta" }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task a_pengurus_creates_users_only_for_their_own_koperasi()
    {
        (await _a.Pengurus.Post(_a.Url("users"), new { username = $"kasir2.{_a.Slug}", password = "kasir-kedua-sandi-2", roles = new[] { "kasir" } }))
            .ShouldBe(HttpStatusCode.Created);
        (await _a.Pengurus.Post(_b.Url("users"), new { username = $"kasir9.{_b.Slug}", password = "12345678", roles = new[] { "pengurus" } }))
            .ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
        (await _a.Pengurus.Post(_a.Url("users"), new { username = $"adm.{_a.Slug}", password = "12345678", roles = new[] { "admin" } }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await _a.Pengurus.Post(_a.Url("users"), new { username = $"m.{_a.Slug}", password = "12345678", roles = new[] { "anggota" }, memberId = _memberB }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task no_token_is_401()
    {
        (await ApiUser.Anonymous().Get(_a.Url("members"))).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
        (await ApiUser.Anonymous().Post(_a.Url($"members/{_memberA}/savings/sukarela/deposits"), new { amount = 1000 }))
            .ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
    }
}
