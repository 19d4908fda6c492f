using Ekopz.Web.Api;
using Ekopz.Web.Components;
using Ekopz.Web.Formatting;
using PdfSharp.Drawing;

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
        using var pdf = new A4Pages($"{Teks.Rekening_judul} {memberNumber} {Tanggal.Iso(from)} {Tanggal.Iso(to)}", koperasiName);
        var (regular, bold, small, margin, width) = (pdf.Regular, pdf.Bold, pdf.Small, pdf.Margin, pdf.Width);
        const double row = A4Pages.Row;
        void Text(string s, XFont f, double x, double w, XStringFormat align, XBrush? brush = null) => pdf.Text(s, f, x, w, align, brush);
        void Rule(double weight = 0.5) => pdf.Rule(weight);

        pdf.Letterhead(koperasiName, Teks.Rekening_judul);
        pdf.Pair(Teks.Rekening_anggota, $"{memberName} ({memberNumber})");
        pdf.Pair(Teks.Rekening_periode, $"{Tanggal.Format(from)} – {Tanggal.Format(to)}");
        pdf.Pair(Teks.Rekening_dicetak, Tanggal.Moment(printedAt, timeZone));
        pdf.Y += 6;

        // Opening and closing per kind.
        double[] sx = [margin, margin + width * 0.4, margin + width * 0.7];
        Text(Teks.Rekening_jenis, bold, sx[0], width * 0.4, XStringFormats.TopLeft);
        Text(Teks.Saya_saldo_awal, bold, sx[1], width * 0.3, XStringFormats.TopRight);
        Text(Teks.Saya_saldo_akhir, bold, sx[2], width * 0.3, XStringFormats.TopRight);
        pdf.Y += row;
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
            pdf.Y += row;
        }
        Rule();
        Text(Teks.Jumlah, bold, sx[0], width * 0.4, XStringFormats.TopLeft);
        Text(Rupiah.Format(opening.Pokok + opening.Wajib + opening.Sukarela), bold, sx[1], width * 0.3, XStringFormats.TopRight);
        Text(Rupiah.Format(closing.Pokok + closing.Wajib + closing.Sukarela), bold, sx[2], width * 0.3, XStringFormats.TopRight);
        pdf.Y += row * 2;

        // The lines.
        double[] lx = [margin, margin + width * 0.16, margin + width * 0.58, margin + width * 0.79];
        void Header()
        {
            Text(Teks.Tanggal, bold, lx[0], width * 0.16, XStringFormats.TopLeft);
            Text(Teks.Keterangan, bold, lx[1], width * 0.42, XStringFormats.TopLeft);
            Text(Teks.Jumlah, bold, lx[2], width * 0.21, XStringFormats.TopRight);
            Text(Teks.Saldo, bold, lx[3], width * 0.21, XStringFormats.TopRight);
            pdf.Y += row;
            Rule();
        }
        Header();
        pdf.OnNewPage = Header;
        if (lines.Count == 0)
        {
            Text(Teks.Saya_riwayat_kosong, regular, margin, width, XStringFormats.TopLeft);
            pdf.Y += row;
        }
        foreach (var l in lines)
        {
            pdf.Room();
            Text(Tanggal.Format(l.Date), regular, lx[0], width * 0.16, XStringFormats.TopLeft);
            Text(l.What, regular, lx[1], width * 0.42, XStringFormats.TopLeft);
            Text(Rupiah.Signed(l.Amount), regular, lx[2], width * 0.21, XStringFormats.TopRight);
            Text(Rupiah.Format(l.Balance), regular, lx[3], width * 0.21, XStringFormats.TopRight);
            pdf.Y += row - 2;
            Text($"{l.Actor} · {l.Channel}", small, lx[1], width * 0.42, XStringFormats.TopLeft, XBrushes.DimGray);
            pdf.Y += row;
        }
        Rule();
        pdf.Y += 4;
        Text(Teks.Rekening_kaki, small, margin, width, XStringFormats.TopLeft, XBrushes.DimGray);
        return pdf.Save();
    }
}
