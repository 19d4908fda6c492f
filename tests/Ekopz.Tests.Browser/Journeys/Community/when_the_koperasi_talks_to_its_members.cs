using System.Text.RegularExpressions;
using Ekopz.Tests.Browser.Support;

namespace Ekopz.Tests.Browser.Journeys.Community;

/// <summary>
/// Kopnews, published reports and online applications in the browser (docs/adr/0022): a pengurus publishes a closed
/// month and a member on a phone sees it Terverifikasi; a post with a script tag renders as text; a person applies on
/// a phone and a kasir verifies the application and takes pokok.
/// </summary>
public sealed class when_the_koperasi_talks_to_its_members : IAsyncLifetime
{
    private ConsoleKoperasi _kop = default!;

    public async Task InitializeAsync() => _kop = await ConsoleKoperasi.Create("Koperasi Warga Terbuka");
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task a_pengurus_publishes_a_closed_month_and_a_member_on_a_phone_sees_it_verified()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        var lastMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var period = lastMonth.ToString("yyyy-MM");
        var member = await _kop.Post(_kop.Kasir, "members", new { name = "Siti Terbuka", nik = ConsoleKoperasi.NewNik(), businessDate = lastMonth.AddDays(2).ToString("yyyy-MM-dd") });
        var memberId = member["memberId"]!.GetValue<string>();
        await _kop.Post(_kop.Kasir, $"members/{memberId}/savings/pokok/deposits", new { amount = 100_000m, businessDate = lastMonth.AddDays(2).ToString("yyyy-MM-dd") });
        await _kop.Post(_kop.Pengurus, $"periods/{period}/close", new { });
        await _kop.Post(_kop.Pengurus, "users", new { username = $"siti.{_kop.Slug}", password = ConsoleKoperasi.Password, roles = new[] { "anggota" }, memberId });

        await using (var board = await ConsoleBrowser.Open())
        {
            await board.SignIn(_kop.Pengurus);
            await board.Page.GotoAsync($"/laporan/periode/{period}");
            await board.Follow("Terbitkan untuk anggota");
            await Assertions.Expect(board.Page.GetByTestId("check-answers")).ToBeVisibleAsync();
            await board.Screenshot("terbitkan-periksa");
            await board.Press("Ya, terbitkan");
            await Assertions.Expect(board.Page.GetByTestId("published")).ToBeVisibleAsync();
        }

        await using var phone = await ConsoleBrowser.Phone();
        await phone.SignIn($"siti.{_kop.Slug}");
        await phone.Page.GotoAsync("/saya/laporan");
        await Assertions.Expect(phone.Page.GetByTestId("published-reports")).ToHaveCountAsync(1);
        await phone.Screenshot("saya-laporan");
        await phone.Page.GetByTestId("published-reports").GetByRole(AriaRole.Link).First.ClickAsync();
        await Assertions.Expect(phone.Page.GetByTestId("verified")).ToContainTextAsync("Terverifikasi");
        await Assertions.Expect(phone.Page.GetByTestId("total-assets")).ToHaveTextAsync("Rp 100.000");
        (await phone.Page.GetByTestId("digest").InnerTextAsync()).Should().MatchRegex("^[0-9a-f]{64}$");
        (await phone.Page.EvaluateAsync<int>("document.documentElement.scrollWidth")).Should().BeLessThanOrEqualTo(360, "usable at 360 px");
        await phone.Screenshot("saya-laporan-periode");
        (await phone.SeriousAccessibilityProblems()).Should().BeEmpty();
    }

    [Fact]
    public async Task a_post_with_a_script_renders_as_text_on_the_public_page_and_in_the_highlights()
    {
        await using var board = await ConsoleBrowser.Open();
        var dialogs = 0;
        board.Page.Dialog += (_, d) => { dialogs++; _ = d.DismissAsync(); };
        await board.SignIn(_kop.Pengurus);
        await board.Follow("Berita");
        await board.Follow("Tulis berita");
        await board.Fill("Judul", "Rapat <script>alert('judul')</script>");
        await board.Fill("Isi berita", "Hadir **semua** ya.\n\n<script>alert('isi')</script>");
        await board.Choose("Tampilkan juga di halaman publik (tanpa masuk)");
        await board.Press("Pratinjau");
        await Assertions.Expect(board.Page.GetByTestId("preview").Locator("strong")).ToHaveTextAsync("semua");
        await board.Screenshot("berita-pratinjau");
        await board.Press("Terbitkan berita");
        await Assertions.Expect(board.Page.GetByTestId("saved")).ToBeVisibleAsync();

        await using var visitor = await ConsoleBrowser.Phone();
        visitor.Page.Dialog += (_, d) => { dialogs++; _ = d.DismissAsync(); };
        await visitor.Page.GotoAsync($"/k/{_kop.Slug}/berita");
        await Assertions.Expect(visitor.Page.GetByTestId("news-list")).ToContainTextAsync("<script>alert('isi')</script>");
        await Assertions.Expect(visitor.Page.GetByTestId("news-list")).ToContainTextAsync("Rapat <script>alert('judul')</script>");
        (await visitor.Page.Locator("main script").CountAsync()).Should().Be(0);
        (await visitor.SeriousAccessibilityProblems()).Should().BeEmpty();
        await visitor.Screenshot("berita-publik");
        await visitor.Page.GetByTestId("news-list").GetByRole(AriaRole.Link).First.ClickAsync();
        await Assertions.Expect(visitor.Page.GetByTestId("news-post")).ToContainTextAsync("<script>alert('isi')</script>");
        (await visitor.Page.Locator("main script").CountAsync()).Should().Be(0);

        // The member's highlights show it the same way.
        var memberId = await _kop.ActiveMember("Budi Sorot");
        await _kop.Post(_kop.Pengurus, "users", new { username = $"budi.{_kop.Slug}", password = ConsoleKoperasi.Password, roles = new[] { "anggota" }, memberId });
        await using var member = await ConsoleBrowser.Phone();
        member.Page.Dialog += (_, d) => { dialogs++; _ = d.DismissAsync(); };
        await member.SignIn($"budi.{_kop.Slug}");
        await member.Page.GotoAsync("/saya");
        await Assertions.Expect(member.Page.GetByTestId("news-highlights")).ToContainTextAsync("<script>alert('isi')</script>");
        (await member.Page.Locator("main script").CountAsync()).Should().Be(0);
        await member.Screenshot("berita-sorotan");
        dialogs.Should().Be(0, "no script ran");
    }

    [Fact]
    public async Task a_person_applies_on_a_phone_and_a_kasir_verifies_and_takes_pokok()
    {
        var nik = ConsoleKoperasi.NewNik();
        await using var phone = await ConsoleBrowser.Phone();
        await phone.Page.GotoAsync($"/k/{_kop.Slug}/daftar");
        (await phone.Heading()).Should().Contain("Koperasi Warga Terbuka");
        (await phone.SeriousAccessibilityProblems()).Should().BeEmpty();
        await phone.Press("Lanjutkan");
        await Assertions.Expect(phone.Page.Locator(".error-summary, [role=alert]").First).ToBeVisibleAsync();
        await phone.Screenshot("daftar-online-galat");
        await phone.Fill("Nama lengkap", "Ayu Lestari");
        await phone.Fill("NIK", nik);
        await phone.Fill("Nomor HP (tidak wajib)", "081277778888");
        await phone.Press("Lanjutkan");
        await Assertions.Expect(phone.Page.GetByTestId("check-answers")).ToContainTextAsync("Ayu Lestari");
        await phone.Press("Kirim permohonan");
        await Assertions.Expect(phone.Page.GetByTestId("application-number")).ToHaveTextAsync("D-000001");
        await phone.Screenshot("daftar-online-terkirim");
        await phone.Follow("Lihat status permohonan");
        await Assertions.Expect(phone.Page.GetByTestId("application-status")).ToContainTextAsync("Ayu Lestari");
        (await phone.Page.ContentAsync()).Should().NotContain(nik);
        var statusUrl = phone.Page.Url;

        await using var counter = await ConsoleBrowser.Open();
        await counter.SignIn(_kop.Kasir);
        await counter.Page.GotoAsync("/anggota");
        await counter.Page.GetByTestId("applications-link").ClickAsync();
        await Assertions.Expect(counter.Page.GetByTestId("applications")).ToContainTextAsync("Ayu Lestari");
        await counter.Screenshot("pendaftaran-daftar");
        await counter.Follow("D-000001");
        await counter.Press("Verifikasi dan daftarkan");
        await counter.Screenshot("pendaftaran-periksa");
        await counter.Press("Ya, KTP cocok: daftarkan");
        (await counter.Heading()).Should().Be("Setor simpanan");
        await Assertions.Expect(counter.Page.GetByLabel("Simpanan pokok", new() { Exact = true })).ToBeCheckedAsync();
        await counter.Press("Lanjutkan");
        await counter.Press("Simpan dan cetak kwitansi");
        await Assertions.Expect(counter.Page.GetByTestId("receipt")).ToContainTextAsync("Ayu Lestari");
        await counter.Screenshot("pendaftaran-kwitansi");

        await phone.Page.GotoAsync(statusUrl);
        await Assertions.Expect(phone.Page.GetByTestId("status-text")).ToContainTextAsync(new Regex("terdaftar dengan nomor anggota [0-9]{6}"));
        await phone.Screenshot("daftar-online-status");
    }
}
