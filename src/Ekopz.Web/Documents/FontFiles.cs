using PdfSharp.Fonts;

namespace Ekopz.Web.Documents;

/// <summary>
/// The typeface of the console's PDFs: a free sans-serif found on the machine (DejaVu Sans, else
/// Liberation Sans; EKOPZ_FONT_DIR may point elsewhere). PDFsharp embeds it in each document, so a
/// receipt looks the same on every phone and printer. ./ekopz installs fonts-dejavu-core where none
/// is present.
/// </summary>
public sealed class FontFiles : IFontResolver
{
    public const string Family = "Ekopz Sans";

    private static readonly (string Regular, string Bold)[] Candidates =
    [
        ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
        ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
        ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
    ];

    private static readonly Lazy<(byte[] Regular, byte[] Bold)> Faces = new(Load);
    private static readonly object Gate = new();
    private static bool _installed;

    /// <summary>Makes this the resolver PDFsharp uses (once per process).</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (_installed) return;
            GlobalFontSettings.FontResolver = new FontFiles();
            _installed = true;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? "ekopz-bold" : "ekopz-regular", false, italic);

    public byte[]? GetFont(string faceName) => faceName == "ekopz-bold" ? Faces.Value.Bold : Faces.Value.Regular;

    private static (byte[], byte[]) Load()
    {
        var dirs = new List<string>();
        if (Environment.GetEnvironmentVariable("EKOPZ_FONT_DIR") is { Length: > 0 } configured) dirs.Add(configured);
        dirs.AddRange(["/usr/share/fonts", "/usr/local/share/fonts", "/Library/Fonts", @"C:\Windows\Fonts"]);
        foreach (var (regular, bold) in Candidates)
            foreach (var dir in dirs.Where(Directory.Exists))
            {
                var r = Directory.EnumerateFiles(dir, regular, SearchOption.AllDirectories).FirstOrDefault();
                var b = Directory.EnumerateFiles(dir, bold, SearchOption.AllDirectories).FirstOrDefault();
                if (r is not null) return (File.ReadAllBytes(r), File.ReadAllBytes(b ?? r));
            }
        throw new InvalidOperationException(
            "No font for PDFs: install Debian's fonts-dejavu-core (./ekopz does so) or set EKOPZ_FONT_DIR to a folder with DejaVuSans.ttf.");
    }
}
