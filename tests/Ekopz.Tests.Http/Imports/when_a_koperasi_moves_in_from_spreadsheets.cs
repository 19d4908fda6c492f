using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text.Json.Nodes;
using Ekopz.Api.Imports;
using Ekopz.Tests.Http.Support;
using NodaTime;
using static Ekopz.Tests.Http.Imports.ImportFiles;

namespace Ekopz.Tests.Http.Imports;

/// <summary>
/// Moving in (issue 14, docs/adr/0033): members with their opening savings and the ledger's opening balances at a cut-over
/// date, from the templates filled in. The dry run names every problem by row and column and records nothing; the apply
/// records all or nothing, the books balance and reconcile at once, and the same file applied twice records nothing more.
/// </summary>
public class when_a_koperasi_moves_in_from_spreadsheets
{
    private const string CutOver = "2025-12-31";

    private static List<(int Row, string? Column, string Message)> ProblemsOf(JsonNode report, string file) =>
        report["problems"]!.AsArray().Where(p => p!["file"]!.GetValue<string>() == file)
            .Select(p => (p!["row"]!.GetValue<int>(), p["column"]?.GetValue<string>(), p["message"]!.GetValue<string>())).ToList();

    [Fact]
    public async Task a_dry_run_names_every_problem_by_row_and_column_and_records_nothing()
    {
        var kop = await TestKoperasi.Create();
        var existing = TestKoperasi.NewNik();
        await kop.Register("Sudah Anggota", existing);
        var (a, b, c, d) = (TestKoperasi.NewNik(), TestKoperasi.NewNik(), TestKoperasi.NewNik(), TestKoperasi.NewNik());
        // Headers in another order than the template's; ';' as Excel writes CSV in Indonesia.
        var members = string.Join("\n",
            "Simpanan Sukarela;NIK;Nama;Tanggal Masuk;Simpanan Pokok;Simpanan Wajib;No. HP;Alamat",
            $"1.000.000;{a};Ani;15/03/2019;100000;1,200,000;081234567890;Jl. A",        // row 2: fine (both separators, text date)
            $"0;{b};Badu;43539;100.000;0;;",                                             // row 3: fine (Excel serial date)
            $"0;320101150180123;Cici;01/01/2020;100000;0;;",                             // row 4: NIK of 15 digits
            $"0;{a};Dodi;01/01/2020;100000;0;;",                                         // row 5: NIK twice in the file
            $"0;{existing};Eka;01/01/2020;100000;0;;",                                   // row 6: NIK already a member
            "0;3.20115E+15;Fajar;01/01/2020;100000;0;;",                                 // row 7: NIK in scientific notation
            $"0;{c};Gita;31/02/2020;100000;0;;",                                         // row 8: no such date
            $"abc;{d};Hadi;01/01/2026;100000;0;;");                                      // row 9: not an amount, joined after the cut-over
        var ledger = string.Join("\n",
            "Kode Akun;Nama Akun;Debit;Kredit",
            "1-1000;Kas;5.000.000;",
            "1-9999;Tidak ada;1.000;",                                                   // row 3: unknown account
            "3-1000;Simpanan pokok;;200.000",
            "4-1000;Pendapatan jasa;;10.000");                                           // row 5: revenue account
        var entriesBefore = await JournalEntries(kop);

        var report = (await DryRun(kop, CutOver, Csv("anggota.csv", members), Csv("saldo.csv", ledger))).ShouldBe(HttpStatusCode.OK).Json;

        report["ok"]!.GetValue<bool>().Should().BeFalse();
        var m = ProblemsOf(report, "members");
        m.Should().Contain(p => p.Row == 4 && p.Column == "NIK (B)" && p.Message.Contains("16 digit"));
        m.Should().Contain(p => p.Row == 5 && p.Column == "NIK (B)" && p.Message.Contains("baris 2"));
        m.Should().Contain(p => p.Row == 6 && p.Column == "NIK (B)" && p.Message.Contains("sudah terdaftar"));
        m.Should().Contain(p => p.Row == 7 && p.Column == "NIK (B)" && p.Message.Contains("notasi ilmiah"));
        m.Should().Contain(p => p.Row == 8 && p.Column == "Tanggal Masuk (D)" && p.Message.Contains("tidak terbaca"));
        m.Should().Contain(p => p.Row == 9 && p.Column == "Simpanan Sukarela (A)" && p.Message.Contains("tidak terbaca"));
        m.Should().Contain(p => p.Row == 9 && p.Column == "Tanggal Masuk (D)" && p.Message.Contains("setelah tanggal pindah"));
        m.Should().NotContain(p => p.Row == 2 || p.Row == 3, "thousands separators in either convention and Excel serial dates are read");
        var l = ProblemsOf(report, "ledger");
        l.Should().Contain(p => p.Row == 3 && p.Column == "Kode Akun (A)" && p.Message.Contains("tidak ada di bagan akun"));
        l.Should().Contain(p => p.Row == 5 && p.Column == "Kode Akun (A)" && p.Message.Contains("pendapatan/beban"));
        l.Should().Contain(p => p.Row == 0 && p.Message.Contains("tidak seimbang"));

        // The rows that were read: Ani's savings as written in both conventions, Badu's Excel date.
        var first = report["summary"]!["firstMembers"]!.AsArray();
        first.Should().HaveCount(2);
        first[0]!["sukarela"]!.GetValue<decimal>().Should().Be(1_000_000m);
        first[0]!["wajib"]!.GetValue<decimal>().Should().Be(1_200_000m);
        first[1]!["joinDate"]!.GetValue<string>().Should().Be("2019-03-15");
        first[1]!["pokok"]!.GetValue<decimal>().Should().Be(100_000m);

        // Nothing written: still one member, and not one journal entry more.
        (await MembersOf(kop)).Should().ContainSingle();
        (await JournalEntries(kop)).Should().Be(entriesBefore);
        var applied = await Apply(kop, CutOver, Csv("anggota.csv", members), Csv("saldo.csv", ledger));
        applied.ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "import_has_problems");
        applied.Json["report"]!["problemCount"]!.GetValue<int>().Should().Be(report["problemCount"]!.GetValue<int>());
        (await MembersOf(kop)).Should().ContainSingle();
        (await JournalEntries(kop)).Should().Be(entriesBefore);
    }

    [Fact]
    public async Task applying_the_templates_balances_the_books_and_the_same_files_twice_record_nothing_more()
    {
        var kop = await TestKoperasi.Create();
        var demo = ImportTemplates.DemoMembers(12, new LocalDate(2025, 12, 31), seed: Random.Shared.Next())
            .Select(x => x with { Nik = TestKoperasi.NewNik() }).ToList();
        var chart = await ChartOf(kop);
        var membersFile = File("anggota.xlsx", ImportTemplates.Members(demo));
        var ledgerFile = File("saldo-awal-akun.xlsx", ImportTemplates.Ledger(chart, new LocalDate(2025, 12, 31), ImportTemplates.DemoLedger(demo)));

        var dry = (await DryRun(kop, CutOver, membersFile, ledgerFile)).ShouldBe(HttpStatusCode.OK).Json;
        dry["ok"]!.GetValue<bool>().Should().BeTrue(dry.ToJsonString());
        dry["summary"]!["members"]!.GetValue<int>().Should().Be(12);
        dry["summary"]!["ledgerDebit"]!.GetValue<decimal>().Should().Be(dry["summary"]!["ledgerCredit"]!.GetValue<decimal>());
        (await MembersOf(kop)).Should().BeEmpty("a dry run records nothing");

        var applied = (await Apply(kop, CutOver, membersFile, ledgerFile)).ShouldBe(HttpStatusCode.OK).Json;
        applied["applied"]!.GetValue<bool>().Should().BeTrue(applied.ToJsonString());
        var files = applied["files"]!.AsArray();
        files.Select(f => f!["sha256"]!.GetValue<string>()).Should().AllSatisfy(s => s.Should().MatchRegex("^[0-9a-f]{64}$"));

        var members = await MembersOf(kop);
        members.Select(x => x.Nik).Should().BeEquivalentTo(demo.Select(x => x.Nik));
        var siti = demo[0];
        var sitiId = members.Single(x => x.Nik == siti.Nik).Id;
        var statement = (await kop.Pengawas.Get(kop.Url($"members/{sitiId}/statement?asOf={CutOver}"))).ShouldBe(HttpStatusCode.OK).Json;
        statement["balances"]!["wajib"]!.GetValue<decimal>().Should().Be(siti.Wajib);
        statement["balances"]!["sukarela"]!.GetValue<decimal>().Should().Be(siti.Sukarela);
        var member = (await kop.Pengawas.Get(kop.Url($"members/{sitiId}"))).ShouldBe(HttpStatusCode.OK).Json;
        member["status"]!.GetValue<string>().Should().Be("active");

        // The books: balanced, the savings control accounts equal the members' savings, "saldo awal pindahan" back at zero.
        var tb = await BookChecks.TrialBalance(kop, CutOver);
        (-tb.Of("3-1000")).Should().Be(demo.Sum(x => x.Pokok));
        (-tb.Of("3-1100")).Should().Be(demo.Sum(x => x.Wajib));
        (-tb.Of("2-1000")).Should().Be(demo.Sum(x => x.Sukarela));
        tb.Of("3-9900").Should().Be(0m);
        tb.Of("1-1000").Should().Be(ImportTemplates.DemoLedger(demo)["1-1000"].Debit);
        await BookChecks.CheckInvariants(kop, members.Select(x => x.Id), CutOver);

        // The events say "opening balance" and name the file.
        var journal = (await kop.Pengawas.Get(kop.Url($"ledger/journal?from={CutOver}&to={CutOver}&pageSize=1000"))).ShouldBe(HttpStatusCode.OK).Json;
        var sources = journal["entries"]!.AsArray().Select(e => e!["source"]!.GetValue<string>()).ToList();
        sources.Should().Contain("LedgerOpeningBalancesRecorded").And.Contain("MemberOpeningBalancesRecorded");

        // The same files again: nothing more is recorded.
        var entries = await JournalEntries(kop);
        var again = (await Apply(kop, CutOver, membersFile, ledgerFile)).ShouldBe(HttpStatusCode.OK).Json;
        again["applied"]!.GetValue<bool>().Should().BeFalse();
        again["nothingToApply"]!.GetValue<bool>().Should().BeTrue();
        again["files"]!.AsArray().Should().OnlyContain(f => f!["alreadyApplied"]!.GetValue<bool>());
        (await JournalEntries(kop)).Should().Be(entries);
        (await MembersOf(kop)).Should().HaveCount(12);
        // A dry run of them says so too.
        var dryAgain = (await DryRun(kop, CutOver, membersFile, ledgerFile)).ShouldBe(HttpStatusCode.OK).Json;
        dryAgain["nothingToApply"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task savings_that_differ_from_the_control_account_are_a_problem_and_nothing_is_recorded()
    {
        var kop = await TestKoperasi.Create();
        var (a, b) = (TestKoperasi.NewNik(), TestKoperasi.NewNik());
        var members = $"Nama,NIK,Tanggal Masuk,Simpanan Pokok,Simpanan Wajib,Simpanan Sukarela\nAni,{a},2019-03-15,100000,50000,0\nBadu,{b},2019-03-15,100000,50000,0";
        // Wajib in the ledger is 150,000 but the members hold 100,000 together.
        var ledger = "Kode Akun,Debit,Kredit\n1-1000,350000,\n3-1000,,200000\n3-1100,,150000";
        var report = (await DryRun(kop, CutOver, Csv("anggota.csv", members), Csv("saldo.csv", ledger))).ShouldBe(HttpStatusCode.OK).Json;
        report["ok"]!.GetValue<bool>().Should().BeFalse();
        var problems = ProblemsOf(report, "ledger");
        problems.Should().ContainSingle().Which.Should().Match<(int Row, string? Column, string Message)>(p =>
            p.Row == 4 && p.Message.Contains("3-1100") && p.Message.Contains("150.000") && p.Message.Contains("100.000"));
        (await Apply(kop, CutOver, Csv("anggota.csv", members), Csv("saldo.csv", ledger)))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "import_has_problems");
        (await MembersOf(kop)).Should().BeEmpty();
    }

    [Fact]
    public async Task a_nik_stored_exactly_as_a_number_is_read_and_one_excel_rounded_is_refused()
    {
        var kop = await TestKoperasi.Create();
        var exact = TestKoperasi.NewNik();
        var xlsx = Xlsx([
            ["Nama", "NIK", "Tanggal Masuk", "Simpanan Pokok", "Simpanan Wajib", "Simpanan Sukarela"],
            ["Ani", "#" + exact, "#43539", "#100000", "#0", "#250000.5"],
            ["Badu", "#3.2010115018E+15", "15/03/2019", "100.000", "", ""],
        ]);
        var report = (await DryRun(kop, CutOver, File("anggota.xlsx", xlsx), null)).ShouldBe(HttpStatusCode.OK).Json;
        var problems = ProblemsOf(report, "members");
        problems.Should().ContainSingle().Which.Should().Match<(int Row, string? Column, string Message)>(p =>
            p.Row == 3 && p.Column == "NIK (B)" && p.Message.Contains("notasi ilmiah"));
        var ani = report["summary"]!["firstMembers"]!.AsArray().Single()!;
        ani["nik"]!.GetValue<string>().Should().Be(exact);
        ani["joinDate"]!.GetValue<string>().Should().Be("2019-03-15");
        ani["sukarela"]!.GetValue<decimal>().Should().Be(250_000.5m);
    }

    [Fact]
    public async Task bad_files_are_refused_with_a_clear_message_and_nothing_is_recorded()
    {
        var kop = await TestKoperasi.Create();
        var nik = TestKoperasi.NewNik();
        var header = new[] { "Nama", "NIK", "Tanggal Masuk", "Simpanan Pokok", "Simpanan Wajib", "Simpanan Sukarela" };
        var refused = new (string Name, byte[] Bytes, string Code, string Says)[]
        {
            ("laporan.pdf", "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj"u8.ToArray().Concat(new byte[] { 0, 1, 2, 0xFF }).ToArray(), "file_refused", "bukan"),
            ("kosong.csv", [], "file_refused", "kosong"),
            ("judul.csv", "Nama;NIK;Tanggal Masuk\n"u8.ToArray(), "file_refused", "tidak memuat data"),
            ("lama.xls", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0], "file_refused", ".xls"),
            ("rumus.xlsx", Xlsx([header, ["Ani", nik, "15/03/2019", "=50000*2", "0", "0"]]), "file_refused", "rumus"),
            ("gabung.xlsx", Xlsx([header, ["Ani", nik, "15/03/2019", "100000", "0", "0"]], mergeRef: "D2:E2"), "file_refused", "gabungan"),
            ("besar.csv", new byte[10 * 1024 * 1024 + 1], "file_too_large", "10 MB"),
        };
        foreach (var (name, bytes, code, says) in refused)
        {
            foreach (var call in new[] { DryRun(kop, CutOver, File(name, bytes), null), Apply(kop, CutOver, File(name, bytes), null) })
            {
                var reply = await call;
                reply.ShouldBeProblem(code == "file_too_large" ? HttpStatusCode.RequestEntityTooLarge : HttpStatusCode.BadRequest, code);
                reply.Json["detail"]!.GetValue<string>().Should().Contain(says, name).And.Contain(name);
            }
        }
        (await MembersOf(kop)).Should().BeEmpty();
        (await JournalEntries(kop)).Should().Be(0);
    }

    [Fact]
    public async Task the_templates_have_an_indonesian_header_row_and_only_the_pengurus_imports()
    {
        var kop = await TestKoperasi.Create();
        var reply = await kop.Pengurus.Client.GetAsync(kop.Url("imports/templates/members.xlsx"));
        reply.StatusCode.Should().Be(HttpStatusCode.OK);
        reply.Content.Headers.ContentType!.MediaType.Should().Be(ImportTemplates.XlsxContentType);
        var sheet = Spreadsheet.Read(await reply.Content.ReadAsByteArrayAsync(), "templat-anggota.xlsx");
        sheet.Headers.Values.Should().Equal("Nama", "NIK", "No. HP", "Alamat", "Tanggal Masuk", "Simpanan Pokok", "Simpanan Wajib", "Simpanan Sukarela");
        sheet.Rows.Should().ContainSingle().Which[0]!.Text.Should().StartWith("CONTOH");

        var ledger = await kop.Pengurus.Client.GetAsync(kop.Url("imports/templates/ledger.xlsx"));
        ledger.StatusCode.Should().Be(HttpStatusCode.OK);
        var accounts = Spreadsheet.Read(await ledger.Content.ReadAsByteArrayAsync(), "templat-saldo-awal-akun.xlsx");
        accounts.Headers.Values.Should().Equal("Kode Akun", "Nama Akun", "Debit", "Kredit");
        // The loan receivable and inventory have their own files now (docs/adr/0035): their balances come with them.
        accounts.Rows.Select(r => r[0]!.Text).Should().Contain(["1-1000", "3-1000", "2-1000", "1-1100", "1-1300"]).And.NotContain(["1-1150", "1-1190", "4-1000"]);

        // The template as downloaded is refused only for its example row.
        var dry = (await DryRun(kop, CutOver, File("templat-anggota.xlsx", await reply.Content.ReadAsByteArrayAsync()), null)).ShouldBe(HttpStatusCode.OK).Json;
        ProblemsOf(dry, "members").Should().ContainSingle().Which.Message.Should().Contain("baris contoh");

        (await kop.Kasir.Get(kop.Url("imports/templates/members.xlsx"))).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        (await kop.Kasir.Post(kop.Url("imports/opening-balances/dry-run"), new { cutOverDate = CutOver, members = Csv("a.csv", "Nama;NIK\nA;1") }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        (await kop.Pengawas.Post(kop.Url("imports/opening-balances/apply"), new { cutOverDate = CutOver, members = Csv("a.csv", "Nama;NIK\nA;1") }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task the_demo_files_of_a_200_member_koperasi_move_in_cleanly()
    {
        var dir = DemoDirectory();
        var cutOver = new LocalDate(2025, 12, 31);
        if (Environment.GetEnvironmentVariable("EKOPZ_WRITE_IMPORT_DEMO") == "1")
        {
            // Regenerates docs/import-demo (the seed fixes the content): EKOPZ_WRITE_IMPORT_DEMO=1 ./ekopz test --filter ...
            var demo = ImportTemplates.DemoMembers(200, cutOver);
            var demoLoans = ImportTemplates.DemoLoans(demo, 40, cutOver);
            var demoProducts = ImportTemplates.DemoProducts();
            Directory.CreateDirectory(dir);
            await System.IO.File.WriteAllBytesAsync(Path.Combine(dir, "anggota-200.xlsx"), ImportTemplates.Members(demo));
            await System.IO.File.WriteAllBytesAsync(Path.Combine(dir, "pinjaman-40.xlsx"), ImportTemplates.Loans(demoLoans));
            await System.IO.File.WriteAllBytesAsync(Path.Combine(dir, "persediaan.xlsx"), ImportTemplates.Products(demoProducts));
            var template = await TestKoperasi.Create();
            await System.IO.File.WriteAllBytesAsync(Path.Combine(dir, "saldo-awal-akun.xlsx"),
                ImportTemplates.Ledger(await ChartOf(template), cutOver, ImportTemplates.DemoLedger(demo, demoLoans, demoProducts)));
        }
        var kop = await TestKoperasi.Create();
        var members = File("anggota-200.xlsx", await System.IO.File.ReadAllBytesAsync(Path.Combine(dir, "anggota-200.xlsx")));
        var ledger = File("saldo-awal-akun.xlsx", await System.IO.File.ReadAllBytesAsync(Path.Combine(dir, "saldo-awal-akun.xlsx")));
        // With the 40 running loans and the shop's stock (docs/adr/0035), everything reconciles with the ledger file.
        var loans = File("pinjaman-40.xlsx", await System.IO.File.ReadAllBytesAsync(Path.Combine(dir, "pinjaman-40.xlsx")));
        var products = File("persediaan.xlsx", await System.IO.File.ReadAllBytesAsync(Path.Combine(dir, "persediaan.xlsx")));
        var applied = (await Import(kop, CutOver, members, ledger, loans, products, apply: true)).ShouldBe(HttpStatusCode.OK).Json;
        applied["applied"]!.GetValue<bool>().Should().BeTrue(applied.ToJsonString());
        applied["summary"]!["members"]!.GetValue<int>().Should().Be(200);
        applied["summary"]!["loans"]!.GetValue<int>().Should().Be(40);
        var tb = await BookChecks.TrialBalance(kop, CutOver);
        tb.Of("1-1100").Should().Be(applied["summary"]!["loanPrincipal"]!.GetValue<decimal>());
        tb.Of("1-1300").Should().Be(applied["summary"]!["stockValue"]!.GetValue<decimal>());
        (await kop.Pengawas.Get(kop.Url($"reports/loan-portfolio?asOf={CutOver}"))).ShouldBe(HttpStatusCode.OK).Json["reconciles"]!.GetValue<bool>()
            .Should().BeTrue();
        (-tb.Of("3-1000") - tb.Of("3-1100") - tb.Of("2-1000")).Should().Be(applied["summary"]!["savingsTotal"]!.GetValue<decimal>());
        tb.Of("3-9900").Should().Be(0m);
    }

    private static string DemoDirectory()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !System.IO.File.Exists(Path.Combine(dir.FullName, "Ekopz.sln"))) dir = dir.Parent;
        return Path.Combine(dir!.FullName, "docs", "import-demo");
    }

    private static async Task<Ekopz.Domain.Ledger.Chart> ChartOf(TestKoperasi kop)
    {
        await using var session = EkopzApp.Instance.Services.GetRequiredService<Marten.IDocumentStore>().QuerySession(kop.Slug);
        return (await session.LoadAsync<Ekopz.Domain.Ledger.Chart>(Ekopz.Domain.Ledger.Chart.StreamId(kop.Slug)))!;
    }
}
