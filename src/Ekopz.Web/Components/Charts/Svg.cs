using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Components;

namespace Ekopz.Web.Components.Charts;

/// <summary>
/// SVG pieces that Razor cannot write as markup: its <c>&lt;text&gt;</c> tag means something else in
/// a code block. Content is HTML-encoded here, so a member-typed label stays text.
/// </summary>
public static class Svg
{
    public static MarkupString Text(double x, double y, string content, string? anchor = null) =>
        new($"<text x=\"{N(x)}\" y=\"{N(y)}\"{(anchor is null ? "" : $" text-anchor=\"{anchor}\"")}>{WebUtility.HtmlEncode(content)}</text>");

    public static string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
}
