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
        "Hanya akun neraca (aset, kewajiban, ekuitas). Piutang pinjaman dan persediaan menyusul lewat impor tersendiri.",
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
            .Where(a => !chart.Roles.Any(r => r.Code == a.Code && r.Role is AccountRoles.LoanReceivable or AccountRoles.LoanAccruedInterest
                or AccountRoles.LoanAllowance or AccountRoles.ShopInventory or AccountRoles.ShopMemberReceivable or AccountRoles.ShopUnitBalance
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
    public static Dictionary<string, (decimal Debit, decimal Credit)> DemoLedger(IReadOnlyList<DemoMember> members)
    {
        var pokok = members.Sum(m => m.Pokok);
        var wajib = members.Sum(m => m.Wajib);
        var sukarela = members.Sum(m => m.Sukarela);
        var reserve = 25_000_000m;
        var grant = 10_000_000m;
        var fixedAssets = 40_000_000m;
        var depreciation = 8_000_000m;
        var taxPayable = 1_250_000m;
        var credits = pokok + wajib + sukarela + reserve + grant + depreciation + taxPayable;
        var bank = decimal.Round((credits - fixedAssets) * 0.8m, 0);
        var kas = credits - fixedAssets - bank;
        return new Dictionary<string, (decimal, decimal)>
        {
            ["1-1000"] = (kas, 0m), ["1-1010"] = (bank, 0m), ["1-2000"] = (fixedAssets, 0m), ["1-2100"] = (0m, depreciation),
            ["2-1000"] = (0m, sukarela), ["2-1300"] = (0m, taxPayable), ["3-1000"] = (0m, pokok), ["3-1100"] = (0m, wajib),
            ["3-1300"] = (0m, grant), ["3-2000"] = (0m, reserve),
        };
    }
}
