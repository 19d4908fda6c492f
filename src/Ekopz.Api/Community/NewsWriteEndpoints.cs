using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Community;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Marten;

namespace Ekopz.Api.Community;

/// <summary>
/// Posting, editing and withdrawing news on Wolverine's write path (docs/adr/0037). No money: a post's stream is fetched
/// optimistically and a racing edit that fails its version check at commit is decided again by <see cref="ConflictRetry"/>.
/// </summary>
public static class NewsWriteEndpoints
{
    /// <summary>The command's context, before the endpoint runs (docs/adr/0025).</summary>
    public static Task<CommandScope> LoadAsync(string kop, HttpContext http, IDocumentSession session, KoperasiContextCache contexts,
        IClock clock) => WritePath.Scope(kop, http, session, contexts, clock);

    /// <summary>Post a news announcement</summary>
    /// <remarks>
    /// Pengurus only. Markdown, shown to anyone when <c>public</c>, otherwise to the koperasi's members and staff. Recorded as an
    /// event with who and when. Send an <c>Idempotency-Key</c> header to retry safely: a repeat answers the first answer and
    /// records nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/news", OperationId = "postNews")]
    [Authorize(Policy = Policies.Pengurus)]
    [Tags("News")]
    [ProducesResponseType<NewsView>(201)]
    public static async Task<IResult> Post(NewsRequest request, HttpContext http, CommandScope scope)
    {
        var key = IdempotencyKeys.Of(http, scope.Caller, request);
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;
        var (posted, view) = DecidePost(scope, request);
        scope.Session.Events.StartStream<NewsPost>(posted.PostId, posted);
        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Created(view), scope.Now);
    }

    /// <summary>A new post, pure: the rules are <see cref="NewsDecider.Post"/>.</summary>
    public static (NewsPosted Event, NewsView Response) DecidePost(CommandScope scope, NewsRequest request)
    {
        var posted = NewsDecider.Post(Guid.NewGuid(), new WriteNews(request.Title, request.Body, request.Public), scope.Meta(scope.Today, Channels.Web));
        return (posted, NewsEndpoints.View(NewsPost.Evolve(null, posted)!));
    }

    /// <summary>Edit a news post</summary>
    /// <remarks>
    /// Pengurus only. Records the new version as an event with who and when; the post's history keeps the earlier ones. Send an
    /// <c>Idempotency-Key</c> header to retry safely: a repeat answers the first answer and records nothing twice.
    /// </remarks>
    [WolverinePut("/api/v1/koperasi/{kop}/news/{postId}", OperationId = "editNews")]
    [Authorize(Policy = Policies.Pengurus)]
    [Tags("News")]
    [ProducesResponseType<NewsView>(200)]
    public static async Task<IResult> Put(NewsRequest request, HttpContext http, CommandScope scope,
        [WriteAggregate("postId", Required = false)] IEventStream<NewsPost> post)
    {
        var key = IdempotencyKeys.Of(http, scope.Caller, request);
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;
        var (edited, view) = DecideEdit(scope, request, post.Aggregate);
        post.AppendOne(edited);
        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Ok(view), scope.Now);
    }

    /// <summary>A new version, pure: the rules are <see cref="NewsDecider.Edit"/>.</summary>
    public static (NewsEdited Event, NewsView Response) DecideEdit(CommandScope scope, NewsRequest request, NewsPost? post)
    {
        var edited = NewsDecider.Edit(post, new WriteNews(request.Title, request.Body, request.Public), scope.Meta(scope.Today, Channels.Web));
        return (edited, NewsEndpoints.View(NewsPost.Evolve(post, edited)!));
    }

    /// <summary>Withdraw a news post</summary>
    /// <remarks>
    /// Pengurus only. The post leaves every list, public and staff; the event records who withdrew it and when.
    /// </remarks>
    [WolverineDelete("/api/v1/koperasi/{kop}/news/{postId}", OperationId = "withdrawNews")]
    [Authorize(Policy = Policies.Pengurus)]
    [Tags("News")]
    [ProducesResponseType<NewsView>(200)]
    public static async Task<IResult> Delete(Guid postId, HttpContext http, [NotBody] CommandScope scope,
        [WriteAggregate("postId", Required = false)] IEventStream<NewsPost> post)
    {
        var key = IdempotencyKeys.Of(http, scope.Caller, new { postId });
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;
        var (withdrawn, view) = DecideWithdrawal(scope, post.Aggregate);
        post.AppendOne(withdrawn);
        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Ok(view), scope.Now);
    }

    /// <summary>A withdrawal, pure: the rules are <see cref="NewsDecider.Withdraw"/>.</summary>
    public static (NewsWithdrawn Event, NewsView Response) DecideWithdrawal(CommandScope scope, NewsPost? post)
    {
        var withdrawn = NewsDecider.Withdraw(post, scope.Meta(scope.Today, Channels.Web));
        return (withdrawn, NewsEndpoints.View(NewsPost.Evolve(post, withdrawn)!));
    }
}
