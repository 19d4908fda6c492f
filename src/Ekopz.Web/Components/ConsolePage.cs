using Ekopz.Web.Api;
using Ekopz.Web.Formatting;
using Ekopz.Web.Session;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;

namespace Ekopz.Web.Components;

/// <summary>
/// What every console page has at hand: the request, the signed-in person, the API client and the
/// koperasi's today. Reads that the API refuses (404, 403) surface as the console's own not-found and
/// forbidden pages (Hosting/ErrorPages.cs), so pages only handle refusals of what a person submits.
/// </summary>
public abstract class ConsolePage : ComponentBase
{
    [CascadingParameter] public HttpContext Http { get; set; } = default!;
    [Inject] public EkopzApi Api { get; set; } = default!;
    [Inject] public NavigationManager Nav { get; set; } = default!;
    [Inject] public TimeProvider Time { get; set; } = default!;

    private ConsoleUser? _me;
    protected ConsoleUser Me => _me ??= ConsoleSession.User(Http) ?? throw new InvalidOperationException("Not signed in.");
    protected string Kop => Me.Kop;

    /// <summary>Today's business date in the koperasi's time zone.</summary>
    protected DateOnly Today => Tanggal.Today(Time.GetUtcNow(), Me.TimeZone);

    protected string Moment(DateTimeOffset? instant) => Tanggal.Moment(instant, Me.TimeZone);

    /// <summary>Was this request a form post (as opposed to a plain visit)?</summary>
    protected bool IsPost => HttpMethods.IsPost(Http.Request.Method);

    /// <summary>
    /// The name of the form this request posted (its @formname). A page with a question step and a
    /// check step renders the check form when that is the one posted: the framework dispatches a
    /// post only to a form that is on the page as it renders.
    /// </summary>
    protected string? PostedForm => IsPost && Http.Request.HasFormContentType ? Http.Request.Form["_handler"].ToString() : null;

    /// <summary>A query string value of this request.</summary>
    protected string? Query(string name) => Http.Request.Query.TryGetValue(name, out var v) ? v.ToString() : null;

    /// <summary>This page's URL with one query value replaced (or removed when null), the others kept.</summary>
    protected string WithQuery(string key, string? value, string? key2 = null, string? value2 = null)
    {
        var query = Http.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString());
        void Set(string k, string? v) { if (v is null) query.Remove(k); else query[k] = v; }
        Set(key, value);
        if (key2 is not null) Set(key2, value2);
        var qs = string.Join("&", query.Where(q => q.Value.Length > 0).Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value)}"));
        return Http.Request.Path + (qs.Length > 0 ? "?" + qs : "");
    }

    /// <summary>Ends the request with a redirect (post-redirect-get after a write).</summary>
    protected void Go(string url) => Nav.NavigateTo(url, forceLoad: false);

    /// <summary>A fresh idempotency key for a form that records something.</summary>
    protected static string NewKey() => Guid.NewGuid().ToString("N");
}
