using Ekopz.Tests.Browser.Support;

namespace Ekopz.Tests.Browser.Journeys.Books;

/// <summary>
/// The pengurus closes a month that has ended: a check page says what closing means, the confirmation
/// shows the seal (SHA-256 digest of the month's trial balance), and the periods list and the API show
/// the same digest.
/// </summary>
public sealed class when_a_month_is_closed : IAsyncLifetime
{
    private ConsoleKoperasi _kop = default!;
    private DateOnly _month;

    public async Task InitializeAsync()
    {
        _kop = await ConsoleKoperasi.Create("Koperasi Tutup Buku");
        var today = await _kop.Today();
        // Members who joined two months ago, and a deposit the month after.
        _month = new DateOnly(today.Year, today.Month, 1).AddMonths(-2);
        var sri = await _kop.MemberSince("Sri Rahayu", _month.AddDays(4));
        await _kop.MemberSince("Budi Santoso", _month.AddDays(9));
        await _kop.Deposit(sri, "wajib", 25_000m, _month.AddDays(9));
        await _kop.Deposit(sri, "wajib", 25_000m, _month.AddMonths(1).AddDays(2));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task the_confirmation_and_the_periods_list_show_the_seal()
    {
        var key = _month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var monthName = new[] { "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember" }[_month.Month - 1]
                        + " " + _month.Year;
        await using var browser = await ConsoleBrowser.Open();
        var page = browser.Page;
        var browserErrors = await browser.SignInToBooks(_kop.Pengurus);
        await page.GotoAsync("/laporan");
        await Assertions.Expect(page.GetByTestId("no-periods")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Tutup buku", Exact = true }).First.ClickAsync();
        (await browser.Heading()).Should().Be("Tutup buku");
        // The oldest month with postings is the one to close first, and it is offered first.
        await Assertions.Expect(page.GetByLabel(monthName, new() { Exact = true })).ToBeCheckedAsync();
        await browser.Screenshot("laporan-tutup-buku");
        await browser.Press("Lanjutkan");

        (await browser.Heading()).Should().Be($"Tutup buku {monthName}?");
        await Assertions.Expect(page.GetByTestId("check-answers")).ToContainTextAsync("Neraca saldo");
        await Assertions.Expect(page.Locator(".notice.warning")).ToContainTextAsync("tidak ada transaksi yang boleh bertanggal");
        await browser.Screenshot("laporan-tutup-buku-periksa");
        await browser.Press($"Tutup buku {monthName}");

        await Assertions.Expect(page.GetByTestId("closed")).ToContainTextAsync($"Buku {monthName} sudah ditutup");
        var digest = (await page.GetByTestId("digest").InnerTextAsync()).Trim();
        digest.Should().MatchRegex("^[0-9a-f]{64}$");
        await Assertions.Expect(page.GetByTestId("period-status")).ToHaveTextAsync("Ditutup");
        await Assertions.Expect(page.GetByTestId("sealed-trial-balance")).ToContainTextAsync("3-1000");
        await browser.Screenshot("laporan-tutup-buku-selesai");

        var api = await _kop.Get(_kop.Pengawas, $"periods/{key}");
        api["status"]!.GetValue<string>().Should().Be("closed");
        api["digest"]!.GetValue<string>().Should().Be(digest);

        await page.GotoAsync("/laporan");
        await Assertions.Expect(page.Locator($"tr[data-period='{key}'] [data-testid=period-digest]")).ToHaveTextAsync(digest);
        await Assertions.Expect(page.GetByTestId("verification")).ToHaveAttributeAsync("data-ok", "true");
        await browser.Screenshot("laporan-periode");

        // The next month is now the one offered; closing the same month twice is not possible.
        await page.GotoAsync("/laporan/tutup-buku");
        await Assertions.Expect(page.Locator("input[name='f.Period']:checked")).ToHaveValueAsync(_month.AddMonths(1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture));
        browser.ConsoleErrors.Skip(browserErrors).Should().BeEmpty();
    }
}
