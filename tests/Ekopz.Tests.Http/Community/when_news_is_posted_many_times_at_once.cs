using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Community;

/// <summary>
/// One announcement sent many times at once with one Idempotency-Key (a double tap, a retry on a slow line): each post
/// starts a stream of its own, so only the key's record stands between the twins, and the losers, run again by the
/// conflict retry, answer the winner's answer (docs/adr/0037). Members see it once.
/// </summary>
public class when_news_is_posted_many_times_at_once
{
    [Fact]
    public async Task the_same_post_sent_eight_times_at_once_is_posted_once_and_answers_each_the_same()
    {
        var kop = await TestKoperasi.Create();
        var post = new { title = "Pasar murah", body = "Sabtu ini di **aula**.", @public = true };

        var replies = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            kop.Pengurus.Post(kop.Url("news"), post, idempotencyKey: "berita-pasar-murah")));

        replies.Should().OnlyContain(r => r.Status == HttpStatusCode.Created, string.Join("\n", replies.Select(r => r.Text)));
        replies.Select(r => r.Text).Distinct().Should().HaveCount(1, "every submit gets the one original answer");
        replies.Count(r => r.Headers.ContainsKey("Idempotent-Replayed")).Should().Be(7);
        var list = (await kop.Kasir.Get(kop.Url("news"))).ShouldBe(HttpStatusCode.OK).Json.AsArray();
        list.Should().ContainSingle("one announcement, however many times it was sent")
            .Which!["postId"]!.GetValue<Guid>().Should().Be(replies[0].Guid("postId"));
        (await ApiUser.Anonymous().Get($"/api/v1/public/{kop.Slug}/news")).ShouldBe(HttpStatusCode.OK)
            .Json["posts"]!.AsArray().Should().ContainSingle();
    }
}
