using System.Diagnostics;
using Ekopz.Api.Auth;
using Ekopz.Api.Imports;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Koperasi;
using Ekopz.Domain.Ledger;
using Marten;
using NodaTime;

/// <summary>
/// ./ekopz bench import [members] [loans]: moving in a koperasi of 10,000 members with 2,000 running loans and a shop's stock
/// (docs/adr/0033, 0035) into a fresh koperasi of its own,
/// through the same code as the API: the demo xlsx files generated, read and checked (the dry run), then checked again and
/// recorded in one transaction with every inline projection and the ledger (the apply). Prints each step's time.
/// </summary>
public static class ImportBench
{
    public static async Task Run(IDocumentStore store, IClock clock, int members, int loans = 2000)
    {
        var tenant = $"bench-import-{DateTime.UtcNow:yyyyMMddHHmmss}";
        var now = clock.GetCurrentInstant();
        EventMeta Meta(LocalDate d) => new("bench", d, now, Channels.Web, "bench-import");
        await using (var s = store.LightweightSession(tenant))
        {
            var opened = KoperasiDecider.Decide(new OpenKoperasi(tenant, "Bench import", "Asia/Jakarta", 100_000m, 50_000m), Meta(new LocalDate(2020, 1, 1)));
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

        var cutOver = new LocalDate(2025, 12, 31);
        var sw = Stopwatch.StartNew();
        var demo = ImportTemplates.DemoMembers(members, cutOver);
        var membersXlsx = ImportTemplates.Members(demo);
        Chart chart;
        await using (var q = store.QuerySession(tenant)) chart = (await q.LoadAsync<Chart>(Chart.StreamId(tenant)))!;
        var demoLoans = ImportTemplates.DemoLoans(demo, loans, cutOver);
        var demoProducts = ImportTemplates.DemoProducts();
        var ledgerXlsx = ImportTemplates.Ledger(chart, cutOver, ImportTemplates.DemoLedger(demo, demoLoans, demoProducts));
        var loansXlsx = ImportTemplates.Loans(demoLoans);
        var productsXlsx = ImportTemplates.Products(demoProducts);
        Console.WriteLine($"import: {members:N0} members, {demoLoans.Count:N0} loans, {demoProducts.Count} products; files generated ({membersXlsx.Length / 1024:N0} KB + " +
                          $"{ledgerXlsx.Length / 1024:N0} KB + {loansXlsx.Length / 1024:N0} KB + {productsXlsx.Length / 1024:N0} KB) in {sw.Elapsed.TotalSeconds:0.00} s");
        var request = new OpeningBalancesImportRequest(cutOver, new ImportFile("anggota.xlsx", Convert.ToBase64String(membersXlsx)),
            new ImportFile("saldo-awal-akun.xlsx", Convert.ToBase64String(ledgerXlsx)), new ImportFile("pinjaman.xlsx", Convert.ToBase64String(loansXlsx)),
            new ImportFile("persediaan.xlsx", Convert.ToBase64String(productsXlsx)));
        var caller = new Caller("bench", tenant, new HashSet<string> { Roles.Pengurus }, null);

        sw.Restart();
        await using (var s = store.LightweightSession(tenant))
        {
            var scope = await Scope(s);
            var plan = OpeningBalancePlan.Check(request, await OpeningBalanceEndpoints.Context(scope, request));
            if (plan.Problems.Count > 0) throw new InvalidOperationException(plan.Problems[0].Message);
        }
        Console.WriteLine($"import: dry run (read, check) {sw.Elapsed.TotalSeconds:0.00} s");

        sw.Restart();
        await using (var s = store.LightweightSession(tenant))
        {
            var scope = await Scope(s);
            var plan = OpeningBalancePlan.Check(request, await OpeningBalanceEndpoints.Context(scope, request));
            var checkedIn = sw.Elapsed.TotalSeconds;
            await OpeningBalanceEndpoints.Record(scope, plan, Guid.NewGuid());
            var recordedIn = sw.Elapsed.TotalSeconds;
            await s.SaveChangesAsync();
            Console.WriteLine($"import: apply steps: read and check {checkedIn:0.00} s, events built {recordedIn - checkedIn:0.00} s, " +
                              $"saved with the inline projections and the ledger {sw.Elapsed.TotalSeconds - recordedIn:0.00} s");
        }
        var events = members * 3 + demoLoans.Count + demoProducts.Count * 2 + 2;
        Console.WriteLine($"import: apply (read, check, record {events:N0} events, post to the books) {sw.Elapsed.TotalSeconds:0.00} s " +
                          $"(budget 60 s: {(sw.Elapsed.TotalSeconds <= 60 ? "within" : "OVER")})");

        // The books reconcile: the receivable and inventory control accounts equal their sub-ledgers.
        await using (var q = store.QuerySession(tenant))
        {
            var loanCount = await q.Query<Ekopz.Domain.Loans.Loan>().CountAsync();
            Console.WriteLine($"import: {loanCount:N0} running loans recorded, principal outstanding {demoLoans.Sum(l => l.Principal):N0}, stock value {demoProducts.Sum(p => p.Value):N0}");
        }

        async Task<CommandScope> Scope(IDocumentSession s)
        {
            var settings = await s.LoadAsync<KoperasiSettings>(KoperasiSettings.StreamId(tenant));
            return new CommandScope(s, caller, settings, clock.GetCurrentInstant(), "bench-import");
        }
    }
}
