using System.Text.RegularExpressions;
using Ekopz.Tests.Browser.Support;

namespace Ekopz.Tests.Browser.Journeys;

/// <summary>
/// The main pages of the console checked with axe-core (no serious or critical violation), and the
/// read-only pengawas: sees the pages, no button that writes.
/// </summary>
public sealed class when_anyone_uses_the_main_pages : IAsyncLifetime
{
    private ConsoleKoperasi _kop = default!;
    private Guid _member;
    private string _loanId = "";
    private int _receipt;

    public async Task InitializeAsync()
    {
        _kop = await ConsoleKoperasi.Create("Koperasi Serba Usaha Mandiri");
        _member = await _kop.ActiveMember("Agus <i>Salim</i>");
        var deposit = await _kop.Post(_kop.Kasir, $"members/{_member}/savings/sukarela/deposits", new { amount = 250_000m });
        _receipt = (await _kop.Post(_kop.Kasir, "receipts", new { source = "savings", transactionId = deposit["transactionId"]!.GetValue<string>() }))["receiptNumber"]!.GetValue<int>();
        var loan = await _kop.Post(_kop.Pengurus, $"members/{_member}/loans", new { principal = 10_000m, periods = 2, annualRate = 12m, method = "flat" });
        _loanId = loan["loanId"]!.GetValue<string>();
        await _kop.Post(_kop.Kasir, $"members/{_member}/savings/sukarela/withdrawals", new { amount = 50_000m, payAtCounter = true });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task the_main_pages_have_no_serious_accessibility_problem()
    {
        await using var browser = await ConsoleBrowser.Open();
        await browser.SignIn(_kop.Pengurus);
        var pages = new[]
        {
            "/beranda", "/kasir", "/kasir?q=Agus", "/anggota", $"/anggota/{_member}", $"/anggota/{_member}?tab=pinjaman", "/anggota/baru",
            $"/kasir/setoran/{_member}", $"/kwitansi/{_receipt}", "/persetujuan", "/pinjaman", $"/pinjaman/{_loanId}",
            "/pinjaman/simulasi?pokok=12000000&lama=12&bunga=18&metode=anuitas", "/shu", "/pengaturan/koperasi", "/pengaturan/pengguna",
            "/pengaturan/produk-pinjaman", "/pengaturan/akun", "/kwitansi", "/kasir/pembayaran-penarikan", $"/kasir/penarikan/{_member}",
            $"/anggota/{_member}/keluar", "/kasir/penjualan",
        };
        var problems = new List<string>();
        foreach (var path in pages)
        {
            await browser.Page.GotoAsync(path);
            (await browser.Page.Locator("h1").CountAsync()).Should().BeGreaterThan(0, path);
            problems.AddRange((await browser.SeriousAccessibilityProblems()).Select(p => $"{path}: {p}"));
        }
        problems.Should().BeEmpty();
        browser.ConsoleErrors.Should().BeEmpty();

        // What a member typed is shown as text, never as markup.
        await browser.Page.GotoAsync($"/anggota/{_member}");
        (await browser.Page.GetByTestId("member-name").InnerTextAsync()).Should().Be("Agus <i>Salim</i>");
        await browser.Screenshot("anggota-nama-aman");
    }

    [Fact]
    public async Task a_pengawas_reads_everything_and_sees_no_button_that_writes()
    {
        await using var browser = await ConsoleBrowser.Open();
        await browser.SignIn(_kop.Pengawas);
        (await browser.Heading()).Should().Be("Beranda");
        var nav = await browser.Page.Locator("nav").InnerTextAsync();
        nav.Should().Contain("Buku & laporan").And.Contain("Pinjaman").And.Contain("Persetujuan").And.NotContain("Kasir").And.NotContain("Pengaturan");

        foreach (var path in new[] { "/beranda", "/anggota", $"/anggota/{_member}", "/persetujuan", "/pinjaman", $"/pinjaman/{_loanId}", "/shu", $"/kwitansi/{_receipt}" })
        {
            await browser.Page.GotoAsync(path);
            // The only form that posts is signing out.
            var posts = await browser.Page.Locator("form[method=post]").EvaluateAllAsync<string[]>("fs => fs.map(f => f.getAttribute('action') || location.pathname)");
            posts.Should().OnlyContain(a => a == "/keluar", $"{path} must have no form that writes for a pengawas");
            (await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Setujui" }).CountAsync()).Should().Be(0, path);
        }
        await browser.Page.GotoAsync("/persetujuan");
        await Assertions.Expect(browser.Page.GetByTestId("inbox-withdrawal")).ToHaveCountAsync(1);
        await Assertions.Expect(browser.Page.GetByTestId("inbox-loan")).ToHaveCountAsync(1);
        await browser.Screenshot("persetujuan-pengawas");

        // Pages that write are closed to the pengawas, whatever the URL.
        await browser.Page.GotoAsync($"/kasir/setoran/{_member}");
        (await browser.Heading()).Should().Be("Anda tidak berhak membuka halaman ini");
        await browser.Page.GotoAsync($"/pinjaman/{_loanId}/setujui");
        (await browser.Heading()).Should().Be("Anda tidak berhak membuka halaman ini");
    }

    [Fact]
    public async Task a_member_sees_only_their_own_page_and_a_shop_manager_lands_on_sales()
    {
        var username = $"agus.{_kop.Slug}";
        await _kop.Post(_kop.Pengurus, "users", new { username, password = ConsoleKoperasi.Password, roles = new[] { "anggota" }, memberId = _member });
        var other = await _kop.ActiveMember("Tetangga Agus");

        await using var member = await ConsoleBrowser.Open();
        await member.SignIn(username);
        member.Page.Url.Should().EndWith("/saya", "a member lands on their own pages (docs/adr/0021)");
        await Assertions.Expect(member.Page.GetByTestId("balance-sukarela")).ToHaveTextAsync("Rp 250.000");
        (await member.Page.Locator("nav").InnerTextAsync()).Should().Contain("Riwayat").And.NotContain("Anggota\n").And.NotContain("Kasir");
        var response = await member.Page.GotoAsync($"/anggota/{other}");
        response!.Status.Should().Be(404, "a member never sees another member");
        (await member.Heading()).Should().Be("Halaman tidak ditemukan");

        await using var toko = await ConsoleBrowser.Open();
        await toko.SignIn(_kop.Toko);
        toko.Page.Url.Should().EndWith("/toko");
        (await toko.Page.Locator("nav").InnerTextAsync()).Should().Contain("Penjualan toko").And.Contain("Toko").And.NotContain("Anggota");
    }

    [Fact]
    public async Task a_double_click_or_a_resubmit_records_once()
    {
        await using var browser = await ConsoleBrowser.Open();
        var page = browser.Page;
        await browser.SignIn(_kop.Kasir);
        await page.GotoAsync($"/kasir/setoran/{_member}?jenis=sukarela");
        await browser.Fill("Jumlah", "10.000");
        await browser.Press("Lanjutkan");
        // The check page's form, posted twice with the same idempotency key (a double click with the
        // script's guard bypassed, or a re-submit), records one deposit and shows one receipt.
        var form = page.Locator("form[method=post]").Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Simpan dan cetak kwitansi" }) });
        var fields = await form.EvaluateAsync<Dictionary<string, string>>("f => Object.fromEntries(new FormData(f))");
        var url = page.Url;
        var first = await page.APIRequest.PostAsync(url, new() { Form = FormOf(page, fields), MaxRedirects = 0 });
        var second = await page.APIRequest.PostAsync(url, new() { Form = FormOf(page, fields), MaxRedirects = 0 });
        first.Headers["location"].Should().Be(second.Headers["location"]);
        Regex.IsMatch(first.Headers["location"], "/kwitansi/\\d+").Should().BeTrue();
        var statement = await _kop.Get(_kop.Pengawas, $"members/{_member}/statement");
        statement["lines"]!.AsArray().Count(l => l!["amount"]!.GetValue<decimal>() == 10_000m).Should().Be(1);
    }

    private static IFormData FormOf(IPage page, Dictionary<string, string> fields)
    {
        var form = page.APIRequest.CreateFormData();
        foreach (var (k, v) in fields) form.Set(k, v);
        return form;
    }
}
