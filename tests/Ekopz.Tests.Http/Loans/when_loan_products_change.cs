using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Loans;

public class when_loan_products_change : IAsyncLifetime
{
    private TestKoperasi _kop = null!;
    private Guid _member;

    public async Task InitializeAsync()
    {
        _kop = await TestKoperasi.Create();
        await _kop.Capital(100_000_000m, LoanKit.DaysAgo(20));
        _member = await _kop.ActiveMember();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static object Terms(decimal rate = 18m, string collection = "netted") => new
    {
        method = "flat", annualRate = rate, frequency = "monthly", minPeriods = 6, maxPeriods = 24,
        provisi = new { kind = "percent", value = 1 }, administrasi = new { kind = "fixed", value = 50_000 }, feeCollection = collection,
        penaltyRatePerDay = 0.1, penaltyGraceDays = 3, roundingUnit = 100, allocationOrder = new[] { "penalty", "interest", "principal" },
    };

    private async Task<Guid> Product(string name = "Pinjaman Umum", string collection = "netted") =>
        (await _kop.Pengurus.Post(_kop.Url("loan-products"), new { name, terms = Terms(collection: collection), effectiveFrom = LoanKit.DaysAgo(10) })).ShouldBe(HttpStatusCode.Created)
            .Guid("productId");

    [Fact]
    public async Task a_pengurus_defines_products_and_members_read_them()
    {
        (await _kop.Kasir.Post(_kop.Url("loan-products"), new { name = "x", terms = Terms() })).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        (await _kop.Pengurus.Post(_kop.Url("loan-products"), new { name = "Riba", terms = Terms(rate: 30) }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await _kop.Pengurus.Post(_kop.Url("loan-products"), new { name = "", terms = Terms() }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        var product = await Product();
        var anggota = await _kop.MemberLogin(_member);
        var list = (await anggota.Get(_kop.Url("loan-products"))).ShouldBe(HttpStatusCode.OK);
        list.Json.AsArray().Should().ContainSingle().Which!["terms"]!["annualRate"]!.GetValue<decimal>().Should().Be(18m);
        (await anggota.Get(_kop.Url($"loan-products/{product}"))).ShouldBe(HttpStatusCode.OK).String("name").Should().Be("Pinjaman Umum");
    }

    [Fact]
    public async Task a_change_takes_effect_from_its_date_and_never_touches_an_existing_loan()
    {
        var product = await Product();
        var loan = await _kop.Apply(_member, 5_000_000m, 12, productId: product);
        (await _kop.Pengurus.Put(_kop.Url($"loan-products/{product}"), new { terms = new { annualRate = 21 }, effectiveFrom = LoanKit.DaysAgo(1) }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        var changed = (await _kop.Pengurus.Put(_kop.Url($"loan-products/{product}"), new { terms = new { annualRate = 21 } })).ShouldBe(HttpStatusCode.OK);
        changed.Json["versions"]!.AsArray().Should().HaveCount(2);
        changed.Json["terms"]!["annualRate"]!.GetValue<decimal>().Should().Be(21m);
        changed.Json["terms"]!["maxPeriods"]!.GetValue<int>().Should().Be(24, "fields left out keep their values");

        // The loan applied for before keeps 18%, through disbursement.
        (await _kop.Pengurus2.Post(_kop.Url($"loans/{loan}/approve"), new { })).ShouldBe(HttpStatusCode.OK);
        var disbursed = (await _kop.Kasir.Post(_kop.Url($"loans/{loan}/disburse"), new { })).ShouldBe(HttpStatusCode.OK);
        disbursed.Json["schedule"]![0]!["interest"]!.GetValue<decimal>().Should().Be(75_000m);
        (await _kop.Loan(loan)).Decimal("annualRate").Should().Be(18m);
        // A new application gets the new rate.
        var newer = await _kop.Apply(_member, 1_000_000m, 12, productId: product);
        (await _kop.Loan(newer)).Decimal("annualRate").Should().Be(21m);

        (await _kop.Pengurus.Send(HttpMethod.Delete, _kop.Url($"loan-products/{product}"), null)).ShouldBe(HttpStatusCode.OK);
        (await _kop.Pengurus.Post(_kop.Url($"members/{_member}/loans"), new { principal = 1_000_000, periods = 12, productId = product }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state");
    }

    [Theory]
    [InlineData("netted", 9_850_000)]
    [InlineData("separate", 10_000_000)]
    public async Task fees_are_charged_at_disbursement_netted_or_paid_separately(string collection, decimal cashOut)
    {
        var product = await Product(collection: collection);
        var loan = await _kop.Apply(_member, 10_000_000m, 12, productId: product);
        (await _kop.Pengurus2.Post(_kop.Url($"loans/{loan}/approve"), new { })).ShouldBe(HttpStatusCode.OK);
        var cashBefore = (await BookChecks.TrialBalance(_kop, LoanKit.Today)).Of("1-1000");
        var disbursed = (await _kop.Kasir.Post(_kop.Url($"loans/{loan}/disburse"), new { })).ShouldBe(HttpStatusCode.OK);
        // Provisi 1% = 100,000 and administrasi 50,000.
        disbursed.Json["fees"]!.ToJsonString().Should().Be($"{{\"provisi\":100000,\"administrasi\":50000,\"collection\":\"{collection}\",\"cashPaidOut\":{cashOut}}}");
        var tb = await BookChecks.TrialBalance(_kop, LoanKit.Today);
        tb.Of("1-1100").Should().Be(10_000_000m);
        tb.Of("4-1100").Should().Be(-150_000m);
        (cashBefore - tb.Of("1-1000")).Should().Be(10_000_000m - 150_000m, "either way the drawer is 9,850,000 lighter");
        // Flat 18% on 10,000,000 over 12 months, installments rounded to Rp100: 983,333.33 → 983,300.
        disbursed.Json["schedule"]![0]!["principal"]!.GetValue<decimal>().Should().Be(833_300m);
        await BookChecks.CheckInvariants(_kop, [_member], LoanKit.Today);
    }
}
