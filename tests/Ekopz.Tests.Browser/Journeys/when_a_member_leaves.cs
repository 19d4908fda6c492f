using Ekopz.Tests.Browser.Support;

namespace Ekopz.Tests.Browser.Journeys;

/// <summary>
/// A member leaves with a loan still running: the refund net of the loan is shown on a check page
/// before anything is recorded, then recorded; and a running loan is restructured.
/// </summary>
public sealed class when_a_member_leaves : IAsyncLifetime
{
    private ConsoleKoperasi _kop = default!;
    private Guid _leaving;
    private string _loan = "";
    private Guid _staying;
    private string _otherLoan = "";

    public async Task InitializeAsync()
    {
        _kop = await ConsoleKoperasi.Create("Koperasi Pamit");
        var grant = await _kop.Post(_kop.Pengurus, "ledger/adjustments", new
        {
            description = "Hibah",
            lines = new object[] { new { accountCode = "1-1010", debit = 100_000_000m, credit = 0m }, new { accountCode = "3-1300", debit = 0m, credit = 100_000_000m } },
        });
        await _kop.Post(_kop.Pengurus2, $"ledger/adjustments/{grant["adjustmentId"]!.GetValue<string>()}/approve", new { });
        async Task<(Guid, string)> Borrower(string name, decimal principal)
        {
            var id = await _kop.ActiveMember(name);
            await _kop.Post(_kop.Kasir, $"members/{id}/savings/wajib/deposits", new { amount = 50_000m });
            await _kop.Post(_kop.Kasir, $"members/{id}/savings/sukarela/deposits", new { amount = 1_000_000m });
            var loan = (await _kop.Post(_kop.Pengurus, $"members/{id}/loans", new { principal, periods = 10, annualRate = 12m, method = "flat" }))["loanId"]!.GetValue<string>();
            await _kop.Post(_kop.Pengurus2, $"loans/{loan}/approve", new { });
            await _kop.Post(_kop.Kasir, $"loans/{loan}/disburse", new { });
            return (id, loan);
        }
        (_leaving, _loan) = await Borrower("Hasan Pamit", 300_000m);
        (_staying, _otherLoan) = await Borrower("Rina Tetap", 2_000_000m);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task the_refund_net_of_the_loan_is_shown_before_it_is_recorded()
    {
        await using var browser = await ConsoleBrowser.Open();
        var page = browser.Page;
        await browser.SignIn(_kop.Pengurus);
        await page.GotoAsync($"/anggota/{_leaving}");
        await browser.Follow("Keluar / meninggal");
        await browser.Fill("Alasan", "Pindah kota");
        await browser.Press("Hitung pengembalian");
        var refund = page.GetByTestId("refund");
        await Assertions.Expect(refund).ToContainTextAsync("Rp 1.150.000");
        await Assertions.Expect(refund).ToContainTextAsync("Dipotong untuk melunasi pinjaman");
        var net = await page.GetByTestId("refund-net").InnerTextAsync();
        await browser.Screenshot("keluar-periksa");
        // Nothing is recorded by the check page.
        (await _kop.Get(_kop.Pengawas, $"members/{_leaving}"))["status"]!.GetValue<string>().Should().Be("active");

        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await browser.Press("Catat keluar dan bayarkan");
        await Assertions.Expect(page.GetByTestId("exit-done")).ToContainTextAsync("Keanggotaan berakhir");
        (await page.GetByTestId("refund-net").InnerTextAsync()).Should().Be(net, "what is recorded is what the check page showed");
        (await _kop.Get(_kop.Pengawas, $"members/{_leaving}"))["status"]!.GetValue<string>().Should().Be("exited");
        (await _kop.Get(_kop.Pengawas, $"loans/{_loan}"))["status"]!.GetValue<string>().Should().Be("settled_at_exit");
    }

    [Fact]
    public async Task a_running_loan_is_restructured_to_more_periods()
    {
        await using var browser = await ConsoleBrowser.Open();
        var page = browser.Page;
        await browser.SignIn(_kop.Pengurus);
        await page.GotoAsync($"/pinjaman/{_otherLoan}");
        await browser.Follow("Restrukturisasi");
        await browser.Fill("Lama angsuran baru", "20");
        await browser.Fill("Alasan", "Usaha anggota terdampak banjir");
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await browser.Press("Terapkan jadwal baru");
        await Assertions.Expect(page.GetByTestId("loan-done")).ToContainTextAsync("Jadwal baru berlaku");
        await Assertions.Expect(page.GetByTestId("schedule").Locator("tbody tr")).ToHaveCountAsync(20);
        (await _kop.Get(_kop.Pengawas, $"loans/{_otherLoan}"))["scheduleVersions"]!.AsArray().Should().HaveCount(2);
    }
}
