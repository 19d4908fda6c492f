using System.Globalization;
using Ekopz.Projections;
using Ekopz.Projections.Rebuild;
using Marten;
using Npgsql;

namespace Ekopz.Api.Hosting;

/// <summary>
/// <c>rebuild [kop ...]</c>: rebuilds every read model (documents, the ledger tables, stock moves, savings lines) of
/// each koperasi from its events, one koperasi per transaction, drawing a progress bar while it runs and printing
/// the events per second at the end. With no slug, every tenant that has events is rebuilt, the platform's own
/// included. (<c>./ekopz rebuild</c> runs it; docs/adr/0027.)
/// </summary>
public static class RebuildCommand
{
    /// <param name="output">Where the report goes (the console unless told; tests pass a writer of their own).</param>
    /// <param name="progressOutput">Where the progress goes: standard error unless told, so the report on standard
    /// output stays clean when piped; redrawn in place on a terminal, a line every few seconds otherwise.</param>
    public static async Task<int> Run(IServiceProvider services, string[] slugs, TextWriter? output = null, TextWriter? progressOutput = null)
    {
        var o = output ?? Console.Out;
        var store = services.GetRequiredService<IDocumentStore>();
        var rebuild = new ProjectionRebuild(store);
        // A rebuild may be the first thing run against a database (a restore, a new release): the tables must exist.
        var db = services.GetRequiredService<Infrastructure.ReadDb>();
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await Projections.Ledger.LedgerSchema.EnsureAsync(db.DataSource, EkopzMarten.Schema, CancellationToken.None);
        await Projections.Shop.ShopSchema.EnsureAsync(db.DataSource, EkopzMarten.Schema, CancellationToken.None);
        var tenants = slugs.Length > 0 ? slugs.ToList() : await TenantsWithEvents(store);

        var totals = new Dictionary<string, long>();
        foreach (var t in tenants) totals[t] = await rebuild.CountEvents(t, CancellationToken.None);
        var unknown = tenants.Where(t => totals[t] == 0 && slugs.Length > 0).ToList();
        if (unknown.Count > 0)
        {
            await o.WriteLineAsync($"No events for: {string.Join(", ", unknown)} (nothing rebuilt).");
            return 2;
        }

        var all = totals.Values.Sum();
        var (documents, tables, projections, _) = rebuild.Plan();
        await o.WriteLineAsync($"Rebuilding {projections.Count} projections ({documents.Count} document types, {tables.Count} tables) "
            + $"of {tenants.Count} koperasi from {all:N0} events.");

        var toConsole = output is null && progressOutput is null;
        var progress = new RebuildProgress(progressOutput ?? (toConsole ? Console.Error : TextWriter.Null),
            inPlace: toConsole && !Console.IsErrorRedirected, all);
        // Events done over every koperasi, for the progress bar: each rebuild adds what it did since its last report. Under
        // the gate, because two rebuilds report at once.
        long rebuilt = 0;
        var gate = new object();
        await Parallel.ForEachAsync(tenants, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (tenant, ct) =>
        {
            long reported = 0;
            var result = await rebuild.Rebuild(tenant, n => { lock (gate) { rebuilt += n - reported; reported = n; progress.Report(tenant, rebuilt); } }, ct);
            lock (gate)
            {
                rebuilt += result.Events - reported;
                progress.Finish(tenant, rebuilt);
                o.WriteLine($"{tenant}: {result.Events:N0} events in {result.Elapsed.TotalSeconds:0.00} s "
                    + $"({Rate(result.Events, result.Elapsed)} events/s); "
                    + string.Join(", ", result.Phases.Select(p => $"{p.Key} {p.Value.TotalSeconds:0.0} s")));
            }
        });
        await o.WriteLineAsync($"Rebuilt {tenants.Count} koperasi: {rebuilt:N0} events in {progress.Elapsed.TotalSeconds:0.00} s, "
            + $"{Rate(rebuilt, progress.Elapsed)} events/s.");
        return 0;
    }

    /// <summary>
    /// Koperasi rebuilt at once. One rebuild is one connection, one transaction and one thread that reads, projects and
    /// copies in turn, so PostgreSQL and this process take turns and a core waits (bench load: 1.5 of 2 cores busy).
    /// Two koperasi share nothing (each deletes and writes only its own tenant's rows, each in its own transaction), so two
    /// run side by side; more would only queue on the two cores.
    /// </summary>
    private const int Concurrency = 2;

    internal static string Rate(long events, TimeSpan elapsed) =>
        (elapsed.TotalSeconds <= 0 ? 0 : events / elapsed.TotalSeconds).ToString("N0", CultureInfo.InvariantCulture);

    private static async Task<List<string>> TenantsWithEvents(IDocumentStore store)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select distinct tenant_id from {EkopzMarten.Schema}.mt_events order by 1", connection);
        var tenants = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) tenants.Add(reader.GetString(0));
        return tenants;
    }
}
