using System.Globalization;
using Ekopz.Tests.Browser.Support;
using MiniExcelLibs;
using UglyToad.PdfPig;

namespace Ekopz.Tests.Browser.Journeys.Books;

/// <summary>
/// "Unduh PDF" and "Unduh Excel" beside every financial report (docs/adr/0029): the PDF carries the koperasi's letterhead,
/// the period, "as recorded at" and the seal of a closed month, and both files hold the API's figures.
/// </summary>
public sealed class when_reports_are_downloaded_as_files : IAsyncLifetime
{
    private ConsoleKoperasi _kop = default!;
    private DateOnly _month;

    public async Task InitializeAsync()
    {
        _kop = await ConsoleKoperasi.Create("Koperasi Berkas Laporan");
        var today = await _kop.Today();
        _month = new DateOnly(today.Year, today.Month, 1).AddMonths(-2);
        var sri = await _kop.MemberSince("Sri Rahayu", _month.AddDays(4));
        await _kop.Deposit(sri, "wajib", 25_000m, _month.AddDays(9));
        await _kop.Deposit(sri, "sukarela", 1_234_567.5m, _month.AddDays(11));
        await _kop.Post(_kop.Pengurus, $"periods/{_month:yyyy-MM}/close", new { });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task the_pdf_and_the_spreadsheet_hold_the_apis_figures()
    {
        var end = _month.AddMonths(1).AddDays(-1);
        var balanceSheet = await _kop.Get(_kop.Pengawas, $"reports/balance-sheet?asOf={end.Iso()}");
        var totalAssets = balanceSheet["totalAssets"]!.GetValue<decimal>();
        totalAssets.Should().BeGreaterThan(1_000_000m);
        var digest = (await _kop.Get(_kop.Pengawas, $"periods/{_month:yyyy-MM}"))["digest"]!.GetValue<string>();

        await using var browser = await ConsoleBrowser.Open();
        var page = browser.Page;
        await browser.SignInToBooks(_kop.Pengawas);
        await page.GotoAsync($"/laporan/neraca?per={end.Iso()}");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("pdf").ClickAsync());
        var pdfPath = Path.Combine(Path.GetTempPath(), $"neraca-{Guid.NewGuid():N}.pdf");
        await download.SaveAsAsync(pdfPath);
        var artifacts = Environment.GetEnvironmentVariable("EKOPZ_SCREENSHOTS");
        if (artifacts is { Length: > 0 })
        {
            // Kept beside the screenshots for a person to look at.
            Directory.CreateDirectory(artifacts);
            File.Copy(pdfPath, Path.Combine(artifacts, "neraca.pdf"), true);
        }
        using (var pdf = PdfDocument.Open(pdfPath))
        {
            var text = string.Join(" ", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
            text.Should().Contain("Koperasi Berkas Laporan").And.Contain("Laporan posisi keuangan");
            text.Should().Contain(Rupiah(totalAssets), "total assets are the API's");
            text.Should().Contain(digest, "the month is closed, so its seal is printed");
            text.Should().Contain("Seperti tercatat pada");
        }

        var xlsx = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("xlsx").ClickAsync());
        var xlsxPath = Path.Combine(Path.GetTempPath(), $"neraca-{Guid.NewGuid():N}.xlsx");
        await xlsx.SaveAsAsync(xlsxPath);
        var rows = MiniExcel.Query(xlsxPath, useHeaderRow: true, sheetName: "Laporan").Cast<IDictionary<string, object>>().ToList();
        var total = rows.Single(r => (string)r["Akun"] == "Jumlah aset");
        Convert.ToDecimal(total["Jumlah"], CultureInfo.InvariantCulture).Should().Be(totalAssets);
        var info = MiniExcel.Query(xlsxPath, useHeaderRow: true, sheetName: "Keterangan").Cast<IDictionary<string, object>>().ToList();
        info.Should().Contain(r => ((string)r["Isi"]).Contains(digest));

        // Every other report, as PDF and as a spreadsheet, against the API's figures.
        var from = _month.Iso();
        var trial = await _kop.Get(_kop.Pengawas, $"ledger/trial-balance?asOf={end.Iso()}");
        var cash = await _kop.Get(_kop.Pengawas, $"reports/cash-flow?from={from}&to={end.Iso()}");
        var equity = await _kop.Get(_kop.Pengawas, $"reports/equity-changes?from={from}&to={end.Iso()}");
        var phu = await _kop.Get(_kop.Pengawas, $"reports/income-statement?from={from}&to={end.Iso()}");
        var cashBook = await _kop.Get(_kop.Pengawas, $"reports/cash-book?from={from}&to={end.Iso()}");
        foreach (var (report, query, figure) in new[]
                 {
                     ("neraca-saldo", $"asOf={end.Iso()}", trial["totalDebit"]!.GetValue<decimal>()),
                     ("arus-kas", $"from={from}&to={end.Iso()}", cash["closingCash"]!.GetValue<decimal>()),
                     ("perubahan-ekuitas", $"from={from}&to={end.Iso()}", equity["closingTotal"]!.GetValue<decimal>()),
                     ("phu", $"from={from}&to={end.Iso()}", phu["shuAfterTax"]!.GetValue<decimal>()),
                     ("buku-kas", $"from={from}&to={end.Iso()}", cashBook["closingBalance"]!.GetValue<decimal>()),
                 })
        {
            var pdfReply = await page.APIRequest.GetAsync($"/laporan/pdf/{report}?{query}");
            pdfReply.Status.Should().Be(200, report);
            using (var pdf = PdfDocument.Open(await pdfReply.BodyAsync()))
            {
                var text = string.Join(" ", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
                text.Should().Contain("Koperasi Berkas Laporan", report).And.Contain(Rupiah(figure), report).And.Contain(digest, report);
            }
            var xlsxReply = await page.APIRequest.GetAsync($"/laporan/xlsx/{report}?{query}");
            xlsxReply.Status.Should().Be(200, report);
            using var stream = new MemoryStream(await xlsxReply.BodyAsync());
            var numbers = stream.Query(useHeaderRow: true, sheetName: "Laporan").Cast<IDictionary<string, object>>()
                .SelectMany(r => r.Values).Where(v => v is double or decimal or int or long).Select(v => Convert.ToDecimal(v, CultureInfo.InvariantCulture));
            numbers.Should().Contain(figure, report);
        }

        // An unknown report, or a parameter of the wrong shape, is refused before the API is asked.
        (await page.APIRequest.GetAsync("/laporan/pdf/tidak-ada")).Status.Should().Be(404);
        (await page.APIRequest.GetAsync("/laporan/pdf/neraca?asOf=bukan-tanggal")).Status.Should().Be(400);
    }

    /// <summary>"Rp 1.234.567" or "Rp 1.234.567,50", as the console writes money.</summary>
    private static string Rupiah(decimal d) =>
        (d < 0 ? "\u2212" : "") + "Rp " + Math.Abs(d).ToString(decimal.Truncate(d) == d ? "#,0" : "#,0.00", CultureInfo.GetCultureInfo("id-ID"));
}
