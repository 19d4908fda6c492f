using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Loans;

/// <summary>Every bad input is refused with its stable code, and nothing changes: not the loan, not the books.</summary>
public class when_loan_input_is_bad : IAsyncLifetime
{
    private TestKoperasi _kop = null!;
    private Guid _member;
    private Guid _active;
    private Guid _paidOff;
    private Guid _applied;
    private Guid _product;

    public async Task InitializeAsync()
    {
        _kop = await TestKoperasi.Create();
        await _kop.Capital(100_000_000m, LoanKit.DaysAgo(90));
        _member = await _kop.MemberSince(LoanKit.DaysAgo(90));
        _active = await _kop.ActiveLoan(_member, LoanKit.DaysAgo(45), 1_200_000m, 12);
        _paidOff = await _kop.ActiveLoan(_member, LoanKit.DaysAgo(45), 600_000m, 6);
        await _kop.Pay(_paidOff, 600_000m, LoanKit.DaysAgo(44));
        _applied = await _kop.Apply(_member, 500_000m, 6);
        _product = (await _kop.Pengurus.Post(_kop.Url("loan-products"), new
        {
            name = "Pinjaman Kecil", effectiveFrom = LoanKit.DaysAgo(90),
            terms = new { method = "efektif", annualRate = 12, minPeriods = 3, maxPeriods = 12, minPrincipal = 500_000, maxPrincipal = 5_000_000 },
        })).ShouldBe(HttpStatusCode.Created).Guid("productId");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Everything a refusal could have touched.</summary>
    private async Task<string> Snapshot()
    {
        var loans = (await _kop.Pengawas.Get(_kop.Url($"members/{_member}/loans"))).ShouldBe(HttpStatusCode.OK).Text;
        var active = (await _kop.Loan(_active)).Text;
        var tb = (await _kop.Pengawas.Get(_kop.Url("ledger/trial-balance"))).ShouldBe(HttpStatusCode.OK).Text;
        return loans + active + tb;
    }

    public static IEnumerable<object[]> BadApplications() =>
    [
        [new { principal = 0, periods = 12, annualRate = 12, method = "flat" }, "principal"],
        [new { principal = -500_000, periods = 12, annualRate = 12, method = "flat" }, "principal"],
        [new { principal = 500_000.001, periods = 12, annualRate = 12, method = "flat" }, "principal"],
        [new { principal = 500_000, periods = 0, annualRate = 12, method = "flat" }, "periods"],
        [new { principal = 500_000, periods = 601, annualRate = 12, method = "flat" }, "periods"],
        [new { principal = 500_000, periods = 12, annualRate = 24.01, method = "flat" }, "annualRate"],
        [new { principal = 500_000, periods = 12, annualRate = -1, method = "flat" }, "annualRate"],
        [new { principal = 500_000, periods = 12, method = "flat" }, "annualRate"],
        [new { principal = 500_000, periods = 12, annualRate = 12, method = "harian" }, "method"],
    ];

    [Theory]
    [MemberData(nameof(BadApplications))]
    public async Task a_bad_application_is_400_and_files_nothing(object body, string field)
    {
        var before = await Snapshot();
        var reply = (await _kop.Pengurus.Post(_kop.Url($"members/{_member}/loans"), body)).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        reply.Json["errors"]![field].Should().NotBeNull(reply.Text);
        (await Snapshot()).Should().Be(before);
    }

    [Theory]
    [InlineData(300_000, 6, "principal")]
    [InlineData(6_000_000, 6, "principal")]
    [InlineData(1_000_000, 2, "periods")]
    [InlineData(1_000_000, 13, "periods")]
    public async Task an_application_outside_the_products_limits_is_400(decimal principal, int periods, string field)
    {
        var before = await Snapshot();
        var reply = (await _kop.Pengurus.Post(_kop.Url($"members/{_member}/loans"), new { principal, periods, productId = _product }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        reply.Json["errors"]![field].Should().NotBeNull(reply.Text);
        (await Snapshot()).Should().Be(before);
    }

    public static IEnumerable<object[]> BadPayments() =>
    [
        [new { amount = 0 }, HttpStatusCode.BadRequest, "validation_failed"],
        [new { amount = -10_000 }, HttpStatusCode.BadRequest, "validation_failed"],
        [new { amount = 10_000.001 }, HttpStatusCode.BadRequest, "validation_failed"],
        [new { amount = 5_000_000 }, HttpStatusCode.BadRequest, "validation_failed"], // more than the payoff amount
        [new { amount = 10_000, businessDate = "2999-01-01" }, HttpStatusCode.BadRequest, "validation_failed"],
        [new { amount = 10_000, businessDate = LoanKit.DaysAgo(50) }, HttpStatusCode.BadRequest, "validation_failed"], // before disbursement
        [new { amount = 10_000, channel = "pos" }, HttpStatusCode.BadRequest, "validation_failed"],
    ];

    [Theory]
    [MemberData(nameof(BadPayments))]
    public async Task a_bad_payment_is_refused_and_takes_nothing(object body, HttpStatusCode status, string code)
    {
        var before = await Snapshot();
        (await _kop.Kasir.Post(_kop.Url($"loans/{_active}/payments"), body)).ShouldBeProblem(status, code);
        (await Snapshot()).Should().Be(before);
    }

    [Fact]
    public async Task paying_a_closed_or_undisbursed_loan_is_invalid_state_and_changes_nothing()
    {
        var before = await Snapshot();
        (await _kop.Kasir.Post(_kop.Url($"loans/{_paidOff}/payments"), new { amount = 10_000 }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state");
        (await _kop.Kasir.Post(_kop.Url($"loans/{_applied}/payments"), new { amount = 10_000 }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state");
        (await _kop.Kasir.Post(_kop.Url($"loans/{Guid.NewGuid()}/payments"), new { amount = 10_000 }))
            .ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
        (await _kop.Kasir.Post(_kop.Url($"loans/{_active}/disburse"), new { })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state");
        (await Snapshot()).Should().Be(before);
    }

    [Fact]
    public async Task approving_ones_own_application_is_same_maker_checker_and_changes_nothing()
    {
        var before = await Snapshot();
        (await _kop.Pengurus.Post(_kop.Url($"loans/{_applied}/approve"), new { }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "same_maker_checker");
        (await Snapshot()).Should().Be(before);
        (await _kop.Loan(_applied)).String("status").Should().Be("applied");
    }

    [Fact]
    public async Task decisions_out_of_order_are_refused()
    {
        var before = await Snapshot();
        (await _kop.Pengurus2.Post(_kop.Url($"loans/{_applied}/approve"), new { businessDate = LoanKit.DaysAgo(1000) }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await _kop.Kasir.Post(_kop.Url($"loans/{_applied}/disburse"), new { })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state");
        (await _kop.Pengurus.Post(_kop.Url($"loans/{_active}/write-off"), new { reason = "x" }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state");
        (await _kop.Kasir.Post(_kop.Url($"loans/{_active}/recoveries"), new { amount = 1_000 }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state");
        (await _kop.Pengurus.Post(_kop.Url($"loans/{_active}/restructure"), new { periods = 24, annualRate = 30, reason = "x" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await Snapshot()).Should().Be(before);
    }
}
