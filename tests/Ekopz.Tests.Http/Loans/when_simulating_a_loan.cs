using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Loans;

public class when_simulating_a_loan : IAsyncLifetime
{
    private TestKoperasi _kop = null!;

    public async Task InitializeAsync() => _kop = await TestKoperasi.Create();
    public Task DisposeAsync() => Task.CompletedTask;

    private Task<Reply> Simulate(object body, ApiUser? user = null) => (user ?? _kop.Kasir).Post(_kop.Url("loans/simulate"), body);

    [Fact]
    public async Task the_worked_example_comes_out_to_the_rupiah_for_every_method()
    {
        var flat = (await Simulate(new { principal = 12_000_000, periods = 12, annualRate = 18, method = "flat" })).ShouldBe(HttpStatusCode.OK);
        flat.Json["installments"]!.AsArray().Should().HaveCount(12)
            .And.OnlyContain(i => i!["installment"]!.GetValue<decimal>() == 1_180_000m);
        flat.Decimal("totalInterest").Should().Be(2_160_000m);
        flat.Decimal("totalPayment").Should().Be(14_160_000m);

        var efektif = (await Simulate(new { principal = 12_000_000, periods = 12, annualRate = 18, method = "efektif" })).ShouldBe(HttpStatusCode.OK);
        var falling = efektif.Json["installments"]!.AsArray().Select(i => i!["installment"]!.GetValue<decimal>()).ToList();
        falling.First().Should().Be(1_180_000m);
        falling.Last().Should().Be(1_015_000m);
        falling.Zip(falling.Skip(1)).Should().OnlyContain(p => p.First - p.Second == 15_000m);
        efektif.Decimal("totalInterest").Should().Be(1_170_000m);

        var anuitas = (await Simulate(new { principal = 12_000_000, periods = 12, annualRate = 18, method = "anuitas" })).ShouldBe(HttpStatusCode.OK);
        var rows = anuitas.Json["installments"]!.AsArray();
        rows.Should().OnlyContain(i => i!["installment"]!.GetValue<decimal>() == 1_100_160m);
        rows[0]!.ToJsonString().Should().Contain("\"opening\":12000000,\"principal\":920160,\"interest\":180000,\"installment\":1100160,\"closing\":11079840");
        rows[1]!["interest"]!.GetValue<decimal>().Should().Be(166_198m);
        rows[1]!["principal"]!.GetValue<decimal>().Should().Be(933_962m);
        rows[2]!["opening"]!.GetValue<decimal>().Should().Be(10_145_878m);
        rows[2]!["interest"]!.GetValue<decimal>().Should().Be(152_188m);
        rows[11]!.ToJsonString().Should().Contain("\"opening\":1083901,\"principal\":1083901,\"interest\":16259,\"installment\":1100160,\"closing\":0");
        rows.Sum(r => r!["principal"]!.GetValue<decimal>()).Should().Be(12_000_000m);
    }

    [Fact]
    public async Task any_staff_member_or_anggota_may_simulate_but_not_an_anonymous_caller()
    {
        var body = new { principal = 5_000_000, periods = 10, annualRate = 12, method = "anuitas", frequency = "weekly", roundingUnit = 100 };
        var member = await _kop.ActiveMember();
        var anggota = await _kop.MemberLogin(member);
        foreach (var user in new[] { anggota, _kop.Pengawas, _kop.Toko, _kop.Pengurus })
        {
            var reply = (await Simulate(body, user)).ShouldBe(HttpStatusCode.OK);
            reply.Json["installments"]!.AsArray().Take(9).Should().OnlyContain(i => i!["installment"]!.GetValue<decimal>() % 100 == 0);
            reply.Json["installments"]!.AsArray().Sum(i => i!["principal"]!.GetValue<decimal>()).Should().Be(5_000_000m);
        }
        (await ApiUser.Anonymous().Post(_kop.Url("loans/simulate"), body)).Status.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData(0, 12, 18, "flat", "principal")]
    [InlineData(-1_000_000, 12, 18, "flat", "principal")]
    [InlineData(1_000_000, 0, 18, "flat", "periods")]
    [InlineData(1_000_000, 601, 18, "flat", "periods")]
    [InlineData(1_000_000, 12, 24.5, "flat", "annualRate")]
    [InlineData(1_000_000, 12, 18, "bunga_berbunga", "method")]
    public async Task bad_figures_are_refused_naming_the_field(decimal principal, int periods, decimal rate, string method, string field)
    {
        var reply = (await Simulate(new { principal, periods, annualRate = rate, method })).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        reply.Json["errors"]![field].Should().NotBeNull(reply.Text);
    }

    [Fact]
    public async Task a_product_supplies_its_terms_and_fees()
    {
        var product = (await _kop.Pengurus.Post(_kop.Url("loan-products"), new
        {
            name = "Pinjaman Usaha",
            terms = new
            {
                method = "anuitas", annualRate = 18, frequency = "monthly", minPeriods = 3, maxPeriods = 24,
                provisi = new { kind = "percent", value = 1 }, administrasi = new { kind = "fixed", value = 25_000 }, feeCollection = "netted",
                roundingUnit = 1000,
            },
        })).ShouldBe(HttpStatusCode.Created).Guid("productId");
        var reply = (await Simulate(new { principal = 12_000_000, periods = 12, productId = product })).ShouldBe(HttpStatusCode.OK);
        reply.String("method").Should().Be("anuitas");
        reply.Json["installments"]![0]!["installment"]!.GetValue<decimal>().Should().Be(1_100_000m, "1,100,159.91 rounded to the nearest Rp1,000");
        reply.Json["fees"]!.ToJsonString().Should().Be("{\"provisi\":120000,\"administrasi\":25000,\"collection\":\"netted\",\"cashPaidOut\":11855000}");
        (await Simulate(new { principal = 12_000_000, periods = 12, productId = product, annualRate = 12 }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
    }
}
