using Ekopz.Domain.Ledger;
using MiniExcelLibs;
using NodaTime;

namespace Ekopz.Api.Imports;

/// <summary>
/// The import templates (xlsx, an Indonesian header row, then an example row or the chart's accounts) and the demo files of
/// a 200-member koperasi in docs/import-demo (docs/adr/0033). The first sheet is the data; the second says how to fill it.
/// </summary>
public static class ImportTemplates
{
    /// <summary>A row whose name starts with this is the template's example: the dry run asks for it to be deleted.</summary>
    public const string ExampleMark = "CONTOH";

    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static readonly string[] MemberGuide =
    [
        "Satu baris satu anggota. Baris judul jangan diubah; urutan kolom boleh berbeda.",
        "NIK: 16 digit seperti di KTP. Format kolom NIK sebagai Teks agar Excel tidak mengubahnya menjadi 3,27E+15.",
        "Tanggal Masuk: tanggal menjadi anggota, misalnya 15/03/2019 (hari/bulan/tahun) atau tanggal Excel.",
        "Simpanan Pokok, Wajib, Sukarela: saldo per tanggal pindah, dalam rupiah (1.000.000 atau 1000000). Kosong berarti 0.",
        "Hapus baris CONTOH sebelum mengunggah.",
    ];

    public static readonly string[] LedgerGuide =
    [
        "Satu baris satu akun: saldo akun per tanggal pindah, di kolom Debit atau Kredit (saldo bersih, satu sisi).",
        "Akun tanpa saldo biarkan kosong. Total debit harus sama dengan total kredit.",
        "Saldo akun simpanan pokok, wajib dan sukarela harus sama dengan jumlah simpanan semua anggota di berkas anggota.",
        "Hanya akun neraca (aset, kewajiban, ekuitas).",
        "Saldo piutang pinjaman harus sama dengan jumlah sisa pokok di berkas pinjaman; saldo persediaan dengan jumlah nilai stok di berkas persediaan.",
    ];

    public static readonly string[] LoanGuide =
    [
        "Satu baris satu pinjaman yang masih berjalan pada tanggal pindah. Pinjaman yang sudah lunas tidak perlu dimasukkan.",
        "Peminjam dikenali dari NIK (16 digit, format kolom sebagai Teks) atau No. Anggota; anggotanya harus sudah terdaftar atau ada di berkas anggota yang diunggah bersama.",
        "Sisa Pokok: pokok yang belum dibayar per tanggal pindah. Pokok Awal boleh kosong (untuk bunga flat dipakai sebagai dasar bunga).",
        "Bunga % per Tahun: misalnya 18 (paling tinggi 24). Metode: flat, efektif (menurun) atau anuitas. Angsuran bulanan.",
        "Sisa Angsuran: berapa kali angsuran lagi, termasuk yang menunggak. Hari Tunggakan: umur angsuran tertua yang belum dibayar (0 bila lancar).",
        "Tanggal Cair: tanggal pinjaman dicairkan di pembukuan lama, misalnya 10/03/2025. Angsuran berikutnya jatuh pada tanggal yang sama tiap bulan.",
        "Hapus baris CONTOH sebelum mengunggah.",
    ];

    public static readonly string[] ProductGuide =
    [
        "Satu baris satu barang dengan stok per tanggal pindah. Kode barang (SKU) belum boleh ada di katalog.",
        "Satuan: pcs, pack, box, dus, sak, lusin, botol (dihitung utuh) atau kg, liter, meter. Kosong berarti pcs.",
        "Stok tidak boleh negatif. Harga Pokok Rata-rata: harga pokok per satuan di pembukuan lama; nilai stok = stok × harga pokok.",
        "Harga Anggota tidak boleh lebih tinggi dari Harga Umum.",
        "Hapus baris CONTOH sebelum mengunggah.",
    ];

    public sealed record DemoLoan(string Name, string Nik, decimal OriginalPrincipal, decimal Principal, decimal Rate, string Method, int RemainingPeriods,
        int DaysPastDue, LocalDate DisbursedOn);

    public sealed record DemoProduct(string Sku, string Name, string Uom, decimal MemberPrice, decimal PublicPrice, decimal Quantity, decimal AverageCost)
    {
        public decimal Value => decimal.Round(Quantity * AverageCost, 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>The loans template: header row and one CONTOH row (or the given loans).</summary>
    public static byte[] Loans(IEnumerable<DemoLoan>? loans = null)
    {
        var rows = (loans ?? [new DemoLoan($"{ExampleMark} Siti Aminah", "3273014501850002", 12_000_000m, 8_000_000m, 18m, "anuitas", 8, 0,
                new LocalDate(2025, 3, 10))])
            .Select(l => new Dictionary<string, object?>
            {
                ["Nama Anggota"] = l.Name, ["NIK"] = l.Nik, ["No. Anggota"] = null, ["Pokok Awal"] = l.OriginalPrincipal, ["Sisa Pokok"] = l.Principal,
                ["Bunga % per Tahun"] = l.Rate, ["Metode"] = l.Method, ["Sisa Angsuran"] = l.RemainingPeriods, ["Hari Tunggakan"] = l.DaysPastDue,
                ["Tanggal Cair"] = l.DisbursedOn.ToDateTimeUnspecified(),
            }).ToList();
        return Workbook(rows, LoanGuide);
    }

    /// <summary>The products template: header row and one CONTOH row (or the given products).</summary>
    public static byte[] Products(IEnumerable<DemoProduct>? products = null)
    {
        var rows = (products ?? [new DemoProduct("BRS-5KG", $"{ExampleMark} Beras 5 kg", "pcs", 68_000m, 72_000m, 40m, 63_500m)])
            .Select(p => new Dictionary<string, object?>
            {
                ["Kode Barang"] = p.Sku, ["Nama Barang"] = p.Name, ["Satuan"] = p.Uom, ["Harga Anggota"] = p.MemberPrice, ["Harga Umum"] = p.PublicPrice,
                ["Stok"] = p.Quantity, ["Harga Pokok Rata-rata"] = p.AverageCost,
            }).ToList();
        return Workbook(rows, ProductGuide);
    }

    private static readonly string[] Methods = ["anuitas", "efektif", "flat"];
    private static readonly int[] Arrears = [0, 0, 0, 0, 0, 0, 12, 45, 100, 150, 0, 0, 0, 200, 0, 0, 20, 0, 0, 0];

    /// <summary>
    /// Running loans of the first <paramref name="count"/> demo members (deterministic): anuitas, efektif and flat, most paid on
    /// time, some in each kolektibilitas class.
    /// </summary>
    public static List<DemoLoan> DemoLoans(IReadOnlyList<DemoMember> members, int count, LocalDate cutOver, int seed = 35)
    {
        var random = new Random(seed);
        var list = new List<DemoLoan>(count);
        for (var i = 0; i < count && i < members.Count; i++)
        {
            var m = members[i];
            var periods = new[] { 12, 18, 24, 36 }[random.Next(4)];
            var original = random.Next(4, 60) * 500_000m;
            var dpd = Arrears[i % Arrears.Length];
            var elapsed = Math.Min(periods - 1, random.Next(1 + dpd / 30, periods));
            var remaining = periods - elapsed + (dpd + 29) / 30;
            var principal = decimal.Round(original * remaining / periods / 1000m, 0) * 1000m;
            var disbursed = cutOver.PlusMonths(-elapsed - 1).PlusDays(random.Next(0, 25));
            if (disbursed < m.JoinDate) disbursed = m.JoinDate;
            if (dpd > 0 && cutOver.PlusDays(-dpd) <= disbursed) dpd = 0;
            list.Add(new DemoLoan(m.Name, m.Nik, original, Math.Min(principal, original), 12m + random.Next(0, 7), Methods[i % Methods.Length],
                Math.Min(remaining, periods), dpd, disbursed));
        }
        return list;
    }

    /// <summary>A small shop's stock at the cut-over (deterministic).</summary>
    public static List<DemoProduct> DemoProducts() =>
    [
        new("BRS-5", "Beras premium 5 kg", "sak", 68_000m, 72_000m, 40m, 63_500m),
        new("BRS-25", "Beras medium 25 kg", "sak", 290_000m, 305_000m, 12m, 276_250m),
        new("MNY-2L", "Minyak goreng 2 liter", "botol", 34_000m, 36_500m, 60m, 31_800m),
        new("GLA-1", "Gula pasir 1 kg", "pcs", 16_500m, 17_500m, 85m, 15_250m),
        new("TLR-10", "Telur ayam", "kg", 27_000m, 29_000m, 25.5m, 25_400m),
        new("TPG-1", "Tepung terigu 1 kg", "pcs", 12_000m, 13_000m, 48m, 10_900m),
        new("KPI-200", "Kopi bubuk 200 g", "pack", 18_000m, 19_500m, 30m, 16_200m),
        new("TEH-25", "Teh celup isi 25", "box", 7_500m, 8_000m, 36m, 6_750m),
        new("SBN-4", "Sabun mandi isi 4", "pack", 14_000m, 15_000m, 22m, 12_600m),
        new("DTG-800", "Deterjen 800 g", "pcs", 21_000m, 22_500m, 18m, 19_300m),
        new("MIE-40", "Mi instan (dus isi 40)", "dus", 112_000m, 118_000m, 9m, 104_000m),
        new("AIR-19", "Air mineral galon 19 liter", "pcs", 19_000m, 21_000m, 14m, 16_500m),
        new("SSU-1", "Susu UHT 1 liter", "botol", 18_500m, 19_500m, 24m, 16_900m),
        new("GAS-3", "Gas elpiji 3 kg", "pcs", 21_000m, 23_000m, 0m, 18_000m),
        new("PPK-50", "Pupuk urea 50 kg", "sak", 135_000m, 142_000m, 7m, 126_000m),
    ];

    public sealed record DemoMember(string Name, string Nik, string Phone, string Address, LocalDate JoinDate, decimal Pokok, decimal Wajib, decimal Sukarela);

    public static byte[] Members(IEnumerable<DemoMember>? members = null)
    {
        var rows = (members ?? [new DemoMember($"{ExampleMark} Siti Aminah", "3273014501850002", "081234567890", "Jl. Merdeka No. 1, Bandung",
                new LocalDate(2019, 3, 15), 100_000m, 1_200_000m, 2_500_000m)])
            .Select(m => new Dictionary<string, object?>
            {
                ["Nama"] = m.Name, ["NIK"] = m.Nik, ["No. HP"] = m.Phone, ["Alamat"] = m.Address,
                ["Tanggal Masuk"] = m.JoinDate.ToDateTimeUnspecified(), ["Simpanan Pokok"] = m.Pokok, ["Simpanan Wajib"] = m.Wajib,
                ["Simpanan Sukarela"] = m.Sukarela,
            }).ToList();
        return Workbook(rows, MemberGuide);
    }

    /// <summary>The chart's balance-sheet accounts that an opening balance may go to, amounts left empty (or the given balances).</summary>
    public static byte[] Ledger(Chart chart, LocalDate date, IReadOnlyDictionary<string, (decimal Debit, decimal Credit)>? balances = null)
    {
        var rows = chart.Accounts
            .Where(a => a.IsActiveOn(date) && a.Class is AccountClass.Asset or AccountClass.Liability or AccountClass.Equity)
            .Where(a => !chart.Roles.Any(r => r.Code == a.Code && r.Role is AccountRoles.LoanAccruedInterest
                or AccountRoles.LoanAllowance or AccountRoles.ShopMemberReceivable or AccountRoles.ShopUnitBalance
                or AccountRoles.OpeningClearing))
            .OrderBy(a => a.Code, StringComparer.Ordinal)
            .Select(a =>
            {
                var b = balances is not null && balances.TryGetValue(a.Code, out var v) ? v : (0m, 0m);
                return new Dictionary<string, object?>
                {
                    ["Kode Akun"] = a.Code, ["Nama Akun"] = a.NameAt(date),
                    ["Debit"] = b.Item1 == 0 ? null : b.Item1, ["Kredit"] = b.Item2 == 0 ? null : b.Item2,
                };
            }).ToList();
        return Workbook(rows, LedgerGuide);
    }

    private static byte[] Workbook(List<Dictionary<string, object?>> rows, IEnumerable<string> guide)
    {
        var sheets = new Dictionary<string, object>
        {
            ["Data"] = rows,
            ["Petunjuk"] = guide.Select(g => new Dictionary<string, object?> { ["Petunjuk"] = g }).ToList(),
        };
        using var output = new MemoryStream();
        output.SaveAs(sheets, excelType: ExcelType.XLSX);
        return output.ToArray();
    }

    private static readonly string[] FirstNames =
        ["Siti", "Budi", "Dewi", "Agus", "Rina", "Joko", "Sri", "Andi", "Wati", "Hendra", "Yuni", "Bambang", "Lestari", "Eko", "Nur", "Rudi"];
    private static readonly string[] LastNames =
        ["Rahayu", "Santoso", "Lestari", "Wibowo", "Susanti", "Pratama", "Handayani", "Saputra", "Kurniawan", "Wulandari", "Hidayat", "Setiawan"];
    private static readonly string[] Streets = ["Jl. Merdeka", "Jl. Sudirman", "Jl. Diponegoro", "Jl. Ahmad Yani", "Jl. Gajah Mada", "Jl. Pahlawan"];

    /// <summary>
    /// A deterministic demo koperasi of <paramref name="count"/> members (the same seed gives the same file), each with pokok,
    /// wajib months since joining and some sukarela, all joined before <paramref name="cutOver"/>.
    /// </summary>
    public static List<DemoMember> DemoMembers(int count, LocalDate cutOver, int seed = 14, decimal pokok = 100_000m, decimal wajibMonthly = 50_000m)
    {
        var random = new Random(seed);
        var list = new List<DemoMember>(count);
        for (var i = 0; i < count; i++)
        {
            var name = $"{FirstNames[random.Next(FirstNames.Length)]} {LastNames[random.Next(LastNames.Length)]}";
            // Province 32 (Jawa Barat), regency/district, date of birth (women +40), a serial: a valid, unique NIK.
            var day = 1 + random.Next(28);
            var female = random.Next(2) == 1;
            var nik = $"32{random.Next(1, 80):D2}{1 + i / 9999:D2}{day + (female ? 40 : 0):D2}{random.Next(1, 13):D2}{random.Next(60, 100):D2}{i % 9999 + 1:D4}";
            var months = random.Next(1, 96);
            var joined = cutOver.PlusMonths(-months).PlusDays(-random.Next(0, 27));
            var wajib = wajibMonthly * Math.Max(0, months - random.Next(0, 3));
            var sukarela = random.Next(4) == 0 ? 0m : random.Next(1, 400) * 25_000m;
            list.Add(new DemoMember(name, nik, $"08{random.Next(11, 99)}{random.Next(10_000_000, 99_999_999)}",
                $"{Streets[random.Next(Streets.Length)]} No. {random.Next(1, 200)}", joined, pokok, wajib, sukarela));
        }
        return list;
    }

    /// <summary>The demo koperasi's general ledger at the cut-over: cash and bank, fixed assets, the members' savings, reserves; balanced.</summary>
    public static Dictionary<string, (decimal Debit, decimal Credit)> DemoLedger(IReadOnlyList<DemoMember> members, IReadOnlyList<DemoLoan>? loans = null,
        IReadOnlyList<DemoProduct>? products = null)
    {
        var receivable = loans?.Sum(l => l.Principal) ?? 0m;
        var inventory = products?.Sum(p => p.Value) ?? 0m;
        var pokok = members.Sum(m => m.Pokok);
        var wajib = members.Sum(m => m.Wajib);
        var sukarela = members.Sum(m => m.Sukarela);
        var reserve = 25_000_000m;
        var grant = 10_000_000m;
        var fixedAssets = 40_000_000m;
        var depreciation = 8_000_000m;
        var taxPayable = 1_250_000m;
        var credits = pokok + wajib + sukarela + reserve + grant + depreciation + taxPayable;
        // Loans and stock beyond what the savings and reserves fund are funded by a bank loan, so cash stays positive.
        var funded = credits - fixedAssets - receivable - inventory;
        var borrowing = funded < 20_000_000m ? decimal.Ceiling((20_000_000m - funded) / 1_000_000m) * 1_000_000m : 0m;
        credits += borrowing;
        var bank = decimal.Round((credits - fixedAssets - receivable - inventory) * 0.8m, 0);
        var kas = credits - fixedAssets - receivable - inventory - bank;
        var ledger = new Dictionary<string, (decimal, decimal)>
        {
            ["1-1000"] = (kas, 0m), ["1-1010"] = (bank, 0m), ["1-2000"] = (fixedAssets, 0m), ["1-2100"] = (0m, depreciation),
            ["2-1000"] = (0m, sukarela), ["2-1300"] = (0m, taxPayable), ["3-1000"] = (0m, pokok), ["3-1100"] = (0m, wajib),
            ["3-1300"] = (0m, grant), ["3-2000"] = (0m, reserve),
        };
        // The loan receivable and inventory are their sub-ledgers' sums (1-1100 and 1-1300 in the template chart).
        if (receivable != 0) ledger["1-1100"] = (receivable, 0m);
        if (inventory != 0) ledger["1-1300"] = (inventory, 0m);
        if (borrowing != 0) ledger["2-2000"] = (0m, borrowing);
        return ledger;
    }
}
