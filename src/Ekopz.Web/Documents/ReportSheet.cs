namespace Ekopz.Web.Documents;

/// <summary>How a row of a report reads: a section heading, an account line, a subtotal, or a total.</summary>
public enum RowStyle
{
    Heading,
    Line,
    Subtotal,
    Total,
}

/// <param name="Code">The account code, when the row is one account (its own column in the spreadsheet).</param>
/// <param name="Values">One cell per value column: a number, or text (a date, a description), or nothing.</param>
public sealed record ReportRow(string Label, IReadOnlyList<object?> Values, RowStyle Style = RowStyle.Line, string? Code = null);

/// <summary>
/// A report or list as both files present it (docs/adr/0029): whose it is, what it covers, how the books stood, the seal of a
/// closed month, then columns and rows. <see cref="ReportPdf"/> draws it on A4 and <see cref="ReportXlsx"/> writes it as a
/// spreadsheet, so the PDF and the Excel file of one report cannot say different things.
/// </summary>
/// <param name="Columns">The headers of the value columns (the label column's header is <paramref name="LabelHeader"/>).</param>
/// <param name="Widths">Relative widths of the label column then each value column (PDF only); null for equal value columns.</param>
public sealed record ReportSheet(
    string FileName,
    string Title,
    string KoperasiName,
    string Period,
    string RecordedAt,
    string? Seal,
    string LabelHeader,
    IReadOnlyList<string> Columns,
    IReadOnlyList<ReportRow> Rows,
    IReadOnlyList<string> Notes,
    IReadOnlyList<double>? Widths = null);
