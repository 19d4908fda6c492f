using System.Net;
using System.Text.Json.Nodes;
using Ekopz.Api.Collections;
using Ekopz.Api.Imports;
using Ekopz.Tests.Http.Loans;
using Ekopz.Tests.Http.Support;
using static Ekopz.Tests.Http.Imports.ImportFiles;

namespace Ekopz.Tests.Http.Collections;

/// <summary>
/// Collecting in bulk (issue 14, docs/adr/0036): a payroll deduction list (potong gaji) of wajib, sukarela and installments in one
/// request or file. Each line is applied or refused with a reason, the batch and each line are idempotent, and the books post one
/// bank entry for the batch, so the bank statement matches one amount.
/// </summary>
public class when_payroll_deductions_are_collected_in_bulk
{
    private const string Joined = "2025-01-02";
    private const string Payday = "2025-02-25";

    private static async Task<(Guid Id, string Nik, string Number)> Member(TestKoperasi kop, string name)
    {
        var nik = TestKoperasi.NewNik();
        var id = (await kop.Kasir.Post(kop.Url("members"), new { name, nik, businessDate = Joined })).ShouldBe(HttpStatusCode.Created).Guid("memberId");
        await kop.Deposit(id, "pokok", 100_000m, Joined);
        var number = (await kop.Pengawas.Get(kop.Url($"members/{id}"))).ShouldBe(HttpStatusCode.OK).String("memberNumber");
        return (id, nik, number);
    }

    private static Task<Reply> Apply(TestKoperasi kop, object body) => kop.Kasir.Post(kop.Url("collections/batches"), body);

    private static Task<Reply> DryRun(TestKoperasi kop, object body) => kop.Kasir.Post(kop.Url("collections/batches/dry-run"), body);

    private static JsonNode Line(JsonNode report, int row) => report["items"]!.AsArray().Single(i => i!["row"]!.GetValue<int>() == row)!;

    private static async Task<List<JsonNode>> Entries(TestKoperasi kop) =>
        (await kop.Pengawas.Get(kop.Url("ledger/journal?from=2000-01-01&to=2099-12-31&pageSize=1000"))).ShouldBe(HttpStatusCode.OK)
            .Json["entries"]!.AsArray().Select(e => e!).ToList();

    [Fact]
    public async Task each_line_is_applied_or_refused_with_a_reason_and_the_books_post_one_bank_entry()
    {
        var kop = await TestKoperasi.Create();
        var ani = await Member(kop, "Ani");
        var budi = await Member(kop, "Budi");
        await kop.Capital(50_000_000m, Joined);
        var loan = await kop.ActiveLoan(ani.Id, "2025-01-10", 6_000_000m, 12);
        var cici = (await kop.Kasir.Post(kop.Url("members"), new { name = "Cici", nik = TestKoperasi.NewNik(), businessDate = Joined }))
            .ShouldBe(HttpStatusCode.Created).Guid("memberId");
        var ciciNik = (await kop.Pengawas.Get(kop.Url($"members/{cici}"))).String("nik");
        var before = await Entries(kop);

        var body = new
        {
            batchKey = "potong-gaji-2025-02", businessDate = Payday, receivedInto = "bank",
            lines = new object[]
            {
                new { lineKey = "2025-02-ani", member = ani.Nik, wajib = 25_000m, sukarela = 50_000m, installment = 590_000m },   // 1: applied
                new { lineKey = "2025-02-budi", member = budi.Number, wajib = 25_000m },                                      // 2: by member number
                new { lineKey = "2025-02-cici", member = ciciNik, wajib = 25_000m },                                          // 3: not active
                new { lineKey = "2025-02-x", member = "3201991501809999", wajib = 25_000m },                                    // 4: unknown
                new { lineKey = "2025-02-budi-loan", member = budi.Nik, installment = 100_000m },                               // 5: no loan
                new { lineKey = "2025-02-ani-2", member = ani.Nik, installment = 99_000_000m },                                 // 6: over the payoff
                new { lineKey = "2025-02-ani", member = ani.Nik, wajib = 1m },                                                 // 7: key twice
                new { lineKey = "2025-02-nol", member = budi.Nik },                                                           // 8: nothing
                new { lineKey = "2025-02-neg", member = budi.Nik, wajib = -5m },                                              // 9: negative
            },
        };

        var dry = (await DryRun(kop, body)).ShouldBe(HttpStatusCode.OK).Json;
        dry["applied"]!.GetValue<bool>().Should().BeFalse();
        dry["appliedLines"]!.GetValue<int>().Should().Be(2);
        (await Entries(kop)).Should().HaveCount(before.Count, "a dry run records nothing");

        var report = (await Apply(kop, body)).ShouldBe(HttpStatusCode.Created).Json;
        report["applied"]!.GetValue<bool>().Should().BeTrue();
        report["channel"]!.GetValue<string>().Should().Be("payroll");
        report["appliedLines"]!.GetValue<int>().Should().Be(2, report.ToJsonString());
        report["refusedLines"]!.GetValue<int>().Should().Be(7);
        report["total"]!.GetValue<decimal>().Should().Be(25_000m + 50_000m + 590_000m + 25_000m);
        Line(report, 1)["status"]!.GetValue<string>().Should().Be("applied");
        Line(report, 2)["memberName"]!.GetValue<string>().Should().Be("Budi");
        Line(report, 3)["code"]!.GetValue<string>().Should().Be("member_not_active");
        Line(report, 3)["message"]!.GetValue<string>().Should().Contain("belum aktif");
        Line(report, 4)["code"]!.GetValue<string>().Should().Be("member_not_found");
        Line(report, 5)["code"]!.GetValue<string>().Should().Be("loan_not_found");
        Line(report, 6)["code"]!.GetValue<string>().Should().Be("overpayment");
        Line(report, 6)["message"]!.GetValue<string>().Should().Contain("melebihi");
        Line(report, 7)["code"]!.GetValue<string>().Should().Be("duplicate_line_key");
        Line(report, 8)["code"]!.GetValue<string>().Should().Be("nothing_to_collect");
        Line(report, 9)["code"]!.GetValue<string>().Should().Be("line_unreadable");

        (await kop.Balance(ani.Id, "wajib")).Should().Be(25_000m);
        (await kop.Balance(ani.Id, "sukarela")).Should().Be(50_000m);
        (await kop.Balance(budi.Id, "wajib")).Should().Be(25_000m);
        var paid = await kop.Loan(loan);
        paid.Json["outstandingPrincipal"]!.GetValue<decimal>().Should().Be(5_500_000m);

        // One new entry: the bank debited with the batch's total, each member's accounts credited.
        var after = await Entries(kop);
        after.Should().HaveCount(before.Count + 1);
        var entry = after.Single(e => e["source"]!.GetValue<string>() == "CollectionBatchApplied");
        entry["totalDebit"]!.GetValue<decimal>().Should().Be(690_000m);
        var debits = entry["lines"]!.AsArray().Where(l => l!["debit"]!.GetValue<decimal>() > 0).ToList();
        debits.Should().OnlyContain(l => l!["accountCode"]!.GetValue<string>() == "1-1010");
        debits.Sum(l => l!["debit"]!.GetValue<decimal>()).Should().Be(690_000m);
        entry["lines"]!.AsArray().Where(l => l!["memberId"]?.GetValue<Guid>() == ani.Id && l["accountCode"]!.GetValue<string>() == "3-1100")
            .Sum(l => l!["credit"]!.GetValue<decimal>()).Should().Be(25_000m);
        await BookChecks.CheckInvariants(kop, [ani.Id, budi.Id, cici], Payday);

        // The statement names the channel; the loan's payment is there with its allocation.
        var statement = await kop.Statement(ani.Id, $"?from={Payday}&to={Payday}");
        statement.Text.Should().Contain("payroll");
    }

    [Fact]
    public async Task the_same_batch_twice_records_nothing_more_and_a_line_key_is_applied_once()
    {
        var kop = await TestKoperasi.Create();
        var ani = await Member(kop, "Ani");
        object Body(string key) => new
        {
            batchKey = key, businessDate = Payday,
            lines = new object[] { new { lineKey = "2025-02-ani", member = ani.Nik, wajib = 25_000m } },
        };

        (await Apply(kop, Body("pg-2025-02"))).ShouldBe(HttpStatusCode.Created);
        var again = (await Apply(kop, Body("pg-2025-02"))).ShouldBe(HttpStatusCode.OK).Json;
        again["replayed"]!.GetValue<bool>().Should().BeTrue();
        again["appliedLines"]!.GetValue<int>().Should().Be(1);
        var other = (await Apply(kop, Body("pg-2025-02-ulang"))).ShouldBe(HttpStatusCode.Created).Json;
        other["appliedLines"]!.GetValue<int>().Should().Be(0);
        Line(other, 1)["code"]!.GetValue<string>().Should().Be("line_already_applied");
        (await kop.Balance(ani.Id, "wajib")).Should().Be(25_000m);
        (await Entries(kop)).Count(e => e["source"]!.GetValue<string>() == "CollectionBatchApplied").Should().Be(1);
    }

    [Fact]
    public async Task applied_batches_are_listed_newest_first_and_each_report_reads_as_the_apply_answered_it()
    {
        var kop = await TestKoperasi.Create();
        var ani = await Member(kop, "Ani");
        var budi = await Member(kop, "Budi");
        var first = (await Apply(kop, new
        {
            batchKey = "pg-2025-01", businessDate = "2025-01-25",
            lines = new object[] { new { member = ani.Nik, wajib = 25_000m }, new { member = "3201991501809999", wajib = 25_000m } },
        })).ShouldBe(HttpStatusCode.Created).Json;
        var second = (await Apply(kop, new
        {
            batchKey = "pg-2025-02", businessDate = Payday, receivedInto = "kas",
            lines = new object[] { new { member = ani.Nik, wajib = 25_000m, sukarela = 10_000m }, new { member = budi.Number, wajib = 25_000m } },
        })).ShouldBe(HttpStatusCode.Created).Json;
        (await DryRun(kop, new { batchKey = "pg-2025-03", businessDate = Payday, lines = new object[] { new { member = ani.Nik, wajib = 1m } } }))
            .ShouldBe(HttpStatusCode.OK);

        var list = (await kop.Kasir.Get(kop.Url("collections/batches"))).ShouldBe(HttpStatusCode.OK).Json;
        list["total"]!.GetValue<int>().Should().Be(2, "a dry run is no batch");
        var batches = list["batches"]!.AsArray();
        batches.Select(b => b!["batchKey"]!.GetValue<string>()).Should().Equal("pg-2025-02", "pg-2025-01");
        var newest = batches[0]!;
        newest["batchId"]!.GetValue<Guid>().Should().Be(second["batchId"]!.GetValue<Guid>());
        newest["businessDate"]!.GetValue<string>().Should().Be(Payday);
        newest["receivedInto"]!.GetValue<string>().Should().Be("kas");
        newest["appliedLines"]!.GetValue<int>().Should().Be(2);
        newest["refusedLines"]!.GetValue<int>().Should().Be(0);
        newest["total"]!.GetValue<decimal>().Should().Be(60_000m);
        newest["recordedBy"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        batches[1]!["refusedLines"]!.GetValue<int>().Should().Be(1);
        var paged = (await kop.Kasir.Get(kop.Url("collections/batches?page=2&pageSize=1"))).ShouldBe(HttpStatusCode.OK).Json;
        paged["batches"]!.AsArray().Single()!["batchKey"]!.GetValue<string>().Should().Be("pg-2025-01");
        (await kop.Kasir.Get(kop.Url("collections/batches?pageSize=0"))).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");

        // The report later is the report the apply answered.
        var report = (await kop.Pengurus.Get(kop.Url($"collections/batches/{first["batchId"]}"))).ShouldBe(HttpStatusCode.OK).Json;
        JsonNode.DeepEquals(report, first).Should().BeTrue($"{report.ToJsonString()} should be {first.ToJsonString()}");
        Line(report, 2)["code"]!.GetValue<string>().Should().Be("member_not_found");
        (await kop.Kasir.Get(kop.Url($"collections/batches/{Guid.NewGuid()}"))).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
        // A member's id is a stream but no batch.
        (await kop.Kasir.Get(kop.Url($"collections/batches/{ani.Id}"))).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");

        // The pengawas reads them (every figure can be followed back); the shop and another koperasi cannot.
        (await kop.Pengawas.Get(kop.Url("collections/batches"))).ShouldBe(HttpStatusCode.OK);
        (await kop.Pengawas.Get(kop.Url($"collections/batches/{first["batchId"]}"))).ShouldBe(HttpStatusCode.OK);
        (await kop.Toko.Get(kop.Url("collections/batches"))).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        (await kop.Toko.Get(kop.Url($"collections/batches/{first["batchId"]}"))).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        var member = await kop.MemberLogin(ani.Id);
        (await member.Get(kop.Url("collections/batches"))).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        var other = await TestKoperasi.Create();
        (await other.Kasir.Get(other.Url("collections/batches"))).ShouldBe(HttpStatusCode.OK).Json["total"]!.GetValue<int>().Should().Be(0);
        (await other.Kasir.Get(other.Url($"collections/batches/{first["batchId"]}"))).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task a_file_is_read_as_people_and_excel_write_it()
    {
        var kop = await TestKoperasi.Create();
        var ani = await Member(kop, "Ani");
        var budi = await Member(kop, "Budi");
        var cici = await Member(kop, "Cici");
        var rows = new List<string[]>
        {
            // Headers in another order than the template's.
            new[] { "Simpanan Sukarela", "NIK / No. Anggota", "Nama", "Simpanan Wajib", "Kunci Baris" },
            new[] { "1.000.000", ani.Nik, "Ani", "25,000", "k-ani" },        // row 2: both thousands conventions
            new[] { "#50000", "#" + budi.Nik, "Budi", "#25000", "k-budi" },   // row 3: NIK stored as a number, exactly
            new[] { "0", "#3.20115E+15", "Cici", "25000", "k-cici" },          // row 4: NIK Excel rounded
            new[] { "abc", cici.Number, "Cici", "25000", "k-cici-2" },         // row 5: an amount that cannot be read
            new[] { "", "#" + int.Parse(cici.Number), "Cici", "25.000", "k-cici-3" }, // row 6: member number lost its zeros
        };
        var file = File("potong-gaji.xlsx", Xlsx(rows));
        var report = (await Apply(kop, new { batchKey = "pg-file", businessDate = Payday, receivedInto = "kas", file })).ShouldBe(HttpStatusCode.Created).Json;
        report["fileName"]!.GetValue<string>().Should().Be("potong-gaji.xlsx");
        report["fileSha256"]!.GetValue<string>().Should().MatchRegex("^[0-9a-f]{64}$");
        report["receivedInto"]!.GetValue<string>().Should().Be("kas");
        Line(report, 2)["status"]!.GetValue<string>().Should().Be("applied", report.ToJsonString());
        Line(report, 3)["status"]!.GetValue<string>().Should().Be("applied");
        Line(report, 4)["message"]!.GetValue<string>().Should().Contain("notasi ilmiah");
        Line(report, 5)["message"]!.GetValue<string>().Should().Contain("tidak terbaca");
        Line(report, 6)["status"]!.GetValue<string>().Should().Be("applied");
        (await kop.Balance(ani.Id, "sukarela")).Should().Be(1_000_000m);
        (await kop.Balance(ani.Id, "wajib")).Should().Be(25_000m);
        (await kop.Balance(budi.Id, "sukarela")).Should().Be(50_000m);
        (await kop.Balance(cici.Id, "wajib")).Should().Be(25_000m);
        var entry = (await Entries(kop)).Single(e => e["source"]!.GetValue<string>() == "CollectionBatchApplied");
        entry["lines"]!.AsArray().Where(l => l!["debit"]!.GetValue<decimal>() > 0).Should()
            .OnlyContain(l => l!["accountCode"]!.GetValue<string>() == "1-1000", "received into kas");

        // A CSV as Excel writes it in Indonesia (';'), and files that cannot be a batch.
        var csv = $"NIK / No. Anggota;Simpanan Wajib;Kunci Baris\n{ani.Nik};25.000;csv-ani\n";
        (await DryRun(kop, new { batchKey = "pg-csv", businessDate = Payday, file = Csv("pg.csv", csv) })).ShouldBe(HttpStatusCode.OK)
            .Json["appliedLines"]!.GetValue<int>().Should().Be(1);
        (await DryRun(kop, new { batchKey = "pg-empty", file = Csv("kosong.csv", "") })).ShouldBeProblem(HttpStatusCode.BadRequest, "file_refused");
        (await DryRun(kop, new { batchKey = "pg-formula", file = File("f.xlsx", Xlsx([["NIK / No. Anggota", "Simpanan Wajib"], [ani.Nik, "=1+1"]])) }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "file_refused");
        (await DryRun(kop, new { batchKey = "pg-nocol", file = Csv("x.csv", "Nama;Alamat\nA;B\n") })).ShouldBeProblem(HttpStatusCode.BadRequest, "file_refused");
        (await DryRun(kop, new { lines = new object[] { new { member = ani.Nik, wajib = 1 } } })).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await DryRun(kop, new { batchKey = "x", receivedInto = "dompet", lines = new object[] { new { member = ani.Nik, wajib = 1 } } }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task the_template_has_an_indonesian_header_row_and_an_example_the_batch_refuses()
    {
        var kop = await TestKoperasi.Create();
        var reply = await kop.Kasir.Client.GetAsync(kop.Url("collections/template.xlsx"));
        reply.StatusCode.Should().Be(HttpStatusCode.OK);
        reply.Content.Headers.ContentType!.MediaType.Should().Be(ImportTemplates.XlsxContentType);
        var bytes = await reply.Content.ReadAsByteArrayAsync();
        var sheet = Spreadsheet.Read(bytes, "templat-potong-gaji.xlsx");
        sheet.Headers.Values.Should().Equal(CollectionLines.Columns.Select(c => c.Header));
        sheet.Rows.Should().ContainSingle();
        var dry = (await DryRun(kop, new { batchKey = "t", file = File("templat-potong-gaji.xlsx", bytes) })).ShouldBe(HttpStatusCode.OK).Json;
        Line(dry, 2)["message"]!.GetValue<string>().Should().Contain("CONTOH");
        (await kop.Pengawas.Get(kop.Url("collections/template.xlsx"))).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        (await kop.Pengawas.Post(kop.Url("collections/batches"), new { batchKey = "x" })).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task two_batches_with_one_key_at_once_apply_it_once()
    {
        var kop = await TestKoperasi.Create();
        var members = new List<(Guid Id, string Nik, string Number)>();
        for (var i = 0; i < 5; i++) members.Add(await Member(kop, $"Karyawan {i}"));
        var body = new
        {
            batchKey = "pg-race", businessDate = Payday,
            lines = members.Select(m => new { lineKey = $"race-{m.Nik}", member = m.Nik, wajib = 25_000m, sukarela = 10_000m }).ToArray(),
        };
        var replies = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => (i % 2 == 0 ? kop.Kasir : kop.Pengurus).Post(kop.Url("collections/batches"), body)));
        replies.Count(r => r.Status == HttpStatusCode.Created).Should().Be(1, string.Join("\n", replies.Select(r => r.Text)));
        replies.Count(r => r.Status == HttpStatusCode.OK && r.Json["replayed"]!.GetValue<bool>()).Should().Be(3);
        foreach (var m in members) (await kop.Balance(m.Id, "wajib")).Should().Be(25_000m);
        (await Entries(kop)).Count(e => e["source"]!.GetValue<string>() == "CollectionBatchApplied").Should().Be(1);
    }

    [Fact]
    public async Task a_batch_racing_counter_deposits_and_withdrawals_loses_nothing()
    {
        var kop = await TestKoperasi.Create();
        var members = new List<(Guid Id, string Nik, string Number)>();
        for (var i = 0; i < 6; i++) members.Add(await Member(kop, $"Karyawan {i}"));
        foreach (var m in members) await kop.Deposit(m.Id, "sukarela", 200_000m, Payday);
        await kop.Capital(50_000_000m, Joined);
        var loan = await kop.ActiveLoan(members[0].Id, "2025-01-10", 6_000_000m, 12);

        // Withdrawals approved beforehand, paid at the counter while the batch runs.
        var withdrawals = new List<Guid>();
        foreach (var m in members.Take(3))
        {
            var w = (await kop.Kasir.Post(kop.Url($"members/{m.Id}/savings/sukarela/withdrawals"), new { amount = 50_000, payAtCounter = true }))
                .ShouldBe(HttpStatusCode.Accepted).Guid("withdrawalId");
            (await kop.Pengurus.Post(kop.Url($"withdrawals/{w}/approve"))).ShouldBe(HttpStatusCode.OK);
            withdrawals.Add(w);
        }
        var body = new
        {
            batchKey = "pg-vs-counter",
            lines = members.Select((m, i) => new { lineKey = $"vs-{m.Nik}", member = m.Nik, wajib = 25_000m, sukarela = 10_000m,
                installment = i == 0 ? 590_000m : 0m }).ToArray(),
        };
        var batch = Apply(kop, body);
        var counter = members.SelectMany(m => new[]
            {
                kop.Kasir.Post(kop.Url($"members/{m.Id}/savings/sukarela/deposits"), new { amount = 5_000m }),
                kop.Kasir.Post(kop.Url($"members/{m.Id}/savings/wajib/deposits"), new { amount = 1_000m }),
            })
            .Concat(withdrawals.Select(w => kop.Kasir.Post(kop.Url($"withdrawals/{w}/pay"))))
            .Append(kop.Kasir.Post(kop.Url($"loans/{loan}/payments"), new { amount = 10_000m }))
            .ToList();
        await Task.WhenAll(counter.Append(batch));
        (await batch).ShouldBe(HttpStatusCode.Created).Json["appliedLines"]!.GetValue<int>().Should().Be(6);
        foreach (var c in counter) (await c).Status.Should().BeOneOf(HttpStatusCode.Created, HttpStatusCode.OK);

        for (var i = 0; i < members.Count; i++)
        {
            (await kop.Balance(members[i].Id, "wajib")).Should().Be(26_000m);
            (await kop.Balance(members[i].Id, "sukarela")).Should().Be(200_000m + 10_000m + 5_000m - (i < 3 ? 50_000m : 0m));
        }
        var payments = (await kop.Loan(loan)).Json["payments"]!.AsArray();
        payments.Should().HaveCount(2, "the batch's installment and the counter's payment, each taken once");
        await BookChecks.CheckInvariants(kop, members.Select(m => m.Id), DateTime.UtcNow.AddHours(7).ToString("yyyy-MM-dd"));
    }
}
