using Ekopz.Web.Api;
using Ekopz.Web.Components;
using Ekopz.Web.Formatting;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Ekopz.Web.Documents;

/// <summary>
/// A member's savings statement (rekening koran) for a period as an A4 PDF: the koperasi's letterhead, the member, the
/// period, the opening and closing balance of each kind of savings, and every line with its running balance. Made from
/// the same API answer as the history page (docs/adr/0021).
/// </summary>
public static class StatementPdf
{
    public sealed record Line(DateOnly? Date, string What, string Kind, decimal Amount, decimal Balance, string Actor, string Channel);

    public static byte[] Render(string koperasiName, string memberName, string memberNumber, DateOnly from, DateOnly to,
        StatementBalances opening, StatementBalances closing, IReadOnlyList<Line> lines, DateTimeOffset printedAt, string timeZone)
    {
        FontFiles.Install();
        var document = new PdfDocument();
        document.Info.Title = $"{Teks.Rekening_judul} {memberNumber} {Tanggal.Iso(from)} {Tanggal.Iso(to)}";
        document.Info.Author = koperasiName;
        var regular = new XFont(FontFiles.Family, 9.5, XFontStyleEx.Regular);
        var bold = new XFont(FontFiles.Family, 9.5, XFontStyleEx.Bold);
        var small = new XFont(FontFiles.Family, 8, XFontStyleEx.Regular);
        var head = new XFont(FontFiles.Family, 15, XFontStyleEx.Bold);
        var title = new XFont(FontFiles.Family, 12, XFontStyleEx.Bold);
        var margin = XUnit.FromMillimeter(18).Point;
        const double row = 14;

        PdfPage page = null!;
        XGraphics gfx = null!;
        double y = 0, right = 0, bottom = 0;
        var pageNumber = 0;

        void NewPage()
        {
            gfx?.Dispose();
            page = document.AddPage();
            page.Width = XUnit.FromMillimeter(210);
            page.Height = XUnit.FromMillimeter(297);
            gfx = XGraphics.FromPdfPage(page);
            right = page.Width.Point - margin;
            bottom = page.Height.Point - margin;
            y = margin;
            pageNumber++;
            gfx.DrawString(string.Format(Teks.Rekening_halaman, pageNumber), small, XBrushes.DimGray,
                new XRect(margin, bottom, right - margin, row), XStringFormats.TopRight);
        }
        void Text(string s, XFont f, double x, double width, XStringFormat align, XBrush? brush = null) =>
            gfx.DrawString(s, f, brush ?? XBrushes.Black, new XRect(x, y, width, row), align);
        void Rule(double weight = 0.5) { gfx.DrawLine(new XPen(XColors.Gray, weight), margin, y + 2, right, y + 2); y += 6; }

        NewPage();
        // Letterhead.
        Text(koperasiName, head, margin, right - margin, XStringFormats.TopLeft);
        y += 20;
        Text(Teks.Rekening_judul, title, margin, right - margin, XStringFormats.TopLeft);
        y += 18;
        Rule(1);
        var width = right - margin;
        void Pair(string label, string value)
        {
            Text(label, regular, margin, width * 0.3, XStringFormats.TopLeft, XBrushes.DimGray);
            Text(value, bold, margin + width * 0.3, width * 0.7, XStringFormats.TopLeft);
            y += row;
        }
        Pair(Teks.Rekening_anggota, $"{memberName} ({memberNumber})");
        Pair(Teks.Rekening_periode, $"{Tanggal.Format(from)} – {Tanggal.Format(to)}");
        Pair(Teks.Rekening_dicetak, Tanggal.Moment(printedAt, timeZone));
        y += 6;

        // Opening and closing per kind.
        double[] sx = [margin, margin + width * 0.4, margin + width * 0.7];
        Text(Teks.Rekening_jenis, bold, sx[0], width * 0.4, XStringFormats.TopLeft);
        Text(Teks.Saya_saldo_awal, bold, sx[1], width * 0.3, XStringFormats.TopRight);
        Text(Teks.Saya_saldo_akhir, bold, sx[2], width * 0.3, XStringFormats.TopRight);
        y += row;
        Rule();
        foreach (var (name, o, c) in new[]
                 {
                     (Teks.Simpanan_pokok, opening.Pokok, closing.Pokok), (Teks.Simpanan_wajib, opening.Wajib, closing.Wajib),
                     (Teks.Simpanan_sukarela, opening.Sukarela, closing.Sukarela),
                 })
        {
            Text(name, regular, sx[0], width * 0.4, XStringFormats.TopLeft);
            Text(Rupiah.Format(o), regular, sx[1], width * 0.3, XStringFormats.TopRight);
            Text(Rupiah.Format(c), regular, sx[2], width * 0.3, XStringFormats.TopRight);
            y += row;
        }
        Rule();
        Text(Teks.Jumlah, bold, sx[0], width * 0.4, XStringFormats.TopLeft);
        Text(Rupiah.Format(opening.Pokok + opening.Wajib + opening.Sukarela), bold, sx[1], width * 0.3, XStringFormats.TopRight);
        Text(Rupiah.Format(closing.Pokok + closing.Wajib + closing.Sukarela), bold, sx[2], width * 0.3, XStringFormats.TopRight);
        y += row * 2;

        // The lines.
        double[] lx = [margin, margin + width * 0.16, margin + width * 0.58, margin + width * 0.79];
        void Header()
        {
            Text(Teks.Tanggal, bold, lx[0], width * 0.16, XStringFormats.TopLeft);
            Text(Teks.Keterangan, bold, lx[1], width * 0.42, XStringFormats.TopLeft);
            Text(Teks.Jumlah, bold, lx[2], width * 0.21, XStringFormats.TopRight);
            Text(Teks.Saldo, bold, lx[3], width * 0.21, XStringFormats.TopRight);
            y += row;
            Rule();
        }
        Header();
        if (lines.Count == 0)
        {
            Text(Teks.Saya_riwayat_kosong, regular, margin, width, XStringFormats.TopLeft);
            y += row;
        }
        foreach (var l in lines)
        {
            if (y + row * 2 > bottom - row)
            {
                NewPage();
                Header();
            }
            Text(Tanggal.Format(l.Date), regular, lx[0], width * 0.16, XStringFormats.TopLeft);
            Text(l.What, regular, lx[1], width * 0.42, XStringFormats.TopLeft);
            Text(Rupiah.Signed(l.Amount), regular, lx[2], width * 0.21, XStringFormats.TopRight);
            Text(Rupiah.Format(l.Balance), regular, lx[3], width * 0.21, XStringFormats.TopRight);
            y += row - 2;
            Text($"{l.Actor} · {l.Channel}", small, lx[1], width * 0.42, XStringFormats.TopLeft, XBrushes.DimGray);
            y += row;
        }
        Rule();
        y += 4;
        Text(Teks.Rekening_kaki, small, margin, width, XStringFormats.TopLeft, XBrushes.DimGray);
        gfx.Dispose();

        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }
}
