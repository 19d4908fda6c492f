using System.Globalization;
using System.Text.RegularExpressions;
using Ekopz.Web.Api;
using Ekopz.Web.Components.Books;
using Ekopz.Web.Formatting;
using Ekopz.Web.Session;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Ekopz.Web.Hosting;

/// <summary>
/// "Unduh CSV" on every report. The browser never holds an API token, so the console fetches the
/// report from the API as CSV (<c>Accept: text/csv</c>) with the signed-in person's token, through the
/// typed client's own HttpClient (<see cref="ApiHandler"/> adds the token), and streams it on under a
/// file name a person recognises (<c>neraca-2026-12-04.csv</c>). Only the reports named here, only the
/// parameters each one takes, and only values of the expected shape are passed to the API; the API
/// still decides who may read what.
/// </summary>
public static partial class ReportDownload
{
    private sealed record Report(string ApiPath, string[] Keys, bool Period);

    private static readonly Dictionary<string, Report> Reports = new(StringComparer.Ordinal)
    {
        ["neraca-saldo"] = new("ledger/trial-balance", ["asOf", "knownAt"], false),
        ["neraca"] = new("reports/balance-sheet", ["asOf", "knownAt"], false),
        ["phu"] = new("reports/income-statement", ["from", "to", "knownAt"], true),
        ["arus-kas"] = new("reports/cash-flow", ["from", "to", "knownAt"], true),
        ["perubahan-ekuitas"] = new("reports/equity-changes", ["from", "to", "knownAt"], true),
        ["buku-kas"] = new("reports/cash-book", ["from", "to", "account", "knownAt"], true),
        ["jurnal"] = new("ledger/journal", ["from", "to", "account", "cashFlow", "knownAt"], true),
        ["buku-besar"] = new("ledger/accounts/{account}/lines", ["from", "to", "knownAt"], true),
        ["baris"] = new("ledger/lines", [.. Drill.LineKeys], true),
    };

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/laporan/unduh/{report}", Download)
            .RequireAuthorization(new AuthorizeAttribute { Roles = "pengurus,kasir,pengawas" })
            .ExcludeFromDescription();

    private static async Task Download(HttpContext http, string report, IHttpClientFactory clients, TimeProvider time)
    {
        var me = ConsoleSession.User(http);
        if (me is null || !Reports.TryGetValue(report, out var r))
        {
            await ErrorPages.Write(http, 404);
            return;
        }
        var values = new List<(string Key, string? Value)>();
        foreach (var key in r.Keys)
        {
            var value = http.Request.Query[key].ToString();
            if (value.Length == 0) continue;
            if (!Valid(key, value))
            {
                await ErrorPages.Write(http, 400);
                return;
            }
            values.Add((key, value));
        }
        var path = r.ApiPath;
        if (path.Contains("{account}", StringComparison.Ordinal))
        {
            var account = http.Request.Query["account"].ToString();
            if (!Valid("account", account))
            {
                await ErrorPages.Write(http, 400);
                return;
            }
            path = path.Replace("{account}", Uri.EscapeDataString(account), StringComparison.Ordinal);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/v1/koperasi/{Uri.EscapeDataString(me.Kop)}/{path}{Drill.Query(values)}");
        request.Headers.Accept.ParseAdd("text/csv");
        var client = clients.CreateClient(nameof(EkopzApi));
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, http.RequestAborted);
        switch ((int)response.StatusCode)
        {
            case 401:
                http.Response.Redirect("/masuk?habis=1");
                return;
            case 400 or 403 or 404:
                await ErrorPages.Write(http, (int)response.StatusCode);
                return;
            case < 200 or >= 300:
                await ErrorPages.Write(http, 500);
                return;
        }
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{FileName(report, r, http.Request.Query, Tanggal.Today(time.GetUtcNow(), me.TimeZone))}\"";
        http.Response.Headers.CacheControl = "no-store";
        await using var body = await response.Content.ReadAsStreamAsync(http.RequestAborted);
        await body.CopyToAsync(http.Response.Body, http.RequestAborted);
    }

    /// <summary>"neraca-2026-12-04.csv", "phu-2026-01-01-2026-12-04.csv", "buku-besar-1-1000-2026-01-01-2026-12-04.csv".</summary>
    private static string FileName(string report, Report r, IQueryCollection query, DateOnly today)
    {
        DateOnly Date(string key, DateOnly fallback) => Tanggal.TryParseIso(query[key].ToString(), out var d) ? d : fallback;
        var name = report;
        if (report == "buku-besar" || (report is "buku-kas" or "jurnal" && query["account"].ToString().Length > 0))
            name += "-" + query["account"];
        if (!r.Period) return $"{name}-{Tanggal.Iso(Date("asOf", today))}.csv";
        var to = Date("to", today);
        var from = report == "baris" ? (Tanggal.TryParseIso(query["from"].ToString(), out var f) ? f : (DateOnly?)null) : Date("from", new DateOnly(to.Year, 1, 1));
        return from is { } start ? $"{name}-{Tanggal.Iso(start)}-{Tanggal.Iso(to)}.csv" : $"{name}-{Tanggal.Iso(to)}.csv";
    }

    /// <summary>Is this a value of the shape the parameter takes? Anything else is refused, never passed on.</summary>
    internal static bool Valid(string key, string value) => key switch
    {
        "asOf" or "from" or "to" => Tanggal.TryParseIso(value, out _),
        "knownAt" => DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _) && value.Length <= 40,
        "account" => AccountCode().IsMatch(value),
        "accounts" => value.Length <= 2000 && value.Split(',').All(a => AccountCode().IsMatch(a)),
        "dates" => value.Length <= 2000 && Dates().IsMatch(value),
        "kind" => value.Split(',').All(k => k is "regular" or "closing" or "opening"),
        "cashFlow" => CashFlow().IsMatch(value),
        "side" => value is "debit" or "credit",
        "counterparty" => value is "member" or "non_member",
        "source" or "excludeSource" => Source().IsMatch(value),
        _ => false,
    };

    [GeneratedRegex(@"^[0-9A-Za-z][0-9A-Za-z.\-]{0,31}$")]
    private static partial Regex AccountCode();

    [GeneratedRegex(@"^[0-9\-.,]+$")]
    private static partial Regex Dates();

    [GeneratedRegex(@"^[a-z]+\.[a-z_]+$")]
    private static partial Regex CashFlow();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_]{0,99}$")]
    private static partial Regex Source();
}
