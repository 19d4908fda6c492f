using Ekopz.Web.Api;
using Ekopz.Web.Components;
using Ekopz.Web.Formatting;
using PdfSharp.Drawing;

namespace Ekopz.Web.Documents;

/// <summary>
/// A loan's agreement summary and its schedule on A4 (docs/adr/0034): the member, the product, the principal, the rate and
/// method, the term, the decisions, then every installment with its due date, principal, interest, installment and the
/// principal left, and the totals. Drawn from the API's loan answer (<c>GET loans/{id}</c>), for staff and for the member.
/// </summary>
public static class LoanPdf
{
    public static byte[] Render(LoanView l, string memberName, string koperasiName, string timeZone, DateTimeOffset now)
    {
        using var pdf = new A4Pages($"{Teks.Pinjaman_pdf_judul} {l.MemberNumber}", koperasiName);
        pdf.Letterhead(koperasiName, Teks.Pinjaman_pdf_judul);
        pdf.Pair(Teks.Pinjaman_pdf_anggota, $"{memberName} ({l.MemberNumber})");
        if (l.ProductName is { } product) pdf.Pair(Teks.Pinjaman_pdf_produk, product);
        pdf.Pair(Teks.Pinjaman_pdf_pokok, Rupiah.Format(l.Principal));
        pdf.Pair(Teks.Pinjaman_pdf_bunga, $"{Rupiah.Percent(l.AnnualRate)} {Teks.Per_tahun}, {Labels.LoanMethod(l.Method)}");
        pdf.Pair(Teks.Pinjaman_pdf_jangka, string.Format(Teks.Pinjaman_pdf_jangka_isi, l.Periods, l.Frequency));
        if (l.Purpose is { Length: > 0 } purpose) pdf.Pair(Teks.Pinjaman_tujuan, purpose);
        if (l.Opening is { } opening)
        {
            // Moved in from the old books (docs/adr/0035): the balance at the cut-over and the old disbursement, no application.
            pdf.Pair(Teks.Pinjaman_saldo_pindahan, string.Format(Teks.Pinjaman_saldo_pindahan_isi, Tanggal.Format(opening.CutOverOn),
                Rupiah.Format(opening.Principal)));
            pdf.Pair(Teks.Pinjaman_cair_buku_lama, Tanggal.Format(opening.DisbursedOn)
                + (opening.OriginalPrincipal is { } original ? " · " + string.Format(Teks.Pinjaman_pokok_awal, Rupiah.Format(original)) : ""));
        }
        else
        {
            pdf.Pair(Teks.Pinjaman_pdf_diajukan, $"{Tanggal.Format(l.AppliedOn)} · {l.AppliedBy}");
            if (l.ApprovedOn is { } approved) pdf.Pair(Teks.Pinjaman_pdf_disetujui, $"{Tanggal.Format(approved)} · {l.ApprovedBy}");
            if (l.DisbursedOn is { } disbursed) pdf.Pair(Teks.Pinjaman_dicairkan, Tanggal.Format(disbursed));
        }
        pdf.Pair(Teks.Pinjaman_pdf_per, $"{Tanggal.Full(l.AsOf!.Value)} · {Labels.LoanStatus(l.Status)}");
        pdf.Pair(Teks.Pinjaman_sisa, Rupiah.Format(l.OutstandingPrincipal));
        pdf.Pair(Teks.Seperti_tercatat_pada, string.Format(Teks.Dok_sekarang, Tanggal.Moment(now, timeZone)));
        pdf.Y += 6;

        string[] headers = [Teks.Jadwal_ke, Teks.Jadwal_jatuh_tempo, Teks.Jadwal_pokok, Teks.Jadwal_bunga, Teks.Jadwal_kolom_angsuran, Teks.Jadwal_saldo_akhir, Teks.Status];
        double[] widths = [0.05, 0.14, 0.15, 0.14, 0.15, 0.15, 0.22];
        var xs = new double[widths.Length];
        var ws = new double[widths.Length];
        var x = pdf.Margin;
        for (var i = 0; i < widths.Length; i++)
        {
            xs[i] = x;
            ws[i] = pdf.Width * widths[i];
            x += ws[i];
        }
        void Header()
        {
            for (var i = 0; i < headers.Length; i++)
                pdf.Fitted(headers[i], pdf.Bold, xs[i], ws[i], i is 1 or 6 ? XStringFormats.TopLeft : XStringFormats.TopRight);
            pdf.Y += A4Pages.Row;
            pdf.Rule();
        }
        pdf.Text(Teks.Jadwal_angsuran, pdf.TitleFont, pdf.Margin, pdf.Width, XStringFormats.TopLeft);
        pdf.Y += A4Pages.Row + 4;
        Header();
        pdf.OnNewPage = Header;
        foreach (var r in l.Schedule)
        {
            pdf.Room(1);
            pdf.Figure(r.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), pdf.Regular, xs[0], ws[0]);
            pdf.Fitted(Tanggal.Format(r.DueDate), pdf.Regular, xs[1], ws[1], XStringFormats.TopLeft);
            pdf.Figure(Rupiah.Format(r.Principal), pdf.Regular, xs[2], ws[2]);
            pdf.Figure(Rupiah.Format(r.Interest), pdf.Regular, xs[3], ws[3]);
            pdf.Figure(Rupiah.Format(r.Installment), pdf.Regular, xs[4], ws[4]);
            pdf.Figure(Rupiah.Format(r.Closing), pdf.Regular, xs[5], ws[5]);
            pdf.Fitted(RowStatus(r), pdf.Regular, xs[6] + 4, ws[6] - 4, XStringFormats.TopLeft);
            pdf.Y += A4Pages.Row;
        }
        pdf.Rule(0.8);
        pdf.Fitted(Teks.Jumlah, pdf.Bold, xs[0], ws[0] + ws[1], XStringFormats.TopLeft);
        pdf.Figure(Rupiah.Format(l.Schedule.Sum(r => r.Principal)), pdf.Bold, xs[2], ws[2]);
        pdf.Figure(Rupiah.Format(l.Schedule.Sum(r => r.Interest)), pdf.Bold, xs[3], ws[3]);
        pdf.Figure(Rupiah.Format(l.Schedule.Sum(r => r.Installment)), pdf.Bold, xs[4], ws[4]);
        pdf.Y += A4Pages.Row + 6;
        pdf.Room(1);
        pdf.Text(Teks.Pinjaman_pdf_ket, pdf.Small, pdf.Margin, pdf.Width, XStringFormats.TopLeft, XBrushes.DimGray);
        return pdf.Save();
    }

    private static string RowStatus(ScheduleRowView r) => r.Status switch
    {
        "paid" => string.Format(Teks.Jadwal_lunas_pada, Tanggal.Format(r.PaidOn)),
        "partial" => string.Format(Teks.Jadwal_sebagian, Rupiah.Format(r.Unpaid)),
        "overdue" => string.Format(Teks.Jadwal_tertunggak, Rupiah.Format(r.Unpaid)),
        "due" => Teks.Jadwal_jatuh_tempo_hari_ini,
        "waived" or "written_off" => Teks.Jadwal_tidak_ditagih,
        _ => Teks.Jadwal_belum,
    };
}
