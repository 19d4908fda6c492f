using System.IO.Compression;
using System.Net;
using System.Security;
using System.Text;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Imports;

/// <summary>Files for import tests: CSV text, a minimal xlsx written by hand (to hold exactly the cells a test needs), and the API calls.</summary>
public static class ImportFiles
{
    public static string Base64(string csv) => Convert.ToBase64String(Encoding.UTF8.GetBytes(csv));

    public static object File(string name, byte[] bytes) => new { fileName = name, contentBase64 = Convert.ToBase64String(bytes) };

    public static object Csv(string name, string csv) => File(name, Encoding.UTF8.GetBytes(csv));

    /// <summary>
    /// A one-sheet xlsx. A cell is text unless it starts with '#' (a number cell holding the rest verbatim, as Excel
    /// writes <c>&lt;v&gt;3.27E+15&lt;/v&gt;</c>) or '=' (a formula).
    /// </summary>
    public static byte[] Xlsx(IReadOnlyList<string[]> rows, string? mergeRef = null)
    {
        var sheet = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
        for (var r = 0; r < rows.Count; r++)
        {
            sheet.Append($"<row r=\"{r + 1}\">");
            for (var c = 0; c < rows[r].Length; c++)
            {
                var reference = $"{(char)('A' + c)}{r + 1}";
                var v = rows[r][c];
                if (v.StartsWith('#')) sheet.Append($"<c r=\"{reference}\"><v>{v[1..]}</v></c>");
                else if (v.StartsWith('=')) sheet.Append($"<c r=\"{reference}\"><f>{SecurityElement.Escape(v[1..])}</f><v>0</v></c>");
                else sheet.Append($"<c r=\"{reference}\" t=\"inlineStr\"><is><t>{SecurityElement.Escape(v)}</t></is></c>");
            }
            sheet.Append("</row>");
        }
        sheet.Append("</sheetData>");
        if (mergeRef is not null) sheet.Append($"<mergeCells count=\"1\"><mergeCell ref=\"{mergeRef}\"/></mergeCells>");
        sheet.Append("</worksheet>");
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            var entry = zip.CreateEntry("xl/worksheets/sheet1.xml");
            using var writer = new StreamWriter(entry.Open(), new UTF8Encoding(false));
            writer.Write(sheet.ToString());
        }
        return output.ToArray();
    }

    public static Task<Reply> DryRun(TestKoperasi kop, string cutOver, object? members, object? ledger) =>
        kop.Pengurus.Post(kop.Url("imports/opening-balances/dry-run"), new { cutOverDate = cutOver, members, ledger });

    public static Task<Reply> Apply(TestKoperasi kop, string cutOver, object? members, object? ledger) =>
        kop.Pengurus.Post(kop.Url("imports/opening-balances/apply"), new { cutOverDate = cutOver, members, ledger });

    /// <summary>A dry run (or, with <paramref name="apply"/>, an apply) of any of the four files (docs/adr/0035).</summary>
    public static Task<Reply> Import(TestKoperasi kop, string cutOver, object? members = null, object? ledger = null, object? loans = null,
        object? products = null, bool apply = false) =>
        kop.Pengurus.Post(kop.Url(apply ? "imports/opening-balances/apply" : "imports/opening-balances/dry-run"),
            new { cutOverDate = cutOver, members, ledger, loans, products });

    public static async Task<List<(Guid Id, string Nik, string Name)>> MembersOf(TestKoperasi kop)
    {
        var list = (await kop.Pengurus.Get(kop.Url("members?pageSize=200"))).ShouldBe(HttpStatusCode.OK);
        return list.Json["members"]!.AsArray()
            .Select(m => (m!["memberId"]!.GetValue<Guid>(), m["nik"]!.GetValue<string>(), m["name"]!.GetValue<string>())).ToList();
    }

    /// <summary>How many journal entries the books hold (nothing recorded = the same count).</summary>
    public static async Task<int> JournalEntries(TestKoperasi kop) =>
        (await kop.Pengawas.Get(kop.Url("ledger/journal?from=2000-01-01&to=2099-12-31&pageSize=1000"))).ShouldBe(HttpStatusCode.OK)
            .Json["entries"]!.AsArray().Count;
}
