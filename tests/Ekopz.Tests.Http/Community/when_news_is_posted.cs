using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Community;

/// <summary>Kopnews (docs/adr/0022): the pengurus writes, every role of the koperasi reads, anyone reads public posts.</summary>
public class when_news_is_posted
{
    private static string Public(string slug, string path = "") => $"/api/v1/public/{slug}/news{path}";

    [Fact]
    public async Task the_pengurus_posts_edits_and_withdraws_and_every_role_and_the_public_read_what_is_theirs()
    {
        var kop = await TestKoperasi.Create();
        var anggota = await kop.MemberLogin(await kop.Register("Sri"));
        var open = (await kop.Pengurus.Post(kop.Url("news"), new { title = "Pasar murah", body = "Sabtu ini di **aula**.", @public = true }))
            .ShouldBe(HttpStatusCode.Created);
        open.String("postedBy").Should().Be(kop.Pengurus.Username);
        open.String("bodyHtml").Should().Contain("<strong>aula</strong>");
        var openId = open.Guid("postId");
        var inner = (await kop.Pengurus.Post(kop.Url("news"), new { title = "Rapat pengurus", body = "Untuk anggota saja." }))
            .ShouldBe(HttpStatusCode.Created).Guid("postId");

        foreach (var who in new[] { kop.Pengurus, kop.Pengawas, kop.Kasir, kop.Toko, anggota })
        {
            var list = (await who.Get(kop.Url("news"))).ShouldBe(HttpStatusCode.OK).Json.AsArray();
            list.Select(p => p!["postId"]!.GetValue<Guid>()).Should().Equal([inner, openId], $"{who.Username} reads every post, newest first");
        }
        var anonymous = ApiUser.Anonymous();
        var publicList = (await anonymous.Get(Public(kop.Slug))).ShouldBe(HttpStatusCode.OK);
        publicList.String("koperasiName").Should().Be("Koperasi " + kop.Slug);
        publicList.Json["posts"]!.AsArray().Select(p => p!["postId"]!.GetValue<Guid>()).Should().Equal(openId);
        publicList.Text.Should().NotContain(kop.Pengurus.Username, "no usernames on the public page");
        (await anonymous.Get(Public(kop.Slug, $"/{openId}"))).ShouldBe(HttpStatusCode.OK).String("title").Should().Be("Pasar murah");
        (await anonymous.Get(Public(kop.Slug, $"/{inner}"))).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");

        var edited = (await kop.Pengurus.Put(kop.Url($"news/{openId}"), new { title = "Pasar murah (diundur)", body = "Minggu depan.", @public = true }))
            .ShouldBe(HttpStatusCode.OK);
        edited.String("editedBy").Should().Be(kop.Pengurus.Username);
        (await anonymous.Get(Public(kop.Slug, $"/{openId}"))).String("title").Should().Be("Pasar murah (diundur)");

        (await kop.Pengurus.Send(HttpMethod.Delete, kop.Url($"news/{openId}"), null)).ShouldBe(HttpStatusCode.OK);
        (await anonymous.Get(Public(kop.Slug))).Json["posts"]!.AsArray().Should().BeEmpty();
        (await anonymous.Get(Public(kop.Slug, $"/{openId}"))).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
        (await anggota.Get(kop.Url($"news/{openId}"))).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
        (await kop.Pengurus.Send(HttpMethod.Delete, kop.Url($"news/{openId}"), null)).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");

        // Every change is an event with who and when.
        var types = await DirectSqlEvents(kop.Slug, openId);
        types.Should().Equal("news_posted", "news_edited", "news_withdrawn");
    }

    [Fact]
    public async Task only_the_pengurus_writes()
    {
        var kop = await TestKoperasi.Create();
        var anggota = await kop.MemberLogin(await kop.Register());
        var body = new { title = "Judul", body = "Isi" };
        foreach (var who in new[] { kop.Kasir, kop.Pengawas, kop.Toko, anggota })
        {
            (await who.Post(kop.Url("news"), body)).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
            (await who.Post(kop.Url("news/preview"), body)).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        }
        (await ApiUser.Anonymous().Post(kop.Url("news"), body)).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
        (await ApiUser.Anonymous().Get(kop.Url("news"))).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
        (await kop.Admin.Get(kop.Url("news"))).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task markdown_renders_and_html_or_script_in_it_is_text()
    {
        var kop = await TestKoperasi.Create();
        var post = (await kop.Pengurus.Post(kop.Url("news"), new
        {
            title = "<script>alert('judul')</script>",
            body = "Halo *semua*\n\n<script>alert('isi')</script>\n\n<img src=x onerror=alert(1)>\n\n[klik](javascript:alert(1)) [situs](https://example.org)",
            @public = true,
        })).ShouldBe(HttpStatusCode.Created);
        var html = post.String("bodyHtml");
        html.Should().Contain("<em>semua</em>").And.Contain("&lt;script&gt;").And.Contain("&lt;img");
        html.Should().NotContain("<script").And.NotContain("<img").And.NotContain("javascript:");
        html.Should().Contain("href=\"https://example.org\"");
        post.String("title").Should().Be("<script>alert('judul')</script>", "the title is plain text; pages escape it");
        var preview = (await kop.Pengurus.Post(kop.Url("news/preview"), new { title = "T", body = "<b>x</b> **y**" })).ShouldBe(HttpStatusCode.OK);
        preview.String("bodyHtml").Should().Contain("&lt;b&gt;").And.Contain("<strong>y</strong>").And.NotContain("<b>");
    }

    [Fact]
    public async Task bad_input_is_refused_naming_the_field()
    {
        var kop = await TestKoperasi.Create();
        (await kop.Pengurus.Post(kop.Url("news"), new { title = " ", body = "Isi" })).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed")
            .Json["errors"]!["title"].Should().NotBeNull();
        (await kop.Pengurus.Post(kop.Url("news"), new { title = "Judul", body = "" })).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed")
            .Json["errors"]!["body"].Should().NotBeNull();
        (await kop.Pengurus.Post(kop.Url("news"), new { title = new string('a', 201), body = "Isi" })).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await kop.Pengurus.Post(kop.Url("news"), new { title = "a\u0007b", body = "Isi" })).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await kop.Pengurus.Post(kop.Url("news"), new { title = "Judul", body = "baris\nbaris" })).ShouldBe(HttpStatusCode.Created);
        (await kop.Pengurus.Get(kop.Url("news?limit=0"))).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await kop.Pengurus.Put(kop.Url($"news/{Guid.NewGuid()}"), new { title = "Judul", body = "Isi" })).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task an_unknown_koperasi_is_404_and_a_signed_in_caller_of_another_koperasi_reads_public_posts()
    {
        (await ApiUser.Anonymous().Get(Public("no-such-kop-x"))).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
        (await ApiUser.Anonymous().Get(Public("no-such-kop-x", $"/{Guid.NewGuid()}"))).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
        (await ApiUser.Anonymous().Get("/api/v1/public/no-such-kop-x")).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
        var a = await TestKoperasi.Create();
        var b = await TestKoperasi.Create();
        (await a.Pengurus.Post(a.Url("news"), new { title = "Buka", body = "Isi", @public = true })).ShouldBe(HttpStatusCode.Created);
        (await b.Kasir.Get(Public(a.Slug))).ShouldBe(HttpStatusCode.OK).Json["posts"]!.AsArray().Should().ContainSingle();
        (await b.Kasir.Get(a.Url("news"))).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
    }

    private static async Task<List<string>> DirectSqlEvents(string slug, Guid stream)
    {
        await using var connection = new Npgsql.NpgsqlConnection(EkopzApp.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            $"select type from {DirectSql.Schema}.mt_events where tenant_id = @t and stream_id = @s order by version", connection);
        command.Parameters.AddWithValue("t", slug);
        command.Parameters.AddWithValue("s", stream);
        var types = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) types.Add(reader.GetString(0));
        return types;
    }
}
