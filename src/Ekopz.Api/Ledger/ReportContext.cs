using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Koperasi;
using Ekopz.Domain.Ledger;
using Marten;
using NodaTime;

namespace Ekopz.Api.Ledger;

/// <summary>What every report needs: the koperasi's chart and today in its time zone, and the parsed date parameters.</summary>
public sealed record ReportContext(string Tenant, Chart Chart, LocalDate Today, DateTimeZone Zone)
{
    public static async Task<ReportContext> Load(IDocumentStore store, IClock clock, string kop, CancellationToken ct)
    {
        await using var session = store.QuerySession(kop);
        var settings = await session.LoadAsync<KoperasiSettings>(KoperasiSettings.StreamId(kop), ct)
            ?? throw DomainException.NotFound("The koperasi");
        var chart = await session.LoadAsync<Chart>(Chart.StreamId(kop), ct) ?? throw DomainException.NotFound("The chart of accounts");
        var zone = DateTimeZoneProviders.Tzdb[settings.TimeZone];
        return new ReportContext(kop, chart, clock.GetCurrentInstant().InZone(zone).Date, zone);
    }

    public LocalDate AsOf(string? text) => QueryParams.Date(text, "asOf") ?? Today;

    /// <summary>A report period: <c>from</c> defaults to 1 January of <c>to</c>'s year, <c>to</c> to today.</summary>
    public (LocalDate From, LocalDate To) Period(string? from, string? to)
    {
        var end = QueryParams.Date(to, "to") ?? Today;
        var start = QueryParams.Date(from, "from") ?? new LocalDate(end.Year, 1, 1);
        if (start > end) throw DomainException.Validation("from", "The period starts after it ends.");
        return (start, end);
    }

    public string NameOf(string code, LocalDate date) => Chart.Find(code)?.NameAt(date) ?? code;

    public bool IsCash(string code) => Chart.Find(code)?.Definition.HasTag(AccountTags.Cash) == true;

    public IReadOnlyList<string> CashAccounts() => Chart.Accounts.Where(a => a.Definition.HasTag(AccountTags.Cash)).Select(a => a.Code).ToList();

    public string Link(string path) => $"/api/v1/koperasi/{Tenant}/{path}";

    /// <summary>The drill-down to exactly the journal lines <paramref name="filter"/> selects (docs/adr/0013).</summary>
    public string LinesLink(LineFilter filter) => Link("ledger/lines?" + filter.Query());
}
