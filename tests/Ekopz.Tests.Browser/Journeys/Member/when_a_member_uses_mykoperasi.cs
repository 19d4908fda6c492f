using System.Net;
using System.Text.RegularExpressions;
using Ekopz.Tests.Browser.Support;
using UglyToad.PdfPig;

namespace Ekopz.Tests.Browser.Journeys.Member;

/// <summary>
/// MyKoperasi, the member's own pages on a phone (docs/adr/0021): balances equal to the API's, history down to the event
/// behind a line (who, when, channel, the correction that undid it), a statement PDF that holds the closing balance, a loan
/// simulated and applied for and then approved by a pengurus, a withdrawal followed through its approval, no other
/// member's data by editing a URL, a service worker that caches static assets only, and no serious accessibility problem.
/// </summary>
public sealed class when_a_member_uses_mykoperasi : IAsyncLifetime
{
    private ConsoleKoperasi _kop = default!;
    private Guid _rina;
    private Guid _other;
    private string _rinaLogin = "";
    private string _reversedDepositEvent = "";
    private string _otherEvent = "";
    private string _otherLoan = "";

    public async Task InitializeAsync()
    {
        _kop = await ConsoleKoperasi.Create("Koperasi Warga Sejahtera");
        _rina = await _kop.ActiveMember("Rina Wati");
        _other = await _kop.ActiveMember("Tetangga Rina");
        await _kop.Post(_kop.Kasir, $"members/{_rina}/savings/wajib/deposits", new { amount = 25_000m });
        await _kop.Post(_kop.Kasir, $"members/{_rina}/savings/sukarela/deposits", new { amount = 500_000m });
        // A deposit recorded by mistake and corrected by two pengurus: the member sees both lines and why.
        var mistaken = (await _kop.Post(_kop.Kasir, $"members/{_rina}/savings/sukarela/deposits", new { amount = 70_000m }))["transactionId"]!.GetValue<string>();
        var reversal = (await _kop.Post(_kop.Pengurus, $"members/{_rina}/savings/transactions/{mistaken}/reversal", new { reason = "Salah anggota" }))["reversalId"]!.GetValue<string>();
        await _kop.Post(_kop.Pengurus2, $"reversals/{reversal}/approve", new { });
        var statement = await _kop.Get(_kop.Pengurus, $"members/{_rina}/statement");
        _reversedDepositEvent = statement["lines"]!.AsArray().Single(l => l!["transactionId"]!.GetValue<string>() == mistaken)!["eventId"]!.GetValue<string>();

        _rinaLogin = $"rina.{_kop.Slug}";
        await _kop.Post(_kop.Pengurus, "users", new { username = _rinaLogin, password = ConsoleKoperasi.Password, roles = new[] { "anggota" }, memberId = _rina });
        await _kop.Post(_kop.Pengurus, "loan-products", new
        {
            name = "Pinjaman umum", terms = new { method = "anuitas", annualRate = 18, penaltyRatePerDay = 0.1, penaltyGraceDays = 3 },
        });

        // Own capital large enough for the lending limit: a grant, proposed by one pengurus and approved by the other.
        var adjustment = await _kop.Post(_kop.Pengurus, "ledger/adjustments", new
        {
            description = "Hibah pemerintah daerah",
            lines = new object[] { new { accountCode = "1-1010", debit = 200_000_000m, credit = 0m }, new { accountCode = "3-1300", debit = 0m, credit = 200_000_000m } },
        });
        await _kop.Post(_kop.Pengurus2, $"ledger/adjustments/{adjustment["adjustmentId"]!.GetValue<string>()}/approve", new { });

        // The neighbour's things, which Rina must never reach.
        _otherEvent = (await _kop.Get(_kop.Pengurus, $"members/{_other}/statement"))["lines"]!.AsArray()[0]!["eventId"]!.GetValue<string>();
        _otherLoan = (await _kop.Post(_kop.Pengurus, $"members/{_other}/loans", new { principal = 1_000_000m, periods = 10, annualRate = 12m, method = "flat" }))["loanId"]!.GetValue<string>();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<ConsoleBrowser> Member()
    {
        var browser = await ConsoleBrowser.Phone();
        await browser.SignIn(_rinaLogin);
        return browser;
    }

    [Fact]
    public async Task the_member_sees_balances_follows_a_line_to_its_event_and_downloads_a_statement()
    {
        await using var browser = await Member();
        var page = browser.Page;
        page.Url.Should().EndWith("/saya");
        var api = await _kop.Get(_rinaLogin, $"members/{_rina}");
        string Rp(string kind) => "Rp " + api["balances"]![kind]!.GetValue<decimal>().ToString("#,0", System.Globalization.CultureInfo.GetCultureInfo("id-ID"));
        await Assertions.Expect(page.GetByTestId("balance-pokok")).ToHaveTextAsync(Rp("pokok"));
        await Assertions.Expect(page.GetByTestId("balance-wajib")).ToHaveTextAsync(Rp("wajib"));
        await Assertions.Expect(page.GetByTestId("balance-sukarela")).ToHaveTextAsync(Rp("sukarela"));
        await Assertions.Expect(page.GetByTestId("balance-sukarela")).ToHaveTextAsync("Rp 500.000");
        await Assertions.Expect(page.GetByTestId("wajib-arrears")).ToBeVisibleAsync();
        (await browser.SeriousAccessibilityProblems()).Should().BeEmpty();
        await browser.Screenshot("saya-beranda");

        await page.Locator("nav").GetByRole(AriaRole.Link, new() { Name = "Riwayat" }).ClickAsync();
        (await browser.Heading()).Should().Be("Riwayat transaksi");
        var lines = page.GetByTestId("history-line");
        await Assertions.Expect(lines.Filter(new() { HasText = "+Rp 500.000" })).ToContainTextAsync("Setoran simpanan sukarela");
        await Assertions.Expect(lines.Filter(new() { HasText = "Pembatalan simpanan sukarela" })).ToContainTextAsync("−Rp 70.000");
        await Assertions.Expect(page.GetByTestId("closing-total")).ToHaveTextAsync("Rp 625.000");
        (await browser.SeriousAccessibilityProblems()).Should().BeEmpty();
        await browser.Screenshot("saya-riwayat");

        // The mistaken deposit, down to who recorded it, when, through which channel, and the correction that undid it.
        await lines.Filter(new() { HasText = "+Rp 70.000" }).GetByRole(AriaRole.Link).ClickAsync();
        page.Url.Should().EndWith($"/saya/riwayat/{_reversedDepositEvent}");
        await Assertions.Expect(page.GetByTestId("why-actor")).ToHaveTextAsync(_kop.Kasir);
        await Assertions.Expect(page.GetByTestId("why-channel")).ToHaveTextAsync("Loket");
        await Assertions.Expect(page.GetByTestId("why-when")).ToContainTextAsync("WIB");
        await Assertions.Expect(page.GetByTestId("why-reversed")).ToContainTextAsync(_kop.Pengurus2);
        await Assertions.Expect(page.GetByTestId("why-reversed")).ToContainTextAsync("Salah anggota");
        await browser.Screenshot("saya-rincian");

        // The statement as a PDF: the koperasi's letterhead, the period, and the closing balance.
        await page.GotoAsync("/saya/riwayat");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-pdf").ClickAsync());
        download.SuggestedFilename.Should().EndWith(".pdf");
        var path = await download.PathAsync();
        using (var pdf = PdfDocument.Open(path))
        {
            var text = string.Join("\n", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
            text.Should().Contain("Koperasi Warga Sejahtera").And.Contain("Rekening Koran Simpanan").And.Contain("Rina Wati");
            text.Should().Contain("625.000", "the closing balance of all savings is in the statement");
            text.Should().Contain("500.000");
        }
        var csv = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-csv").ClickAsync());
        (await File.ReadAllTextAsync((await csv.PathAsync())!)).Should().Contain("Setoran simpanan sukarela").And.Contain(",500000,");
        browser.ConsoleErrors.Should().BeEmpty();
    }

    [Fact]
    public async Task the_member_simulates_applies_and_sees_the_pengurus_approve()
    {
        await using var browser = await Member();
        var page = browser.Page;
        await page.GotoAsync("/saya/pinjaman/simulasi");
        await browser.Fill("Besar pinjaman", "12.000.000");
        await browser.Fill("Lama pinjaman", "12");
        await browser.Press("Hitung");
        // The domain doc's worked example at 18% a year: 1,100,160 a month by anuitas, 1,180,000 flat.
        await Assertions.Expect(page.GetByTestId("simulation-anuitas")).ToContainTextAsync("Rp 1.100.160");
        await Assertions.Expect(page.GetByTestId("simulation-flat")).ToContainTextAsync("Rp 1.180.000");
        await Assertions.Expect(page.GetByTestId("simulation-efektif")).ToBeVisibleAsync();
        await browser.Screenshot("saya-simulasi");

        await browser.Follow("Ajukan pinjaman ini");
        (await page.GetByLabel("Besar pinjaman", new() { Exact = true }).InputValueAsync()).Should().Be("12.000.000");
        await browser.Fill("Keperluan (tidak wajib)", "Modal jahit");
        await browser.Press("Lanjutkan");
        await Assertions.Expect(page.GetByTestId("check-answers")).ToContainTextAsync("Rp 1.100.160");
        await browser.Screenshot("saya-ajukan-periksa");
        await browser.Press("Kirim pengajuan");
        await Assertions.Expect(page.GetByTestId("loan-applied")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("loan-status")).ToHaveTextAsync("Diajukan");
        var loanId = Regex.Match(page.Url, "/saya/pinjaman/([0-9a-f-]{36})").Groups[1].Value;
        await browser.Screenshot("saya-pinjaman-diajukan");

        // It waits in the pengurus' checker inbox; a pengurus approves it in the console.
        await using var pengurus = await ConsoleBrowser.Open();
        await pengurus.SignIn(_kop.Pengurus);
        await pengurus.Page.GotoAsync("/persetujuan");
        var card = pengurus.Page.GetByTestId("inbox-loan").Filter(new() { HasText = "Rina Wati" });
        await Assertions.Expect(card).ToContainTextAsync(_rinaLogin);
        await card.GetByRole(AriaRole.Link, new() { Name = "Periksa batas pinjaman dan putuskan" }).ClickAsync();
        await pengurus.Press("Setujui");
        await Assertions.Expect(pengurus.Page.GetByTestId("loan-done")).ToContainTextAsync("Pinjaman disetujui");

        await page.GotoAsync("/saya/pinjaman");
        await Assertions.Expect(page.GetByTestId("my-loan").Filter(new() { HasText = "Rp 12.000.000" })).ToContainTextAsync("Disetujui");
        await page.GotoAsync($"/saya/pinjaman/{loanId}");
        await Assertions.Expect(page.GetByTestId("loan-status")).ToHaveTextAsync("Disetujui");
        await browser.Screenshot("saya-pinjaman");
        browser.ConsoleErrors.Should().BeEmpty();
    }

    [Fact]
    public async Task the_member_requests_a_withdrawal_and_follows_it_through_approval()
    {
        await using var browser = await Member();
        var page = browser.Page;
        await page.Locator("nav").GetByRole(AriaRole.Link, new() { Name = "Tarik" }).ClickAsync();
        await browser.Follow("Tarik simpanan sukarela");
        await browser.Fill("Jumlah", "150.000");
        await browser.Press("Lanjutkan");
        await Assertions.Expect(page.GetByTestId("check-answers")).ToContainTextAsync("Seratus lima puluh ribu rupiah");
        await browser.Screenshot("saya-tarik-periksa");
        await browser.Press("Kirim permintaan");
        await Assertions.Expect(page.GetByTestId("withdrawal-requested")).ToBeVisibleAsync();
        var mine = page.GetByTestId("my-withdrawal").Filter(new() { HasText = "Rp 150.000" });
        await Assertions.Expect(mine.GetByTestId("withdrawal-status")).ToHaveTextAsync("Menunggu persetujuan");
        await browser.Screenshot("saya-penarikan");

        var pending = (await _kop.Get(_kop.Pengurus, "withdrawals?status=requested")).AsArray()
            .Single(w => w!["memberId"]!.GetValue<Guid>() == _rina)!;
        pending["channel"]!.GetValue<string>().Should().Be("web");
        pending["payAtCounter"]!.GetValue<bool>().Should().BeTrue();
        await using var pengurus = await ConsoleBrowser.Open();
        await pengurus.SignIn(_kop.Pengurus);
        await pengurus.Page.GotoAsync("/persetujuan");
        var card = pengurus.Page.GetByTestId("inbox-withdrawal").Filter(new() { HasText = "Rina Wati" });
        await card.GetByRole(AriaRole.Button, new() { Name = "Setujui" }).ClickAsync();
        await Assertions.Expect(pengurus.Page.GetByTestId("decided")).ToContainTextAsync("Disetujui");

        await page.ReloadAsync();
        await Assertions.Expect(mine.GetByTestId("withdrawal-status")).ToHaveTextAsync("Disetujui, silakan ambil di loket");
        await _kop.Post(_kop.Kasir, $"withdrawals/{pending["withdrawalId"]!.GetValue<string>()}/pay", new { });
        await page.ReloadAsync();
        await Assertions.Expect(mine.GetByTestId("withdrawal-status")).ToContainTextAsync("Dibayar");
        await page.GotoAsync("/saya");
        await Assertions.Expect(page.GetByTestId("balance-sukarela")).ToHaveTextAsync("Rp 350.000");
        browser.ConsoleErrors.Should().BeEmpty();
    }

    [Fact]
    public async Task the_member_cannot_reach_another_members_data_by_editing_the_url()
    {
        await using var browser = await Member();
        var page = browser.Page;
        foreach (var path in new[]
                 {
                     $"/anggota/{_other}", $"/anggota/{_other}?tab=pinjaman", $"/saya/pinjaman/{_otherLoan}", $"/pinjaman/{_otherLoan}",
                     $"/saya/riwayat/{_otherEvent}", $"/peristiwa/{_otherEvent}", $"/shu/2025/anggota/{_other}",
                 })
        {
            var response = await page.GotoAsync(path);
            response!.Status.Should().BeOneOf([404, 403], path);
            (await page.ContentAsync()).Should().NotContain("Tetangga Rina", path);
        }
        (await page.GotoAsync($"/saya/riwayat/{_otherEvent}"))!.Status.Should().Be(404);
        (await page.GotoAsync($"/saya/pinjaman/{_otherLoan}"))!.Status.Should().Be(404);
        (await page.GotoAsync($"/anggota/{_other}"))!.Status.Should().Be(404);

        // The API the same: another member's event is not found; the member's own is shown.
        var api = await _kop.Api(_rinaLogin);
        (await api.GetAsync(_kop.Url($"events/{_otherEvent}"))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await api.GetAsync(_kop.Url($"events/{_reversedDepositEvent}"))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await api.GetAsync(_kop.Url($"members/{_other}/statement/events/{_otherEvent}"))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await api.GetAsync(_kop.Url($"members/{_rina}/statement/events/{_otherEvent}"))).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task the_service_worker_caches_static_assets_only_and_a_page_fits_a_3g_budget()
    {
        await using var browser = await Member();
        var page = browser.Page;
        // First load of the home page, nothing cached: small enough for 3G.
        var bytes = await page.EvaluateAsync<double>(
            "() => { const n = performance.getEntriesByType('navigation')[0]; return n.transferSize + performance.getEntriesByType('resource').reduce((a, r) => a + r.transferSize, 0); }");
        bytes.Should().BeGreaterThan(0).And.BeLessThan(60_000, "a member page's first load stays under 60 kB on the wire (docs/adr/0021)");

        var manifest = await page.APIRequest.GetAsync("/manifest.webmanifest");
        manifest.Headers["content-type"].Should().StartWith("application/manifest+json");
        var json = System.Text.Json.JsonDocument.Parse(await manifest.TextAsync()).RootElement;
        json.GetProperty("start_url").GetString().Should().Be("/saya");
        json.GetProperty("display").GetString().Should().Be("standalone");
        json.GetProperty("icons").EnumerateArray().Select(i => i.GetProperty("sizes").GetString()).Should().Contain(["192x192", "512x512"]);
        (await page.APIRequest.GetAsync("/sw.js")).Headers["content-type"].Should().StartWith("text/javascript");

        await page.EvaluateAsync("() => navigator.serviceWorker.ready");
        foreach (var (path, shot) in new[]
                 {
                     ("/saya", ""), ("/saya/riwayat", ""), ($"/saya/riwayat/{_reversedDepositEvent}", ""), ("/saya/pinjaman", "saya-pinjaman-daftar"),
                     ("/saya/penarikan", ""), ("/saya/shu", "saya-shu"),
                 })
        {
            await page.GotoAsync(path);
            if (shot.Length > 0) await browser.Screenshot(shot);
        }
        await page.GotoAsync("/saya/rekening-koran.csv").ContinueWith(_ => { });
        await page.GotoAsync("/saya");
        var cached = await page.EvaluateAsync<string[]>(
            "async () => { const out = []; for (const k of await caches.keys()) { const c = await caches.open(k); for (const r of await c.keys()) out.push(r.url); } return out; }");
        cached.Should().NotBeEmpty("the static assets are kept for a fast start");
        cached.Should().OnlyContain(u => Regex.IsMatch(new Uri(u).AbsolutePath, @"^/assets/[^/]+\.[0-9a-f]{10}\.(css|js|png|svg)$"),
            "only static assets are cached: no page, API answer or download");
        browser.ConsoleErrors.Should().BeEmpty();
    }
}
