using Ekopz.Tests.Browser.Support;

namespace Ekopz.Tests.Browser.Journeys.Books;

/// <summary>
/// A manual journal (jurnal penyesuaian): an unbalanced one is refused beside its totals and keeps what was
/// typed; a balanced one is proposed by one pengurus, who cannot approve it, and approved by the second,
/// after which it is in the journal.
/// </summary>
public sealed class when_the_pengurus_writes_a_manual_journal : IAsyncLifetime
{
    private ConsoleKoperasi _kop = default!;

    public async Task InitializeAsync()
    {
        _kop = await ConsoleKoperasi.Create("Koperasi Jurnal Umum");
        await _kop.ActiveMember("Sri Rahayu");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task unbalanced_is_refused_and_balanced_is_posted_after_a_second_pengurus_approves()
    {
        await using var browser = await ConsoleBrowser.Open();
        var page = browser.Page;
        var browserErrors = await browser.SignInToBooks(_kop.Pengurus);
        await page.GotoAsync("/laporan/penyesuaian");
        await browser.Follow("Ajukan jurnal penyesuaian");
        (await browser.Heading()).Should().Be("Ajukan jurnal penyesuaian");
        await Assertions.Expect(page.GetByTestId("journal-line")).ToHaveCountAsync(4);

        await browser.Fill("Keterangan", "Listrik kantor November");
        await page.Locator("#baris-0-akun").SelectOptionAsync("5-3200");
        await page.Locator("#baris-0-debit").FillAsync("150.000");
        await page.Locator("#baris-1-akun").SelectOptionAsync("1-1000");
        await page.Locator("#baris-1-kredit").FillAsync("100000");
        // The totals as they are typed (app.js), before anything is sent.
        await Assertions.Expect(page.GetByTestId("journal-status")).ToContainTextAsync("Belum seimbang: selisih Rp 50.000");
        await browser.Press("Lanjutkan");

        await Assertions.Expect(page.GetByTestId("error-summary")).ToContainTextAsync("Jurnal tidak seimbang");
        await Assertions.Expect(page.Locator("#baris-error")).ToContainTextAsync("debit Rp 150.000, kredit Rp 100.000, selisih Rp 50.000");
        (await page.GetByLabel("Keterangan", new() { Exact = true }).InputValueAsync()).Should().Be("Listrik kantor November");
        (await page.Locator("#baris-0-akun").InputValueAsync()).Should().Be("5-3200");
        (await page.Locator("#baris-0-debit").InputValueAsync()).Should().Be("150.000");
        (await page.Locator("#baris-1-akun").InputValueAsync()).Should().Be("1-1000");
        (await page.Locator("#baris-1-kredit").InputValueAsync()).Should().Be("100000");
        await browser.Screenshot("laporan-penyesuaian-galat");

        await page.Locator("#baris-1-kredit").FillAsync("150000");
        await page.Locator("#baris-1-memo").FillAsync("Dibayar tunai di loket PLN");
        await Assertions.Expect(page.GetByTestId("journal-status")).ToContainTextAsync("Seimbang.");
        await browser.Press("Lanjutkan");
        (await browser.Heading()).Should().Be("Periksa sebelum disimpan");
        await Assertions.Expect(page.GetByTestId("check-lines")).ToContainTextAsync("Beban listrik dan air");
        await Assertions.Expect(page.GetByTestId("check-lines").Locator("tfoot")).ToContainTextAsync("Rp 150.000");
        await browser.Screenshot("laporan-penyesuaian-periksa");
        await browser.Press("Ajukan jurnal");

        await Assertions.Expect(page.GetByTestId("proposed")).ToContainTextAsync("Jurnal penyesuaian diajukan");
        // Whoever proposed it cannot approve it: no button, a note instead.
        (await page.GetByRole(AriaRole.Button, new() { Name = "Setujui" }).CountAsync()).Should().Be(0);
        await Assertions.Expect(page.GetByTestId("own-adjustment")).ToBeVisibleAsync();
        await browser.Screenshot("laporan-penyesuaian-diajukan");
        await page.GotoAsync("/laporan/penyesuaian");
        await Assertions.Expect(page.GetByTestId("waiting")).ToContainTextAsync("Menunggu pengurus lain");
        // Nothing is in the books yet.
        await page.GotoAsync("/laporan/jurnal");
        await Assertions.Expect(page.GetByTestId("journal-entry").Filter(new() { HasText = "Listrik kantor November" })).ToHaveCountAsync(0);

        await using var second = await ConsoleBrowser.Open();
        var secondErrors = await second.SignInToBooks(_kop.Pengurus2);
        await second.Page.GotoAsync("/laporan/penyesuaian");
        await second.Screenshot("laporan-penyesuaian");
        await second.Page.Locator("tr", new() { HasText = "Listrik kantor November" })
            .GetByRole(AriaRole.Link, new() { Name = "Periksa dan putuskan" }).ClickAsync();
        await Assertions.Expect(second.Page.GetByTestId("requested-by")).ToContainTextAsync(_kop.Pengurus);
        await second.Screenshot("laporan-penyesuaian-putuskan");
        await second.Press("Setujui");
        await Assertions.Expect(second.Page.GetByTestId("decided")).ToContainTextAsync("Jurnal penyesuaian disetujui");
        await second.Page.GetByTestId("adjustment-entry").ClickAsync();
        (await second.Heading()).Should().Be("Entri jurnal");
        await Assertions.Expect(second.Page.GetByTestId("entry-description")).ToHaveTextAsync("Jurnal umum: Listrik kantor November");

        await page.GotoAsync("/laporan/jurnal");
        var posted = page.GetByTestId("journal-entry").Filter(new() { HasText = "Listrik kantor November" });
        await Assertions.Expect(posted).ToHaveCountAsync(1);
        await Assertions.Expect(posted).ToContainTextAsync("Dibayar tunai di loket PLN");
        await Assertions.Expect(posted).ToContainTextAsync(_kop.Pengurus2);
        (await browser.SeriousAccessibilityProblems()).Should().BeEmpty();

        browser.ConsoleErrors.Skip(browserErrors).Should().BeEmpty();
        second.ConsoleErrors.Skip(secondErrors).Should().BeEmpty();
    }

    [Fact]
    public async Task a_rejected_journal_needs_a_reason_and_never_reaches_the_books()
    {
        var today = await _kop.Today();
        var id = await _kop.Adjust(today, "Salah catat", approve: false, ("5-3100", 10_000m, 0m), ("1-1000", 0m, 10_000m));
        await using var browser = await ConsoleBrowser.Open();
        var page = browser.Page;
        var browserErrors = await browser.SignInToBooks(_kop.Pengurus2);
        await page.GotoAsync($"/laporan/penyesuaian/{id}");
        await browser.Press("Tolak");
        await Assertions.Expect(page.Locator("#alasan-error")).ToContainTextAsync("Tulis alasan menolak");
        await browser.Fill("Alasan menolak", "Akun bebannya salah");
        await browser.Press("Tolak");
        await Assertions.Expect(page.GetByTestId("decided")).ToContainTextAsync("Jurnal penyesuaian ditolak");
        await Assertions.Expect(page.GetByTestId("adjustment")).ToContainTextAsync("Akun bebannya salah");
        (await _kop.Get(_kop.Pengawas, $"ledger/adjustments/{id}"))["status"]!.GetValue<string>().Should().Be("rejected");
        browser.ConsoleErrors.Skip(browserErrors).Should().BeEmpty();
    }

    [Fact]
    public async Task an_entry_is_corrected_by_a_journal_that_names_it()
    {
        var entry = (await _kop.Get(_kop.Pengawas, "ledger/journal"))["entries"]![0]!;
        var entryId = entry["entryId"]!.GetValue<string>();
        await using var browser = await ConsoleBrowser.Open();
        var page = browser.Page;
        var browserErrors = await browser.SignInToBooks(_kop.Pengurus);
        await page.GotoAsync($"/laporan/entri/{entryId}");
        await browser.Follow("Koreksi entri ini");
        (await browser.Heading()).Should().Be("Ajukan jurnal penyesuaian");
        // The entry's lines the other way round, naming the entry it corrects, ready to be edited.
        (await page.GetByLabel("Mengoreksi entri (tidak wajib)", new() { Exact = true }).InputValueAsync()).Should().Be(entryId);
        (await page.GetByLabel("Keterangan", new() { Exact = true }).InputValueAsync()).Should().StartWith("Koreksi: ");
        (await page.Locator("#baris-0-akun").InputValueAsync()).Should().Be(entry["lines"]![0]!["accountCode"]!.GetValue<string>());
        (await page.Locator("#baris-0-kredit").InputValueAsync()).Should().Be("100000");
        (await page.Locator("#baris-1-debit").InputValueAsync()).Should().Be("100000");
        await Assertions.Expect(page.GetByTestId("journal-status")).ToContainTextAsync("Seimbang.");
        await browser.Press("Lanjutkan");
        await browser.Press("Ajukan jurnal");
        await Assertions.Expect(page.GetByTestId("proposed")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("adjustment")).ToContainTextAsync("Mengoreksi");
        browser.ConsoleErrors.Skip(browserErrors).Should().BeEmpty();
    }
}
