using System.Globalization;
using System.Text;
using Ekopz.Web.Api;
using Ekopz.Web.Components;
using Ekopz.Web.Documents;
using Ekopz.Web.Formatting;
using Ekopz.Web.Pages.Saya;
using Ekopz.Web.Session;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Ekopz.Web.Hosting;

/// <summary>
/// The signed-in member's statement for a period, as a PDF or CSV file (docs/adr/0021). Always the caller's own member
/// (from the session, never from the URL), read through the API with their token; the period is the history page's.
/// </summary>
public static class MemberDownloads
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/saya/rekening-koran.pdf", (HttpContext http, EkopzApi api, TimeProvider time) => Download(http, api, time, pdf: true))
            .RequireAuthorization(new AuthorizeAttribute { Roles = "anggota" }).ExcludeFromDescription();
        endpoints.MapGet("/saya/rekening-koran.csv", (HttpContext http, EkopzApi api, TimeProvider time) => Download(http, api, time, pdf: false))
            .RequireAuthorization(new AuthorizeAttribute { Roles = "anggota" }).ExcludeFromDescription();
    }

    private static async Task Download(HttpContext http, EkopzApi api, TimeProvider time, bool pdf)
    {
        var me = ConsoleSession.User(http);
        if (me?.MemberId is not { } memberId)
        {
            await ErrorPages.Write(http, 404);
            return;
        }
        var now = time.GetUtcNow();
        var (from, to) = History.Period(http.Request.Query["dari"], http.Request.Query["sampai"], Tanggal.Today(now, me.TimeZone));
        Api.Statement first;
        var lines = new List<StatementLine>();
        try
        {
            first = await api.GetStatementAsync(me.Kop, memberId, asOf: Tanggal.Iso(to), from: Tanggal.Iso(from), page: 1, pageSize: 1000);
            lines.AddRange(first.Lines);
            for (var page = 2; lines.Count < first.TotalLines && page <= 50; page++)
                lines.AddRange((await api.GetStatementAsync(me.Kop, memberId, asOf: Tanggal.Iso(to), from: Tanggal.Iso(from), page: page, pageSize: 1000)).Lines);
        }
        catch (ApiException e) when (e.StatusCode == 401)
        {
            http.Response.Redirect("/masuk?habis=1");
            return;
        }
        catch (ApiException e) when (e.StatusCode is 400 or 403 or 404)
        {
            await ErrorPages.Write(http, e.StatusCode);
            return;
        }
        var name = $"rekening-koran-{first.MemberNumber}-{Tanggal.Iso(from)}-{Tanggal.Iso(to)}";
        http.Response.Headers.CacheControl = "no-store";
        var opening = first.Opening ?? new StatementBalances();
        if (pdf)
        {
            var bytes = StatementPdf.Render(me.KoperasiName, first.Name, first.MemberNumber, from, to, opening, first.Balances,
                lines.Select(l => new StatementPdf.Line(l.BusinessDate, History.Words(l), l.Kind, l.Amount, l.BalanceAfter, l.Actor, Labels.Channel(l.Channel))).ToList(),
                now, me.TimeZone);
            http.Response.ContentType = "application/pdf";
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}.pdf\"";
            await http.Response.Body.WriteAsync(bytes, http.RequestAborted);
            return;
        }
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}.csv\"";
        await http.Response.WriteAsync(Csv(first, opening, lines, me.TimeZone), http.RequestAborted);
    }

    /// <summary>One row per line (dates ISO, amounts with a decimal point, so a spreadsheet reads them as numbers).</summary>
    private static string Csv(Api.Statement s, StatementBalances opening, IReadOnlyList<StatementLine> lines, string timeZone)
    {
        static string Q(string? v) => v is null ? "" : v.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + v.Replace("\"", "\"\"") + "\"" : v;
        static string N(decimal d) => d.ToString("0.##", CultureInfo.InvariantCulture);
        var csv = new StringBuilder();
        csv.AppendLine("tanggal,keterangan,jenis_simpanan,jumlah,saldo,dicatat_oleh,saluran,dicatat_pada,id_transaksi");
        foreach (var l in lines)
            csv.AppendLine(string.Join(',', l.BusinessDate is { } d ? Tanggal.Iso(d) : "", Q(History.Words(l)), l.Kind, N(l.Amount), N(l.BalanceAfter),
                Q(l.Actor), Q(Labels.Channel(l.Channel)), Q(Tanggal.Moment(l.RecordedAt, timeZone)), l.TransactionId));
        csv.AppendLine();
        csv.AppendLine("jenis_simpanan,saldo_awal,saldo_akhir");
        csv.AppendLine($"pokok,{N(opening.Pokok)},{N(s.Balances.Pokok)}");
        csv.AppendLine($"wajib,{N(opening.Wajib)},{N(s.Balances.Wajib)}");
        csv.AppendLine($"sukarela,{N(opening.Sukarela)},{N(s.Balances.Sukarela)}");
        return csv.ToString();
    }
}
