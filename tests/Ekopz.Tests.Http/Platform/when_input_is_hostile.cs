using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Ekopz.Tests.Http.Loans;
using Ekopz.Tests.Http.Shop;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Platform;

/// <summary>
/// The inputs that got a 500 or were stored when issue 11's attacker tried them: each is now 400 validation_failed
/// naming the field or parameter, and changes nothing that is stored (docs/adr/0020).
/// </summary>
public class when_input_is_hostile : IAsyncLifetime
{
    private TestKoperasi _kop = null!;
    private Guid _member;
    private Guid _product;

    public async Task InitializeAsync()
    {
        _kop = await TestKoperasi.Create();
        _member = await _kop.ActiveMember();
        _product = await _kop.Product("HST-1", 10_000m, 12_000m, LoanKit.DaysAgo(10));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Sends <paramref name="json"/>, expects 400 validation_failed naming <paramref name="field"/>, and that nothing stored changed.</summary>
    private async Task Refused(ApiUser who, HttpMethod method, string url, string? json, string field)
    {
        var before = await StoredData.Fingerprint(_kop.Slug);
        var reply = (await who.Send(method, url, json)).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        reply.Json["errors"]!.AsObject().Select(e => e.Key).Should().Contain(field, reply.Text);
        (await StoredData.Fingerprint(_kop.Slug)).Should().Be(before, "a refused request changes nothing");
    }

    [Theory]
    [InlineData("{\"name\":\"Rina\\u0000Wati\",\"nik\":\"3201016505950005\"}", "name")]
    [InlineData("{\"name\":\"Rina\",\"nik\":\"3201016505950005\\u0000\"}", "nik")]
    [InlineData("{\"name\":\"Rina\\u0007\",\"nik\":\"3201016505950005\"}", "name")]
    [InlineData("{\"name\":\"Rina\\nWati\",\"nik\":\"3201016505950005\"}", "name")]
    [InlineData("{\"name\":\"Rina\\ud800\",\"nik\":\"3201016505950005\"}", "name")]
    [InlineData("{\"name\":\"Rina\",\"nik\":\"3201016505950005\",\"address\":\"Jl. Mawar\\u0000\"}", "address")]
    public async Task a_nul_or_control_character_in_a_string_field_is_refused(string json, string field) =>
        await Refused(_kop.Kasir, HttpMethod.Post, _kop.Url("members"), json, field);

    [Fact]
    public async Task a_multi_line_field_keeps_its_line_breaks()
    {
        (await _kop.Kasir.PostRaw(_kop.Url("members"), $"{{\"name\":\"Rina\",\"nik\":\"{TestKoperasi.NewNik()}\",\"address\":\"Jl. Mawar 5\\r\\nBogor\"}}"))
            .ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task a_nul_in_the_sign_in_is_refused_before_any_lookup()
    {
        var anonymous = ApiUser.Anonymous();
        var reply = (await anonymous.PostRaw("/api/v1/auth/token", "{\"username\":\"kasir\\u0000\",\"password\":\"x\"}"))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        reply.Json["errors"]!["username"].Should().NotBeNull();
        (await anonymous.PostRaw("/api/v1/auth/refresh", "{\"refreshToken\":\"\\u0000\"}")).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Theory]
    [InlineData("members?q=%00", "q")]
    [InlineData("members?q=ab%01", "q")]
    [InlineData("withdrawals?status=requested%00", "status")]
    [InlineData("members?page=2147483647", "page")]
    [InlineData("members?page=0", "page")]
    [InlineData("members?page=abc", "page")]
    [InlineData("members?pageSize=abc", "pageSize")]
    [InlineData("loans?page=1.5", "page")]
    [InlineData("receipts?pageSize=99999999999", "pageSize")]
    [InlineData("ledger/trial-balance?preClosing=maybe", "preClosing")]
    [InlineData("savings/wajib/arrears?asOf=9999-12-31", "asOf")]
    [InlineData("savings/wajib/arrears?asOf=0001-01-01", "asOf")]
    [InlineData("reports/equity-changes?from=0001-01-01", "from")]
    [InlineData("reports/equity-changes?to=9999-12-31", "to")]
    [InlineData("reports/balance-sheet?asOf=2026-02-30", "asOf")]
    [InlineData("reports/balance-sheet?asOf=-0001-01-01", "asOf")]
    [InlineData("reports/balance-sheet?knownAt=0001-01-01T00:00:00Z", "knownAt")]
    public async Task a_bad_query_value_is_400_naming_the_parameter(string query, string parameter) =>
        await Refused(_kop.Pengurus, HttpMethod.Get, _kop.Url(query), null, parameter);

    [Fact]
    public async Task a_null_element_in_a_list_is_refused_with_its_path()
    {
        await Refused(_kop.Kasir, HttpMethod.Post, _kop.Url("shop/orders"), "{\"channel\":\"counter\",\"lines\":[null]}", "lines[0]");
        await Refused(_kop.Pengurus, HttpMethod.Post, _kop.Url("ledger/adjustments"),
            "{\"description\":\"x\",\"lines\":[{\"accountCode\":\"1-1000\",\"debit\":1,\"credit\":0},null]}", "lines[1]");
        await Refused(_kop.Pengurus, HttpMethod.Post, _kop.Url("shop/marketplace-imports"),
            $"{{\"marketplace\":\"tokopedia\",\"orders\":[{{\"externalId\":\"A1\",\"lines\":[null]}}]}}", "orders[0].lines[0]");
    }

    [Fact]
    public async Task a_null_body_on_a_patch_route_is_refused()
    {
        await Refused(_kop.Kasir, HttpMethod.Patch, _kop.Url($"members/{_member}"), "null", "$");
        await Refused(_kop.Pengurus, HttpMethod.Patch, _kop.Url("ledger/accounts/1-1000"), "null", "$");
        await Refused(_kop.Kasir, HttpMethod.Patch, _kop.Url($"members/{_member}"), "{\"name\":\"A\\u0000\"}", "name");
    }

    [Theory]
    [InlineData("loans/simulate", "{\"principal\":1000000,\"periods\":12,\"annualRate\":12,\"method\":\"flat\",\"startDate\":\"9999-12-31\"}", "startDate")]
    [InlineData("loans/simulate", "{\"principal\":1000000,\"periods\":12,\"annualRate\":12,\"method\":\"flat\",\"startDate\":\"0001-01-01\"}", "startDate")]
    [InlineData("loans/allowance", "{\"amount\":1000,\"businessDate\":\"0001-01-01\"}", "businessDate")]
    [InlineData("loans/allowance", "{\"amount\":1000,\"businessDate\":\"9999-12-31\"}", "businessDate")]
    [InlineData("members", "{\"name\":\"Lama\",\"nik\":\"3201011501800001\",\"businessDate\":\"0001-01-01\"}", "businessDate")]
    [InlineData("ledger/adjustments", "{\"businessDate\":\"0001-01-01\",\"description\":\"x\",\"lines\":[{\"accountCode\":\"1-1000\",\"debit\":1,\"credit\":0},{\"accountCode\":\"1-1010\",\"debit\":0,\"credit\":1}]}", "businessDate")]
    [InlineData("ledger/adjustments", "{\"businessDate\":\"1899-12-31\",\"description\":\"x\",\"lines\":[{\"accountCode\":\"1-1000\",\"debit\":1,\"credit\":0},{\"accountCode\":\"1-1010\",\"debit\":0,\"credit\":1}]}", "businessDate")]
    [InlineData("shop/products/{product}/discounts", "{\"kind\":\"amount\",\"value\":100,\"startsAt\":\"0001-01-01T00:00:00Z\",\"endsAt\":\"9999-12-31T00:00:00Z\"}", "startsAt")]
    public async Task a_date_before_1900_or_after_2100_is_refused(string path, string json, string field) =>
        await Refused(_kop.Pengurus, HttpMethod.Post, _kop.Url(path.Replace("{product}", _product.ToString())), json, field);

    [Fact]
    public async Task the_earliest_date_is_accepted_and_works_later_too()
    {
        // An adjustment dated 0001-01-01 used to be accepted and its approval failed with 500; 1900-01-01, the first
        // date accepted, is proposed, approved and posted.
        var id = (await _kop.Pengurus.Post(_kop.Url("ledger/adjustments"), new
        {
            businessDate = "1900-01-01", description = "Saldo awal",
            lines = new object[] { new { accountCode = "1-1000", debit = 1000, credit = 0 }, new { accountCode = "1-1010", debit = 0, credit = 1000 } },
        })).ShouldBe(HttpStatusCode.Accepted).Guid("adjustmentId");
        (await _kop.Pengurus2.Post(_kop.Url($"ledger/adjustments/{id}/approve"))).ShouldBe(HttpStatusCode.OK);

        // A member registered on 0001-01-01 could not pay pokok; one registered on 1900-01-01 can.
        var member = await _kop.MemberSince("1900-01-01", "Anggota Pendiri");
        (await _kop.Pengawas.Get(_kop.Url($"members/{member}"))).ShouldBe(HttpStatusCode.OK).String("status").Should().Be("active");
    }

    [Theory]
    [InlineData("{\"marketplace\":\"tokopedia\",\"orders\":[{\"externalId\":\"A1\",\"lines\":[{\"sku\":\"HST-1\",\"quantity\":1,\"unitPrice\":12000}],\"shippingCharge\":1234567890123456789}]}", "orders[0].shippingCharge")]
    [InlineData("{\"marketplace\":\"tokopedia\",\"orders\":[{\"externalId\":\"A1\",\"lines\":[{\"sku\":\"HST-1\",\"quantity\":1,\"unitPrice\":1e400}]}]}", "orders[0].lines[0].unitPrice")]
    public async Task a_19_digit_number_is_refused(string json, string field) =>
        await Refused(_kop.Pengurus, HttpMethod.Post, _kop.Url("shop/marketplace-imports"), json, field);

    [Theory]
    [InlineData("{\"interestTaxThreshold\":1234567890123456789}", "interestTaxThreshold")]
    [InlineData("{\"interestTaxThreshold\":1000000000000.01}", "interestTaxThreshold")]
    [InlineData("{\"interestTaxThreshold\":240000.001}", "interestTaxThreshold")]
    [InlineData("{\"pokokAmount\":1234567890123456789}", "pokokAmount")]
    [InlineData("{\"interestTaxRate\":10.00001}", "interestTaxRate")]
    public async Task a_koperasi_setting_beyond_its_bound_is_refused(string json, string field) =>
        await Refused(_kop.Pengurus, HttpMethod.Put, _kop.Url("settings"), json, field);

    [Theory]
    [InlineData("{\"code\":\"HEMAT\",\"kind\":\"amount\",\"value\":1000,\"usageLimit\":5,\"expiresOn\":\"2099-12-31\",\"minSpend\":1234567890123456789}", "minSpend")]
    [InlineData("{\"code\":\"HEMAT\",\"kind\":\"amount\",\"value\":1000,\"usageLimit\":5,\"expiresOn\":\"2099-12-31\",\"minSpend\":999999999999.999}", "minSpend")]
    [InlineData("{\"code\":\"HEMAT\",\"kind\":\"amount\",\"value\":1000,\"usageLimit\":5,\"expiresOn\":\"9999-12-31\"}", "expiresOn")]
    [InlineData("{\"code\":\"HEMAT\",\"kind\":\"amount\",\"value\":1000,\"usageLimit\":2147483648,\"expiresOn\":\"2099-12-31\"}", "usageLimit")]
    public async Task a_voucher_beyond_its_bounds_is_refused(string json, string field) =>
        await Refused(_kop.Pengurus, HttpMethod.Post, _kop.Url("shop/vouchers"), json, field);

    [Theory]
    [InlineData("{\"diragukanMaxDays\":2000000000}", "thresholds")]
    [InlineData("{\"lendingLimitPercent\":1e400}", "lendingLimitPercent")]
    public async Task a_loan_setting_beyond_its_bound_is_refused(string json, string field) =>
        await Refused(_kop.Pengurus, HttpMethod.Put, _kop.Url("loan-settings"), json, field);

    [Fact]
    public async Task a_wrong_idempotency_key_is_refused()
    {
        var before = await StoredData.Fingerprint(_kop.Slug);
        using var request = new HttpRequestMessage(HttpMethod.Post, _kop.Url($"members/{_member}/savings/sukarela/deposits"))
        {
            Content = new StringContent("{\"amount\":1000}", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", "kunci-ü");
        using var response = await _kop.Kasir.Client.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await StoredData.Fingerprint(_kop.Slug)).Should().Be(before);
    }
}
