using Ekopz.Tests.Browser.Support;

namespace Ekopz.Tests.Browser.Journeys;

/// <summary>The counter deposit on a 360x740 phone, as a kasir at a market koperasi might do it.</summary>
public sealed class when_the_counter_is_used_on_a_phone : IAsyncLifetime
{
    private ConsoleKoperasi _kop = default!;
    private Guid _member;

    public async Task InitializeAsync()
    {
        _kop = await ConsoleKoperasi.Create("Koperasi Pasar Sejahtera");
        _member = await _kop.ActiveMember("Wati Lestari");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task a_wajib_deposit_fits_the_screen_and_ends_on_the_receipt()
    {
        await using var phone = await ConsoleBrowser.Phone();
        var page = phone.Page;
        await phone.SignIn(_kop.Kasir);
        await phone.Fill("Cari anggota", "Wati");
        await page.Keyboard.PressAsync("Enter");
        await page.GetByTestId("counter-member").GetByRole(AriaRole.Link, new() { Name = "Setor simpanan" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Simpanan wajib", new() { Exact = true })).ToBeCheckedAsync();
        (await page.GetByLabel("Jumlah", new() { Exact = true }).InputValueAsync()).Should().Be("25000");
        await NoSidewaysScroll(page);
        await phone.Screenshot("hp-setoran");
        await phone.Press("Lanjutkan");
        await Assertions.Expect(page.GetByTestId("check-answers")).ToContainTextAsync("Dua puluh lima ribu rupiah");
        await NoSidewaysScroll(page);
        await phone.Press("Simpan dan cetak kwitansi");
        await Assertions.Expect(page.GetByTestId("receipt-total")).ToHaveTextAsync("Rp 25.000");
        await NoSidewaysScroll(page);
        await phone.Screenshot("hp-kwitansi");
        (await _kop.Get(_kop.Kasir, $"members/{_member}"))["balances"]!["wajib"]!.GetValue<decimal>().Should().Be(25_000m);
        phone.ConsoleErrors.Should().BeEmpty();
    }

    /// <summary>Nothing on the page is wider than the phone (tables scroll inside their own box).</summary>
    private static async Task NoSidewaysScroll(IPage page)
    {
        var (scroll, client) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"),
            await page.EvaluateAsync<int>("document.documentElement.clientWidth"));
        scroll.Should().BeLessThanOrEqualTo(client, "a page at 360 px must not scroll sideways");
    }
}
