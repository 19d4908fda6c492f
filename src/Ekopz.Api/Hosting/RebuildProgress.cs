using System.Diagnostics;
using System.Globalization;

namespace Ekopz.Api.Hosting;

/// <summary>
/// The rebuild's progress line: events done of all, events per second, and the time left at that rate. On a terminal
/// the line is redrawn in place (at most five times a second); otherwise (a log, a pipe, CI) a line every five seconds.
/// </summary>
internal sealed class RebuildProgress(TextWriter output, bool inPlace, long all)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _lastDrawn = TimeSpan.Zero;
    private long _lastDone = -1;

    public TimeSpan Elapsed => _clock.Elapsed;

    public void Report(string tenant, long done)
    {
        var every = inPlace ? TimeSpan.FromMilliseconds(200) : TimeSpan.FromSeconds(5);
        if (_clock.Elapsed - _lastDrawn < every) return;
        _lastDrawn = _clock.Elapsed;
        Write(Line(tenant, done, all, _clock.Elapsed));
        _lastDone = done;
    }

    /// <summary>A koperasi is done: its final figures, always shown, and the in-place line ended.</summary>
    public void Finish(string tenant, long done)
    {
        if (inPlace || done != _lastDone) Write(Line(tenant, done, all, _clock.Elapsed));
        if (inPlace) output.WriteLine();
        output.Flush();
    }

    private void Write(string line)
    {
        if (inPlace) output.Write("\r" + line.PadRight(110));
        else output.WriteLine(line);
        output.Flush();
    }

    /// <summary><c>[#########---------------------]  30 %  76,500/255,002 events  21,000 events/s  ETA 0:08  bench-5000</c></summary>
    internal static string Line(string tenant, long done, long all, TimeSpan elapsed)
    {
        const int width = 30;
        var fraction = all == 0 ? 1 : Math.Min(1, (double)done / all);
        var filled = (int)Math.Round(fraction * width);
        var rate = elapsed.TotalSeconds <= 0 ? 0 : done / elapsed.TotalSeconds;
        var eta = rate <= 0 ? "?" : TimeSpan.FromSeconds(Math.Max(0, all - done) / rate).ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture);
        return $"[{new string('#', filled)}{new string('-', width - filled)}] {fraction.ToString("P0", CultureInfo.InvariantCulture),5} "
            + $"{done.ToString("N0", CultureInfo.InvariantCulture)}/{all.ToString("N0", CultureInfo.InvariantCulture)} events  "
            + $"{rate.ToString("N0", CultureInfo.InvariantCulture)} events/s  ETA {eta}  {tenant}";
    }
}
