using System.Net;
using System.Text.Json.Nodes;
using Ekopz.Api.Imports;
using Ekopz.Tests.Http.Shop;
using Ekopz.Tests.Http.Support;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using static Ekopz.Tests.Http.Imports.ImportFiles;

namespace Ekopz.Tests.Http.Imports;

/// <summary>
/// Moving in, second part (issue 14, docs/adr/0035): the loans running at the cut-over and the shop's stock on hand, from their
/// templates filled in. Checked row by row like the members file; applied all or nothing as opening-balance events; the loan
/// receivable and inventory control accounts equal their sub-ledgers at once; the loans then run like any other loan.
/// </summary>
public class when_running_loans_and_stock_move_in
{
    private const string CutOver = "2025-12-31";
    private static readonly LocalDate CutOverDate = new(2025, 12, 31);

    private static List<(int Row, string? Column, string Message)> ProblemsOf(JsonNode report, string file) =>
        report["problems"]!.AsArray().Where(p => p!["file"]!.GetValue<string>() == file)
            .Select(p => (p!["row"]!.GetValue<int>(), p["column"]?.GetValue<string>(), p["message"]!.GetValue<string>())).ToList();

    [Fact]
    public async Task members_ledger_loans_and_stock_apply_together_and_every_control_account_equals_its_sub_ledger()
    {
        var kop = await TestKoperasi.Create();
        var demo = ImportTemplates.DemoMembers(20, CutOverDate).Select(x => x with { Nik = TestKoperasi.NewNik() }).ToList();
        var loans = ImportTemplates.DemoLoans(demo, 20, CutOverDate);
        var products = ImportTemplates.DemoProducts();
        var chart = await ChartOf(kop);
        var membersFile = File("anggota.xlsx", ImportTemplates.Members(demo));
        var ledgerFile = File("saldo-awal-akun.xlsx", ImportTemplates.Ledger(chart, CutOverDate, ImportTemplates.DemoLedger(demo, loans, products)));
        var loansFile = File("pinjaman.xlsx", ImportTemplates.Loans(loans));
        var productsFile = File("persediaan.xlsx", ImportTemplates.Products(products));

        var dry = (await Import(kop, CutOver, membersFile, ledgerFile, loansFile, productsFile)).ShouldBe(HttpStatusCode.OK).Json;
        dry["ok"]!.GetValue<bool>().Should().BeTrue(dry.ToJsonString());
        dry["summary"]!["loans"]!.GetValue<int>().Should().Be(20);
        dry["summary"]!["loanPrincipal"]!.GetValue<decimal>().Should().Be(loans.Sum(l => l.Principal));
        dry["summary"]!["products"]!.GetValue<int>().Should().Be(products.Count);
        dry["summary"]!["stockValue"]!.GetValue<decimal>().Should().Be(products.Sum(p => p.Value));

        var applied = (await Import(kop, CutOver, membersFile, ledgerFile, loansFile, productsFile, apply: true)).ShouldBe(HttpStatusCode.OK).Json;
        applied["applied"]!.GetValue<bool>().Should().BeTrue(applied.ToJsonString());
        applied["files"]!.AsArray().Select(f => f!["kind"]!.GetValue<string>()).Should().Equal("members", "ledger", "loans", "products");

        var tb = await BookChecks.TrialBalance(kop, CutOver);
        tb.Of("1-1100").Should().Be(loans.Sum(l => l.Principal), "the loan receivable is the loans' principal outstanding");
        tb.Of("1-1300").Should().Be(products.Sum(p => p.Value), "inventory is the stock's value");
        tb.Of("3-9900").Should().Be(0m);
        (await kop.InventoryValue(CutOver)).Should().Be(products.Sum(p => p.Value));
        await kop.CheckInventoryAgainstBooks(CutOver);
        var members = await MembersOf(kop);
        await BookChecks.CheckInvariants(kop, members.Select(m => m.Id), CutOver);

        // The loans: active, their arrears as the file says, classified by kolektibilitas.
        var portfolio = (await kop.Pengawas.Get(kop.Url($"reports/loan-portfolio?asOf={CutOver}"))).ShouldBe(HttpStatusCode.OK).Json;
        portfolio["loans"]!.GetValue<int>().Should().Be(20);
        portfolio["reconciles"]!.GetValue<bool>().Should().BeTrue();
        var late = loans.First(l => l.DaysPastDue > 90);
        var lateMember = members.Single(m => m.Nik == late.Nik).Id;
        var lateLoan = portfolio["loanList"]!.AsArray().Single(l => l!["memberId"]!.GetValue<Guid>() == lateMember)!;
        lateLoan["daysPastDue"]!.GetValue<int>().Should().Be(late.DaysPastDue);
        lateLoan["kolektibilitas"]!.GetValue<string>().Should().NotBe("lancar");

        // A payment after the cut-over: the receivable and the loan move together.
        var onTime = loans.First(l => l.DaysPastDue == 0);
        var memberId = members.Single(m => m.Nik == onTime.Nik).Id;
        var loanId = (await kop.Pengawas.Get(kop.Url($"members/{memberId}/loans"))).ShouldBe(HttpStatusCode.OK).Json.AsArray().Single()!["loanId"]!.GetValue<Guid>();
        var loan = (await kop.Pengawas.Get(kop.Url($"loans/{loanId}?asOf={CutOver}"))).ShouldBe(HttpStatusCode.OK).Json;
        loan["status"]!.GetValue<string>().Should().Be("active");
        loan["outstandingPrincipal"]!.GetValue<decimal>().Should().Be(onTime.Principal);
        loan["disbursedOn"]!.GetValue<string>().Should().Be(onTime.DisbursedOn.ToString("yyyy-MM-dd", null));
        // Moved in, not applied for or paid out here: the opening (cut-over, balance then, the old books' disbursement), no fees.
        loan["opening"]!["cutOverOn"]!.GetValue<string>().Should().Be(CutOver);
        loan["opening"]!["principal"]!.GetValue<decimal>().Should().Be(onTime.Principal);
        loan["opening"]!["originalPrincipal"]!.GetValue<decimal>().Should().Be(onTime.OriginalPrincipal);
        loan["opening"]!["disbursedOn"]!.GetValue<string>().Should().Be(onTime.DisbursedOn.ToString("yyyy-MM-dd", null));
        loan["fees"].Should().BeNull();
        var first = loan["schedule"]!.AsArray()[0]!;
        var due = first["dueDate"]!.GetValue<string>();
        var amount = first["principal"]!.GetValue<decimal>() + first["interest"]!.GetValue<decimal>();
        (await kop.Kasir.Post(kop.Url($"loans/{loanId}/payments"), new { amount, businessDate = due })).ShouldBe(HttpStatusCode.Created);
        var after = (await kop.Pengawas.Get(kop.Url($"loans/{loanId}?asOf={due}"))).ShouldBe(HttpStatusCode.OK).Json;
        after["outstandingPrincipal"]!.GetValue<decimal>().Should().Be(onTime.Principal - first["principal"]!.GetValue<decimal>());
        await BookChecks.CheckInvariants(kop, members.Select(m => m.Id), due);

        // The same files again: nothing more.
        var entries = await JournalEntries(kop);
        var again = (await Import(kop, CutOver, membersFile, ledgerFile, loansFile, productsFile, apply: true)).ShouldBe(HttpStatusCode.OK).Json;
        again["nothingToApply"]!.GetValue<bool>().Should().BeTrue();
        (await JournalEntries(kop)).Should().Be(entries);
        (await kop.Pengawas.Get(kop.Url($"reports/loan-portfolio?asOf={CutOver}"))).ShouldBe(HttpStatusCode.OK).Json["loans"]!.GetValue<int>().Should().Be(20);
    }

    [Fact]
    public async Task every_problem_of_the_loans_and_products_files_is_named_by_row_and_column_and_nothing_is_recorded()
    {
        var kop = await TestKoperasi.Create();
        var ani = TestKoperasi.NewNik();
        await ActiveMember(kop, "Ani", ani);
        var unknown = TestKoperasi.NewNik();
        // Headers in another order, ';' as Excel writes CSV in Indonesia, both thousands conventions, text and serial dates.
        var loans = string.Join("\n",
            "Metode;NIK;Sisa Pokok;Bunga % per Tahun;Sisa Angsuran;Hari Tunggakan;Tanggal Cair;Pokok Awal",
            $"anuitas;{ani};5.000.000;18;10;0;10/03/2025;6,000,000",          // row 2: fine
            $"menurun;{ani};1.000.000;12%;4;35;45736;",                        // row 3: fine (Excel serial date, efektif by another name)
            $"flat;{unknown};1.000.000;12;4;0;10/03/2025;",                    // row 4: no such member
            $"flat;3.27301E+15;1.000.000;12;4;0;10/03/2025;",                  // row 5: NIK in scientific notation
            $"bulanan;{ani};1.000.000;30;0;-3;31/02/2025;",                    // row 6: method, rate, periods, days past due, date
            $"flat;{ani};0;12;4;0;10/03/2026;",                                // row 7: nothing outstanding, disbursed after the cut-over
            $"flat;{ani};3;12;12;0;10/03/2025;");                              // row 8: too small for its installments
        var products = string.Join("\n",
            "Kode Barang;Nama Barang;Satuan;Harga Anggota;Harga Umum;Stok;Harga Pokok Rata-rata",
            "BRS-5;Beras 5 kg;sak;68.000;72.000;1.500;63.500",               // row 2: fine (1.500 is 1,500 sacks)
            "BRS-5;Beras lagi;sak;68000;72000;1;63500",                      // row 3: SKU twice
            "GLA 1;Gula;pcs;16500;17500;-4;15250",                           // row 4: SKU with a space, negative stock
            "TLR;Telur;lusin;30000;29000;2,5;25000",                         // row 5: member price above public, half a dozen-pack
            "MNY;Minyak;botol;34000;36500;10;");                             // row 6: stock without a cost
        var entries = await JournalEntries(kop);

        var report = (await Import(kop, CutOver, loans: Csv("pinjaman.csv", loans), products: Csv("persediaan.csv", products))).ShouldBe(HttpStatusCode.OK).Json;
        report["ok"]!.GetValue<bool>().Should().BeFalse();
        var l = ProblemsOf(report, "loans");
        l.Should().NotContain(p => p.Row == 2 || p.Row == 3, report.ToJsonString());
        l.Should().Contain(p => p.Row == 4 && p.Column == "NIK (B)" && p.Message.Contains("Tidak ada anggota"));
        l.Should().Contain(p => p.Row == 5 && p.Column == "NIK (B)" && p.Message.Contains("notasi ilmiah"));
        l.Should().Contain(p => p.Row == 6 && p.Column == "Metode (A)");
        l.Should().Contain(p => p.Row == 6 && p.Column == "Bunga % per Tahun (D)" && p.Message.Contains("24"));
        l.Should().Contain(p => p.Row == 6 && p.Column == "Sisa Angsuran (E)");
        l.Should().Contain(p => p.Row == 6 && p.Column == "Hari Tunggakan (F)");
        l.Should().Contain(p => p.Row == 6 && p.Column == "Tanggal Cair (G)" && p.Message.Contains("tidak terbaca"));
        l.Should().Contain(p => p.Row == 7 && p.Column == "Sisa Pokok (C)" && p.Message.Contains("lunas"));
        l.Should().Contain(p => p.Row == 7 && p.Column == "Tanggal Cair (G)" && p.Message.Contains("setelah tanggal pindah"));
        l.Should().Contain(p => p.Row == 8 && p.Column == "Sisa Pokok (C)" && p.Message.Contains("terlalu kecil"));
        var firstLoans = report["summary"]!["firstLoans"]!.AsArray();
        firstLoans.Should().HaveCount(2);
        firstLoans[0]!["principal"]!.GetValue<decimal>().Should().Be(5_000_000m);
        firstLoans[1]!["method"]!.GetValue<string>().Should().Be("efektif");
        firstLoans[1]!["disbursedOn"]!.GetValue<string>().Should().Be("2025-03-20");
        firstLoans[1]!["daysPastDue"]!.GetValue<int>().Should().Be(35);

        var p = ProblemsOf(report, "products");
        p.Should().NotContain(x => x.Row == 2);
        p.Should().Contain(x => x.Row == 3 && x.Column == "Kode Barang (A)" && x.Message.Contains("baris 2"));
        p.Should().Contain(x => x.Row == 4 && x.Column == "Kode Barang (A)");
        p.Should().Contain(x => x.Row == 4 && x.Column == "Stok (F)" && x.Message.Contains("negatif"));
        p.Should().Contain(x => x.Row == 5 && x.Column == "Harga Anggota (D)");
        p.Should().Contain(x => x.Row == 5 && x.Column == "Stok (F)" && x.Message.Contains("utuh"));
        p.Should().Contain(x => x.Row == 6 && x.Column == "Harga Pokok Rata-rata (G)");
        report["summary"]!["firstProducts"]!.AsArray().Single()!["quantity"]!.GetValue<decimal>().Should().Be(1_500m);

        (await Import(kop, CutOver, loans: Csv("pinjaman.csv", loans), products: Csv("persediaan.csv", products), apply: true))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "import_has_problems");
        (await JournalEntries(kop)).Should().Be(entries);
        (await kop.Pengawas.Get(kop.Url($"reports/loan-portfolio?asOf={CutOver}"))).ShouldBe(HttpStatusCode.OK).Json["loans"]!.GetValue<int>().Should().Be(0);
    }

    [Fact]
    public async Task a_receivable_or_inventory_that_differs_from_its_file_is_a_problem_and_bad_files_are_refused()
    {
        var kop = await TestKoperasi.Create();
        var ani = TestKoperasi.NewNik();
        await ActiveMember(kop, "Ani", ani);
        var members = await MembersOf(kop);
        var entries = await JournalEntries(kop);
        var loans = $"NIK,Sisa Pokok,Bunga,Metode,Sisa Angsuran,Tanggal Cair\n{ani},2000000,18,flat,4,2025-06-15";
        var products = "Kode Barang,Nama Barang,Harga Anggota,Harga Umum,Stok,HPP\nA1,Sabun,5000,6000,10,4000";
        // The receivable says 2,500,000 but the loan 2,000,000; inventory 40,000 is right.
        var ledger = "Kode Akun,Debit,Kredit\n1-1100,2500000,\n1-1300,40000,\n3-2000,,2540000";
        var report = (await Import(kop, CutOver, ledger: Csv("saldo.csv", ledger), loans: Csv("pinjaman.csv", loans), products: Csv("barang.csv", products)))
            .ShouldBe(HttpStatusCode.OK).Json;
        var problems = ProblemsOf(report, "ledger");
        problems.Should().ContainSingle(report.ToJsonString()).Which.Should().Match<(int Row, string? Column, string Message)>(p =>
            p.Row == 2 && p.Message.Contains("1-1100") && p.Message.Contains("2.500.000") && p.Message.Contains("2.000.000"));

        var header = new[] { "NIK", "Sisa Pokok", "Bunga", "Metode", "Sisa Angsuran", "Tanggal Cair" };
        foreach (var (name, bytes, says) in new (string, byte[], string)[]
                 {
                     ("rumus.xlsx", Xlsx([header, [ani, "=1000000*2", "18", "flat", "4", "2025-06-15"]]), "rumus"),
                     ("gabung.xlsx", Xlsx([header, [ani, "2000000", "18", "flat", "4", "2025-06-15"]], mergeRef: "C2:D2"), "gabungan"),
                     ("kosong.csv", [], "kosong"),
                 })
        {
            (await Import(kop, CutOver, loans: File(name, bytes))).ShouldBeProblem(HttpStatusCode.BadRequest, "file_refused")
                .Json["detail"]!.GetValue<string>().Should().Contain(says);
            (await Import(kop, CutOver, products: File(name, bytes), apply: true)).ShouldBeProblem(HttpStatusCode.BadRequest, "file_refused");
        }
        (await Import(kop, CutOver, loans: File("besar.xlsx", new byte[10 * 1024 * 1024 + 1]), apply: true))
            .ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge, "file_too_large");
        (await JournalEntries(kop)).Should().Be(entries);
        (await MembersOf(kop)).Should().ContainSingle();
    }

    [Fact]
    public async Task the_loans_and_products_templates_have_an_indonesian_header_row()
    {
        var kop = await TestKoperasi.Create();
        var loans = await kop.Pengurus.Client.GetAsync(kop.Url("imports/templates/loans.xlsx"));
        loans.StatusCode.Should().Be(HttpStatusCode.OK);
        var sheet = Spreadsheet.Read(await loans.Content.ReadAsByteArrayAsync(), "templat-pinjaman.xlsx");
        sheet.Headers.Values.Should().Equal("Nama Anggota", "NIK", "No. Anggota", "Pokok Awal", "Sisa Pokok", "Bunga % per Tahun", "Metode", "Sisa Angsuran",
            "Hari Tunggakan", "Tanggal Cair");
        sheet.Rows.Should().ContainSingle().Which[0]!.Text.Should().StartWith("CONTOH");
        var products = await kop.Pengurus.Client.GetAsync(kop.Url("imports/templates/products.xlsx"));
        products.StatusCode.Should().Be(HttpStatusCode.OK);
        Spreadsheet.Read(await products.Content.ReadAsByteArrayAsync(), "templat-persediaan.xlsx").Headers.Values.Should()
            .Equal("Kode Barang", "Nama Barang", "Satuan", "Harga Anggota", "Harga Umum", "Stok", "Harga Pokok Rata-rata");
        (await kop.Kasir.Get(kop.Url("imports/templates/loans.xlsx"))).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        (await kop.Kasir.Get(kop.Url("imports/templates/products.xlsx"))).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
    }

    /// <summary>An active member with a known NIK (pokok paid).</summary>
    private static async Task ActiveMember(TestKoperasi kop, string name, string nik)
    {
        var id = await kop.Register(name, nik);
        var settings = (await kop.Pengurus.Get(kop.Url("settings"))).ShouldBe(HttpStatusCode.OK);
        (await kop.Kasir.Post(kop.Url($"members/{id}/savings/pokok/deposits"), new { amount = settings.Decimal("pokokAmount") }))
            .ShouldBe(HttpStatusCode.Created);
    }

    private static async Task<Ekopz.Domain.Ledger.Chart> ChartOf(TestKoperasi kop)
    {
        await using var session = EkopzApp.Instance.Services.GetRequiredService<Marten.IDocumentStore>().QuerySession(kop.Slug);
        return (await session.LoadAsync<Ekopz.Domain.Ledger.Chart>(Ekopz.Domain.Ledger.Chart.StreamId(kop.Slug)))!;
    }
}
