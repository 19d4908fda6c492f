using System.Diagnostics;
using Ekopz.Api.Hosting;
using Ekopz.Api.Infrastructure;
using Ekopz.Api.Ledger;
using Ekopz.Api.Reports;
using Ekopz.Domain.Common;
using Ekopz.Domain.Koperasi;
using Ekopz.Domain.Ledger;
using Ekopz.Domain.Members;
using Ekopz.Domain.Savings;
using Ekopz.Projections;
using Ekopz.Projections.Ledger;
using Marten;
using NodaTime;
using Npgsql;

// Ekopz ledger load harness (docs/adr/0009, README "Performance").
// 1. Seeds koperasi "bench-5000" once: 5,000 members, a year (2025) of pokok, monthly wajib and
//    sukarela deposits and withdrawals, produced by the real deciders and written through the real
//    inline projections (statement lines and the SQL ledger), i.e. the same path as the API.
// 2. Times trial balances and balance sheets for random dates in the year, with and without knownAt,
//    and the reports that read lines (docs/adr/0013): full-year cash flow and changes in equity, the
//    journal's and a general ledger's totals and a page, and the bad case for knownAt: a moment early
//    in the year, when nearly every line of the year was recorded later and must be subtracted.
var cs = Environment.GetEnvironmentVariable("EKOPZ_BENCH_DB") ?? throw new InvalidOperationException("EKOPZ_BENCH_DB is not set (./ekopz bench sets it).");
var members = int.Parse(Environment.GetEnvironmentVariable("EKOPZ_BENCH_MEMBERS") ?? "5000");
const string Tenant = "bench-5000";

var store = DocumentStore.For(o =>
{
    o.Connection(cs);
    EkopzMarten.Configure(o);
    ApiDocuments.Configure(o);
});
await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
var dataSource = NpgsqlDataSource.Create(cs);
// The harness is the composition root: the one clock, as the API registers it; nothing below reads the time otherwise.
IClock clock = SystemClock.Instance;
await LedgerSchema.EnsureAsync(dataSource, EkopzMarten.Schema, CancellationToken.None);
await Ekopz.Projections.Shop.ShopSchema.EnsureAsync(dataSource, EkopzMarten.Schema, CancellationToken.None);

// ./ekopz bench import [N] [L]: moving in N members (default 10,000) with L running loans (default 2,000) and a shop's stock into a
// fresh koperasi (ImportBench.cs, docs/adr/0033, 0035).
if (args.Length > 0 && args[0] == "import")
{
    await ImportBench.Run(store, clock, args.Length > 1 ? int.Parse(args[1]) : 10_000, args.Length > 2 ? int.Parse(args[2]) : 2_000);
    return;
}

// ./ekopz bench collect [N]: a payroll deduction batch of N lines (default 10,000) into a fresh koperasi (CollectBench.cs, docs/adr/0036).
if (args.Length > 0 && args[0] == "collect")
{
    await CollectBench.Run(store, clock, args.Length > 1 ? int.Parse(args[1]) : 10_000);
    return;
}

var year = 2025;
await Seed();

// ./ekopz bench console: the web console's pages on the same koperasi (ConsoleBench.cs).
if (args.Contains("console"))
{
    await ConsoleBench.Run(store, cs, Tenant, clock);
    return;
}

var lines = new LedgerLines(new ReadDb(dataSource));
var ledger = new LedgerQueries(new ReadDb(dataSource), lines);
var chart = (await store.QuerySession(Tenant).LoadAsync<Chart>(Chart.StreamId(Tenant)))!;
var ctx = new ReportContext(Tenant, chart, new LocalDate(year, 12, 31), DateTimeZoneProviders.Tzdb["Asia/Jakarta"]);
await using (var c = await dataSource.OpenConnectionAsync())
await using (var cmd = new NpgsqlCommand($"select (select count(*) from {EkopzMarten.Schema}.mt_events where tenant_id = @t), "
    + $"(select count(*) from {EkopzMarten.Schema}.ledger_lines where tenant_id = @t), (select count(*) from {EkopzMarten.Schema}.ledger_daily where tenant_id = @t)", c))
{
    cmd.Parameters.AddWithValue("t", Tenant);
    await using var r = await cmd.ExecuteReaderAsync();
    await r.ReadAsync();
    Console.WriteLine($"koperasi {Tenant}: {r.GetInt64(0):N0} events, {r.GetInt64(1):N0} ledger lines, {r.GetInt64(2):N0} daily-total rows");
}

var random = new Random(42);
LocalDate RandomDate() => new LocalDate(year, 1, 1).PlusDays(random.Next(0, 365));
var knownAt = clock.GetCurrentInstant().Minus(Duration.FromMinutes(1));
await Time("trial balance, random asOf", 200, async () =>
    TrialBalances.From(await ledger.Totals(Tenant, null, RandomDate(), null, LedgerQueries.AllKinds, false, CancellationToken.None)));
await Time("trial balance, random asOf + knownAt 1 min ago", 200, async () =>
    TrialBalances.From(await ledger.Totals(Tenant, null, RandomDate(), knownAt, LedgerQueries.AllKinds, false, CancellationToken.None)));
await Time("balance sheet, random asOf", 200, async () =>
    BalanceSheetEndpoint.Build(ctx, RandomDate(), null, await ledger.Balances(Tenant, RandomDate(), null, CancellationToken.None)));
// Every seeded event was recorded at the moment the seed ran, after any moment in 2025: as known at
// 31 January 2025, every line up to asOf counts as recorded later. That is the worst case for knownAt.
var earlyKnownAt = new LocalDateTime(year, 1, 31, 23, 59).InZoneLeniently(ctx.Zone).ToInstant();
await Time("trial balance, random asOf + knownAt 31 Jan", 50, async () =>
    TrialBalances.From(await ledger.Totals(Tenant, null, RandomDate(), earlyKnownAt, LedgerQueries.AllKinds, false, CancellationToken.None)));
await Time("balance sheet, 31 Dec + knownAt 31 Jan", 40, async () =>
    BalanceSheetEndpoint.Build(ctx, new LocalDate(year, 12, 31), earlyKnownAt,
        await ledger.Balances(Tenant, new LocalDate(year, 12, 31), earlyKnownAt, CancellationToken.None)));
var yearStart = new LocalDate(year, 1, 1);
var yearEnd = new LocalDate(year, 12, 31);
await Time("cash flow, full year", 40, () => CashFlowEndpoint.Compute(ctx, yearStart, yearEnd, null, ledger, lines, CancellationToken.None));
await Time("cash flow, full year + knownAt 31 Jan", 40, () =>
    CashFlowEndpoint.Compute(ctx, yearStart, yearEnd, earlyKnownAt, ledger, lines, CancellationToken.None));
await Time("equity changes, full year", 40, () => EquityChangesEndpoint.Compute(ctx, yearStart, yearEnd, null, ledger, lines, CancellationToken.None));
await Time("journal, full year: totals + page 1 of 100", 40, async () =>
{
    var all = LineFilter.Between(yearStart, yearEnd, null);
    return (await lines.EntryTotals(Tenant, all, CancellationToken.None), await lines.EntryPage(Tenant, all, 1, 100, CancellationToken.None));
});
await Time("general ledger 1-1000, full year: totals + last page", 40, async () =>
{
    var kas = LineFilter.Between(yearStart, yearEnd, null, ["1-1000"]);
    var totals = await lines.Totals(Tenant, kas, CancellationToken.None);
    return await lines.Page(Tenant, kas, (int)Math.Max(1, (totals.Count + 99) / 100), 100, CancellationToken.None);
});
await Time("income statement, 1 Jan to random date", 100, async () =>
{
    var to = RandomDate();
    return IncomeStatementEndpoint.Build(ctx, new LocalDate(year, 1, 1), to, null,
        await ledger.Totals(Tenant, new LocalDate(year, 1, 1), to, null, LedgerQueries.RegularOnly, true, CancellationToken.None));
});

// The board's dashboard (docs/adr/0015): its costly part is wajib arrears for every member, one SQL read
// summing each member's wajib lines; timed alone and within the whole dashboard, which runs it beside the ledger sums.
var readDb = new ReadDb(dataSource);
var koperasi = (await store.QuerySession(Tenant).LoadAsync<KoperasiSettings>(KoperasiSettings.StreamId(Tenant)))!;
await Time("wajib arrears, every member, 31 Dec", 20, () =>
    Ekopz.Api.Savings.Arrears.GetWajibArrearsEndpoint.Standings(readDb, Tenant, koperasi, yearEnd, CancellationToken.None));
await Time("dashboard, random asOf", 20, () =>
    Ekopz.Api.Dashboard.GetDashboardEndpoint.Compute(store, clock, ledger, readDb, Tenant, RandomDate().ToString("yyyy-MM-dd", null), CancellationToken.None));

async Task Time<T>(string name, int runs, Func<Task<T>> work)
{
    for (var i = 0; i < 5; i++) await work();
    var times = new List<TimeSpan>();
    for (var i = 0; i < runs; i++)
    {
        var sw = Stopwatch.StartNew();
        await work();
        times.Add(sw.Elapsed);
    }
    times.Sort();
    static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
    Console.WriteLine($"{name,-55} n={runs,4}  p50 {Ms(times[runs / 2]),7} ms  p95 {Ms(times[runs * 95 / 100]),7} ms  max {Ms(times[^1]),7} ms");
}

async Task Seed()
{
    await using (var q = store.QuerySession(Tenant))
        if (await q.LoadAsync<KoperasiSettings>(KoperasiSettings.StreamId(Tenant)) is not null) return;

    var now = clock.GetCurrentInstant();
    EventMeta Meta(LocalDate d, string channel = Channels.Counter) => new("bench", d, now, channel, "bench-seed");
    var sw = Stopwatch.StartNew();
    await using (var s = store.LightweightSession(Tenant))
    {
        var opened = KoperasiDecider.Decide(new OpenKoperasi(Tenant, "Bench 5000", "Asia/Jakarta", 100_000m, 25_000m), Meta(new LocalDate(year, 1, 1)));
        s.Events.StartStream<KoperasiSettings>(KoperasiSettings.StreamId(Tenant), opened);
        s.Events.StartStream<Chart>(Chart.StreamId(Tenant), new ChartOpened(ChartTemplate.Default, opened.Meta));
        await s.SaveChangesAsync();
    }
    var settings = KoperasiSettings.Evolve(null, KoperasiDecider.Decide(new OpenKoperasi(Tenant, "Bench", "Asia/Jakarta", 100_000m, 25_000m),
        Meta(new LocalDate(year, 1, 1))))!;
    var rnd = new Random(7);
    long events = 0;
    const int batch = 50;
    for (var first = 0; first < members; first += batch)
    {
        await using var s = store.LightweightSession(Tenant);
        for (var n = first; n < Math.Min(members, first + batch); n++)
        {
            var joined = new LocalDate(year, 1, 2).PlusDays(rnd.Next(0, 20));
            var registered = MemberDecider.Register(new RegisterMember(Guid.NewGuid(), $"Anggota {n}", $"3201{n / 10000 % 100:D2}150180{n % 10000:D4}", null, null),
                n + 1, Meta(joined));
            var stream = new List<object> { registered };
            var state = Member.Evolve(null, registered);
            void Do(IEnumerable<IDomainEvent> es) { foreach (var e in es) { stream.Add(e); state = Member.Evolve(state, e); } }
            Do(MemberDecider.Deposit(new DepositSavings(Guid.NewGuid(), SavingsKind.Pokok, 100_000m, null), state, settings.At(joined), CounterpartyClass.Member, Meta(joined)));
            var day = joined;
            for (var m = 1; m <= 12; m++)
            {
                var wajibDay = new LocalDate(year, m, 5 + rnd.Next(0, 20));
                if (wajibDay < joined) wajibDay = joined;
                Do(MemberDecider.Deposit(new DepositSavings(Guid.NewGuid(), SavingsKind.Wajib, 25_000m, null), state, settings.At(wajibDay),
                    CounterpartyClass.Member, Meta(wajibDay, m % 3 == 0 ? Channels.Transfer : Channels.Counter)));
                for (var k = 0; k < 3; k++)
                {
                    var d = new LocalDate(year, m, 1 + rnd.Next(0, 28));
                    if (d < joined) d = joined;
                    if (k < 2 || state!.Balances.Sukarela < 50_000m)
                        Do(MemberDecider.Deposit(new DepositSavings(Guid.NewGuid(), SavingsKind.Sukarela, 10_000m * rnd.Next(1, 50), null), state, settings.At(d),
                            CounterpartyClass.Member, Meta(d)));
                    else
                    {
                        var w = Withdrawal.Evolve(null, WithdrawalDecider.Request(Guid.NewGuid(), SavingsKind.Sukarela, 25_000m, null, state, Meta(d, Channels.Web)))!;
                        var (_, paid) = WithdrawalDecider.Approve(w, state, Channels.Counter, Meta(d) with { Actor = "bench-pengurus" });
                        Do([paid]);
                    }
                }
            }
            // Statement order does not matter to the ledger; the stream is appended in business-date order.
            s.Events.StartStream<Member>(registered.MemberId, stream.OrderBy(e => ((IDomainEvent)e).Meta.BusinessDate).ToArray());
            events += stream.Count;
        }
        await s.SaveChangesAsync();
        if (first % 1000 == 0) Console.WriteLine($"  seeded {first + batch} members, {events:N0} events, {events / sw.Elapsed.TotalSeconds:N0} events/s");
    }
    Console.WriteLine($"seeded {members} members, {events:N0} events in {sw.Elapsed.TotalSeconds:N0} s ({events / sw.Elapsed.TotalSeconds:N0} events/s, inline projections and ledger included)");
}
