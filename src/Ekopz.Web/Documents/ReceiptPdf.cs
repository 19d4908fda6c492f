using Ekopz.Web.Api;
using Ekopz.Web.Formatting;
using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Pdf;

namespace Ekopz.Web.Documents;

/// <summary>
/// A kwitansi as a PDF: on A4 for the file, or 80 mm wide for a receipt printer. The same facts as the
/// page: koperasi, number, member, what was paid, the amount in figures and in words, kasir, time and
/// transaction id.
/// </summary>
public static class ReceiptPdf
{
    public static byte[] Render(ReceiptView r, string timeZone, bool narrow)
    {
        FontFiles.Install();
        var document = new PdfDocument();
        document.Info.Title = $"{Teks.Kwitansi_judul} {ReceiptText.Number(r.ReceiptNumber)}";
        document.Info.Author = r.KoperasiName;
        var page = document.AddPage();
        var width = narrow ? XUnit.FromMillimeter(80) : XUnit.FromMillimeter(210);
        page.Width = width;
        page.Height = narrow ? XUnit.FromMillimeter(120 + 8 * r.Lines.Count) : XUnit.FromMillimeter(297);
        var margin = narrow ? XUnit.FromMillimeter(4).Point : XUnit.FromMillimeter(20).Point;
        var size = narrow ? 8.0 : 11.0;
        var regular = new XFont(FontFiles.Family, size, XFontStyleEx.Regular);
        var bold = new XFont(FontFiles.Family, size, XFontStyleEx.Bold);
        var title = new XFont(FontFiles.Family, size * 1.5, XFontStyleEx.Bold);
        using var gfx = XGraphics.FromPdfPage(page);
        var text = new XTextFormatter(gfx);
        var right = page.Width.Point - margin;
        var y = margin;
        var line = size * 1.45;

        void Center(string s, XFont f) { gfx.DrawString(s, f, XBrushes.Black, new XRect(margin, y, right - margin, line), XStringFormats.TopCenter); y += f.Size * 1.45; }
        void Pair(string label, string value, XFont? f = null)
        {
            gfx.DrawString(label, regular, XBrushes.DimGray, new XPoint(margin, y + size));
            gfx.DrawString(value, f ?? regular, XBrushes.Black, new XRect(margin, y, right - margin, line), XStringFormats.TopRight);
            y += line;
        }
        void Rule() { gfx.DrawLine(new XPen(XColors.Gray, 0.5) { DashStyle = XDashStyle.Dash }, margin, y + 2, right, y + 2); y += line * 0.6; }

        Center(r.KoperasiName, bold);
        Center(Teks.Kwitansi_judul.ToUpperInvariant(), title);
        Center($"{Teks.Kwitansi_nomor} {ReceiptText.Number(r.ReceiptNumber)}", regular);
        Rule();
        Pair(Teks.Kwitansi_tanggal, Tanggal.Moment(r.RecordedAt, timeZone));
        if (r.MemberName is not null) Pair(r.Direction == "out" ? Teks.Kwitansi_dibayar_kepada : Teks.Kwitansi_diterima_dari, $"{r.MemberName} ({r.MemberNumber})");
        Rule();
        foreach (var l in r.Lines)
        {
            var label = ReceiptText.Line(l);
            var labelRect = new XRect(margin, y, (right - margin) * 0.62, line * 2);
            text.DrawString(label, regular, XBrushes.Black, labelRect, XStringFormats.TopLeft);
            gfx.DrawString(Rupiah.Format(l.Amount), regular, XBrushes.Black, new XRect(margin, y, right - margin, line), XStringFormats.TopRight);
            y += label.Length > (narrow ? 26 : 60) ? line * 2 : line;
        }
        Rule();
        Pair(Teks.Kwitansi_jumlah, Rupiah.Format(r.Total), title);
        y += line * 0.3;
        var words = Terbilang.Rupiah(r.Total);
        var wordsHeight = line * (1 + words.Length / (narrow ? 30 : 70));
        gfx.DrawRectangle(new XPen(XColors.LightGray, 0.5), margin, y, right - margin, wordsHeight + 4);
        text.DrawString(words, new XFont(FontFiles.Family, size, XFontStyleEx.Italic), XBrushes.Black,
            new XRect(margin + 3, y + 2, right - margin - 6, wordsHeight), XStringFormats.TopLeft);
        y += wordsHeight + line;
        Pair(Teks.Kwitansi_kasir, r.Cashier);
        Pair(Teks.Saluran, Components.Labels.Channel(r.Channel));
        Pair(Teks.Tanggal_bisnis, Tanggal.Format(r.BusinessDate));
        Rule();
        gfx.DrawString($"{Teks.Kwitansi_transaksi} {r.TransactionId}", new XFont(FontFiles.Family, size * 0.75, XFontStyleEx.Regular), XBrushes.DimGray,
            new XRect(margin, y, right - margin, line), XStringFormats.TopCenter);
        y += line;
        gfx.DrawString(string.Format(Teks.Kwitansi_dicetak, Tanggal.Moment(r.IssuedAt, timeZone), r.IssuedBy),
            new XFont(FontFiles.Family, size * 0.75, XFontStyleEx.Regular), XBrushes.DimGray, new XRect(margin, y, right - margin, line), XStringFormats.TopCenter);

        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }
}
