using System.Net;
using System.Net.Http.Json;
using Ekopz.Tests.Browser.Support;

namespace Ekopz.Tests.Browser.Journeys;

/// <summary>
/// Maker-checker at the counter: the kasir asks for a sukarela withdrawal, cannot approve it, a
/// pengurus approves it in the inbox, the kasir pays the cash out on a receipt, and the member's
/// statement shows the deposit and the withdrawal.
/// </summary>
public sealed class when_a_withdrawal_needs_a_second_person : IAsyncLifetime
{
    private ConsoleKoperasi _kop = default!;
    private Guid _member;

    public async Task InitializeAsync()
    {
        _kop = await ConsoleKoperasi.Create("Koperasi Karyawan Sentosa");
        _member = await _kop.ActiveMember("Siti Aminah");
        await _kop.Post(_kop.Kasir, $"members/{_member}/savings/sukarela/deposits", new { amount = 500_000m });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task the_kasir_asks_a_pengurus_approves_and_the_kasir_pays()
    {
        await using var kasir = await ConsoleBrowser.Open();
        await kasir.SignIn(_kop.Kasir);
        await kasir.Fill("Cari anggota", "Siti");
        await kasir.Page.Keyboard.PressAsync("Enter");
        await kasir.Page.GetByTestId("counter-member").GetByRole(AriaRole.Link, new() { Name = "Tarik sukarela" }).ClickAsync();
        await kasir.Fill("Jumlah", "200.000");
        await kasir.Press("Lanjutkan");
        await Assertions.Expect(kasir.Page.GetByTestId("check-answers")).ToContainTextAsync("Dua ratus ribu rupiah");
        await kasir.Press("Ajukan penarikan");
        await Assertions.Expect(kasir.Page.GetByTestId("withdrawal-requested")).ToBeVisibleAsync();

        // The kasir has no approvals page, and the API refuses a forged approval from them.
        (await kasir.Page.Locator("nav").InnerTextAsync()).Should().NotContain("Persetujuan");
        await kasir.Page.GotoAsync("/persetujuan");
        (await kasir.Heading()).Should().Be("Anda tidak berhak membuka halaman ini");
        var pending = await _kop.Get(_kop.Pengurus, "withdrawals?status=requested");
        var withdrawalId = pending.AsArray().Single()!["withdrawalId"]!.GetValue<string>();
        var forged = await (await _kop.Api(_kop.Kasir)).PostAsJsonAsync(_kop.Url($"withdrawals/{withdrawalId}/approve"), new { });
        forged.StatusCode.Should().Be(HttpStatusCode.Forbidden);

        await using var pengurus = await ConsoleBrowser.Open();
        await pengurus.SignIn(_kop.Pengurus);
        (await pengurus.Heading()).Should().Be("Beranda");
        await Assertions.Expect(pengurus.Page.GetByTestId("pending-total")).ToContainTextAsync("1 permintaan menunggu persetujuan");
        await pengurus.Screenshot("beranda");
        await pengurus.Follow("Persetujuan");
        var card = pengurus.Page.GetByTestId("inbox-withdrawal");
        await Assertions.Expect(card).ToContainTextAsync("Siti Aminah");
        await Assertions.Expect(card).ToContainTextAsync(_kop.Kasir);
        await pengurus.Screenshot("persetujuan");
        await card.GetByRole(AriaRole.Button, new() { Name = "Setujui" }).ClickAsync();
        await Assertions.Expect(pengurus.Page.GetByTestId("decided")).ToContainTextAsync("Disetujui");
        await Assertions.Expect(pengurus.Page.GetByTestId("inbox-withdrawal")).ToHaveCountAsync(0);

        await kasir.Page.GotoAsync("/kasir");
        await kasir.Page.GetByRole(AriaRole.Link, new() { Name = "Bayar penarikan" }).ClickAsync();
        await kasir.Page.GetByTestId("approved-withdrawals").GetByRole(AriaRole.Link).First.ClickAsync();
        await kasir.Press("Bayarkan dan cetak kwitansi");
        await Assertions.Expect(kasir.Page.GetByTestId("receipt")).ToContainTextAsync("Dibayarkan kepada");
        await Assertions.Expect(kasir.Page.GetByTestId("receipt-words")).ToHaveTextAsync("Dua ratus ribu rupiah");
        await kasir.Screenshot("kwitansi-penarikan");

        await kasir.Page.GotoAsync($"/anggota/{_member}");
        var lines = kasir.Page.GetByTestId("statement-line");
        await Assertions.Expect(lines.Filter(new() { HasText = "Setoran simpanan sukarela" })).ToHaveCountAsync(1);
        await Assertions.Expect(lines.Filter(new() { HasText = "Penarikan simpanan sukarela" })).ToContainTextAsync("−Rp 200.000");
        await Assertions.Expect(kasir.Page.GetByTestId("balance-sukarela")).ToHaveTextAsync("Rp 300.000");
        (await _kop.Get(_kop.Pengawas, $"members/{_member}"))["balances"]!["sukarela"]!.GetValue<decimal>().Should().Be(300_000m);
    }
}
