using System.Globalization;
using System.IO.Compression;
using System.Text.Json.Nodes;
using Ekopz.Tests.Browser.Support;
using MiniExcelLibs;

namespace Ekopz.Tests.Browser.Journeys.Books;

/// <summary>
/// "Unduh paket RAT" on the SHU page of a closed year (docs/adr/0034): the pengurus gets one zip, before the RAT has decided the
/// SHU, with the year-end statements and a loan still running at year end, each figure the API's.
/// </summary>
public sealed class when_the_rat_pack_is_downloaded : IAsyncLifetime
{
    private ConsoleKoperasi _kop = default!;
    private int _year;
    private Guid _budi;
    private string _loan = "";
    private string _budiLogin = "";
    private string _aniLogin = "";

    public async Task InitializeAsync()
    {
        _kop = await ConsoleKoperasi.Create("Koperasi Paket RAT");
        _year = DateTime.UtcNow.Year - 1;
        string D(int m, int d) => $"{_year}-{m:D2}-{d:D2}";
        async Task<Guid> MemberSince(string name, string date)
        {
            var id = Guid.Parse((await _kop.Post(_kop.Kasir, "members", new { name, nik = ConsoleKoperasi.NewNik(), businessDate = date }))["memberId"]!.GetValue<string>());
            await _kop.Post(_kop.Kasir, $"members/{id}/savings/pokok/deposits", new { amount = 100_000m, businessDate = date });
            return id;
        }
        var budi = _budi = await MemberSince("Budi Santoso", D(1, 3));
        var ani = await MemberSince("Ani Wijaya", D(1, 4));
        await _kop.Post(_kop.Kasir, $"members/{ani}/savings/wajib/deposits", new { amount = 300_000m, businessDate = D(2, 1) });
        // A grant gives the koperasi own capital enough for the lending limit.
        var grant = await _kop.Post(_kop.Pengurus, "ledger/adjustments", new
        {
            businessDate = D(1, 2), description = "Hibah",
            lines = new object[] { new { accountCode = "1-1010", debit = 50_000_000m, credit = 0m }, new { accountCode = "3-1300", debit = 0m, credit = 50_000_000m } },
        });
        await _kop.Post(_kop.Pengurus2, $"ledger/adjustments/{grant["adjustmentId"]!.GetValue<string>()}/approve", new { });
        // Budi borrows 1,200,000 over a year and pays one installment: the loan runs past the year end.
        var loan = _loan = (await _kop.Post(_kop.Pengurus, $"members/{budi}/loans", new { principal = 1_200_000m, periods = 12, annualRate = 12m, method = "flat", businessDate = D(2, 1) }))["loanId"]!.GetValue<string>();
        await _kop.Post(_kop.Pengurus2, $"loans/{loan}/approve", new { businessDate = D(2, 1) });
        await _kop.Post(_kop.Kasir, $"loans/{loan}/disburse", new { businessDate = D(2, 1) });
        await _kop.Post(_kop.Kasir, $"loans/{loan}/payments", new { amount = 112_000m, businessDate = D(3, 1) });
        for (var m = 1; m <= 12; m++) await _kop.Post(_kop.Pengurus, $"periods/{_year}-{m:D2}/close", new { });
        await _kop.Post(_kop.Pengurus, $"years/{_year}/close", new { });
        _budiLogin = $"budi.{_kop.Slug}";
        await _kop.Post(_kop.Pengurus, "users", new { username = _budiLogin, password = ConsoleKoperasi.Password, roles = new[] { "anggota" }, memberId = _budi });
        _aniLogin = $"ani.{_kop.Slug}";
        await _kop.Post(_kop.Pengurus, "users", new { username = _aniLogin, password = ConsoleKoperasi.Password, roles = new[] { "anggota" }, memberId = ani });
    }

    [Fact]
    public async Task the_loan_papers_hold_the_schedule_of_the_api_for_staff_and_for_the_member()
    {
        var loan = await _kop.Get(_kop.Pengawas, $"loans/{_loan}");
        var schedule = loan["schedule"]!.AsArray();
        schedule.Should().HaveCount(12);
        var interest = schedule.Sum(r => r!["interest"]!.GetValue<decimal>());
        var installments = schedule.Sum(r => r!["installment"]!.GetValue<decimal>());
        interest.Should().Be(144_000m, "flat 12% a year on 1,200,000 for twelve months");

        foreach (var (login, url) in new[] { (_kop.Kasir, $"/pinjaman/{_loan}"), (_budiLogin, $"/saya/pinjaman/{_loan}") })
        {
            await using var browser = await ConsoleBrowser.Open();
            var page = browser.Page;
            await browser.SignIn(login);
            await page.GotoAsync(url);
            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("loan-pdf").ClickAsync());
            var path = Path.Combine(Path.GetTempPath(), $"pinjaman-{Guid.NewGuid():N}.pdf");
            await download.SaveAsAsync(path);
            using var pdf = UglyToad.PdfPig.PdfDocument.Open(path);
            var text = string.Join(" ", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
            text.Should().Contain("Koperasi Paket RAT", login).And.Contain("Budi Santoso", login).And.Contain("Ringkasan perjanjian", login);
            text.Should().Contain(Rupiah(1_200_000m), login).And.Contain(Rupiah(interest), login).And.Contain(Rupiah(installments), login);
            foreach (var r in schedule) text.Should().Contain(Rupiah(r!["installment"]!.GetValue<decimal>()), login);
        }

        // Budi's loan is not Ani's to print.
        await using var other = await ConsoleBrowser.Open();
        await other.SignIn(_aniLogin);
        (await other.Page.APIRequest.GetAsync($"/saya/pinjaman/{_loan}/pdf")).Status.Should().Be(404);
    }

    [Fact]
    public async Task the_lists_come_as_workbooks_with_the_apis_figures()
    {
        var members = (await _kop.Get(_kop.Pengawas, "members?pageSize=1000"))["members"]!.AsArray();
        var loans = (await _kop.Get(_kop.Pengawas, "loans?pageSize=1000"))["loans"]!.AsArray();
        var arrears = (await _kop.Get(_kop.Pengawas, "savings/wajib/arrears")).AsArray();
        decimal Sum(JsonArray a, Func<JsonNode, decimal> f) => a.Sum(x => f(x!));

        await using var browser = await ConsoleBrowser.Open();
        var page = browser.Page;
        await browser.SignIn(_kop.Pengurus);
        async Task<List<IDictionary<string, object>>> Download(string url, string testId)
        {
            await page.GotoAsync(url);
            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId(testId).ClickAsync());
            var path = Path.Combine(Path.GetTempPath(), $"daftar-{Guid.NewGuid():N}.xlsx");
            await download.SaveAsAsync(path);
            return MiniExcel.Query(path, useHeaderRow: true, sheetName: "Laporan").Cast<IDictionary<string, object>>()
                .Select(r => (IDictionary<string, object>)r.ToDictionary(kv => kv.Key, kv => kv.Value ?? "")).ToList();
        }

        var memberRows = await Download("/anggota", "xlsx");
        memberRows.Count(r => (string)r["Kode"] != "").Should().Be(members.Count);
        var memberTotal = memberRows.Single(r => (string)r["Kode"] == "");
        Number(memberTotal["Simpanan pokok"]).Should().Be(Sum(members, m => m["balances"]!["pokok"]!.GetValue<decimal>()));
        Number(memberTotal["Simpanan wajib"]).Should().Be(Sum(members, m => m["balances"]!["wajib"]!.GetValue<decimal>()));

        var loanRows = await Download("/pinjaman", "xlsx");
        loanRows.Count(r => (string)r["Kode"] != "").Should().Be(loans.Count);
        Number(loanRows.Single(r => (string)r["Kode"] == "")["Sisa pokok"]).Should().Be(Sum(loans, l => l["outstandingPrincipal"]!.GetValue<decimal>()));

        var arrearsRows = await Download("/beranda", "arrears-xlsx");
        arrearsRows.Count(r => (string)r["Kode"] != "").Should().Be(arrears.Count);
        Number(arrearsRows.Single(r => (string)r["Kode"] == "")["Jumlah tunggakan"]).Should().Be(Sum(arrears, a => a["arrearsAmount"]!.GetValue<decimal>()));
    }

    /// <summary>"Rp 1.234.567", as the documents write money.</summary>
    private static string Rupiah(decimal d) =>
        (d < 0 ? "\u2212" : "") + "Rp " + Math.Abs(d).ToString(decimal.Truncate(d) == d ? "#,0" : "#,0.00", CultureInfo.GetCultureInfo("id-ID"));

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task the_pengurus_gets_one_zip_with_the_apis_figures()
    {
        var yearEnd = $"{_year}-12-31";
        var totalAssets = (await _kop.Get(_kop.Pengawas, $"reports/balance-sheet?asOf={yearEnd}"))["totalAssets"]!.GetValue<decimal>();
        var portfolio = await _kop.Get(_kop.Pengawas, $"reports/loan-portfolio?asOf={yearEnd}");
        var outstanding = portfolio["outstanding"]!.GetValue<decimal>();
        outstanding.Should().BeGreaterThan(0, "the loan runs past the year end");

        await using var browser = await ConsoleBrowser.Open();
        var page = browser.Page;
        await browser.SignIn(_kop.Pengurus);
        await page.GotoAsync($"/shu/{_year}");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Unduh paket RAT" }).ClickAsync());
        download.SuggestedFilename.Should().EndWith($"-{_year}.zip");
        var path = Path.Combine(Path.GetTempPath(), $"paket-rat-{Guid.NewGuid():N}.zip");
        await download.SaveAsAsync(path);

        using var zip = ZipFile.OpenRead(path);
        zip.Entries.Select(e => e.FullName).Should().Contain(["BACA-SAYA.txt", "1-laporan-keuangan/neraca.pdf", "1-laporan-keuangan/neraca.xlsx",
            "2-shu-per-anggota.xlsx", "3-pinjaman-kolektibilitas.xlsx", "4-anggota-dan-simpanan.xlsx", "5-segel-bulanan.txt", "6-pemeriksaan-buku.txt"]);
        var neraca = Rows(zip, "1-laporan-keuangan/neraca.xlsx");
        Number(neraca.Single(r => (string)r["Akun"] == "Jumlah aset")["Jumlah"]).Should().Be(totalAssets);
        var loans = Rows(zip, "3-pinjaman-kolektibilitas.xlsx");
        var line = loans.Single(r => (string)r["Nama lengkap"] == "Budi Santoso");
        Number(line["Sisa pokok"]).Should().Be(outstanding);
        line["Kolektibilitas"].Should().Be(portfolio["loanList"]!.AsArray().Single()!["kolektibilitas"]!.GetValue<string>());
        Rows(zip, "4-anggota-dan-simpanan.xlsx").Count(r => (string)r["Kode"] != "").Should().Be(2);
        // The RAT has not decided yet: the SHU list says so instead of being left out.
        var shuInfo = Sheet(zip, "2-shu-per-anggota.xlsx", "Keterangan");
        shuInfo.Should().Contain(r => ((string)r["Isi"]).Contains("belum diputuskan RAT"));
        Text(zip, "BACA-SAYA.txt").Should().Contain($"PAKET RAT TAHUN BUKU {_year}").And.Contain("Koperasi Paket RAT");
    }

    private static byte[] Bytes(ZipArchive zip, string name)
    {
        using var s = zip.GetEntry(name)!.Open();
        using var m = new MemoryStream();
        s.CopyTo(m);
        return m.ToArray();
    }

    private static string Text(ZipArchive zip, string name) => System.Text.Encoding.UTF8.GetString(Bytes(zip, name));

    private static List<IDictionary<string, object>> Rows(ZipArchive zip, string name) => Sheet(zip, name, "Laporan");

    private static List<IDictionary<string, object>> Sheet(ZipArchive zip, string name, string sheet) =>
        new MemoryStream(Bytes(zip, name)).Query(useHeaderRow: true, sheetName: sheet).Cast<IDictionary<string, object>>()
            .Select(r => (IDictionary<string, object>)r.ToDictionary(kv => kv.Key, kv => kv.Value ?? "")).ToList();

    private static decimal Number(object value) => Convert.ToDecimal(value, CultureInfo.InvariantCulture);
}
