using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Loans;

/// <summary>
/// A double submit of an application (the same Idempotency-Key, at the same moment): the loan's stream does not exist yet, so
/// the member's row is what the two take turns on (docs/adr/0038). The second waits for the first and replays its answer:
/// one loan, never a 409 for the duplicate.
/// </summary>
public class when_loan_applications_are_retried_or_race : IAsyncLifetime
{
    private TestKoperasi _kop = null!;
    private Guid _member;

    public async Task InitializeAsync()
    {
        _kop = await TestKoperasi.Create();
        _member = await _kop.MemberSince(LoanKit.DaysAgo(60));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task the_same_application_sent_at_once_with_one_key_is_one_loan()
    {
        var body = new { principal = 2_000_000, periods = 6, annualRate = 12, method = "flat" };
        var replies = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            _kop.Pengurus.Post(_kop.Url($"members/{_member}/loans"), body, "apply-once-1")));
        replies.Should().OnlyContain(r => r.Status == HttpStatusCode.Created, string.Join("\n", replies.Select(r => r.Text)));
        replies.Select(r => r.Guid("loanId")).Distinct().Should().ContainSingle("the repeats replay the first answer");
        replies.Count(r => r.Headers.ContainsKey("Idempotent-Replayed")).Should().Be(3);
        (await _kop.AllLoans(LoanKit.Today)).Should().ContainSingle("one loan was applied for");
    }

    [Fact]
    public async Task the_same_key_with_another_application_is_a_conflict_and_records_nothing()
    {
        (await _kop.Pengurus.Post(_kop.Url($"members/{_member}/loans"), new { principal = 2_000_000, periods = 6, annualRate = 12, method = "flat" },
            "apply-twice-1")).ShouldBe(HttpStatusCode.Created);
        (await _kop.Pengurus.Post(_kop.Url($"members/{_member}/loans"), new { principal = 3_000_000, periods = 6, annualRate = 12, method = "flat" },
            "apply-twice-1")).ShouldBe(HttpStatusCode.Conflict);
        (await _kop.AllLoans(LoanKit.Today)).Should().ContainSingle();
    }

    [Fact]
    public async Task the_same_loan_product_created_at_once_with_one_key_is_one_product()
    {
        var body = new
        {
            name = "Pinjaman Kilat",
            terms = new { method = "flat", annualRate = 18, frequency = "monthly", minPeriods = 1, maxPeriods = 12, minPrincipal = 100_000,
                maxPrincipal = 5_000_000 },
        };
        var replies = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
            _kop.Pengurus.Post(_kop.Url("loan-products"), body, "product-once-1")));
        replies.Should().OnlyContain(r => r.Status == HttpStatusCode.Created, string.Join("\n", replies.Select(r => r.Text)));
        replies.Select(r => r.Guid("productId")).Distinct().Should().ContainSingle();
        (await _kop.Pengurus.Get(_kop.Url("loan-products"))).ShouldBe(HttpStatusCode.OK).Json.AsArray().Should().ContainSingle();
    }
}
