using Microsoft.AspNetCore.WebUtilities;

namespace Ekopz.Web.Components.Books;

/// <summary>
/// Every report figure the API answers carries a <c>drillDown</c> link to exactly the journal lines it
/// is made of (<c>/api/v1/koperasi/{kop}/ledger/lines?accounts=..&amp;to=..</c>). The console turns it into
/// its own lines page (<c>/laporan/baris?...</c>) with the same filter, so a person follows the figure
/// down to the lines, the entry and the event without the API's address ever reaching the browser.
/// </summary>
public static class Drill
{
    /// <summary>The filter keys of <c>ledger/lines</c>, the only ones passed on (in this order).</summary>
    public static readonly IReadOnlyList<string> LineKeys =
        ["accounts", "from", "to", "dates", "knownAt", "kind", "cashFlow", "side", "counterparty", "source", "excludeSource"];

    /// <summary>The console's lines page for an API drill-down link; null when there is none (a figure that is 0 by definition).</summary>
    /// <param name="label">What the figure is ("Simpanan pokok per 4 Des 2026"), shown as the lines page's title.</param>
    /// <param name="refine">Extra filter values ("side" = "debit" for a cash inflow), replacing the link's own.</param>
    public static string? ToConsole(string? apiLink, string? label = null, params (string Key, string Value)[] refine)
    {
        if (string.IsNullOrEmpty(apiLink)) return null;
        var q = apiLink.IndexOf('?');
        var parsed = QueryHelpers.ParseQuery(q < 0 ? "" : apiLink[(q + 1)..]);
        var values = new List<(string, string)>();
        foreach (var key in LineKeys)
        {
            var refined = refine.FirstOrDefault(r => r.Key == key);
            if (refined.Key is not null) values.Add((key, refined.Value));
            else if (parsed.TryGetValue(key, out var v) && v.ToString() is { Length: > 0 } value) values.Add((key, value));
        }
        if (!string.IsNullOrWhiteSpace(label)) values.Add(("ket", label));
        return "/laporan/baris" + Query(values);
    }

    /// <summary>
    /// One link for a total of several figures (a section of the balance sheet): the union of their
    /// accounts, when the links differ in nothing else; the lines it selects then add up to the sum of
    /// the figures. Null when they differ otherwise (no honest single link), or when there is none.
    /// </summary>
    public static string? Merge(IEnumerable<string?> links)
    {
        var parsed = links.Where(l => !string.IsNullOrEmpty(l)).Select(l => QueryHelpers.ParseQuery(l!.IndexOf('?') is var q and >= 0 ? l[(q + 1)..] : ""))
            .ToList();
        if (parsed.Count == 0 || parsed.Any(p => !p.ContainsKey("accounts"))) return null;
        string Rest(Dictionary<string, Microsoft.Extensions.Primitives.StringValues> p) =>
            string.Join('&', LineKeys.Where(k => k != "accounts").Select(k => k + "=" + (p.TryGetValue(k, out var v) ? v.ToString() : "")));
        var rest = Rest(parsed[0]);
        if (parsed.Any(p => Rest(p) != rest)) return null;
        var accounts = parsed.SelectMany(p => p["accounts"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries)).Distinct().ToList();
        return "?" + Query(LineKeys.Select(k => (k, k == "accounts" ? string.Join(',', accounts) : parsed[0].TryGetValue(k, out var v) ? v.ToString() : null)))
            .TrimStart('?');
    }

    /// <summary>"?a=1&amp;b=2" with every value escaped; empty when there is nothing.</summary>
    public static string Query(IEnumerable<(string Key, string? Value)> values)
    {
        var parts = values.Where(v => !string.IsNullOrEmpty(v.Value))
            .Select(v => $"{Uri.EscapeDataString(v.Key)}={Uri.EscapeDataString(v.Value!)}").ToList();
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }
}
