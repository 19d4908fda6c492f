using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Api.Platform;
using Ekopz.Domain.Common;
using Ekopz.Domain.Community;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Ekopz.Api.Community;

/// <param name="Public">Shown to anyone on the koperasi's public page; otherwise to its members and staff only.</param>
public sealed record NewsRequest(string? Title, string? Body, bool Public = false);

/// <summary>A post as the koperasi reads it: the Markdown as written and the HTML it renders to (sanitized).</summary>
public sealed record NewsView(Guid PostId, string Title, string Body, string BodyHtml, bool Public, string PostedBy, Instant PostedAt,
    string? EditedBy, Instant? EditedAt);

/// <summary>A public post: no usernames, only what the koperasi chose to show anyone.</summary>
public sealed record PublicNewsView(Guid PostId, string Title, string BodyHtml, Instant PostedAt);

public sealed record PublicNewsList(string Koperasi, string KoperasiName, IReadOnlyList<PublicNewsView> Posts);

public sealed record NewsPreview(string Title, string BodyHtml);

/// <summary>
/// Kopnews (docs/adr/0022): announcements a pengurus writes in Markdown; every role of the koperasi reads them, and
/// anyone reads the public ones. Each change is an event (posted, edited, withdrawn) with who and when. The writes are in
/// <see cref="NewsWriteEndpoints"/>; the preview (nothing read, nothing recorded) and the reads stay here.
/// </summary>
public static class NewsEndpoints
{
    private const int MaxList = 50;

    /// <summary>Preview a news post</summary>
    /// <remarks>
    /// Pengurus only. Renders the Markdown to the sanitized HTML the post would show; records nothing.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/news/preview", OperationId = "previewNews")]
    [Authorize(Policy = Policies.Pengurus)]
    [Tags("News")]
    [ProducesResponseType<NewsPreview>(200)]
    public static IResult Preview(string kop, NewsRequest request)
    {
        var checkedPost = NewsDecider.Post(Guid.NewGuid(), new WriteNews(request.Title, request.Body, request.Public),
            new EventMeta("preview", default, default, Channels.Web, ""));
        return Results.Json(new NewsPreview(checkedPost.Title, NewsMarkdown.ToHtml(checkedPost.Body)), ApiJson.Options);
    }

    /// <summary>List the koperasi's news</summary>
    /// <remarks>
    /// The koperasi's posts, newest first (withdrawn ones left out). Every role of the koperasi.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/news", OperationId = "listNews")]
    [Authorize(Policy = Policies.KoperasiRead)]
    [Tags("News")]
    [ProducesResponseType<IReadOnlyList<NewsView>>(200)]
    public static async Task<IResult> List(string kop, int? limit, HttpContext http, IDocumentStore store)
    {
        await using var session = store.QuerySession(kop);
        var posts = await session.Query<NewsPost>().Where(p => !p.Withdrawn).OrderByDescending(p => p.PostedAt)
            .Take(Limit(limit)).ToListAsync(http.RequestAborted);
        return Results.Json(posts.Select(View).ToList(), ApiJson.Options);
    }

    /// <summary>Read one news post</summary>
    /// <remarks>
    /// Every role of the koperasi. The post's Markdown and sanitized HTML, with who posted it. A withdrawn or unknown post is
    /// 404.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/news/{postId}", OperationId = "getNews")]
    [Authorize(Policy = Policies.KoperasiRead)]
    [Tags("News")]
    [ProducesResponseType<NewsView>(200)]
    public static async Task<IResult> Get(string kop, Guid postId, HttpContext http, IDocumentStore store)
    {
        await using var session = store.QuerySession(kop);
        var post = await session.LoadAsync<NewsPost>(postId, http.RequestAborted);
        if (post is null || post.Withdrawn) throw DomainException.NotFound("The post");
        return Results.Json(View(post), ApiJson.Options);
    }

    /// <summary>List a koperasi's public news</summary>
    /// <remarks>
    /// A koperasi's public posts, newest first. No sign-in; an unknown koperasi is 404.
    /// </remarks>
    [WolverineGet("/api/v1/public/{slug}/news", OperationId = "listPublicNews")]
    [AllowAnonymous]
    [Tags("Public")]
    [ProducesResponseType<PublicNewsList>(200)]
    public static async Task<IResult> PublicList(string slug, int? limit, HttpContext http, IDocumentStore store, KoperasiDirectory directory)
    {
        var record = await PublicKoperasi.Require(store, directory, slug, http.RequestAborted);
        await using var session = store.QuerySession(slug);
        var posts = await session.Query<NewsPost>().Where(p => p.Public && !p.Withdrawn).OrderByDescending(p => p.PostedAt)
            .Take(Limit(limit)).ToListAsync(http.RequestAborted);
        return Results.Json(new PublicNewsList(record.Id, record.Name, posts.Select(PublicView).ToList()), ApiJson.Options);
    }

    /// <summary>Read one public news post</summary>
    /// <remarks>
    /// Anyone, no token. The post's Markdown and the sanitized HTML it renders to; no usernames. A post that is not public,
    /// withdrawn or unknown is 404.
    /// </remarks>
    [WolverineGet("/api/v1/public/{slug}/news/{postId}", OperationId = "getPublicNews")]
    [AllowAnonymous]
    [Tags("Public")]
    [ProducesResponseType<PublicNewsView>(200)]
    public static async Task<IResult> PublicGet(string slug, Guid postId, HttpContext http, IDocumentStore store, KoperasiDirectory directory)
    {
        await PublicKoperasi.Require(store, directory, slug, http.RequestAborted);
        await using var session = store.QuerySession(slug);
        var post = await session.LoadAsync<NewsPost>(postId, http.RequestAborted);
        // A members-only or withdrawn post does not exist for the public.
        if (post is null || post.Withdrawn || !post.Public) throw DomainException.NotFound("The post");
        return Results.Json(PublicView(post), ApiJson.Options);
    }

    private static int Limit(int? limit) => limit is null ? MaxList
        : limit is < 1 or > MaxList ? throw DomainException.Validation("limit", $"From 1 to {MaxList}.") : limit.Value;

    internal static NewsView View(NewsPost p) =>
        new(p.Id, p.Title, p.Body, NewsMarkdown.ToHtml(p.Body), p.Public, p.PostedBy, p.PostedAt, p.EditedBy, p.EditedAt);

    private static PublicNewsView PublicView(NewsPost p) => new(p.Id, p.Title, NewsMarkdown.ToHtml(p.Body), p.PostedAt);
}
