using System.Globalization;
using Ekopz.Web.Formatting;

namespace Ekopz.Web.Components.Books;

/// <summary>
/// A page of the books: its filters come from the query string of a GET form (<c>per</c> for a date,
/// <c>dari</c>/<c>sampai</c> for a period, <c>tercatat</c> for "as recorded at", in the koperasi's wall
/// clock, <c>akun</c>, <c>hal</c>), so any view of a report is a link that can be shared, bookmarked or
/// printed. Values that cannot be read are reported beside the filter rather than guessed.
/// </summary>
public abstract class ReportPage : ConsolePage
{
    protected FormErrors FilterErrors { get; } = new();

    protected DateOnly? DateParam(string name, string field)
    {
        var text = Query(name);
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (Tanggal.TryParseIso(text, out var d)) return d;
        FilterErrors.Add(field, Teks.Galat_tanggal);
        return null;
    }

    protected DateOnly? AsOf => _asOf ??= DateParam("per", "per");
    private DateOnly? _asOf;
    protected DateOnly? From => _from ??= DateParam("dari", "dari");
    private DateOnly? _from;
    protected DateOnly? To => _to ??= DateParam("sampai", "sampai");
    private DateOnly? _to;

    /// <summary>"As recorded at" (typed in the koperasi's time zone); null for "as the books stand now".</summary>
    protected DateTimeOffset? KnownAt
    {
        get
        {
            if (_knownAtRead) return _knownAt;
            _knownAtRead = true;
            var text = Query("tercatat");
            _knownAt = LocalMoment.Parse(text, Me.TimeZone);
            if (_knownAt is null && !string.IsNullOrWhiteSpace(text)) FilterErrors.Add("tercatat", Teks.Lap_galat_tercatat);
            return _knownAt;
        }
    }
    private DateTimeOffset? _knownAt;
    private bool _knownAtRead;

    protected string? KnownAtText => Query("tercatat");

    /// <summary>knownAt as the API reads it: an ISO instant in UTC.</summary>
    protected string? ApiKnownAt => KnownAt?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    protected static string? Iso(DateOnly? date) => date is { } d ? Tanggal.Iso(d) : null;

    protected int PageNo => int.TryParse(Query("hal"), out var p) && p > 0 ? p : 1;

    /// <summary>Checks a period's ends; true when the API may be asked.</summary>
    protected bool PeriodIsValid()
    {
        _ = KnownAt;
        if (From is { } f && To is { } t && f > t) FilterErrors.Add("dari", Teks.Lap_galat_periode);
        return !FilterErrors.Any;
    }

    protected bool DateIsValid()
    {
        _ = AsOf;
        _ = KnownAt;
        return !FilterErrors.Any;
    }

    /// <summary>The console's download of this report as CSV (<see cref="Hosting.ReportDownload"/>), with the API's own parameter names.</summary>
    protected static string CsvLink(string report, params (string Key, string? Value)[] query) => $"/laporan/unduh/{report}" + Drill.Query(query);

    /// <summary>The lines page of a figure.</summary>
    protected static string? Lines(string? drillDown, string label, params (string Key, string Value)[] refine) => Drill.ToConsole(drillDown, label, refine);
}
