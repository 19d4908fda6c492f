using Ekopz.Api.Ledger;
using Ekopz.Api.Platform;
using Marten;

namespace Ekopz.Api.Hosting;

/// <summary>
/// <c>verify-books [kop ...]</c>: rebuilds each koperasi's ledger from its events, compares it with
/// the live ledger and every closed period with its seal, prints the result and exits 0 only when
/// everything matches. With no slug, every koperasi is checked. (<c>./ekopz verify-books</c> runs it.)
/// </summary>
public static class VerifyBooksCommand
{
    public static async Task<int> Run(IServiceProvider services, string[] slugs)
    {
        var store = services.GetRequiredService<IDocumentStore>();
        var verifier = services.GetRequiredService<LedgerVerifier>();
        if (slugs.Length == 0)
        {
            await using var session = store.QuerySession();
            slugs = (await session.Query<KoperasiRecord>().Select(k => k.Id).ToListAsync()).Order().ToArray();
        }

        var ok = true;
        foreach (var slug in slugs)
        {
            var report = await verifier.Verify(slug, CancellationToken.None);
            Console.WriteLine($"{slug}: {report.EventsReplayed} events replayed, {report.LinesRebuilt} ledger lines rebuilt, {report.LinesLive} live: "
                + (report.LedgerMatchesEvents ? "ledger matches the events" : $"{report.Differences.Count} DIFFERENCES"));
            if (!report.DailyTotalsMatchLines) Console.WriteLine("  the daily totals DO NOT match the posted lines");
            foreach (var d in report.Differences) Console.WriteLine($"  entry {d.EntryId} line {d.LineNo}: {d.Problem}");
            foreach (var p in report.Periods)
                Console.WriteLine($"  {p.Period} sealed {p.SealedDigest[..16]}… rebuilt {p.RebuiltDigest[..16]}… live {p.LiveDigest[..16]}… "
                    + (p.Matches ? "OK" : "MISMATCH"));
            ok &= report.LedgerMatchesEvents && report.DailyTotalsMatchLines && report.AllPeriodsMatch;
        }
        Console.WriteLine(ok ? "All books verified." : "Verification FAILED.");
        return ok ? 0 : 1;
    }
}
