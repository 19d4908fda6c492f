using System.Diagnostics;
using Ekopz.Api.Auth;
using Ekopz.Api.Collections;
using Ekopz.Api.Imports;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Koperasi;
using Ekopz.Domain.Ledger;
using Marten;
using MiniExcelLibs;
using NodaTime;

/// <summary>
/// ./ekopz bench collect [lines]: a payroll deduction batch of 10,000 lines (docs/adr/0036) into a fresh koperasi of its own whose
/// members moved in through the import (ImportBench's path). The batch is an xlsx as the template is filled in (NIK, wajib,
/// sukarela, line key), read, decided and recorded through the endpoint's own code (<see cref="CollectBatchEndpoints.Record"/>):
/// the advisory lock, the row locks, every line's events, the inline projections and the batch's one ledger entry, in one
/// transaction. Prints the dry run's and the apply's time.
/// </summary>
public static class CollectBench
{
    public static async Task Run(IDocumentStore store, IClock clock, int lines)
    {
        var tenant = $"bench-collect-{DateTime.UtcNow:yyyyMMddHHmmss}";
        var now = clock.GetCurrentInstant();
        EventMeta Meta(LocalDate d) => new("bench", d, now, Channels.Web, "bench-collect");
        await using (var s = store.LightweightSession(tenant))
        {
            var opened = KoperasiDecider.Decide(new OpenKoperasi(tenant, "Bench collect", "Asia/Jakarta", 100_000m, 50_000m), Meta(new LocalDate(2020, 1, 1)));
            s.Events.StartStream<KoperasiSettings>(KoperasiSettings.StreamId(tenant), opened);
            s.Events.StartStream<Chart>(Chart.StreamId(tenant), new ChartOpened(ChartTemplate.Default, opened.Meta));
            await s.SaveChangesAsync();
        }
        await using (var s = store.LightweightSession(tenant))
        {
            s.Events.Append(Chart.StreamId(tenant),
                new AccountAdded(new AccountDefinition("3-9900", "Saldo awal pindahan", AccountClass.Equity), LocalDate.MinIsoValue, Meta(new LocalDate(2020, 1, 1))),
                new AccountRoleAssigned(AccountRoles.OpeningClearing, "3-9900", LocalDate.MinIsoValue, Meta(new LocalDate(2020, 1, 1))));
            await s.SaveChangesAsync();
        }
        var caller = new Caller("bench", tenant, new HashSet<string> { Roles.Kasir }, null);
        async Task<CommandScope> Scope(IDocumentSession s)
        {
            var settings = await s.LoadAsync<KoperasiSettings>(KoperasiSettings.StreamId(tenant));
            return new CommandScope(s, caller, settings, clock.GetCurrentInstant(), "bench-collect");
        }

        // The members, moved in (not timed).
        var sw = Stopwatch.StartNew();
        var cutOver = new LocalDate(2025, 12, 31);
        var demo = ImportTemplates.DemoMembers(lines, cutOver);
        var members = new OpeningBalancesImportRequest(cutOver, new ImportFile("anggota.xlsx", Convert.ToBase64String(ImportTemplates.Members(demo))), null);
        await using (var s = store.LightweightSession(tenant))
        {
            var scope = await Scope(s);
            var plan = OpeningBalancePlan.Check(members, await OpeningBalanceEndpoints.Context(scope, members));
            if (plan.Problems.Count > 0) throw new InvalidOperationException(plan.Problems[0].Message);
            await OpeningBalanceEndpoints.Record(scope, plan, Guid.NewGuid());
            await s.SaveChangesAsync();
        }
        Console.WriteLine($"collect: {lines:N0} members moved in (setup, not timed) in {sw.Elapsed.TotalSeconds:0.0} s");

        // The payroll list as the template is filled in: every member, wajib and sukarela.
        var rows = demo.Select((m, i) => new Dictionary<string, object?>
        {
            ["Kunci Baris"] = $"2026-01-{m.Nik}", ["NIK / No. Anggota"] = m.Nik, ["Nama"] = m.Name,
            ["Simpanan Wajib"] = 50_000m, ["Simpanan Sukarela"] = (decimal)(i % 5 * 25_000), ["Angsuran Pinjaman"] = null, ["ID Pinjaman"] = null,
        }).ToList();
        using var output = new MemoryStream();
        output.SaveAs(rows, excelType: ExcelType.XLSX);
        var request = new CollectionBatchRequest("potong-gaji-2026-01", null, "bank", null,
            new ImportFile("potong-gaji.xlsx", Convert.ToBase64String(output.ToArray())));
        Console.WriteLine($"collect: the batch file, {lines:N0} lines, {output.Length / 1024:N0} KB");

        sw.Restart();
        // The client's own CPU time too: on a shared machine the wall time mostly measures waiting for a core.
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        await using (var s = store.LightweightSession(tenant))
        {
            var scope = await Scope(s);
            var (report, _) = await CollectBatchEndpoints.Record(scope, request, CancellationToken.None);
            var decided = sw.Elapsed;
            await s.SaveChangesAsync();
            sw.Stop();
            // Where the time goes: reading, locking and deciding, then Marten's save (appends, inline projections, ledger).
            Console.WriteLine($"collect: read, locked and decided in {decided.TotalSeconds:0.00} s; saved in {(sw.Elapsed - decided).TotalSeconds:0.00} s");
            Console.WriteLine($"collect: apply {report.Lines:N0} lines ({report.AppliedLines:N0} applied, {report.RefusedLines:N0} refused, "
                + $"total Rp{report.Total:N0}, one ledger entry): {sw.Elapsed.TotalSeconds:0.00} s "
                + $"(the bench process's CPU: {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:0.00} s)");
            if (report.AppliedLines != lines) throw new InvalidOperationException($"Only {report.AppliedLines} of {lines} lines applied.");
        }
        sw.Restart();
        await using (var s = store.LightweightSession(tenant))
        {
            var (report, replayed) = await CollectBatchEndpoints.Record(await Scope(s), request, CancellationToken.None);
            await s.SaveChangesAsync();
            Console.WriteLine($"collect: the same batch again (replayed: {replayed}, {report.AppliedLines:N0} lines): {sw.Elapsed.TotalSeconds:0.00} s");
        }
    }
}
