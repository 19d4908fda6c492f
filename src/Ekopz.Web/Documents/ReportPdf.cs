using Ekopz.Web.Formatting;
using PdfSharp.Drawing;

namespace Ekopz.Web.Documents;

/// <summary>
/// A report or list (<see cref="ReportSheet"/>) on A4: the koperasi's letterhead, the period, "as recorded at", the seal of a
/// closed month, then the table with its header repeated on every page. Figures as the console shows them (Rp 1.234.567).
/// Wide tables (more than four value columns) turn the page to landscape.
/// </summary>
public static class ReportPdf
{
    public static byte[] Render(ReportSheet sheet)
    {
        using var pdf = new A4Pages($"{sheet.Title} {sheet.Period}", sheet.KoperasiName, landscape: sheet.Columns.Count > 4,
            size: sheet.Columns.Count > 5 ? 8 : 9.5);
        pdf.Letterhead(sheet.KoperasiName, sheet.Title);
        pdf.Pair(Teks.Dok_periode, sheet.Period);
        pdf.Pair(Teks.Seperti_tercatat_pada, sheet.RecordedAt);
        if (sheet.Seal is not null) pdf.Pair(Teks.Dok_segel, sheet.Seal);
        pdf.Y += 6;

        var widths = sheet.Widths ?? [Math.Max(0.3, 1 - 0.17 * sheet.Columns.Count), .. sheet.Columns.Select(_ => 0.17)];
        var sum = widths.Sum();
        var xs = new double[widths.Count];
        var ws = new double[widths.Count];
        var x = pdf.Margin;
        for (var i = 0; i < widths.Count; i++)
        {
            xs[i] = x;
            ws[i] = pdf.Width * widths[i] / sum;
            x += ws[i];
        }

        void Header()
        {
            pdf.Fitted(sheet.LabelHeader, pdf.Bold, xs[0], ws[0], XStringFormats.TopLeft);
            for (var i = 0; i < sheet.Columns.Count; i++) pdf.Fitted(sheet.Columns[i], pdf.Bold, xs[i + 1], ws[i + 1], XStringFormats.TopRight);
            pdf.Y += A4Pages.Row;
            pdf.Rule();
        }
        Header();
        pdf.OnNewPage = Header;
        if (sheet.Rows.Count == 0)
        {
            pdf.Text(Teks.Lap_tidak_ada, pdf.Regular, pdf.Margin, pdf.Width, XStringFormats.TopLeft);
            pdf.Y += A4Pages.Row;
        }
        foreach (var r in sheet.Rows)
        {
            pdf.Room(r.Style == RowStyle.Heading ? 3 : 1);
            if (r.Style is RowStyle.Total) pdf.Rule(0.8);
            var font = r.Style is RowStyle.Line ? pdf.Regular : pdf.Bold;
            var indent = r.Style is RowStyle.Line && r.Code is not null ? 8 : 0;
            var label = r.Code is null ? r.Label : $"{r.Code}  {r.Label}";
            pdf.Fitted(label, font, xs[0] + indent, ws[0] - indent, XStringFormats.TopLeft);
            for (var i = 0; i < r.Values.Count && i < sheet.Columns.Count; i++)
            {
                var (text, numeric) = Cell(r.Values[i]);
                if (numeric) pdf.Figure(text, font, xs[i + 1], ws[i + 1]);
                else pdf.Fitted(text, font, xs[i + 1], ws[i + 1], XStringFormats.TopLeft);
            }
            pdf.Y += A4Pages.Row;
            if (r.Style is RowStyle.Subtotal or RowStyle.Total) pdf.Y += 3;
        }
        pdf.Rule();
        foreach (var note in sheet.Notes)
        {
            pdf.Room(1);
            var tf = new PdfSharp.Drawing.Layout.XTextFormatter(pdf.Gfx);
            var height = A4Pages.Row * (1 + note.Length / 110);
            tf.DrawString(note, pdf.Small, XBrushes.DimGray, new XRect(pdf.Margin, pdf.Y, pdf.Width, height), XStringFormats.TopLeft);
            pdf.Y += height + 2;
        }
        return pdf.Save();
    }

    private static (string Text, bool Numeric) Cell(object? value) => value switch
    {
        null => ("", true),
        decimal d => (Rupiah.Format(d), true),
        int or long => (Convert.ToString(value, System.Globalization.CultureInfo.GetCultureInfo("id-ID"))!, true),
        DateOnly date => (Tanggal.Format(date), false),
        _ => (value.ToString() ?? "", false),
    };
}
