using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Ekopz.Web.Documents;

/// <summary>
/// The A4 layout every console document but the kwitansi shares (statements, reports, lists): the koperasi's letterhead,
/// a title, label/value pairs (period, "as recorded at", seal), rows of text that continue on a new page with their header
/// repeated, and the page number at the foot of each page. Dispose it, then <see cref="Save"/>.
/// </summary>
public sealed class A4Pages : IDisposable
{
    public const double Row = 14;

    private readonly PdfDocument _document = new();
    private XGraphics? _gfx;
    private int _pageNumber;

    public XFont Regular { get; }
    public XFont Bold { get; }
    public XFont Small { get; }
    public XFont Head { get; }
    public XFont TitleFont { get; }
    public double Margin { get; } = XUnit.FromMillimeter(18).Point;
    public double Y { get; set; }
    public double Right { get; private set; }
    public double Bottom { get; private set; }
    public double Width => Right - Margin;

    /// <summary>Drawn again at the top of each new page (a table's header).</summary>
    public Action? OnNewPage { get; set; }

    public A4Pages(string title, string author, bool landscape = false, double size = 9.5)
    {
        FontFiles.Install();
        Landscape = landscape;
        _document.Info.Title = title;
        _document.Info.Author = author;
        Regular = new XFont(FontFiles.Family, size, XFontStyleEx.Regular);
        Bold = new XFont(FontFiles.Family, size, XFontStyleEx.Bold);
        Small = new XFont(FontFiles.Family, 8, XFontStyleEx.Regular);
        Head = new XFont(FontFiles.Family, 15, XFontStyleEx.Bold);
        TitleFont = new XFont(FontFiles.Family, 12, XFontStyleEx.Bold);
        NewPage();
    }

    public bool Landscape { get; }

    public XGraphics Gfx => _gfx!;

    public void NewPage()
    {
        _gfx?.Dispose();
        var page = _document.AddPage();
        page.Width = XUnit.FromMillimeter(Landscape ? 297 : 210);
        page.Height = XUnit.FromMillimeter(Landscape ? 210 : 297);
        _gfx = XGraphics.FromPdfPage(page);
        Right = page.Width.Point - Margin;
        Bottom = page.Height.Point - Margin;
        Y = Margin;
        _pageNumber++;
        _gfx.DrawString(string.Format(Teks.Rekening_halaman, _pageNumber), Small, XBrushes.DimGray,
            new XRect(Margin, Bottom, Right - Margin, Row), XStringFormats.TopRight);
        if (_pageNumber > 1) OnNewPage?.Invoke();
    }

    /// <summary>Starts a new page unless <paramref name="rows"/> more rows fit on this one.</summary>
    public void Room(int rows = 2)
    {
        if (Y + Row * rows > Bottom - Row) NewPage();
    }

    public void Text(string s, XFont f, double x, double width, XStringFormat align, XBrush? brush = null) =>
        Gfx.DrawString(s, f, brush ?? XBrushes.Black, new XRect(x, Y, width, Row), align);

    /// <summary>Text cut to fit its column, ending in "…" (a long description never runs into the figures).</summary>
    public void Fitted(string s, XFont f, double x, double width, XStringFormat align, XBrush? brush = null)
    {
        var text = s;
        while (text.Length > 1 && Gfx.MeasureString(text, f).Width > width - 2) text = text[..^2] + "…";
        Text(text, f, x, width, align, brush);
    }

    /// <summary>A figure, right-aligned and never cut: set smaller when its column is too narrow for it.</summary>
    public void Figure(string s, XFont f, double x, double width)
    {
        var measured = Gfx.MeasureString(s, f).Width;
        var font = measured <= width - 2 ? f : new XFont(FontFiles.Family, Math.Max(5, f.Size * (width - 2) / measured), f.Bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);
        Text(s, font, x, width, XStringFormats.TopRight);
    }

    public void Rule(double weight = 0.5)
    {
        Gfx.DrawLine(new XPen(XColors.Gray, weight), Margin, Y + 2, Right, Y + 2);
        Y += 6;
    }

    /// <summary>The koperasi's name, the document's title, and a rule under them.</summary>
    public void Letterhead(string koperasiName, string title)
    {
        Text(koperasiName, Head, Margin, Width, XStringFormats.TopLeft);
        Y += 20;
        Text(title, TitleFont, Margin, Width, XStringFormats.TopLeft);
        Y += 18;
        Rule(1);
    }

    public void Pair(string label, string value)
    {
        Text(label, Regular, Margin, Width * 0.3, XStringFormats.TopLeft, XBrushes.DimGray);
        if (Gfx.MeasureString(value, Bold).Width <= Width * 0.7 - 2)
        {
            Text(value, Bold, Margin + Width * 0.3, Width * 0.7, XStringFormats.TopLeft);
            Y += Row;
            return;
        }
        // Too long beside its label (a seal's digest): wrapped over the lines under it, smaller, never cut.
        Y += Row;
        var height = Row * 3;
        new PdfSharp.Drawing.Layout.XTextFormatter(Gfx).DrawString(value, Small, XBrushes.Black, new XRect(Margin, Y, Width, height), XStringFormats.TopLeft);
        Y += Math.Ceiling(Gfx.MeasureString(value, Small).Width / (Width * 0.9)) * Small.Size * 1.3 + 4;
    }

    public byte[] Save()
    {
        _gfx?.Dispose();
        _gfx = null;
        using var output = new MemoryStream();
        _document.Save(output, false);
        return output.ToArray();
    }

    public void Dispose()
    {
        _gfx?.Dispose();
        _document.Dispose();
    }
}
