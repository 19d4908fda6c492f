using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Ledger;
using Ekopz.Projections.Ledger;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Ekopz.Api.Ledger;

/// <summary>
/// The journal of a period as a plain-text accounting file (hledger's journal format, which ledger also reads), so an
/// auditor can check the books with a tool no one here wrote (docs/adr/0029). The balances before <c>from</c> open the
/// file as one entry dated <c>from</c>, so <c>hledger bal</c> on the file equals the trial balance at <c>to</c>.
/// </summary>
public static partial class PlainTextJournal
{
    /// <summary>The period's journal as a plain-text accounting file (hledger, ledger)</summary>
    /// <remarks>
    /// Pengurus or pengawas, or an auditor given their sign-in. Every journal entry between <c>from</c> and <c>to</c> as recorded at
    /// <c>knownAt</c>, in hledger's journal format, opened by the balances before <c>from</c> as one entry, so
    /// <c>hledger bal</c> on the file equals the trial balance at <c>to</c>. Each entry carries its number, kind and source event
    /// as tags. A date that is not <c>yyyy-MM-dd</c> is 400 <c>validation_failed</c>.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/ledger/export.journal", OperationId = "getPlainTextJournal")]
    [Authorize(Policy = Policies.BoardRead)]
    [Tags("Books")]
    [ProducesResponseType<string>(200, "text/plain")]
    [ProducesResponseType<ProblemDetails>(400)]
    public static async Task<IResult> Export(string kop, string? from, string? to, string? knownAt, HttpContext http, IDocumentStore store,
        IClock clock, LedgerQueries ledger, LedgerLines lines)
    {
        var ctx = await ReportContext.Load(store, clock, kop, http.RequestAborted);
        var (start, end) = ctx.Period(from, to);
        var known = QueryParams.Instant(knownAt, "knownAt");
        var opening = TrialBalances.From(await ledger.Totals(kop, null, start.PlusDays(-1), known, LedgerQueries.AllKinds, false, http.RequestAborted));
        var filter = LineFilter.Between(start, end, known, null);
        var header = new StringBuilder();
        header.Append(CultureInfo.InvariantCulture,
            $"; Ekopz journal of {kop}, {start:yyyy-MM-dd} to {end:yyyy-MM-dd}, as recorded at {known ?? clock.GetCurrentInstant()}\n");
        header.Append("; Amounts in rupiah (IDR); a positive amount is a debit, a negative one a credit.\n\n");
        // Each account once, under its class, with hledger's account type so `hledger bs`/`is` know them.
        foreach (var a in ctx.Chart.Accounts.OrderBy(a => a.Code, StringComparer.Ordinal))
            header.Append(CultureInfo.InvariantCulture, $"account {Name(ctx, a.Code, end)}  ; type: {TypeOf(a.Class)}\n");
        header.Append('\n');
        if (opening.Count > 0)
        {
            header.Append(CultureInfo.InvariantCulture, $"{start:yyyy-MM-dd} * Saldo awal  ; kind:opening-balances\n");
            foreach (var l in opening) header.Append(Posting(ctx, l.AccountCode, end, l.Debit - l.Credit));
            header.Append('\n');
        }
        return new JournalFile($"jurnal-{kop}-{start:yyyy-MM-dd}-{end:yyyy-MM-dd}.journal", header.ToString(),
            Entries(ctx, lines.StreamEntries(kop, filter, http.RequestAborted), end));
    }

    /// <summary>One transaction per journal entry, its postings in line order, written as the lines arrive.</summary>
    private static async IAsyncEnumerable<string> Entries(ReportContext ctx, IAsyncEnumerable<LedgerLineRow> rows, LocalDate end)
    {
        var text = new StringBuilder();
        Guid? current = null;
        await foreach (var r in rows)
        {
            if (r.EntryId != current)
            {
                if (text.Length > 0)
                {
                    yield return text.Append('\n').ToString();
                    text.Clear();
                }
                current = r.EntryId;
                text.Append(CultureInfo.InvariantCulture,
                    $"{r.BusinessDate:yyyy-MM-dd} * {Clean(r.Description)}  ; entry:{r.EntryId}, event:{r.EventId}, source:{Tag(r.Source)}, kind:{Tag(r.Kind)}, actor:{Tag(r.Actor)}, recorded:{r.RecordedAt}\n");
            }
            text.Append(Posting(ctx, r.AccountCode, end, r.Debit - r.Credit));
        }
        if (text.Length > 0) yield return text.ToString();
    }

    private static string Posting(ReportContext ctx, string code, LocalDate end, decimal amount) =>
        string.Create(CultureInfo.InvariantCulture, $"    {Name(ctx, code, end),-60}  {amount:0.00} IDR\n");

    /// <summary>"Aset:1-1000 Kas": the class, then code and name. One name per account for the whole file (its name at <c>to</c>).</summary>
    internal static string Name(ReportContext ctx, string code, LocalDate date)
    {
        var account = ctx.Chart.Find(code);
        var top = account is null ? "Lain" : account.Class switch
        {
            AccountClass.Asset => "Aset",
            AccountClass.Liability => "Kewajiban",
            AccountClass.Equity => "Ekuitas",
            AccountClass.Revenue => "Pendapatan",
            _ => "Beban",
        };
        // A colon would start a sub-account and two spaces end the name: neither may come from an account's name.
        return $"{top}:{code} {Spaces().Replace(ctx.NameOf(code, date).Replace(':', '-').Replace(';', ','), " ").Trim()}";
    }

    private static string TypeOf(AccountClass c) => c switch
    {
        AccountClass.Asset => "A",
        AccountClass.Liability => "L",
        AccountClass.Equity => "E",
        AccountClass.Revenue => "R",
        _ => "X",
    };

    /// <summary>Free text on one line, without a comment mark or a tag separator.</summary>
    private static string Clean(string? s) => Spaces().Replace((s ?? "").Replace(';', ','), " ").Trim();

    /// <summary>A tag's value ends at a comma.</summary>
    private static string Tag(string? s) => Clean(s).Replace(',', ' ');

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    private sealed class JournalFile(string fileName, string header, IAsyncEnumerable<string> entries) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.ContentType = "text/plain; charset=utf-8";
            http.Response.Headers.ContentDisposition = $"attachment; filename={fileName}";
            await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(false), 64 * 1024, leaveOpen: true);
            await writer.WriteAsync(header);
            await foreach (var e in entries.WithCancellation(http.RequestAborted)) await writer.WriteAsync(e);
            await writer.FlushAsync(http.RequestAborted);
        }
    }
}
