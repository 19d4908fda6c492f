using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Ekopz.Tests.Http.Shu;
using Ekopz.Tests.Http.Support;
using MiniExcelLibs;
using UglyToad.PdfPig;

namespace Ekopz.Tests.Http.Documents;

/// <summary>
/// The RAT pack (docs/adr/0034): one zip for a closed year, each figure in it the API's own. Built on the domain example's 2025
/// (<see cref="DomainExample"/>): SHU 120,000,000, five members, the RAT's decision of the domain doc's buckets.
/// </summary>
public class when_the_rat_pack_is_made
{
    private static readonly string[] Expected =
    [
        "BACA-SAYA.txt",
        "1-laporan-keuangan/neraca.pdf", "1-laporan-keuangan/neraca.xlsx", "1-laporan-keuangan/phu.pdf", "1-laporan-keuangan/phu.xlsx",
        "1-laporan-keuangan/arus-kas.pdf", "1-laporan-keuangan/arus-kas.xlsx", "1-laporan-keuangan/perubahan-ekuitas.pdf",
        "1-laporan-keuangan/perubahan-ekuitas.xlsx", "2-shu-per-anggota.pdf", "2-shu-per-anggota.xlsx", "3-pinjaman-kolektibilitas.pdf",
        "3-pinjaman-kolektibilitas.xlsx", "4-anggota-dan-simpanan.pdf", "4-anggota-dan-simpanan.xlsx", "5-segel-bulanan.txt",
        "6-pemeriksaan-buku.txt", "6-pemeriksaan-buku.json",
    ];

    [Fact]
    public async Task the_zip_holds_the_year_end_statements_the_shu_the_loans_the_members_and_the_seals_as_the_api_answers_them()
    {
        var ex = await DomainExample.Build();
        var kop = ex.Kop;
        var url = kop.Url("years/2025/rat-pack.zip");

        // Not for a year still open, with a stable code; not for a kasir.
        (await kop.Pengurus.Get(url)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "year_not_closed");
        await ex.CloseYear();
        (await kop.Kasir.Get(url)).Status.Should().Be(HttpStatusCode.Forbidden);
        await ex.Approve();

        using var response = await kop.Pengawas.Client.GetAsync(url);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/zip");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var zip = new ZipArchive(new MemoryStream(bytes));
        zip.Entries.Select(e => e.FullName).Should().BeEquivalentTo(Expected);

        // The balance sheet at 31 December: total assets as the API's, in the workbook and in the PDF, with December's seal.
        var neraca = (await kop.Pengawas.Get(kop.Url("reports/balance-sheet?asOf=2025-12-31"))).ShouldBe(HttpStatusCode.OK);
        var totalAssets = neraca.Decimal("totalAssets");
        totalAssets.Should().BeGreaterThan(1_000_000_000m);
        var december = (await kop.Pengawas.Get(kop.Url("periods/2025-12"))).ShouldBe(HttpStatusCode.OK).String("digest");
        Number(Rows(zip, "1-laporan-keuangan/neraca.xlsx").Single(r => (string)r["Akun"] == "Jumlah aset")["Jumlah"]).Should().Be(totalAssets);
        Pdf(zip, "1-laporan-keuangan/neraca.pdf").Should().Contain(Rupiah(totalAssets)).And.Contain(december).And.Contain("31 Desember 2025");

        // The PHU of the year: SHU after tax 120,000,000 as the API says; the cash flow's closing cash; the equity's closing total.
        var phu = (await kop.Pengawas.Get(kop.Url("reports/income-statement?from=2025-01-01&to=2025-12-31"))).ShouldBe(HttpStatusCode.OK);
        phu.Decimal("shuAfterTax").Should().Be(120_000_000m);
        Numbers(Rows(zip, "1-laporan-keuangan/phu.xlsx")).Should().Contain(phu.Decimal("shuAfterTax"));
        Pdf(zip, "1-laporan-keuangan/phu.pdf").Should().Contain(Rupiah(phu.Decimal("shuAfterTax")));
        var cash = (await kop.Pengawas.Get(kop.Url("reports/cash-flow?from=2025-01-01&to=2025-12-31"))).ShouldBe(HttpStatusCode.OK);
        Numbers(Rows(zip, "1-laporan-keuangan/arus-kas.xlsx")).Should().Contain(cash.Decimal("closingCash"));
        Pdf(zip, "1-laporan-keuangan/arus-kas.pdf").Should().Contain(Rupiah(cash.Decimal("closingCash")));
        var equity = (await kop.Pengawas.Get(kop.Url("reports/equity-changes?from=2025-01-01&to=2025-12-31"))).ShouldBe(HttpStatusCode.OK);
        Numbers(Rows(zip, "1-laporan-keuangan/perubahan-ekuitas.xlsx")).Should().Contain(equity.Decimal("closingTotal"));

        // SHU per member: each member's total as the API's, and their sum, the pools worked by hand (40,000,000).
        var shu = (await kop.Pengawas.Get(kop.Url("shu/2025/members"))).ShouldBe(HttpStatusCode.OK).Json.AsArray();
        var shuRows = Rows(zip, "2-shu-per-anggota.xlsx");
        foreach (var m in shu)
            Number(shuRows.Single(r => (string)r["Kode"] == m!["memberNumber"]!.GetValue<string>())["Jumlah SHU anggota"])
                .Should().Be(m!["total"]!.GetValue<decimal>());
        var shuTotal = shu.Sum(m => m!["total"]!.GetValue<decimal>());
        shuTotal.Should().Be(DomainExample.Expected.Keys.Sum(DomainExample.TotalOf), "the jasa usaha and jasa modal pools, worked by hand");
        Number(shuRows.Single(r => (string)r["Nama lengkap"] == "Jumlah")["Jumlah SHU anggota"]).Should().Be(shuTotal);
        Pdf(zip, "2-shu-per-anggota.pdf").Should().Contain(Rupiah(shuTotal)).And.Contain(Rupiah(DomainExample.TotalOf("Budi")));

        // The loan portfolio at year end, as the API's report on that date.
        var portfolio = (await kop.Pengawas.Get(kop.Url("reports/loan-portfolio?asOf=2025-12-31"))).ShouldBe(HttpStatusCode.OK);
        var loanRows = Rows(zip, "3-pinjaman-kolektibilitas.xlsx");
        Number(loanRows.Single(r => (string)r["Nama lengkap"] == "Jumlah")["Sisa pokok"]).Should().Be(portfolio.Decimal("outstanding"));
        loanRows.Count(r => (string)r["Kode"] != "").Should().Be(portfolio.Json["loans"]!.GetValue<int>());

        // The members with their savings at year end: five, Budi with pokok 1,000,000 and wajib 4,000,000 (from the example).
        var savings = (await kop.Pengawas.Get(kop.Url("savings/balances?asOf=2025-12-31"))).ShouldBe(HttpStatusCode.OK);
        savings.Json["members"]!.GetValue<int>().Should().Be(5);
        var memberRows = Rows(zip, "4-anggota-dan-simpanan.xlsx");
        memberRows.Count(r => (string)r["Kode"] != "").Should().Be(5);
        var budi = memberRows.Single(r => (string)r["Nama lengkap"] == "Budi");
        (Number(budi["Simpanan pokok"]), Number(budi["Simpanan wajib"])).Should().Be((1_000_000m, 4_000_000m));
        Number(memberRows.Single(r => ((string)r["Nama lengkap"]).StartsWith("Jumlah", StringComparison.Ordinal))["Jumlah simpanan"])
            .Should().Be(savings.Decimal("total"));
        savings.Decimal("pokok").Should().Be(5_000_000m);
        savings.Decimal("wajib").Should().Be(495_000_000m, "pokok + wajib of the five is 500,000,000 (the jasa modal basis)");

        // Each month's seal, as the periods API has it; the verification as the API's.
        var seals = Text(zip, "5-segel-bulanan.txt");
        var periods = (await kop.Pengawas.Get(kop.Url("periods"))).ShouldBe(HttpStatusCode.OK).Json.AsArray();
        periods.Should().HaveCount(12);
        foreach (var p in periods) seals.Should().Contain($"{p!["period"]!.GetValue<string>()}  | ").And.Contain(p["digest"]!.GetValue<string>());
        var verification = JsonNode.Parse(Text(zip, "6-pemeriksaan-buku.json"))!;
        verification["ledgerMatchesEvents"]!.GetValue<bool>().Should().BeTrue();
        verification["allPeriodsMatch"]!.GetValue<bool>().Should().BeTrue();
        verification["periods"]!.AsArray().Should().HaveCount(12);
        Text(zip, "6-pemeriksaan-buku.txt").Should().Contain("HASIL: COCOK");

        // The index names every file, in Indonesian.
        var readme = Text(zip, "BACA-SAYA.txt");
        readme.Should().Contain("PAKET RAT TAHUN BUKU 2025").And.Contain("Isi paket ini");
        foreach (var name in Expected.Where(n => n != "BACA-SAYA.txt")) readme.Should().Contain(name);

        // ./ekopz rat-pack writes the same pack; a year not closed is refused with the same code.
        var file = Path.Combine(Path.GetTempPath(), $"paket-rat-{Guid.NewGuid():N}.zip");
        var output = new StringWriter();
        (await Ekopz.Api.Hosting.RatPackCommand.Run(EkopzApp.Instance.Services, [kop.Slug, "2025", file], output)).Should().Be(0, output.ToString());
        using (var written = ZipFile.OpenRead(file))
        {
            written.Entries.Select(e => e.FullName).Should().BeEquivalentTo(Expected);
            Number(Rows(written, "1-laporan-keuangan/neraca.xlsx").Single(r => (string)r["Akun"] == "Jumlah aset")["Jumlah"]).Should().Be(totalAssets);
        }
        output.ToString().Should().Contain("18 files");
        var refused = new StringWriter();
        (await Ekopz.Api.Hosting.RatPackCommand.Run(EkopzApp.Instance.Services, [kop.Slug, "2026"], refused)).Should().Be(1);
        refused.ToString().Should().StartWith("year_not_closed");
    }

    private static byte[] Bytes(ZipArchive zip, string name)
    {
        using var s = zip.GetEntry(name)!.Open();
        using var m = new MemoryStream();
        s.CopyTo(m);
        return m.ToArray();
    }

    private static string Text(ZipArchive zip, string name) => Encoding.UTF8.GetString(Bytes(zip, name));

    private static List<IDictionary<string, object>> Rows(ZipArchive zip, string name) =>
        new MemoryStream(Bytes(zip, name)).Query(useHeaderRow: true, sheetName: "Laporan").Cast<IDictionary<string, object>>()
            .Select(r => (IDictionary<string, object>)r.ToDictionary(kv => kv.Key, kv => kv.Value ?? "")).ToList();

    private static decimal Number(object value) => Convert.ToDecimal(value, CultureInfo.InvariantCulture);

    private static IEnumerable<decimal> Numbers(IEnumerable<IDictionary<string, object>> rows) =>
        rows.SelectMany(r => r.Values).Where(v => v is double or decimal or int or long).Select(Number);

    private static string Pdf(ZipArchive zip, string name)
    {
        using var pdf = PdfDocument.Open(Bytes(zip, name));
        return string.Join(" ", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
    }

    /// <summary>"Rp 1.234.567", as the documents write money.</summary>
    private static string Rupiah(decimal d) =>
        (d < 0 ? "\u2212" : "") + "Rp " + Math.Abs(d).ToString(decimal.Truncate(d) == d ? "#,0" : "#,0.00", CultureInfo.GetCultureInfo("id-ID"));
}
