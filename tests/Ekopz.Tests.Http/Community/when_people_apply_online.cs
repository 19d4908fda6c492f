using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Community;

/// <summary>
/// Online membership applications (docs/adr/0022): anyone applies on the koperasi's public route, the counter
/// verifies (registering the member) or rejects, and the applicant follows the status with a secret token.
/// </summary>
public class when_people_apply_online
{
    private static string Apply(string slug) => $"/api/v1/public/{slug}/membership-applications";
    private static string Status(string slug, string token) => $"/api/v1/public/{slug}/membership-applications/status/{token}";

    [Fact]
    public async Task an_application_is_verified_at_the_counter_and_becomes_a_member_who_pays_pokok()
    {
        var kop = await TestKoperasi.Create(pokok: 50_000m);
        var anonymous = ApiUser.Anonymous();
        var nik = TestKoperasi.NewNik();
        var receipt = (await anonymous.Post(Apply(kop.Slug), new { name = " Wati ", nik, phone = "0812-3456-7890", address = "Jl. Mawar 1" }))
            .ShouldBe(HttpStatusCode.Created);
        receipt.String("number").Should().Be("D-000001");
        receipt.String("status").Should().Be("pending");
        var token = receipt.String("token");
        token.Length.Should().BeGreaterThanOrEqualTo(32);
        var id = receipt.Guid("applicationId");

        var status = (await anonymous.Get(Status(kop.Slug, token))).ShouldBe(HttpStatusCode.OK);
        status.String("name").Should().Be("Wati");
        status.String("status").Should().Be("pending");
        status.Text.Should().NotContain(nik).And.NotContain("Mawar").And.NotContain("3456");

        var pengurusView = (await kop.Pengurus.Get(kop.Url("membership-applications?status=pending"))).ShouldBe(HttpStatusCode.OK).Json.AsArray();
        pengurusView.Should().ContainSingle();
        pengurusView[0]!["nik"]!.GetValue<string>().Should().Be(nik);
        var kasirView = (await kop.Kasir.Get(kop.Url($"membership-applications/{id}"))).ShouldBe(HttpStatusCode.OK);
        kasirView.String("nik").Should().Be(new string('*', 12) + nik[^4..]);
        kasirView.String("phone").Should().Be("081234567890");
        (await kop.Toko.Get(kop.Url("membership-applications"))).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        (await kop.Pengawas.Post(kop.Url($"membership-applications/{id}/verify"))).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        (await anonymous.Post(kop.Url($"membership-applications/{id}/verify"))).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");

        var verified = (await kop.Kasir.Post(kop.Url($"membership-applications/{id}/verify"))).ShouldBe(HttpStatusCode.OK);
        var memberId = verified.Guid("memberId");
        var member = (await kop.Pengurus.Get(kop.Url($"members/{memberId}"))).ShouldBe(HttpStatusCode.OK);
        member.String("name").Should().Be("Wati");
        member.String("nik").Should().Be(nik);
        member.String("status").Should().Be("applicant");
        await kop.Deposit(memberId, "pokok", 50_000m);
        (await kop.Pengurus.Get(kop.Url($"members/{memberId}"))).String("status").Should().Be("active");

        var after = (await anonymous.Get(Status(kop.Slug, token))).ShouldBe(HttpStatusCode.OK);
        after.String("status").Should().Be("verified");
        after.String("memberNumber").Should().Be(verified.String("memberNumber"));
        (await kop.Kasir.Post(kop.Url($"membership-applications/{id}/verify"))).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state");
        (await kop.Kasir.Post(kop.Url($"membership-applications/{id}/reject"), new { reason = "x" }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state");
    }

    [Fact]
    public async Task a_rejection_needs_a_reason_and_the_applicant_reads_it()
    {
        var kop = await TestKoperasi.Create();
        var receipt = (await ApiUser.Anonymous().Post(Apply(kop.Slug), new { name = "Joko", nik = TestKoperasi.NewNik() })).ShouldBe(HttpStatusCode.Created);
        var id = receipt.Guid("applicationId");
        (await kop.Pengurus.Post(kop.Url($"membership-applications/{id}/reject"), new { reason = " " }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await kop.Pengurus.Post(kop.Url($"membership-applications/{id}/reject"), new { reason = "KTP tidak sesuai" })).ShouldBe(HttpStatusCode.OK)
            .String("status").Should().Be("rejected");
        var status = (await ApiUser.Anonymous().Get(Status(kop.Slug, receipt.String("token")))).ShouldBe(HttpStatusCode.OK);
        status.String("status").Should().Be("rejected");
        status.String("reason").Should().Be("KTP tidak sesuai");
        (await kop.Pengurus.Post(kop.Url($"membership-applications/{Guid.NewGuid()}/verify"))).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task a_nik_of_a_member_or_of_a_waiting_application_is_refused_with_a_clear_message()
    {
        var kop = await TestKoperasi.Create();
        var anonymous = ApiUser.Anonymous();
        var memberNik = TestKoperasi.NewNik();
        await kop.Register("Anggota", memberNik);
        var asMember = (await anonymous.Post(Apply(kop.Slug), new { name = "Lagi", nik = memberNik })).ShouldBeProblem(HttpStatusCode.Conflict, "conflict");
        asMember.Json["errors"]!["nik"]![0]!.GetValue<string>().Should().Contain("already registered");

        var nik = TestKoperasi.NewNik();
        var first = (await anonymous.Post(Apply(kop.Slug), new { name = "Satu", nik })).ShouldBe(HttpStatusCode.Created);
        (await anonymous.Post(Apply(kop.Slug), new { name = "Dua", nik })).ShouldBeProblem(HttpStatusCode.Conflict, "conflict")
            .Json["errors"]!["nik"]![0]!.GetValue<string>().Should().Contain("already waiting");
        // Once rejected, the person may apply again; the next number follows.
        (await kop.Kasir.Post(kop.Url($"membership-applications/{first.Guid("applicationId")}/reject"), new { reason = "Data salah" }))
            .ShouldBe(HttpStatusCode.OK);
        (await anonymous.Post(Apply(kop.Slug), new { name = "Tiga", nik })).ShouldBe(HttpStatusCode.Created).String("number").Should().Be("D-000002");
    }

    [Fact]
    public async Task bad_input_an_unknown_koperasi_and_a_wrong_token_are_refused()
    {
        var kop = await TestKoperasi.Create();
        var anonymous = ApiUser.Anonymous();
        var bad = (await anonymous.Post(Apply(kop.Slug), new { name = "", nik = "123", phone = "abc" })).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        bad.Json["errors"]!.AsObject().Select(e => e.Key).Should().Contain(["name", "nik", "phone"]);
        (await anonymous.Post(Apply(kop.Slug), new { name = "A\u0000", nik = TestKoperasi.NewNik() })).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await anonymous.Post(Apply("no-such-kop-x"), new { name = "A", nik = TestKoperasi.NewNik() })).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
        (await anonymous.Get(Status("no-such-kop-x", "abc"))).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
        (await anonymous.Get(Status(kop.Slug, "not-a-token"))).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
        (await kop.Pengurus.Get(kop.Url("membership-applications?status=maybe"))).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task one_address_cannot_send_applications_without_end()
    {
        var kop = await TestKoperasi.Create();
        using var app = new EkopzApp(new Dictionary<string, string> { ["EKOPZ_APPLY_PER_ADDRESS"] = "2" });
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(EkopzApp.PeerHeader, "203.0.113.7");
        var spammer = new ApiUser(client, "spammer");
        for (var i = 0; i < 2; i++)
            (await spammer.Post(Apply(kop.Slug), new { name = "Spam", nik = TestKoperasi.NewNik() })).ShouldBe(HttpStatusCode.Created);
        var refused = (await spammer.Post(Apply(kop.Slug), new { name = "Spam", nik = TestKoperasi.NewNik() }))
            .ShouldBeProblem(HttpStatusCode.TooManyRequests, "rate_limited");
        refused.Headers.Should().ContainKey("Retry-After");
        // Another address is not held back.
        var other = app.CreateClient();
        other.DefaultRequestHeaders.Add(EkopzApp.PeerHeader, "198.51.100.9");
        (await new ApiUser(other, "other").Post(Apply(kop.Slug), new { name = "Jujur", nik = TestKoperasi.NewNik() })).ShouldBe(HttpStatusCode.Created);
    }
}
