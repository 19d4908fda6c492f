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
    /// <param name="output">Where the report goes (the console unless told; tests pass a writer of their own).</param>
    public static async Task<int> Run(IServiceProvider services, string[] slugs, TextWriter? output = null)
    {
        var o = output ?? Console.Out;
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
            await o.WriteLineAsync($"{slug}: {report.EventsReplayed} events replayed, {report.LinesRebuilt} ledger lines rebuilt, {report.LinesLive} live: "
                + (report.LedgerMatchesEvents ? "ledger matches the events" : $"{report.Differences.Count} DIFFERENCES"));
            if (!report.DailyTotalsMatchLines) await o.WriteLineAsync("  the daily totals DO NOT match the posted lines");
            foreach (var d in report.Differences)
                await o.WriteLineAsync($"  entry {d.EntryId}" + (d.LineNo is { } n ? $" line {n}" : "") + $" {d.Field}: {d.Problem}");
            foreach (var p in report.Periods)
            {
                await o.WriteLineAsync($"  {p.Period} sealed {Short(p.SealedDigest)} rebuilt {Short(p.RebuiltDigest)} live {Short(p.LiveDigest)} "
                    + $"reported {Short(p.ReportDigest)} " + (p.Matches ? "OK" : "MISMATCH"));
                foreach (var problem in p.Problems) await o.WriteLineAsync($"    {problem}");
            }
            ok &= report.LedgerMatchesEvents && report.DailyTotalsMatchLines && report.AllPeriodsMatch;
        }
        await o.WriteLineAsync(ok ? "All books verified." : "Verification FAILED.");
        return ok ? 0 : 1;
    }

    private static string Short(string digest) => digest.Length > 16 ? digest[..16] + "…" : digest;
}
