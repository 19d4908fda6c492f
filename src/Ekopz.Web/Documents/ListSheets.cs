using Ekopz.Web.Api;
using Ekopz.Web.Components;
using Ekopz.Web.Formatting;
using Ekopz.Web.Session;

namespace Ekopz.Web.Documents;

/// <summary>
/// The console's lists as <see cref="ReportSheet"/>s for "Unduh Excel" (docs/adr/0034): members with their savings, loans,
/// wajib arrears, and the SHU per member of a decided year. Read whole through the API (page by page) with the signed-in
/// person's token; the API decides who may read each list.
/// </summary>
public static class ListSheets
{
    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal) { "anggota", "pinjaman", "tunggakan-wajib", "shu" };

    /// <summary>At most this many pages of 1,000 rows are read (a list longer than 100,000 rows is cut and says so).</summary>
    private const int MaxPages = 100;

    public static async Task<ReportSheet> Build(EkopzApi api, ConsoleUser me, string list, int? year, DateTimeOffset now, CancellationToken ct)
    {
        var recorded = string.Format(Teks.Dok_sekarang, Tanggal.Moment(now, me.TimeZone));
        var today = Tanggal.Today(now, me.TimeZone);
        var per = string.Format(Teks.Lap_per, Tanggal.Full(today));
        switch (list)
        {
            case "anggota":
            {
                var members = new List<MemberView>();
                for (var page = 1; page <= MaxPages; page++)
                {
                    var p = await api.ListMembersAsync(me.Kop, null, page, 1000, ct);
                    members.AddRange(p.Members);
                    if (members.Count >= p.Total || p.Members.Count == 0) break;
                }
                var rows = members.Select(m => new ReportRow(m.Name, [Labels.Status(m.Status), m.RegisteredOn, m.Balances.Pokok, m.Balances.Wajib,
                    m.Balances.Sukarela, m.Balances.Pokok + m.Balances.Wajib + m.Balances.Sukarela], Code: m.MemberNumber)).ToList();
                rows.Add(new($"{Teks.Jumlah} ({members.Count})", [null, null, members.Sum(m => m.Balances.Pokok), members.Sum(m => m.Balances.Wajib),
                    members.Sum(m => m.Balances.Sukarela), members.Sum(m => m.Balances.Pokok + m.Balances.Wajib + m.Balances.Sukarela)], RowStyle.Total));
                return new($"anggota-{Tanggal.Iso(today)}", Teks.Anggota_judul, me.KoperasiName, per, recorded, null, Teks.Anggota_nama,
                    [Teks.Anggota_status, Teks.Tanggal_daftar, Teks.Rat_simpanan_pokok, Teks.Rat_simpanan_wajib, Teks.Rat_simpanan_sukarela, Teks.Rat_jumlah_simpanan],
                    rows, [], [0.25, 0.1, 0.13, 0.13, 0.13, 0.13, 0.13]);
            }
            case "pinjaman":
            {
                var loans = new List<LoanSummaryView>();
                for (var page = 1; page <= MaxPages; page++)
                {
                    var p = await api.ListLoansAsync(me.Kop, null, null, page, 1000, ct);
                    loans.AddRange(p.Loans);
                    if (loans.Count >= p.Total || p.Loans.Count == 0) break;
                }
                var rows = loans.Select(l => new ReportRow(l.ProductName ?? Labels.LoanMethod(l.Method), [Labels.LoanStatus(l.Status), l.DisbursedOn,
                    l.Principal, l.OutstandingPrincipal, l.DaysPastDue, l.Kolektibilitas is null ? "" : Labels.Kolektibilitas(l.Kolektibilitas)],
                    Code: l.MemberNumber)).ToList();
                rows.Add(new($"{Teks.Jumlah} ({loans.Count})", [null, null, loans.Sum(l => l.Principal), loans.Sum(l => l.OutstandingPrincipal), null, null],
                    RowStyle.Total));
                return new($"pinjaman-{Tanggal.Iso(today)}", Teks.Pinjaman_daftar, me.KoperasiName, per, recorded, null, Teks.Pinjaman_pdf_produk,
                    [Teks.Status, Teks.Pinjaman_dicairkan, Teks.Pinjaman_pokok, Teks.Pinjaman_sisa, Teks.Pinjaman_hari_tunggak, Teks.Pinjaman_kolektibilitas],
                    rows, [], [0.22, 0.12, 0.12, 0.14, 0.14, 0.12, 0.14]);
            }
            case "tunggakan-wajib":
            {
                var arrears = (await api.ListWajibArrearsAsync(me.Kop, null, false, ct)).ToList();
                var rows = arrears.Select(a => new ReportRow(a.Name, [a.MonthsInArrears, a.ArrearsAmount, string.Join(", ", a.UnpaidMonths)], Code: a.MemberNumber))
                    .ToList();
                rows.Add(new($"{Teks.Jumlah} ({arrears.Count})", [arrears.Sum(a => a.MonthsInArrears), arrears.Sum(a => a.ArrearsAmount), null], RowStyle.Total));
                return new($"tunggakan-wajib-{Tanggal.Iso(today)}", Teks.Beranda_tunggakan_wajib, me.KoperasiName, per, recorded, null, Teks.Anggota_nama,
                    [Teks.Daftar_bulan_tertunggak, Teks.Daftar_jumlah_tunggakan, Teks.Daftar_bulan], rows, [], [0.3, 0.15, 0.2, 0.35]);
            }
            case "shu" when year is { } y:
                return await RatPack.ShuSheet(api, me, y, recorded, null, ct);
            default:
                throw new ArgumentOutOfRangeException(nameof(list), list, "No such list.");
        }
    }
}
