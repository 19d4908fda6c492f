using System.Text.Json.Nodes;
using Ekopz.Tests.Browser.Support;

namespace Ekopz.Tests.Browser.Journeys;

/// <summary>
/// The "Unit toko" settings page (/pengaturan/unit-toko): the pengurus makes a pengelola toko login on the users page,
/// opens a unit and assigns the login to it, each with a check step; the login then lands on /toko and runs that unit.
/// Removing the assignment takes the unit away from them. A login that is not a pengelola toko is refused beside the
/// field and nothing changes. The pengawas reads the page without a single button.
/// </summary>
public sealed class when_the_pengurus_assigns_shop_units : IAsyncLifetime
{
    private ConsoleKoperasi _kop = default!;
    private string _sari = "";

    public async Task InitializeAsync()
    {
        _kop = await ConsoleKoperasi.Create("Koperasi Unit Sejahtera");
        _sari = $"sari.{_kop.Slug}";
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<JsonArray> Units() => (await _kop.Get(_kop.Pengawas, "shop/units")).AsArray();

    private async Task<IReadOnlyList<string>> ManagersOf(string unitName) =>
        (await Units()).Single(u => u!["name"]!.GetValue<string>() == unitName)!["managers"]!.AsArray().Select(m => m!.GetValue<string>()).ToList();

    /// <summary>The hidden fields of the check-step form whose button is <paramref name="button"/> (its answers, idempotency key, antiforgery token).</summary>
    private static async Task<(string Url, IFormData Data)> CheckForm(IPage page, string button)
    {
        var form = page.Locator("form").Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }) });
        var data = page.APIRequest.CreateFormData();
        foreach (var input in await form.Locator("input[type=hidden]").AllAsync())
            data.Set((await input.GetAttributeAsync("name"))!, await input.GetAttributeAsync("value") ?? "");
        return (page.Url, data);
    }

    /// <summary>Posts a check-step form again, as a browser re-submitting it would (same cookies), and answers the page it ends on.</summary>
    private static async Task<string> Resubmit(IPage page, (string Url, IFormData Data) form)
    {
        var response = await page.APIRequest.PostAsync(form.Url, new() { Form = form.Data });
        response.Ok.Should().BeTrue();
        return await response.TextAsync();
    }

    [Fact]
    public async Task a_pengelola_toko_made_and_assigned_in_the_console_runs_the_unit_until_removed()
    {
        await using var pengurus = await ConsoleBrowser.Open();
        var page = pengurus.Page;
        await pengurus.SignIn(_kop.Pengurus);

        // A pengelola toko login, made on the existing users page.
        await page.GotoAsync("/pengaturan/pengguna");
        await pengurus.Fill("Nama pengguna", _sari);
        await pengurus.Fill("Kata sandi awal", ConsoleKoperasi.Password);
        await pengurus.Choose("Pengelola toko");
        await pengurus.Press("Buat pengguna");
        await Assertions.Expect(page.GetByTestId("user-saved")).ToContainTextAsync("Pengguna dibuat.");

        // The new page, from the settings tiles.
        await page.GotoAsync("/pengaturan");
        await page.Locator("a.tile[href='/pengaturan/unit-toko']").ClickAsync();
        await page.WaitForURLAsync("**/pengaturan/unit-toko");
        page.Url.Should().EndWith("/pengaturan/unit-toko");
        await Assertions.Expect(page.GetByTestId("unit-row")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("units")).ToContainTextAsync("Toko Koperasi");
        await Assertions.Expect(page.GetByTestId("units")).ToContainTextAsync("Milik koperasi");

        // A unit is opened, with a check step first.
        await pengurus.Fill("Nama unit", "Kios Sayur Segar");
        await pengurus.Press("Periksa unit baru");
        await Assertions.Expect(page.GetByTestId("check-answers")).ToContainTextAsync("Kios Sayur Segar");
        (await Units()).Should().HaveCount(1, "nothing is recorded before the check");
        // The check form sent twice (a double click, a re-submit after a lost answer) opens one unit: one idempotency key.
        var open = await CheckForm(page, "Buka unit");
        (await Resubmit(page, open)).Should().Contain("Kios Sayur Segar sudah dibuka");
        (await Resubmit(page, open)).Should().Contain("Kios Sayur Segar sudah dibuka");
        (await Units()).Should().HaveCount(2, "the repeated form replays the first answer");
        await page.GotoAsync("/pengaturan/unit-toko");
        await Assertions.Expect(page.GetByTestId("unit-row")).ToHaveCountAsync(2);

        // Wrong logins are refused beside the field, in Indonesian, and nothing changes.
        await page.GetByLabel("Unit toko", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Kios Sayur Segar" });
        await pengurus.Fill("Nama pengguna pengelola", _kop.Kasir);
        await pengurus.Press("Periksa penugasan");
        await Assertions.Expect(page.Locator("#username-error")).ToContainTextAsync($"{_kop.Kasir} bukan pengelola toko");
        await Assertions.Expect(page.GetByTestId("error-summary")).ToContainTextAsync("bukan pengelola toko");
        await Assertions.Expect(page.GetByLabel("Nama pengguna pengelola", new() { Exact = true })).ToHaveValueAsync(_kop.Kasir);
        await pengurus.Screenshot("pengaturan-unit-toko-galat");
        await pengurus.Fill("Nama pengguna pengelola", "tidak.ada." + _kop.Slug);
        await pengurus.Press("Periksa penugasan");
        await Assertions.Expect(page.Locator("#username-error")).ToContainTextAsync("Tidak ada pengguna bernama");
        (await ManagersOf("Kios Sayur Segar")).Should().BeEmpty("a refused login changes nothing");
        (await ManagersOf("Toko Koperasi")).Should().BeEmpty();

        // The pengelola toko is assigned, after the check step.
        await page.GetByLabel("Unit toko", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Kios Sayur Segar" });
        await pengurus.Fill("Nama pengguna pengelola", _sari);
        await pengurus.Press("Periksa penugasan");
        await Assertions.Expect(page.GetByTestId("check-answers")).ToContainTextAsync(_sari);
        await Assertions.Expect(page.GetByTestId("check-answers")).ToContainTextAsync("Kios Sayur Segar");
        await pengurus.Screenshot("pengaturan-unit-toko-periksa");
        (await ManagersOf("Kios Sayur Segar")).Should().BeEmpty("nothing is recorded before the check");
        await pengurus.Press("Tugaskan");
        await Assertions.Expect(page.GetByTestId("unit-saved")).ToContainTextAsync($"{_sari} sekarang mengelola Kios Sayur Segar");
        var kios = page.GetByTestId("unit-row").Filter(new() { HasText = "Kios Sayur Segar" });
        await Assertions.Expect(kios.GetByTestId("unit-managers")).ToContainTextAsync(_sari);
        await pengurus.Screenshot("pengaturan-unit-toko");
        (await ManagersOf("Kios Sayur Segar")).Should().Equal(_sari);

        // The new pengelola toko lands on the shop dashboard and runs that unit (and no other).
        await using (var toko = await ConsoleBrowser.Open())
        {
            await toko.SignIn(_sari);
            toko.Page.Url.Should().EndWith("/toko", "a pengelola toko lands on the shop dashboard");
            await Assertions.Expect(toko.Page.GetByTestId("unit-name")).ToContainTextAsync("Kios Sayur Segar");
            (await toko.Page.GetByTestId("unit-switcher").CountAsync()).Should().Be(0, "one unit, so no choice");
            await toko.Screenshot("toko-unit-ditugaskan");

            // The pengurus removes the assignment (a link to a check step, then the button).
            await page.GotoAsync("/pengaturan/unit-toko");
            await pengurus.Follow($"Lepaskan {_sari} dari Kios Sayur Segar");
            await Assertions.Expect(page.GetByTestId("check-answers")).ToContainTextAsync(_sari);
            (await ManagersOf("Kios Sayur Segar")).Should().Equal([_sari], "following the link changes nothing");
            var remove = await CheckForm(page, "Lepaskan");
            await pengurus.Press("Lepaskan");
            await Assertions.Expect(page.GetByTestId("unit-saved")).ToContainTextAsync($"{_sari} tidak lagi mengelola Kios Sayur Segar");
            await Assertions.Expect(page.GetByTestId("unit-row").Filter(new() { HasText = "Kios Sayur Segar" }).GetByTestId("unit-managers"))
                .ToContainTextAsync("Belum ada pengelola");
            (await ManagersOf("Kios Sayur Segar")).Should().BeEmpty();
            (await Resubmit(page, remove)).Should().Contain($"{_sari} tidak lagi mengelola Kios Sayur Segar", "a re-sent removal replays its answer, not a refusal");

            // The unit is gone from their dashboard, and its pages refuse them.
            await toko.Page.GotoAsync("/toko");
            await Assertions.Expect(toko.Page.GetByTestId("no-unit")).ToBeVisibleAsync();
            (await toko.Page.GetByText("Kios Sayur Segar").CountAsync()).Should().Be(0);
            toko.ConsoleErrors.Should().BeEmpty();
        }

        // Accessible, and usable on a phone.
        await page.GotoAsync("/pengaturan/unit-toko");
        (await pengurus.SeriousAccessibilityProblems()).Should().BeEmpty();
        pengurus.ConsoleErrors.Should().BeEmpty();
        await using var phone = await ConsoleBrowser.Phone();
        await phone.SignIn(_kop.Pengurus);
        await phone.Page.GotoAsync("/pengaturan/unit-toko");
        (await phone.Page.EvaluateAsync<int>("document.documentElement.scrollWidth")).Should().BeLessThanOrEqualTo(360);
        await phone.Screenshot("pengaturan-unit-toko-360");
    }

    [Fact]
    public async Task the_pengawas_reads_the_units_without_a_button_and_a_forged_assignment_is_refused()
    {
        var main = (await Units()).Single()!["unitId"]!.GetValue<string>();
        await _kop.Post(_kop.Pengurus, $"shop/units/{main}/managers", new { username = _kop.Toko });

        await using var pengawas = await ConsoleBrowser.Open();
        var page = pengawas.Page;
        await pengawas.SignIn(_kop.Pengawas);
        var response = await page.GotoAsync("/pengaturan/unit-toko");
        response!.Status.Should().Be(200);
        await Assertions.Expect(page.GetByTestId("units")).ToContainTextAsync("Toko Koperasi");
        await Assertions.Expect(page.GetByTestId("unit-managers")).ToContainTextAsync(_kop.Toko);
        await Assertions.Expect(page.GetByTestId("read-only")).ToBeVisibleAsync();
        (await page.Locator("main button").CountAsync()).Should().Be(0, "a pengawas reads, and changes nothing");
        (await page.Locator("main form").CountAsync()).Should().Be(0);
        (await page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Lepaskan" }).CountAsync()).Should().Be(0);
        await pengawas.Screenshot("pengaturan-unit-toko-pengawas");

        // A forged removal link shows no check step either.
        await page.GotoAsync($"/pengaturan/unit-toko?lepas={main}&nama={_kop.Toko}");
        (await page.Locator("main button").CountAsync()).Should().Be(0);
        (await ManagersOf("Toko Koperasi")).Should().Equal(_kop.Toko);

        // A pengelola toko and a kasir do not reach the page at all.
        await using var toko = await ConsoleBrowser.Open();
        await toko.SignIn(_kop.Toko);
        (await toko.Page.GotoAsync("/pengaturan/unit-toko"))!.Status.Should().BeOneOf([403, 404]);
    }

    [Fact]
    public async Task a_consignment_seller_unit_is_opened_for_a_member_found_by_number()
    {
        var owner = await _kop.ActiveMember("Rini Wulandari");
        var number = (await _kop.Get(_kop.Pengurus, $"members/{owner}"))["memberNumber"]!.GetValue<string>();

        await using var pengurus = await ConsoleBrowser.Open();
        var page = pengurus.Page;
        await pengurus.SignIn(_kop.Pengurus);
        await page.GotoAsync("/pengaturan/unit-toko");
        await pengurus.Fill("Nama unit", "Keripik Bu Rini");
        await pengurus.Choose("Penjual titipan (konsinyasi)");
        await pengurus.Fill("Pemilik (untuk penjual titipan)", "99999999");
        await pengurus.Press("Periksa unit baru");
        await Assertions.Expect(page.Locator("#ownerMemberId-error")).ToContainTextAsync("Tidak ada anggota");
        await Assertions.Expect(page.GetByLabel("Nama unit", new() { Exact = true })).ToHaveValueAsync("Keripik Bu Rini");

        await pengurus.Fill("Pemilik (untuk penjual titipan)", number);
        await pengurus.Press("Periksa unit baru");
        await Assertions.Expect(page.GetByTestId("check-answers")).ToContainTextAsync("Rini Wulandari");
        await Assertions.Expect(page.GetByTestId("check-answers")).ToContainTextAsync("Penjual titipan (konsinyasi)");
        await pengurus.Press("Buka unit");
        await Assertions.Expect(page.GetByTestId("unit-saved")).ToContainTextAsync("Keripik Bu Rini");
        var row = page.GetByTestId("unit-row").Filter(new() { HasText = "Keripik Bu Rini" });
        await Assertions.Expect(row).ToContainTextAsync("Penjual titipan (konsinyasi)");
        await Assertions.Expect(row).ToContainTextAsync($"Pemilik: Rini Wulandari ({number})");

        var unit = (await Units()).Single(u => u!["name"]!.GetValue<string>() == "Keripik Bu Rini")!;
        unit["kind"]!.GetValue<string>().Should().Be("seller");
        unit["ownerMemberId"]!.GetValue<Guid>().Should().Be(owner);
    }
}
