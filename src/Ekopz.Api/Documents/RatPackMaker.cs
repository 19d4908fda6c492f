using Ekopz.Domain.Common;
using Ekopz.Domain.Koperasi;
using Ekopz.Domain.Ledger;
using Ekopz.Web.Documents;
using Ekopz.Web.Session;
using Marten;
using NodaTime;

namespace Ekopz.Api.Documents;

/// <summary>
/// Makes the RAT pack of a closed year (docs/adr/0034), for the endpoint and for <c>./ekopz rat-pack</c>: refuses a year that
/// is not closed, then lets <see cref="RatPack"/> read everything through <see cref="InProcessApi"/>.
/// </summary>
public static class RatPackMaker
{
    public sealed record Pack(string FileName, byte[] Zip);

    public static async Task<Pack> Make(IServiceProvider services, string kop, int year, CancellationToken ct)
    {
        if (year < 1900 || year > 9999) throw DomainException.Validation("year", "A four-digit year.");
        var store = services.GetRequiredService<IDocumentStore>();
        await using var session = store.QuerySession(kop);
        var settings = await session.LoadAsync<KoperasiSettings>(KoperasiSettings.StreamId(kop), ct) ?? throw DomainException.NotFound("The koperasi");
        if (await session.LoadAsync<FiscalYear>(FiscalYear.StreamId(year), ct) is null)
            throw new DomainException(ErrorCodes.YearNotClosed,
                $"The fiscal year {year} is not closed: close its twelve months and the year first; the RAT pack is made for a closed year only.");
        // The pack is made for the koperasi, not for a person: the reads were allowed by the caller's role before this point.
        var owner = new ConsoleUser("ekopz", new HashSet<string>(), kop, settings.Name, settings.TimeZone, null, null);
        var now = services.GetRequiredService<IClock>().GetCurrentInstant().ToDateTimeOffset();
        var zip = await RatPack.Build(new InProcessApi(services), owner, year, now, ct);
        return new Pack($"paket-rat-{kop}-{year}.zip", zip);
    }
}
