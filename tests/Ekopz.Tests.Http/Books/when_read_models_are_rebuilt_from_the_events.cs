using System.Net;
using System.Text.Json.Nodes;
using Ekopz.Api.Hosting;
using Ekopz.Tests.Http.Loans;
using Ekopz.Tests.Http.Shop;
using Ekopz.Tests.Http.Support;
using Npgsql;
using static Ekopz.Tests.Http.Support.DirectSql;

namespace Ekopz.Tests.Http.Books;

/// <summary>
/// <c>./ekopz rebuild [kop]</c> (docs/adr/0027): every read model of a koperasi, the ledger, stock and savings tables
/// included, comes back from its events exactly as it was live. The tables compared are found in the database (every
/// table with a <c>tenant_id</c>), not taken from the rebuild's own list, and are wiped before one of the rebuilds: a
/// projection the rebuild skipped would leave its table empty and fail here.
/// </summary>
public class when_read_models_are_rebuilt_from_the_events
{
    /// <summary>
    /// Tables with a tenant_id that are not read models: the events themselves, and write-side state no event
    /// describes (idempotency records, number counters, the close records the posting guard locks).
    /// </summary>
    private static readonly HashSet<string> WriteSide =
    [
        "mt_events", "mt_streams", "mt_doc_idempotencyrecord", "mt_doc_membernumbering", "mt_doc_applicationnumbering", "ledger_periods",
    ];

    private static readonly object[] Buckets =
    [
        new { name = "Cadangan", percent = 40, kind = "reserve" },
        new { name = "Jasa modal", percent = 40, kind = "jasa_modal" },
        new { name = "Dana pendidikan", percent = 20, kind = "fund" },
    ];

    /// <summary>A year of a small koperasi through the API: every kind of read model gets rows.</summary>
    private static async Task<TestKoperasi> History()
    {
        var kop = await TestKoperasi.Create(pokok: 100_000m, wajib: 25_000m);
        var ani = await kop.MemberSince("2025-01-02", "Ani");
        var budi = await kop.MemberSince("2025-01-02", "Budi");
        await kop.Deposit(ani, "wajib", 300_000m, "2025-01-03");
        await kop.Deposit(budi, "wajib", 100_000m, "2025-01-03");
        await kop.Deposit(budi, "sukarela", 500_000m, "2025-01-04");
        var wrong = await kop.Deposit(ani, "sukarela", 250_000m, "2025-01-05");
        var reversal = (await kop.Pengurus.Post(kop.Url($"members/{ani}/savings/transactions/{wrong.String("transactionId")}/reversal"),
            new { reason = "salah input" })).ShouldBe(HttpStatusCode.Accepted).Guid("reversalId");
        (await kop.Pengurus2.Post(kop.Url($"reversals/{reversal}/approve"))).ShouldBe(HttpStatusCode.OK);
        await kop.Capital(50_000_000m, "2025-01-02");
        var loan = await kop.ActiveLoan(ani, "2025-01-10", 6_000_000m);
        await kop.Pay(loan, 590_000m, "2025-02-10");
        await kop.Pay(loan, 590_000m, "2025-03-10");
        var product = await kop.Product("GLA-1KG", memberPrice: 9_000m, publicPrice: 10_000m);
        await kop.Receive("2025-01-03", product, 10m, 7_000m);
        await kop.CounterSale("2025-01-21", budi, (product, 2m));
        await kop.Adjust("2025-06-30", "Bunga bank", ("1-1010", 100_000m, 0m), ("4-9000", 0m, 100_000m));
        (await kop.Pengurus.Post(kop.Url("news"), new { title = "RAT 2026", body = "Di aula.", @public = true })).ShouldBe(HttpStatusCode.Created);
        for (var m = 1; m <= 12; m++) (await kop.Pengurus.Post(kop.Url($"periods/2025-{m:D2}/close"))).ShouldBe(HttpStatusCode.OK);
        (await kop.Pengurus.Post(kop.Url("years/2025/close"))).ShouldBe(HttpStatusCode.OK);
        (await kop.Pengurus.Post(kop.Url("shu/2025/approve"), new { buckets = Buckets, businessDate = "2026-03-14" })).ShouldBe(HttpStatusCode.OK);

        // After the year: a withdrawal paid at the counter, with its receipt.
        var w = (await kop.Kasir.Post(kop.Url($"members/{budi}/savings/sukarela/withdrawals"), new { amount = 120_000, payAtCounter = true }))
            .ShouldBe(HttpStatusCode.Accepted).Guid("withdrawalId");
        (await kop.Pengurus.Post(kop.Url($"withdrawals/{w}/approve"))).ShouldBe(HttpStatusCode.OK);
        var paid = (await kop.Kasir.Post(kop.Url($"withdrawals/{w}/pay"))).ShouldBe(HttpStatusCode.OK);
        (await kop.Kasir.Post(kop.Url("receipts"), new { source = "savings", transactionId = paid.Guid("transactionId") }))
            .ShouldBe(HttpStatusCode.Created);

        // A payroll collection batch (docs/adr/0036): per-line events that post nothing, one entry for the batch, the line keys.
        var aniNumber = (await kop.Pengawas.Get(kop.Url($"members/{ani}"))).ShouldBe(HttpStatusCode.OK).String("memberNumber");
        var budiNik = (await kop.Pengawas.Get(kop.Url($"members/{budi}"))).ShouldBe(HttpStatusCode.OK).String("nik");
        (await kop.Kasir.Post(kop.Url("collections/batches"), new
        {
            batchKey = "potong-gaji-1",
            lines = new object[]
            {
                new { member = aniNumber, wajib = 25_000m, installment = 100_000m },
                new { member = budiNik, sukarela = 40_000m },
                new { member = "999999", wajib = 1_000m },
            },
        })).ShouldBe(HttpStatusCode.Created).Json["appliedLines"]!.GetValue<int>().Should().Be(2);
        return kop;
    }

    [Fact]
    public async Task every_read_model_is_rebuilt_equal_and_another_koperasi_is_untouched()
    {
        var kop = await History();
        var other = await TestKoperasi.Create();
        var neighbour = await other.MemberSince("2025-01-02", "Tetangga");
        await other.Deposit(neighbour, "sukarela", 80_000m, "2025-01-03");

        var live = await Snapshot(kop.Slug);
        var readModels = live.Keys.Where(t => !WriteSide.Contains(t)).ToList();
        // The history reached every family of read model: a table the rebuild skipped cannot hide as an empty one.
        foreach (var table in new[] { "ledger_entries", "ledger_lines", "ledger_daily", "shop_stock_moves", "mt_doc_savingsline", "mt_doc_member",
                     "mt_doc_loan", "mt_doc_chart", "mt_doc_journalvoucher", "mt_doc_accountingperiod", "mt_doc_fiscalyear", "mt_doc_shuyear",
                     "mt_doc_withdrawal", "mt_doc_reversal", "mt_doc_issuedreceipt", "mt_doc_shoporder", "mt_doc_newspost" })
            live.GetValueOrDefault(table).Should().NotBeNullOrEmpty($"the history should give {table} rows");
        var reports = await Reports(kop);
        var neighbourRows = await Snapshot(other.Slug, withRowVersions: true);

        // 1. The operator's rebuild over the live tables.
        var (exit, output) = await Rebuild(kop.Slug);
        exit.Should().Be(0, output);
        output.Should().MatchRegex($@"{kop.Slug}: [\d,]+ events in [\d.]+ s \([\d,]+ events/s\)").And.MatchRegex(@"Rebuilt 1 koperasi: .* events/s\.");
        SameRows(await Snapshot(kop.Slug), live, "after a rebuild over the live read models");

        // 2. From nothing: every read model row of the koperasi deleted first, so only the events can bring them back.
        foreach (var table in readModels)
            await Execute($"delete from {Schema}.{table} where tenant_id = @t", ("t", kop.Slug));
        (await CountFor("ledger_lines", kop.Slug)).Should().Be(0);
        (exit, output) = await Rebuild(kop.Slug);
        exit.Should().Be(0, output);
        SameRows(await Snapshot(kop.Slug), live, "after a rebuild from empty read models");

        (await Reports(kop)).Should().Equal(reports, "the reports read the rebuilt tables");
        var verification = (await kop.Pengawas.Get(kop.Url("ledger/verification"))).ShouldBe(HttpStatusCode.OK).Json;
        verification["ledgerMatchesEvents"]!.GetValue<bool>().Should().BeTrue(verification.ToJsonString());
        verification["allPeriodsMatch"]!.GetValue<bool>().Should().BeTrue(verification.ToJsonString());

        // The other koperasi's rows were not rewritten, not even with equal content (their row versions are the same).
        SameRows(await Snapshot(other.Slug, withRowVersions: true), neighbourRows, "in the koperasi that was not rebuilt");

        // 3. Two koperasi in one call, rebuilt side by side (RebuildCommand.Concurrency), both from empty read models.
        var neighbourLive = await Snapshot(other.Slug);
        foreach (var slug in new[] { kop.Slug, other.Slug })
        foreach (var table in readModels)
            await Execute($"delete from {Schema}.{table} where tenant_id = @t", ("t", slug));
        (exit, output) = await Rebuild(kop.Slug, other.Slug);
        exit.Should().Be(0, output);
        output.Should().Contain($"{kop.Slug}: ").And.Contain($"{other.Slug}: ").And.MatchRegex(@"Rebuilt 2 koperasi: .* events/s\.");
        SameRows(await Snapshot(kop.Slug), live, "after two koperasi were rebuilt at once");
        SameRows(await Snapshot(other.Slug), neighbourLive, "the other koperasi, rebuilt at the same time");
    }

    [Fact]
    public async Task an_unknown_koperasi_is_refused_and_nothing_is_rebuilt()
    {
        var (exit, output) = await Rebuild("no-such-koperasi-" + Guid.NewGuid().ToString("N")[..6]);
        exit.Should().Be(2, output);
        output.Should().Contain("No events for: no-such-koperasi-").And.Contain("nothing rebuilt");
    }

    private static async Task<(int ExitCode, string Output)> Rebuild(params string[] slugs)
    {
        var output = new StringWriter();
        var exit = await RebuildCommand.Run(EkopzApp.Instance.Services, slugs, output);
        return (exit, output.ToString());
    }

    /// <summary>The trial balance, balance sheet and income statement as the API answers them, by report.</summary>
    private static async Task<List<string>> Reports(TestKoperasi kop)
    {
        var list = new List<string>();
        foreach (var url in new[]
                 {
                     "ledger/trial-balance?asOf=2025-12-31", "ledger/trial-balance?asOf=2026-12-31", "reports/balance-sheet?asOf=2025-06-30",
                     "reports/balance-sheet?asOf=2026-12-31", "reports/income-statement?from=2025-01-01&to=2025-12-31",
                 })
            list.Add(url + " " + Stable((await kop.Pengawas.Get(kop.Url(url))).ShouldBe(HttpStatusCode.OK).Json));
        return list;
    }

    /// <summary>The report without the moment it was made (the only thing that may differ between two reads).</summary>
    private static string Stable(JsonNode report)
    {
        if (report is JsonObject o)
            foreach (var key in new[] { "generatedAt", "checkedAt", "asOfMoment" })
                o.Remove(key);
        return report.ToJsonString();
    }

    private static void SameRows(Dictionary<string, List<string>> actual, Dictionary<string, List<string>> expected, string when)
    {
        actual.Keys.Should().BeEquivalentTo(expected.Keys, when);
        foreach (var (table, rows) in expected)
            actual[table].Should().Equal(rows, $"{table} {when} (expected {rows.Count} rows, found {actual[table].Count})");
    }

    /// <summary>
    /// Every row of every table with a tenant_id column, as text, ordered. Left out: <c>mt_last_modified</c> (when the
    /// row was written) and a random <c>uuid</c> <c>mt_version</c>; with <paramref name="withRowVersions"/>, each row's
    /// <c>xmin</c> too, which changes whenever a row is rewritten, even with the same content.
    /// </summary>
    private static async Task<Dictionary<string, List<string>>> Snapshot(string tenant, bool withRowVersions = false)
    {
        await using var connection = new NpgsqlConnection(EkopzApp.ConnectionString);
        await connection.OpenAsync();
        var columns = new Dictionary<string, List<string>>();
        await using (var command = new NpgsqlCommand(
                         "select c.table_name, c.column_name, c.data_type from information_schema.columns c "
                         + "join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE' "
                         + "where c.table_schema = @s and c.table_name in (select table_name from information_schema.columns where table_schema = @s and column_name = 'tenant_id') "
                         + "order by c.table_name, c.ordinal_position", connection))
        {
            command.Parameters.AddWithValue("s", Schema);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var (table, column, type) = (reader.GetString(0), reader.GetString(1), reader.GetString(2));
                if (column == "mt_last_modified" || (column == "mt_version" && type == "uuid")) continue;
                if (!columns.TryGetValue(table, out var list)) columns[table] = list = [];
                list.Add($"coalesce(\"{column}\"::text, '∅')");
            }
        }

        var snapshot = new Dictionary<string, List<string>>();
        foreach (var (table, cols) in columns)
        {
            var row = string.Join(" || '|' || ", withRowVersions ? cols.Append("xmin::text") : cols);
            await using var command = new NpgsqlCommand($"select {row} from {Schema}.{table} where tenant_id = @t", connection);
            command.Parameters.AddWithValue("t", tenant);
            var rows = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
            rows.Sort(StringComparer.Ordinal);
            snapshot[table] = rows;
        }
        return snapshot;
    }
}
