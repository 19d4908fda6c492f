using System.IO.Compression;
using System.Text;
using System.Xml;
using Ekopz.Domain.Common;

namespace Ekopz.Api.Imports;

/// <summary>One cell as the file holds it: its text exactly as stored, and whether the file stored it as a number.</summary>
public sealed record Cell(string Text, bool IsNumber);

/// <summary>One data row: its number in the file (the header is row 1) and its cells by column index (0 = A).</summary>
public sealed record SheetRow(int Number, IReadOnlyDictionary<int, Cell> Cells)
{
    public Cell? this[int column] => Cells.TryGetValue(column, out var c) ? c : null;
    public bool IsBlank => Cells.Values.All(c => string.IsNullOrWhiteSpace(c.Text));
}

/// <summary>The first sheet of a file: the header row's texts by column, then the data rows.</summary>
public sealed record Sheet(string Format, IReadOnlyDictionary<int, string> Headers, IReadOnlyList<SheetRow> Rows);

/// <summary>
/// Reads an uploaded xlsx or CSV file into cells with their text exactly as stored (docs/adr/0033). The xlsx is read
/// from its XML rather than through a library's typed values, because the raw text is what tells an exact 16-digit
/// NIK from one Excel already rounded into scientific notation, and a date serial from a number. Refuses, with a
/// message in Indonesian, what cannot be an import: another file type, an empty file, formulas, merged cells.
/// </summary>
public static class Spreadsheet
{
    /// <summary>The largest file an import takes.</summary>
    public const int MaxFileBytes = 10 * 1024 * 1024;
    /// <summary>The most data rows one file may hold (10,000 members and then some).</summary>
    public const int MaxRows = 50_000;

    public static Sheet Read(byte[] bytes, string fileName)
    {
        if (bytes.Length > MaxFileBytes)
            throw new DomainException(ErrorCodes.FileTooLarge,
                $"Berkas '{fileName}' berukuran {bytes.Length / 1024.0 / 1024.0:N1} MB; batasnya {MaxFileBytes / 1024 / 1024} MB.");
        if (bytes.Length == 0 || bytes.All(b => b is (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t'))
            throw Refused($"Berkas '{fileName}' kosong.");
        if (bytes.AsSpan().StartsWith("PK\u0003\u0004"u8)) return ReadXlsx(bytes, fileName);
        if (bytes.AsSpan().StartsWith(new byte[] { 0xD0, 0xCF, 0x11, 0xE0 }))
            throw Refused($"Berkas '{fileName}' berformat Excel lama (.xls). Simpan ulang sebagai .xlsx (Excel Workbook) lalu unggah lagi.");
        return ReadCsv(bytes, fileName);
    }

    private static DomainException Refused(string message) => new(ErrorCodes.FileRefused, message);

    // ---- xlsx --------------------------------------------------------------------------------------------------

    private static Sheet ReadXlsx(byte[] bytes, string fileName)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        }
        catch (InvalidDataException)
        {
            throw Refused($"Berkas '{fileName}' bukan berkas .xlsx yang utuh (rusak atau terpotong).");
        }
        using (zip)
        {
            var sheetEntry = FirstSheet(zip)
                ?? throw Refused($"Berkas '{fileName}' bukan lembar kerja Excel (.xlsx) atau CSV.");
            var shared = SharedStrings(zip);
            var cells = new SortedDictionary<int, Dictionary<int, Cell>>();
            var formulas = new List<string>();
            var merged = new List<string>();
            using (var stream = sheetEntry.Open())
            using (var xml = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, IgnoreWhitespace = false }))
            {
                string? reference = null, type = null, value = null, inline = null;
                var inCell = false;
                while (xml.Read())
                {
                    if (xml.NodeType == XmlNodeType.Element)
                    {
                        switch (xml.LocalName)
                        {
                            case "c":
                                reference = xml.GetAttribute("r");
                                type = xml.GetAttribute("t");
                                value = null;
                                inline = null;
                                inCell = !xml.IsEmptyElement;
                                break;
                            case "f" when inCell:
                                formulas.Add(reference ?? "?");
                                break;
                            case "v" when inCell:
                                value = xml.ReadElementContentAsString();
                                goto case "__after_read";
                            case "t" when inCell && type == "inlineStr":
                                inline = (inline ?? "") + xml.ReadElementContentAsString();
                                goto case "__after_read";
                            case "mergeCell":
                                merged.Add(xml.GetAttribute("ref") ?? "?");
                                break;
                            case "__after_read":
                                // ReadElementContentAsString moved to the next node: if it closes the cell, store it now.
                                if (xml.NodeType == XmlNodeType.EndElement && xml.LocalName == "c")
                                {
                                    Store(cells, reference, type, value, inline, shared);
                                    inCell = false;
                                }
                                break;
                        }
                    }
                    else if (xml.NodeType == XmlNodeType.EndElement && xml.LocalName == "c" && inCell)
                    {
                        Store(cells, reference, type, value, inline, shared);
                        inCell = false;
                    }
                }
            }
            if (formulas.Count > 0)
                throw Refused($"Berkas '{fileName}' memuat rumus (formula) di sel {string.Join(", ", formulas.Take(5))}" +
                              $"{(formulas.Count > 5 ? $" dan {formulas.Count - 5} sel lain" : "")}. Salin lalu tempel sebagai nilai (Paste Values) dan unggah lagi.");
            if (merged.Count > 0)
                throw Refused($"Berkas '{fileName}' memuat sel gabungan (merge) di {string.Join(", ", merged.Take(5))}. Pisahkan sel gabungan lalu unggah lagi.");
            return ToSheet("xlsx", cells, fileName);
        }
    }

    private static void Store(SortedDictionary<int, Dictionary<int, Cell>> cells, string? reference, string? type, string? value, string? inline,
        IReadOnlyList<string> shared)
    {
        if (reference is null) return;
        var (row, column) = ParseReference(reference);
        if (row <= 0) return;
        Cell? cell = type switch
        {
            "s" when int.TryParse(value, out var i) && i >= 0 && i < shared.Count => new Cell(shared[i], false),
            "inlineStr" => new Cell(inline ?? "", false),
            "str" or "e" => new Cell(value ?? "", false),
            "b" => new Cell(value == "1" ? "TRUE" : "FALSE", false),
            _ when value is not null => new Cell(value, true),
            _ => null,
        };
        if (cell is null) return;
        if (!cells.TryGetValue(row, out var r)) cells[row] = r = new Dictionary<int, Cell>();
        r[column] = cell;
    }

    private static ZipArchiveEntry? FirstSheet(ZipArchive zip)
    {
        // The first sheet of the workbook is sheet1 in every file Excel, LibreOffice and MiniExcel write.
        var first = zip.GetEntry("xl/worksheets/sheet1.xml");
        if (first is not null) return first;
        return zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal))
            .OrderBy(e => e.FullName, StringComparer.Ordinal).FirstOrDefault();
    }

    private static List<string> SharedStrings(ZipArchive zip)
    {
        var list = new List<string>();
        var entry = zip.GetEntry("xl/sharedStrings.xml");
        if (entry is null) return list;
        using var stream = entry.Open();
        using var xml = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        StringBuilder? current = null;
        var depthInRun = false;
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "si") current = new StringBuilder();
            else if (xml.NodeType == XmlNodeType.Element && xml.LocalName is "rPh") depthInRun = !xml.IsEmptyElement; // phonetic runs are not text
            else if (xml.NodeType == XmlNodeType.EndElement && xml.LocalName is "rPh") depthInRun = false;
            else if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "t" && current is not null && !depthInRun)
                current.Append(xml.ReadElementContentAsString());
            if (xml.NodeType == XmlNodeType.EndElement && xml.LocalName == "si" && current is not null)
            {
                list.Add(current.ToString());
                current = null;
            }
        }
        return list;
    }

    /// <summary>"C12" → (12, 2).</summary>
    public static (int Row, int Column) ParseReference(string reference)
    {
        int column = 0, i = 0;
        while (i < reference.Length && char.IsLetter(reference[i]))
        {
            column = column * 26 + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
            i++;
        }
        return int.TryParse(reference.AsSpan(i), out var row) ? (row, column - 1) : (0, 0);
    }

    /// <summary>0 → "A", 27 → "AB".</summary>
    public static string ColumnLetter(int column)
    {
        var s = "";
        for (var c = column + 1; c > 0; c = (c - 1) / 26) s = (char)('A' + (c - 1) % 26) + s;
        return s;
    }

    // ---- CSV ---------------------------------------------------------------------------------------------------

    private static Sheet ReadCsv(byte[] bytes, string fileName)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Refused($"Berkas '{fileName}' bukan lembar kerja Excel (.xlsx) atau CSV teks (UTF-8).");
        }
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        if (text.Contains('\0') || text.StartsWith("%PDF", StringComparison.Ordinal))
            throw Refused($"Berkas '{fileName}' bukan lembar kerja Excel (.xlsx) atau CSV.");
        var firstLine = text.Split('\n')[0];
        var delimiter = new[] { ';', '\t', ',' }.OrderByDescending(d => firstLine.Count(c => c == d)).First();
        if (firstLine.Count(c => c == delimiter) == 0)
            throw Refused($"Berkas '{fileName}' tidak terbaca sebagai CSV: baris judul harus memuat kolom yang dipisah titik koma (;) atau koma (,).");

        var cells = new SortedDictionary<int, Dictionary<int, Cell>>();
        var row = 1;
        var column = 0;
        var field = new StringBuilder();
        var quoted = false;
        var current = new Dictionary<int, Cell>();
        void EndField()
        {
            current[column++] = new Cell(field.ToString(), false);
            field.Clear();
        }
        void EndRow()
        {
            EndField();
            cells[row++] = current;
            current = new Dictionary<int, Cell>();
            column = 0;
        }
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"' && field.Length == 0) quoted = true;
            else if (c == delimiter) EndField();
            else if (c == '\r') { }
            else if (c == '\n') EndRow();
            else field.Append(c);
            if (row > MaxRows + 1) throw Refused($"Berkas '{fileName}' memuat lebih dari {MaxRows:N0} baris.");
        }
        if (field.Length > 0 || column > 0) EndRow();
        return ToSheet("csv", cells, fileName);
    }

    private static Sheet ToSheet(string format, SortedDictionary<int, Dictionary<int, Cell>> cells, string fileName)
    {
        if (cells.Count == 0) throw Refused($"Berkas '{fileName}' kosong.");
        var headerRow = cells.First();
        var headers = headerRow.Value.Where(c => !string.IsNullOrWhiteSpace(c.Value.Text)).ToDictionary(c => c.Key, c => c.Value.Text.Trim());
        if (headers.Count == 0) throw Refused($"Berkas '{fileName}': baris pertama harus berisi judul kolom.");
        var rows = cells.Skip(1).Select(r => new SheetRow(r.Key, r.Value)).Where(r => !r.IsBlank).ToList();
        if (rows.Count == 0) throw Refused($"Berkas '{fileName}' tidak memuat data: hanya ada baris judul.");
        if (rows.Count > MaxRows) throw Refused($"Berkas '{fileName}' memuat lebih dari {MaxRows:N0} baris.");
        return new Sheet(format, headers, rows);
    }
}
