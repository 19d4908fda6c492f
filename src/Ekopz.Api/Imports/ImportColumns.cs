namespace Ekopz.Api.Imports;

/// <summary>A column an import reads: its Indonesian header as the templates write it, and the other headers people use for it.</summary>
public sealed record ImportColumn(string Key, string Header, bool Required, params string[] Aliases)
{
    /// <summary>Headers compare without case, spaces or punctuation: "No. HP", "no hp" and "NO_HP" are one column.</summary>
    public static string Normalize(string header) => new(header.ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());

    public bool Matches(string header)
    {
        var h = Normalize(header);
        return h == Normalize(Header) || Aliases.Any(a => Normalize(a) == h);
    }
}

/// <summary>The columns of each import template, in the templates' order (a file may order them any way).</summary>
public static class ImportColumns
{
    public static readonly IReadOnlyList<ImportColumn> Members =
    [
        new("name", "Nama", true, "Nama Anggota", "Nama Lengkap"),
        new("nik", "NIK", true, "No KTP", "Nomor KTP", "Nomor Induk Kependudukan"),
        new("phone", "No. HP", false, "HP", "Nomor HP", "Telepon", "No Telepon", "Nomor Telepon", "WA", "No WA"),
        new("address", "Alamat", false),
        new("joinDate", "Tanggal Masuk", true, "Tgl Masuk", "Tanggal Bergabung", "Tanggal Daftar", "Tanggal Menjadi Anggota"),
        new("pokok", "Simpanan Pokok", true, "Pokok"),
        new("wajib", "Simpanan Wajib", true, "Wajib"),
        new("sukarela", "Simpanan Sukarela", true, "Sukarela"),
    ];

    public static readonly IReadOnlyList<ImportColumn> Ledger =
    [
        new("code", "Kode Akun", true, "Kode", "No Akun", "Nomor Akun"),
        new("name", "Nama Akun", false, "Akun", "Nama"),
        new("debit", "Debit", true, "Debet"),
        new("credit", "Kredit", true, "Credit"),
    ];

    public static readonly IReadOnlyList<ImportColumn> Loans =
    [
        new("name", "Nama Anggota", false, "Nama", "Peminjam", "Nama Peminjam"),
        new("nik", "NIK", false, "No KTP", "Nomor KTP", "NIK Anggota", "NIK Peminjam"),
        new("memberNumber", "No. Anggota", false, "Nomor Anggota", "No Anggota", "Nomor Induk Anggota"),
        new("principal", "Sisa Pokok", true, "Pokok Tersisa", "Sisa Pinjaman", "Saldo Pinjaman", "Baki Debet", "Outstanding"),
        new("original", "Pokok Awal", false, "Plafon", "Jumlah Pinjaman", "Pokok Pinjaman"),
        new("rate", "Bunga % per Tahun", true, "Bunga", "Suku Bunga", "Bunga per Tahun", "Bunga Tahunan"),
        new("method", "Metode", true, "Metode Bunga", "Jenis Bunga"),
        new("periods", "Sisa Angsuran", true, "Sisa Tenor", "Sisa Periode", "Sisa Bulan", "Sisa Angsuran (bulan)"),
        new("dpd", "Hari Tunggakan", false, "Tunggakan Hari", "Hari Terlambat", "DPD", "Lama Tunggakan"),
        new("disbursed", "Tanggal Cair", true, "Tanggal Pencairan", "Tgl Cair", "Tanggal Realisasi"),
    ];

    public static readonly IReadOnlyList<ImportColumn> Products =
    [
        new("sku", "Kode Barang", true, "SKU", "Kode", "Kode Produk"),
        new("name", "Nama Barang", true, "Nama", "Barang", "Nama Produk"),
        new("uom", "Satuan", false, "Unit", "Satuan Barang"),
        new("memberPrice", "Harga Anggota", true, "Harga Jual Anggota"),
        new("publicPrice", "Harga Umum", true, "Harga Jual", "Harga Jual Umum"),
        new("quantity", "Stok", true, "Jumlah", "Stok Akhir", "Qty", "Jumlah Stok"),
        new("averageCost", "Harga Pokok Rata-rata", true, "HPP", "Harga Pokok", "Harga Beli Rata-rata", "HPP Rata-rata"),
    ];

    /// <summary>Which file column holds each column, and the problems of the header row (a required column missing, one twice).</summary>
    public static (Dictionary<string, int> Map, List<(string Column, string Message)> Problems) Locate(IReadOnlyDictionary<int, string> headers,
        IReadOnlyList<ImportColumn> columns)
    {
        var map = new Dictionary<string, int>();
        var problems = new List<(string, string)>();
        foreach (var column in columns)
        {
            var found = headers.Where(h => column.Matches(h.Value)).Select(h => h.Key).OrderBy(k => k).ToList();
            if (found.Count == 0)
            {
                if (column.Required)
                    problems.Add((column.Header, $"Kolom '{column.Header}' tidak ada di baris judul. Gunakan templat atau beri judul kolom '{column.Header}'."));
                continue;
            }
            if (found.Count > 1)
                problems.Add((column.Header, $"Kolom '{column.Header}' ada lebih dari sekali (kolom {string.Join(", ", found.Select(Spreadsheet.ColumnLetter))})."));
            map[column.Key] = found[0];
        }
        return (map, problems);
    }
}
