using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Platform;

public class when_asking_who_i_am
{
    [Fact]
    public async Task staff_see_their_roles_and_their_koperasi_with_its_today()
    {
        var kop = await TestKoperasi.Create(timeZone: "Asia/Jayapura");
        // The koperasi's business date: the clock's moment in its own zone (Jayapura, UTC+9), not the server's or UTC's.
        static string Jayapura() => EkopzApp.Today("Asia/Jayapura").ToString("yyyy-MM-dd", null);
        var before = Jayapura();
        var me = (await kop.Kasir.Get("/api/v1/me")).ShouldBe(HttpStatusCode.OK);
        var after = Jayapura();
        me.String("username").Should().Be(kop.Kasir.Username);
        me.Json["roles"]!.AsArray().Select(r => r!.GetValue<string>()).Should().Equal("kasir");
        me.Json["memberId"].Should().BeNull();
        me.Json["memberName"].Should().BeNull();
        var koperasi = me.Json["koperasi"]!;
        koperasi["slug"]!.GetValue<string>().Should().Be(kop.Slug);
        koperasi["name"]!.GetValue<string>().Should().Be("Koperasi " + kop.Slug);
        koperasi["timeZone"]!.GetValue<string>().Should().Be("Asia/Jayapura");
        koperasi["today"]!.GetValue<string>().Should().BeOneOf(before, after);
    }

    [Fact]
    public async Task an_anggota_sees_their_member_and_its_name()
    {
        var kop = await TestKoperasi.Create();
        var member = await kop.ActiveMember("Sri Rahayu");
        var anggota = await kop.MemberLogin(member);
        var me = (await anggota.Get("/api/v1/me")).ShouldBe(HttpStatusCode.OK);
        me.Json["roles"]!.AsArray().Select(r => r!.GetValue<string>()).Should().Equal("anggota");
        me.Guid("memberId").Should().Be(member);
        me.String("memberName").Should().Be("Sri Rahayu");
        me.Json["koperasi"]!["slug"]!.GetValue<string>().Should().Be(kop.Slug);
    }

    [Fact]
    public async Task the_operator_belongs_to_no_koperasi()
    {
        var me = (await (await ApiUser.Admin()).Get("/api/v1/me")).ShouldBe(HttpStatusCode.OK);
        me.String("username").Should().Be("admin");
        me.Json["roles"]!.AsArray().Select(r => r!.GetValue<string>()).Should().Equal("admin");
        me.Json["koperasi"].Should().BeNull();
    }

    [Fact]
    public async Task without_a_token_or_once_disabled_it_is_401()
    {
        (await ApiUser.Anonymous().Get("/api/v1/me")).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");

        var kop = await TestKoperasi.Create();
        (await kop.Pengurus.Post(kop.Url($"users/{kop.Kasir.Username}/disable"))).ShouldBe(HttpStatusCode.OK);
        // The access token still verifies for its hour, but the login behind it is disabled: the console signs out.
        (await kop.Kasir.Get("/api/v1/me")).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
    }
}
