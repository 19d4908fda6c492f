using System.Globalization;
using System.Text;

namespace Ekopz.Api.Ledger;

/// <summary>
/// Reports as CSV when the client sends <c>Accept: text/csv</c>: one header row, then rows; numbers
/// with a dot and no grouping, so spreadsheets and auditors' tools read them exactly.
/// </summary>
public static class Csv
{
    public static bool Wanted(HttpContext http) =>
        http.Request.Headers.Accept.Any(a => a?.Contains("text/csv", StringComparison.OrdinalIgnoreCase) == true);

    public static IResult Result(string fileName, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows)
    {
        var sb = new StringBuilder();
        sb.AppendLine(string.Join(',', header.Select(Escape)));
        foreach (var row in rows) sb.AppendLine(string.Join(',', row.Select(Format)));
        return Results.File(Encoding.UTF8.GetBytes(sb.ToString()), "text/csv; charset=utf-8", fileName);
    }

    /// <summary>
    /// A CSV written to the response as the rows arrive from the database: exports of journals and
    /// ledgers hold every row however many there are, without holding them all in memory.
    /// </summary>
    public static IResult Stream(string fileName, IReadOnlyList<string> header, IAsyncEnumerable<IReadOnlyList<object?>> rows) =>
        new StreamedCsv(fileName, header, rows);

    private sealed class StreamedCsv(string fileName, IReadOnlyList<string> header, IAsyncEnumerable<IReadOnlyList<object?>> rows) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.ContentType = "text/csv; charset=utf-8";
            http.Response.Headers.ContentDisposition = $"attachment; filename={fileName}";
            await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(false), 64 * 1024, leaveOpen: true);
            await writer.WriteLineAsync(string.Join(',', header.Select(Escape)));
            await foreach (var row in rows.WithCancellation(http.RequestAborted))
                await writer.WriteLineAsync(string.Join(',', row.Select(Format)));
            await writer.FlushAsync(http.RequestAborted);
        }
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        decimal d => d.ToString("0.00", CultureInfo.InvariantCulture),
        NodaTime.LocalDate date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        NodaTime.Instant i => i.ToString(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Escape(value.ToString() ?? ""),
    };

    private static string Escape(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
