using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Ekopz.Web.Api;
using Ekopz.Web.Formatting;
using Ekopz.Web.Session;

namespace Ekopz.Web.Documents;

/// <summary>
/// The RAT pack of a closed year (docs/adr/0034): one zip with the year-end financial statements as PDF and Excel (the same
/// <see cref="ReportSheet"/>s as the console's downloads), the SHU per member, the loan portfolio with kolektibilitas, the
/// members with their savings at year end, each month's seal, the result of checking the books against the events, and a
/// README in Indonesian listing it all. Everything in it is an API answer read through <paramref name="api"/>: over HTTP, or
/// in-process for the API's own endpoint and for <c>./ekopz rat-pack</c>.
/// </summary>
public static class RatPack
{
    /// <summary>The entries of the zip, by name, in the order the README lists them.</summary>
    public static class Entries
    {
        public const string Readme = "BACA-SAYA.txt";
        public const string Neraca = "1-laporan-keuangan/neraca";
        public const string Phu = "1-laporan-keuangan/phu";
        public const string ArusKas = "1-laporan-keuangan/arus-kas";
        public const string PerubahanEkuitas = "1-laporan-keuangan/perubahan-ekuitas";
        public const string Shu = "2-shu-per-anggota";
        public const string Loans = "3-pinjaman-kolektibilitas";
        public const string Members = "4-anggota-dan-simpanan";
        public const string Seals = "5-segel-bulanan.txt";
        public const string VerificationText = "6-pemeriksaan-buku.txt";
        public const string VerificationJson = "6-pemeriksaan-buku.json";
    }

    public static async Task<byte[]> Build(EkopzApi api, ConsoleUser owner, int year, DateTimeOffset now, CancellationToken ct)
    {
        var kop = owner.Kop;
        var yearEnd = new DateOnly(year, 12, 31);
        var from = new Dictionary<string, string> { ["from"] = $"{year:D4}-01-01", ["to"] = Tanggal.Iso(yearEnd) };
        var index = new List<(string Name, string What)>();
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, byte[] bytes, string what)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                entry.LastWriteTime = now;
                using var s = entry.Open();
                s.Write(bytes);
                index.Add((name, what));
            }
            void Both(string name, ReportSheet sheet, string what)
            {
                Add(name + ".pdf", ReportPdf.Render(sheet), what + " (PDF)");
                Add(name + ".xlsx", ReportXlsx.Render(sheet), what + " (Excel)");
            }

            Both(Entries.Neraca, await ReportSheets.Build(api, owner, "neraca", new Dictionary<string, string> { ["asOf"] = Tanggal.Iso(yearEnd) }, now, ct),
                $"Neraca per {Tanggal.Full(yearEnd)}");
            Both(Entries.Phu, await ReportSheets.Build(api, owner, "phu", from, now, ct), $"Perhitungan hasil usaha tahun {year}");
            Both(Entries.ArusKas, await ReportSheets.Build(api, owner, "arus-kas", from, now, ct), $"Laporan arus kas tahun {year}");
            Both(Entries.PerubahanEkuitas, await ReportSheets.Build(api, owner, "perubahan-ekuitas", from, now, ct), $"Laporan perubahan ekuitas tahun {year}");

            var recorded = string.Format(Teks.Dok_sekarang, Tanggal.Moment(now, owner.TimeZone));
            var seal = await ReportSheets.Seal(api, kop, yearEnd, ct);
            var savings = await api.ListSavingsBalancesAsync(kop, Tanggal.Iso(yearEnd), ct);
            var names = savings.Lines.ToDictionary(m => m.MemberNumber, m => m.Name);

            Both(Entries.Shu, await ShuSheet(api, owner, year, recorded, seal, ct), string.Format(Teks.Rat_shu_judul, year));
            Both(Entries.Loans, await LoanSheet(api, owner, yearEnd, recorded, seal, names, ct), $"{Teks.Rat_pinjaman_judul} per {Tanggal.Full(yearEnd)}");
            Both(Entries.Members, MemberSheet(owner, savings, recorded, seal), $"{Teks.Rat_anggota_judul} per {Tanggal.Full(yearEnd)}");

            var periods = (await api.ListPeriodsAsync(kop, ct)).Where(p => p.Period.StartsWith($"{year:D4}-", StringComparison.Ordinal)).OrderBy(p => p.Period).ToList();
            var seals = new StringBuilder();
            seals.AppendLine($"Segel (SHA-256) setiap bulan tahun buku {year}, {owner.KoperasiName}");
            seals.AppendLine("Bulan    | Ditutup oleh | Ditutup pada | Segel");
            foreach (var p in periods)
                seals.AppendLine($"{p.Period}  | {p.ClosedBy} | {Tanggal.Moment(p.ClosedAt, owner.TimeZone)} | {p.Digest}");
            Add(Entries.Seals, Encoding.UTF8.GetBytes(seals.ToString()), $"Segel setiap bulan tahun {year} ({periods.Count} bulan)");

            var check = await api.VerifyBooksAsync(kop, ct);
            Add(Entries.VerificationText, Encoding.UTF8.GetBytes(VerificationText(check, year)), "Hasil pemeriksaan buku terhadap kejadian (seperti ./ekopz verify-books)");
            Add(Entries.VerificationJson, JsonSerializer.SerializeToUtf8Bytes(check, new JsonSerializerOptions { WriteIndented = true }),
                "Hasil pemeriksaan yang sama, sebagai JSON dari API (GET ledger/verification)");

            var readme = new StringBuilder();
            readme.AppendLine($"PAKET RAT TAHUN BUKU {year}");
            readme.AppendLine(owner.KoperasiName);
            readme.AppendLine($"Dibuat: {Tanggal.Moment(now, owner.TimeZone)}");
            if (seal is not null) readme.AppendLine(seal);
            readme.AppendLine();
            readme.AppendLine("Isi paket ini:");
            foreach (var (name, what) in index) readme.AppendLine($"- {name}: {what}");
            readme.AppendLine();
            readme.AppendLine("Semua angka dibaca dari API Ekopz pada saat paket dibuat. Tahun buku ini sudah ditutup, jadi angkanya tidak berubah lagi;");
            readme.AppendLine("setiap bulan disegel dengan SHA-256 dan pemeriksaan buku membangun ulang jurnal dari kejadian lalu membandingkannya dengan segel.");
            readme.AppendLine(check.LedgerMatchesEvents && check.AllPeriodsMatch
                ? "Hasil pemeriksaan: COCOK. Buku sama dengan kejadian, dan setiap segel sama dengan buku."
                : "Hasil pemeriksaan: TIDAK COCOK. Lihat 6-pemeriksaan-buku.txt.");
            var entry = zip.CreateEntry(Entries.Readme, CompressionLevel.Optimal);
            entry.LastWriteTime = now;
            using var s = entry.Open();
            s.Write(Encoding.UTF8.GetBytes(readme.ToString()));
        }
        return buffer.ToArray();
    }

    internal static async Task<ReportSheet> ShuSheet(EkopzApi api, ConsoleUser owner, int year, string recorded, string? seal, CancellationToken ct)
    {
        var title = string.Format(Teks.Rat_shu_judul, year);
        var columns = new[] { Teks.Shu_jasa_usaha, Teks.Shu_jasa_modal, Teks.Shu_total_anggota, Teks.Rat_shu_dibayar };
        ICollection<MemberShuDetail> members;
        try
        {
            members = await api.ListShuMembersAsync(owner.Kop, year, ct);
        }
        catch (ApiException e) when (e.StatusCode == 404)
        {
            // The year is closed but the RAT has not decided its SHU yet: the pack says so rather than failing.
            return new($"shu-{year}", title, owner.KoperasiName, string.Format(Teks.Lap_periode, Tanggal.Full(new DateOnly(year, 1, 1)),
                Tanggal.Full(new DateOnly(year, 12, 31))), recorded, seal, Teks.Anggota_nama, columns, [], [string.Format(Teks.Rat_shu_belum, year)]);
        }
        var rows = members.OrderBy(m => m.MemberNumber, StringComparer.Ordinal)
            .Select(m => new ReportRow(m.Name, [m.JasaUsaha, m.JasaModal, m.Total, m.Payment is null ? "" : Teks.Rat_shu_dibayar], Code: m.MemberNumber))
            .ToList();
        rows.Add(new(Teks.Jumlah, [members.Sum(m => m.JasaUsaha), members.Sum(m => m.JasaModal), members.Sum(m => m.Total), null], RowStyle.Total));
        return new($"shu-{year}", title, owner.KoperasiName, string.Format(Teks.Lap_periode, Tanggal.Full(new DateOnly(year, 1, 1)),
            Tanggal.Full(new DateOnly(year, 12, 31))), recorded, seal, Teks.Anggota_nama, columns, rows, [], [0.4, 0.15, 0.15, 0.17, 0.13]);
    }

    private static async Task<ReportSheet> LoanSheet(EkopzApi api, ConsoleUser owner, DateOnly asOf, string recorded, string? seal,
        IReadOnlyDictionary<string, string> names, CancellationToken ct)
    {
        var p = await api.GetLoanPortfolioAsync(owner.Kop, Tanggal.Iso(asOf), ct);
        var rows = p.LoanList.OrderBy(l => l.MemberNumber, StringComparer.Ordinal)
            .Select(l => new ReportRow(names.GetValueOrDefault(l.MemberNumber) ?? l.MemberNumber, [l.OutstandingPrincipal, l.DaysPastDue, l.Kolektibilitas],
                Code: l.MemberNumber))
            .ToList();
        rows.Add(new(Teks.Jumlah, [p.Outstanding, null, null], RowStyle.Total));
        foreach (var c in p.ByKolektibilitas) rows.Add(new($"{c.Kolektibilitas} ({c.Loans})", [c.Outstanding, null, null], RowStyle.Subtotal));
        var note = string.Format(Teks.Rat_pinjaman_ket, Rupiah.Format(p.Outstanding), p.Loans, p.ProblemLoanRatio.ToString("0.##", System.Globalization.CultureInfo.GetCultureInfo("id-ID")),
            Rupiah.Format(p.RequiredAllowance), Rupiah.Format(p.BookedAllowance));
        return new($"pinjaman-{Tanggal.Iso(asOf)}", Teks.Rat_pinjaman_judul, owner.KoperasiName, string.Format(Teks.Lap_per, Tanggal.Full(asOf)), recorded, seal,
            Teks.Anggota_nama, [Teks.Pinjaman_sisa, Teks.Pinjaman_hari_tunggak, Teks.Pinjaman_kolektibilitas], rows, [note], [0.45, 0.2, 0.15, 0.2]);
    }

    private static ReportSheet MemberSheet(ConsoleUser owner, SavingsBalancesView s, string recorded, string? seal)
    {
        var asOf = s.AsOf!.Value;
        var rows = s.Lines.Select(m => new ReportRow(m.Name, [m.Status, m.Pokok, m.Wajib, m.Sukarela, m.Total], Code: m.MemberNumber)).ToList();
        rows.Add(new($"{Teks.Jumlah} ({s.Members})", [null, s.Pokok, s.Wajib, s.Sukarela, s.Total], RowStyle.Total));
        return new($"anggota-{Tanggal.Iso(asOf)}", Teks.Rat_anggota_judul, owner.KoperasiName, string.Format(Teks.Lap_per, Tanggal.Full(asOf)), recorded, seal,
            Teks.Anggota_nama, [Teks.Anggota_status, Teks.Rat_simpanan_pokok, Teks.Rat_simpanan_wajib, Teks.Rat_simpanan_sukarela, Teks.Rat_jumlah_simpanan], rows,
            [string.Format(Teks.Rat_anggota_ket, Tanggal.Full(asOf))], [0.3, 0.1, 0.15, 0.15, 0.15, 0.15]);
    }

    /// <summary>The verification as <c>./ekopz verify-books</c> prints it, the year's months first.</summary>
    public static string VerificationText(VerificationReport r, int year)
    {
        var o = new StringBuilder();
        o.AppendLine($"Pemeriksaan buku {r.Koperasi} pada {r.CheckedAt:yyyy-MM-dd HH:mm:ss} UTC");
        o.AppendLine($"{r.EventsReplayed} kejadian diputar ulang, {r.LinesRebuilt} baris jurnal dibangun ulang, {r.LinesLive} baris di buku: "
            + (r.LedgerMatchesEvents ? "buku sama dengan kejadian (ledger matches the events)" : $"{r.Differences.Count} PERBEDAAN"));
        o.AppendLine(r.DailyTotalsMatchLines ? "Jumlah harian sama dengan baris jurnal." : "Jumlah harian TIDAK sama dengan baris jurnal.");
        foreach (var d in r.Differences) o.AppendLine($"  entri {d.EntryId}" + (d.LineNo is { } n ? $" baris {n}" : "") + $" {d.Field}: {d.Problem}");
        foreach (var p in r.Periods.OrderBy(p => p.Period))
        {
            var mark = p.Period.StartsWith($"{year:D4}-", StringComparison.Ordinal) ? "*" : " ";
            o.AppendLine($"{mark} {p.Period} segel {p.SealedDigest} dibangun ulang {p.RebuiltDigest} {(p.Matches ? "COCOK" : "TIDAK COCOK")}");
            foreach (var problem in p.Problems) o.AppendLine($"    {problem}");
        }
        o.AppendLine(r.LedgerMatchesEvents && r.AllPeriodsMatch ? "HASIL: COCOK" : "HASIL: TIDAK COCOK");
        return o.ToString();
    }
}
