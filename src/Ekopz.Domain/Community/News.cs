using Ekopz.Domain.Common;
using NodaTime;

namespace Ekopz.Domain.Community;

/// <summary>A pengurus posted an announcement (Kopnews). The body is Markdown; <paramref name="Public"/> shows it to anyone.</summary>
public sealed record NewsPosted(Guid PostId, string Title, string Body, bool Public, EventMeta Meta) : IDomainEvent;

/// <summary>A post's title, body or visibility changed.</summary>
public sealed record NewsEdited(Guid PostId, string Title, string Body, bool Public, EventMeta Meta) : IDomainEvent;

/// <summary>A post was taken down: nobody reads it any more, the events keep it.</summary>
public sealed record NewsWithdrawn(Guid PostId, EventMeta Meta) : IDomainEvent;

/// <summary>The read model of one post (inline snapshot of its stream).</summary>
public sealed record NewsPost(Guid Id, string Title, string Body, bool Public, bool Withdrawn, string PostedBy, Instant PostedAt,
    string? EditedBy, Instant? EditedAt)
{
    public static NewsPost? Evolve(NewsPost? state, object @event) => @event switch
    {
        NewsPosted e => new NewsPost(e.PostId, e.Title, e.Body, e.Public, false, e.Meta.Actor, e.Meta.RecordedAt, null, null),
        NewsEdited e when state is not null => state with { Title = e.Title, Body = e.Body, Public = e.Public, EditedBy = e.Meta.Actor, EditedAt = e.Meta.RecordedAt },
        NewsWithdrawn when state is not null => state with { Withdrawn = true },
        _ => state,
    };
}

public sealed record WriteNews(string? Title, string? Body, bool Public);

public static class NewsDecider
{
    public const int MaxTitle = 200;
    public const int MaxBody = 10_000;

    private static (string Title, string Body) Check(WriteNews command)
    {
        var errors = new Dictionary<string, string[]>();
        var title = command.Title?.Trim() ?? "";
        var body = command.Body?.Trim() ?? "";
        if (title.Length == 0 || title.Length > MaxTitle) errors["title"] = [$"The title is required (at most {MaxTitle} characters)."];
        if (body.Length == 0 || body.Length > MaxBody) errors["body"] = [$"The text is required (at most {MaxBody:N0} characters)."];
        if (errors.Count > 0) throw new DomainException(ErrorCodes.ValidationFailed, "The post could not be saved.", errors);
        return (title, body);
    }

    public static NewsPosted Post(Guid id, WriteNews command, EventMeta meta)
    {
        var (title, body) = Check(command);
        return new NewsPosted(id, title, body, command.Public, meta);
    }

    public static NewsEdited Edit(NewsPost? post, WriteNews command, EventMeta meta)
    {
        if (post is null || post.Withdrawn) throw DomainException.NotFound("The post");
        var (title, body) = Check(command);
        return new NewsEdited(post.Id, title, body, command.Public, meta);
    }

    public static NewsWithdrawn Withdraw(NewsPost? post, EventMeta meta)
    {
        if (post is null || post.Withdrawn) throw DomainException.NotFound("The post");
        return new NewsWithdrawn(post.Id, meta);
    }
}
