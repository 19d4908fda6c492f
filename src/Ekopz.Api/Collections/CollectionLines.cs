using System.Security.Cryptography;
using Ekopz.Api.Imports;
using Ekopz.Domain.Collections;
using Ekopz.Domain.Common;
using MiniExcelLibs;
using NodaTime;

namespace Ekopz.Api.Collections;

/// <param name="LineKey">Makes the line idempotent across batches: a line key applied once is never applied again (default: the
/// batch key and the line's number).</param>
/// <param name="Member">The member's NIK (16 digits) or member number.</param>
/// <param name="Wajib">Rupiah into simpanan wajib.</param>
/// <param name="Sukarela">Rupiah into simpanan sukarela.</param>
/// <param name="Installment">Rupiah paid on a loan.</param>
/// <param name="LoanId">The loan the installment pays; empty takes the member's only active loan.</param>
public sealed record CollectionLineRequest(string? LineKey, string? Member, decimal? Wajib, decimal? Sukarela, decimal? Installment, Guid? LoanId);

/// <param name="BatchKey">Makes the whole batch idempotent: a batch key is applied once; a repeat answers the first batch's report.</param>
/// <param name="BusinessDate">The day the money arrived (default today); not in a closed month.</param>
/// <param name="ReceivedInto"><c>bank</c> (the default: the employer's transfer) or <c>kas</c> (cash handed over).</param>
/// <param name="Lines">The lines as JSON; or</param>
/// <param name="File">the payroll deduction list as the template filled in (xlsx or CSV, base64, at most 10 MB).</param>
public sealed record CollectionBatchRequest(string? BatchKey, LocalDate? BusinessDate, string? ReceivedInto,
    IReadOnlyList<CollectionLineRequest>? Lines, ImportFile? File);

/// <summary>The lines of a batch, read from JSON or a file, and the file's name and digest.</summary>
public sealed record CollectionInput(string BatchKey, string CashPoint, IReadOnlyList<CollectionLineInput> Lines, string? FileName, string? FileSha256);

/// <summary>
/// Reads a collection request (docs/adr/0036): the lines as JSON, or the template filled in, through the import's reader
/// (<see cref="Spreadsheet"/>, <see cref="CellValues"/>): thousands separators in either convention, NIKs stored as numbers,
/// NIKs Excel rounded into scientific notation (refused per line), headers in any order. A line that cannot be read is
/// refused with the reason; a request or file that cannot be a batch at all is 400.
/// </summary>
public static class CollectionLines
{
    public const int MaxLines = Spreadsheet.MaxRows;

    public static readonly IReadOnlyList<ImportColumn> Columns =
    [
        new("lineKey", "Kunci Baris", false, "Kunci", "Line Key", "Kode Baris"),
        new("member", "NIK / No. Anggota", true, "NIK", "No. Anggota", "No Anggota", "Nomor Anggota", "NIK atau No Anggota"),
        new("name", "Nama", false, "Nama Anggota", "Nama Karyawan"),
        new("wajib", "Simpanan Wajib", false, "Wajib"),
        new("sukarela", "Simpanan Sukarela", false, "Sukarela"),
        new("installment", "Angsuran Pinjaman", false, "Angsuran", "Cicilan", "Angsuran Pinjaman (Rp)"),
        new("loanId", "ID Pinjaman", false, "No. Pinjaman", "Nomor Pinjaman", "Pinjaman"),
    ];

    public static readonly string[] Guide =
    [
        "Satu baris satu anggota (karyawan) yang dipotong gajinya. Baris judul jangan diubah; urutan kolom boleh berbeda.",
        "NIK / No. Anggota: NIK 16 digit seperti di KTP, atau nomor anggota. Format kolom sebagai Teks agar Excel tidak mengubah NIK menjadi 3,27E+15.",
        "Simpanan Wajib, Simpanan Sukarela, Angsuran Pinjaman: rupiah (50.000 atau 50000). Kosong berarti 0.",
        "ID Pinjaman: isi bila anggota punya lebih dari satu pinjaman aktif; kosong berarti pinjaman aktifnya.",
        "Kunci Baris: kode unik baris, misalnya 2026-01-3273014501850002 (bulan dan NIK). Baris dengan kunci yang sudah pernah diterapkan tidak dicatat lagi.",
        "Hapus baris CONTOH sebelum mengunggah.",
    ];

    public static string ReceivedInto(string? requested) => (requested ?? CashPoints.Bank).Trim().ToLowerInvariant() switch
    {
        CashPoints.Bank => CashPoints.Bank,
        CashPoints.Kas or "cash" => CashPoints.Kas,
        _ => throw DomainException.Validation("receivedInto", "receivedInto must be bank or kas."),
    };

    public static CollectionInput Read(CollectionBatchRequest request)
    {
        var batchKey = request.BatchKey?.Trim();
        if (string.IsNullOrEmpty(batchKey)) throw DomainException.Validation("batchKey", "The batch key is required (e.g. potong-gaji-2026-01).");
        if (batchKey.Length > 100) throw DomainException.Validation("batchKey", "The batch key may have at most 100 characters.");
        var cashPoint = ReceivedInto(request.ReceivedInto);
        if (request.Lines is { Count: > 0 } && request.File is not null)
            throw DomainException.Validation("file", "Send the lines or a file, not both.");
        if (request.File is { } file) return FromFile(batchKey, cashPoint, file);
        if (request.Lines is not { Count: > 0 } lines) throw DomainException.Validation("lines", "Send at least one line, or a file.");
        if (lines.Count > MaxLines) throw DomainException.Validation("lines", $"At most {MaxLines:N0} lines per batch.");
        return new CollectionInput(batchKey, cashPoint, lines.Select((l, i) => FromJson(batchKey, i + 1, l)).ToList(), null, null);
    }

    private static CollectionLineInput FromJson(string batchKey, int row, CollectionLineRequest l)
    {
        var key = string.IsNullOrWhiteSpace(l.LineKey) ? $"{batchKey}#{row}" : l.LineKey.Trim();
        var member = l.Member?.Trim();
        var problems = new List<string>();
        if (key.Length > 200) problems.Add("Kunci baris paling banyak 200 karakter.");
        if (string.IsNullOrEmpty(member)) problems.Add("NIK atau nomor anggota wajib diisi.");
        decimal Amount(decimal? value, string what)
        {
            var v = value ?? 0m;
            if (v < 0) problems.Add($"{what} tidak boleh negatif.");
            else if (decimal.Round(v, 2) != v) problems.Add($"{what}: paling banyak 2 angka di belakang koma.");
            else return v;
            return 0m;
        }
        var wajib = Amount(l.Wajib, "Simpanan wajib");
        var sukarela = Amount(l.Sukarela, "Simpanan sukarela");
        var installment = Amount(l.Installment, "Angsuran");
        return new CollectionLineInput(row, key, member, wajib, sukarela, installment, l.LoanId,
            problems.Count == 0 ? null : string.Join(" ", problems));
    }

    private static CollectionInput FromFile(string batchKey, string cashPoint, ImportFile file)
    {
        var name = string.IsNullOrWhiteSpace(file.FileName) ? "potong-gaji" : file.FileName.Trim();
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(file.ContentBase64 ?? "");
        }
        catch (FormatException)
        {
            throw DomainException.Validation("file.contentBase64", "The file content is not valid base64.");
        }
        var sheet = Spreadsheet.Read(bytes, name);
        var (map, problems) = ImportColumns.Locate(sheet.Headers, Columns);
        if (!map.ContainsKey("wajib") && !map.ContainsKey("sukarela") && !map.ContainsKey("installment"))
            problems.Add(("", "Tidak ada kolom jumlah: beri judul kolom 'Simpanan Wajib', 'Simpanan Sukarela' atau 'Angsuran Pinjaman'."));
        if (problems.Count > 0)
            throw new DomainException(ErrorCodes.FileRefused, $"Berkas '{name}': {string.Join(" ", problems.Select(p => p.Item2))}");

        Cell? At(SheetRow row, string key) => map.TryGetValue(key, out var c) ? row[c] : null;
        var lines = new List<CollectionLineInput>(sheet.Rows.Count);
        foreach (var row in sheet.Rows)
        {
            var rowProblems = new List<string>();
            var nameText = At(row, "name")?.Text.Trim() ?? "";
            if (nameText.StartsWith(ImportTemplates.ExampleMark, StringComparison.OrdinalIgnoreCase))
                rowProblems.Add("Baris CONTOH dari templat: hapus sebelum mengunggah.");
            var (member, memberProblem) = MemberRef(At(row, "member"));
            if (memberProblem is not null) rowProblems.Add(memberProblem);
            decimal Amount(string key, string what)
            {
                var (v, p) = CellValues.Amount(At(row, key));
                if (p is not null) rowProblems.Add($"{what}: {p}");
                return v;
            }
            var wajib = Amount("wajib", "Simpanan Wajib");
            var sukarela = Amount("sukarela", "Simpanan Sukarela");
            var installment = Amount("installment", "Angsuran Pinjaman");
            Guid? loanId = null;
            var loanText = At(row, "loanId")?.Text.Trim() ?? "";
            if (loanText.Length > 0)
            {
                if (Guid.TryParse(loanText, out var id)) loanId = id;
                else rowProblems.Add($"ID Pinjaman tidak terbaca: {CellValues.Shorten(loanText)}.");
            }
            var (key, keyProblem) = CellValues.Text(At(row, "lineKey"), 200, false, "Kunci Baris");
            if (keyProblem is not null) rowProblems.Add(keyProblem);
            lines.Add(new CollectionLineInput(row.Number, key ?? $"{batchKey}#{row.Number}", member, wajib, sukarela, installment, loanId,
                rowProblems.Count == 0 ? null : $"Baris {row.Number}: {string.Join(" ", rowProblems)}"));
        }
        return new CollectionInput(batchKey, cashPoint, lines, name, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    /// <summary>A NIK (16 digits, read as the import reads it: scientific notation refused) or a member number as written.</summary>
    private static (string? Value, string? Problem) MemberRef(Cell? cell)
    {
        var text = cell?.Text.Trim() ?? "";
        if (text.Length == 0) return (null, "NIK atau nomor anggota wajib diisi.");
        var compact = text.Replace(" ", "").Replace("'", "");
        var looksNumeric = compact.Length >= 10 && compact.All(c => char.IsAsciiDigit(c) || c is '.' or ',' or 'E' or 'e' or '+' or '-');
        if (looksNumeric) return CellValues.Nik(cell);
        // A member number Excel stored as a number lost its leading zeros (000123 → 123).
        if (cell!.IsNumber && compact.EndsWith(".0", StringComparison.Ordinal)) compact = compact[..^2];
        if (compact.Length < 6 && compact.All(char.IsAsciiDigit)) return (compact.PadLeft(6, '0'), null);
        return CellValues.Text(cell, 50, true, "Nomor anggota");
    }

    /// <summary>The template: the header row, one example row marked CONTOH, and a sheet that says how to fill it in.</summary>
    public static byte[] Template()
    {
        var example = new Dictionary<string, object?>
        {
            ["Kunci Baris"] = "2026-01-3273014501850002", ["NIK / No. Anggota"] = "3273014501850002",
            ["Nama"] = $"{ImportTemplates.ExampleMark} Siti Aminah", ["Simpanan Wajib"] = 50_000m, ["Simpanan Sukarela"] = 100_000m,
            ["Angsuran Pinjaman"] = 550_000m, ["ID Pinjaman"] = "",
        };
        var sheets = new Dictionary<string, object>
        {
            ["Data"] = new List<Dictionary<string, object?>> { example },
            ["Petunjuk"] = Guide.Select(g => new Dictionary<string, object?> { ["Petunjuk"] = g }).ToList(),
        };
        using var output = new MemoryStream();
        output.SaveAs(sheets, excelType: ExcelType.XLSX);
        return output.ToArray();
    }
}
