using Ganss.Xss;
using Markdig;

namespace Ekopz.Api.Community;

/// <summary>
/// Kopnews bodies: Markdown to HTML with Markdig, raw HTML in the Markdown disabled (it is shown as text), then the
/// result through HtmlSanitizer with a short allow-list (docs/adr/0022). Two layers: a Markdig extension that one day
/// emits something unsafe is still cleaned, and a <c>&lt;script&gt;</c> typed in the text is escaped before that.
/// </summary>
public static class NewsMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UseSoftlineBreakAsHardlineBreak()
        .Build();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    private static HtmlSanitizer CreateSanitizer()
    {
        var s = new HtmlSanitizer();
        s.AllowedTags.Clear();
        foreach (var tag in new[] { "p", "br", "strong", "em", "del", "ul", "ol", "li", "a", "h1", "h2", "h3", "h4", "blockquote", "code", "pre", "hr" })
            s.AllowedTags.Add(tag);
        s.AllowedAttributes.Clear();
        s.AllowedAttributes.Add("href");
        s.AllowedSchemes.Clear();
        s.AllowedSchemes.Add("https");
        s.AllowedSchemes.Add("http");
        s.AllowedSchemes.Add("mailto");
        s.AllowedCssProperties.Clear();
        s.AllowedAtRules.Clear();
        // Links leave the site without handing it the page they came from.
        s.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { TagName: "A" } a) a.SetAttribute("rel", "nofollow noopener noreferrer");
        };
        s.AllowedAttributes.Add("rel");
        return s;
    }

    public static string ToHtml(string markdown) => Sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline));
}
