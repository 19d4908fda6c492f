using System.Text.RegularExpressions;
using Ekopz.Tests.Browser.Support;

namespace Ekopz.Tests.Browser.Journeys;

/// <summary>
/// SHU in the console: a closed year with loan interest from members, the buckets edited until they
/// total 100%, simulated, recorded as the RAT decision, distributed to sukarela, and one member's
/// explanation. Settings and users are changed on the way.
/// </summary>
public sealed class when_the_rat_shares_the_surplus : IAsyncLifetime
{
    private ConsoleKoperasi _kop = default!;
    private Guid _budi;
    private int _year;

    public async Task InitializeAsync()
    {
        _kop = await ConsoleKoperasi.Create("Koperasi Tahun Buku");
        _year = DateTime.UtcNow.Year - 1;
        string D(int m, int d) => $"{_year}-{m:D2}-{d:D2}";
        async Task<Guid> MemberSince(string name, string date)
        {
            var id = Guid.Parse((await _kop.Post(_kop.Kasir, "members", new { name, nik = ConsoleKoperasi.NewNik(), businessDate = date }))["memberId"]!.GetValue<string>());
            await _kop.Post(_kop.Kasir, $"members/{id}/savings/pokok/deposits", new { amount = 100_000m, businessDate = date });
            return id;
        }
        _budi = await MemberSince("Budi Santoso", D(1, 3));
        var ani = await MemberSince("Ani Wijaya", D(1, 4));
        await _kop.Post(_kop.Kasir, $"members/{ani}/savings/wajib/deposits", new { amount = 300_000m, businessDate = D(2, 1) });
        var grant = await _kop.Post(_kop.Pengurus, "ledger/adjustments", new
        {
            businessDate = D(1, 2), description = "Hibah",
            lines = new object[] { new { accountCode = "1-1010", debit = 50_000_000m, credit = 0m }, new { accountCode = "3-1300", debit = 0m, credit = 50_000_000m } },
        });
        await _kop.Post(_kop.Pengurus2, $"ledger/adjustments/{grant["adjustmentId"]!.GetValue<string>()}/approve", new { });
        // Budi borrows and pays interest: member business for jasa usaha.
        var loan = (await _kop.Post(_kop.Pengurus, $"members/{_budi}/loans", new { principal = 1_200_000m, periods = 12, annualRate = 12m, method = "flat", businessDate = D(2, 1) }))["loanId"]!.GetValue<string>();
        await _kop.Post(_kop.Pengurus2, $"loans/{loan}/approve", new { businessDate = D(2, 1) });
        await _kop.Post(_kop.Kasir, $"loans/{loan}/disburse", new { businessDate = D(2, 1) });
        await _kop.Post(_kop.Kasir, $"loans/{loan}/payments", new { amount = 112_000m, businessDate = D(3, 1) });
        for (var m = 1; m <= 12; m++) await _kop.Post(_kop.Pengurus, $"periods/{_year}-{m:D2}/close", new { });
        await _kop.Post(_kop.Pengurus, $"years/{_year}/close", new { });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task the_buckets_total_100_the_rat_decides_and_members_are_paid()
    {
        await using var browser = await ConsoleBrowser.Open();
        var page = browser.Page;
        await browser.SignIn(_kop.Pengurus);
        await page.GotoAsync("/shu");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex($"SHU tahun buku {_year}") }).ClickAsync();

        // Buckets that do not total 100% are refused beside them, nothing is computed.
        await page.Locator("#b0p").FillAsync("45");
        await browser.Press("Simulasikan");
        await Assertions.Expect(page.GetByTestId("error-summary")).ToContainTextAsync("harus 100%");
        // The shop bucket has no purchases this year: give its share to the loans' jasa usaha.
        await page.Locator("#b0p").FillAsync("40");
        await page.Locator("#b1p").FillAsync("30");
        await page.Locator("#b2p").FillAsync("0");
        await page.Locator("#b2n").FillAsync("");
        await browser.Press("Simulasikan");
        await Assertions.Expect(page.GetByTestId("shu-members")).ToContainTextAsync("Budi Santoso");
        await browser.Screenshot("shu-simulasi");
        await browser.Press("Catat sebagai keputusan RAT");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Keputusan RAT tercatat");
        await Assertions.Expect(page.GetByTestId("shu-recompute")).ToContainTextAsync("sama dengan keputusan RAT");

        var decided = await _kop.Get(_kop.Pengawas, $"shu/{_year}");
        var total = decided["decision"]!["shuTotal"]!.GetValue<decimal>();
        total.Should().BeGreaterThan(0);
        var budi = decided["decision"]!["members"]!.AsArray().Single(m => m!["memberId"]!.GetValue<string>() == _budi.ToString())!["total"]!.GetValue<decimal>();

        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await browser.Choose("Dimasukkan ke simpanan sukarela");
        await browser.Press("Bagikan");
        await Assertions.Expect(page.GetByTestId("distributed")).ToBeVisibleAsync();
        await browser.Screenshot("shu-keputusan");
        (await _kop.Get(_kop.Pengawas, $"members/{_budi}"))["balances"]!["sukarela"]!.GetValue<decimal>().Should().Be(budi);

        await page.GotoAsync($"/shu/{_year}/anggota/{_budi}");
        await Assertions.Expect(page.GetByTestId("member-shu-total")).ToHaveTextAsync(Ekopz.Web.Formatting.Rupiah.Format(budi));
        await Assertions.Expect(page.GetByTestId("member-shu-shares")).ToContainTextAsync("Bunga pinjaman yang dibayar");
        await browser.Screenshot("shu-anggota");
    }

    [Fact]
    public async Task settings_change_from_a_date_and_a_login_is_created_and_disabled()
    {
        await using var browser = await ConsoleBrowser.Open();
        var page = browser.Page;
        await browser.SignIn(_kop.Pengurus);
        await page.GotoAsync("/pengaturan/koperasi");
        await browser.Fill("Simpanan wajib per bulan", "30.000");
        await browser.Press("Simpan perubahan");
        await Assertions.Expect(page.GetByTestId("settings-saved")).ToBeVisibleAsync();
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7).AddDays(1)).ToString("yyyy-MM-dd");
        (await _kop.Get(_kop.Pengurus, $"settings?asOf={tomorrow}"))["wajibMonthlyAmount"]!.GetValue<decimal>().Should().Be(30_000m);

        await page.GotoAsync("/pengaturan/pengguna");
        var username = $"kasir2.{_kop.Slug}";
        await browser.Fill("Nama pengguna", username);
        await browser.Fill("Kata sandi awal", "rahasia-kasir-2");
        await browser.Press("Buat pengguna");
        await Assertions.Expect(page.GetByTestId("user-saved")).ToContainTextAsync("Pengguna dibuat");
        var row = page.GetByTestId("user-row").Filter(new() { HasText = username });
        await row.GetByRole(AriaRole.Button, new() { Name = "Nonaktifkan" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("user-saved")).ToContainTextAsync("dinonaktifkan");
        await browser.Screenshot("pengaturan-pengguna");

        // The disabled login cannot sign in.
        await using var other = await ConsoleBrowser.Open();
        await other.Page.GotoAsync("/masuk");
        await other.Fill("Nama pengguna", username);
        await other.Fill("Kata sandi", "rahasia-kasir-2");
        await other.Press("Masuk");
        await Assertions.Expect(other.Page.GetByTestId("error-summary")).ToContainTextAsync("Nama pengguna atau kata sandi salah");
    }
}
