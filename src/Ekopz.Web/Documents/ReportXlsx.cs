using MiniExcelLibs;

namespace Ekopz.Web.Documents;

/// <summary>
/// A report or list (<see cref="ReportSheet"/>) as an Excel workbook: sheet "Laporan" with one header row (Kode, the label, the
/// value columns) and one row per report row, figures as numbers so a spreadsheet can add them; sheet "Keterangan" with the
/// koperasi, the period, "as recorded at", the seal and the notes.
/// </summary>
public static class ReportXlsx
{
    public const string TableSheet = "Laporan";
    public const string InfoSheet = "Keterangan";

    public static byte[] Render(ReportSheet sheet)
    {
        var headers = UniqueHeaders([Teks.Dok_kode, sheet.LabelHeader, .. sheet.Columns]);
        var rows = sheet.Rows.Select(r =>
        {
            var row = new Dictionary<string, object?> { [headers[0]] = r.Code ?? "", [headers[1]] = r.Label };
            for (var i = 0; i < sheet.Columns.Count; i++)
                row[headers[i + 2]] = i < r.Values.Count ? Cell(r.Values[i]) : null;
            return row;
        }).ToList();
        var info = new List<Dictionary<string, object?>>
        {
            Info(Teks.Dok_koperasi, sheet.KoperasiName),
            Info(Teks.Dok_laporan, sheet.Title),
            Info(Teks.Dok_periode, sheet.Period),
            Info(Teks.Seperti_tercatat_pada, sheet.RecordedAt),
        };
        if (sheet.Seal is not null) info.Add(Info(Teks.Dok_segel, sheet.Seal));
        info.AddRange(sheet.Notes.Select(n => Info(Teks.Dok_catatan, n)));
        var workbook = new Dictionary<string, object> { [TableSheet] = rows, [InfoSheet] = info };
        using var output = new MemoryStream();
        output.SaveAs(workbook, excelType: ExcelType.XLSX);
        return output.ToArray();
    }

    private static Dictionary<string, object?> Info(string what, string value) =>
        new() { [Teks.Keterangan] = what, [Teks.Dok_isi] = value };

    private static object? Cell(object? value) => value switch
    {
        DateOnly d => d.ToDateTime(TimeOnly.MinValue),
        _ => value,
    };

    /// <summary>A header row names each column once ("Jumlah", "Jumlah (2)").</summary>
    private static List<string> UniqueHeaders(IEnumerable<string> names)
    {
        var seen = new HashSet<string>();
        var result = new List<string>();
        foreach (var n in names)
        {
            var name = n;
            for (var i = 2; !seen.Add(name); i++) name = $"{n} ({i})";
            result.Add(name);
        }
        return result;
    }
}
