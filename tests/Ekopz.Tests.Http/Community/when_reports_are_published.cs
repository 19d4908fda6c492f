using System.Net;
using Ekopz.Tests.Http.Books;
using Ekopz.Tests.Http.Support;
using static Ekopz.Tests.Http.Support.DirectSql;

namespace Ekopz.Tests.Http.Community;

/// <summary>
/// Transparency (docs/adr/0022): a pengurus publishes a sealed month's neraca and PHU; members read them with the seal
/// re-checked on every read, and see verified=false once the sealed books are altered in the database.
/// </summary>
public class when_reports_are_published
{
    [Fact]
    public async Task a_member_reads_a_published_month_verified_and_never_an_unpublished_one()
    {
        var s = await when_the_books_are_tampered_with.Scenario();
        var kop = s.Kop;
        var anggota = await kop.MemberLogin(s.Member);
        (await anggota.Get(kop.Url("published-reports"))).ShouldBe(HttpStatusCode.OK).Json.AsArray().Should().BeEmpty();
        (await anggota.Get(kop.Url("published-reports/2025-01"))).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");

        var published = (await kop.Pengurus.Post(kop.Url("periods/2025-01/publish"))).ShouldBe(HttpStatusCode.Created);
        published.String("digest").Should().Be(s.Digest);
        published.String("publishedBy").Should().Be(kop.Pengurus.Username);

        var list = (await anggota.Get(kop.Url("published-reports"))).ShouldBe(HttpStatusCode.OK).Json.AsArray();
        list.Should().ContainSingle();
        list[0]!["period"]!.GetValue<string>().Should().Be("2025-01");

        var report = (await anggota.Get(kop.Url("published-reports/2025-01"))).ShouldBe(HttpStatusCode.OK);
        report["verified"].GetValue<bool>().Should().BeTrue(report.Text);
        report.String("digest").Should().Be(s.Digest);
        report["balanceSheet"]["balanced"].GetValue<bool>().Should().BeTrue();
        report["balanceSheet"]["asOf"].GetValue<string>().Should().Be("2025-01-31");
        report["balanceSheet"]["totalAssets"].GetValue<decimal>().Should().BeGreaterThan(0);
        report["incomeStatement"]["from"].GetValue<string>().Should().Be("2025-01-01");
        report["incomeStatement"]["shuBeforeTax"].GetValue<decimal>().Should().Be(2_000m, "the sale to the member: 9,000 − 7,000");
        report.Text.Should().NotContain("/ledger/", "members do not follow figures into the ledger");
        // The same figures as the board's neraca of that day.
        var board = (await kop.Pengawas.Get(kop.Url("reports/balance-sheet?asOf=2025-01-31"))).ShouldBe(HttpStatusCode.OK);
        report["balanceSheet"]["totalAssets"].GetValue<decimal>().Should().Be(board.Decimal("totalAssets"));
        // The books' own routes stay closed to members (docs/adr/0017).
        (await anggota.Get(kop.Url("reports/balance-sheet?asOf=2025-01-31"))).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");

        foreach (var who in new[] { kop.Kasir, kop.Toko, kop.Pengawas })
            (await who.Get(kop.Url("published-reports/2025-01"))).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task only_a_closed_month_is_published_only_once_and_only_by_the_pengurus()
    {
        var s = await when_the_books_are_tampered_with.Scenario();
        var kop = s.Kop;
        var anggota = await kop.MemberLogin(s.Member);
        (await kop.Pengurus.Post(kop.Url("periods/2025-02/publish"))).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "period_not_closed");
        (await kop.Pengurus.Post(kop.Url("periods/2025-13/publish"))).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        foreach (var who in new[] { kop.Kasir, kop.Pengawas, kop.Toko, anggota })
            (await who.Post(kop.Url("periods/2025-01/publish"))).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        (await ApiUser.Anonymous().Post(kop.Url("periods/2025-01/publish"))).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
        (await kop.Pengurus.Post(kop.Url("periods/2025-01/publish"))).ShouldBe(HttpStatusCode.Created);
        (await kop.Pengurus.Post(kop.Url("periods/2025-01/publish"))).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state");
        (await kop.Admin.Get(kop.Url("published-reports"))).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        (await kop.Admin.Get("/api/v1/koperasi/no-such-kop-x/published-reports")).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
        (await kop.Pengurus.Post("/api/v1/koperasi/no-such-kop-x/periods/2025-01/publish")).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task an_amount_altered_in_the_sealed_books_shows_the_published_report_unverified()
    {
        var s = await when_the_books_are_tampered_with.Scenario();
        var kop = s.Kop;
        var anggota = await kop.MemberLogin(s.Member);
        (await kop.Pengurus.Post(kop.Url("periods/2025-01/publish"))).ShouldBe(HttpStatusCode.Created);
        (await anggota.Get(kop.Url("published-reports/2025-01"))).ShouldBe(HttpStatusCode.OK)["verified"].GetValue<bool>().Should().BeTrue();

        // Both sides of the sukarela deposit and the daily totals, so the neraca still balances.
        foreach (var (line, account) in new[] { (0, "1-1000"), (1, "2-1000") })
        {
            (await Execute($"update {Schema}.ledger_lines set debit = case when debit > 0 then 60000 else 0 end, credit = case when credit > 0 then 60000 else 0 end "
                + "where tenant_id = @t and entry_id = @e and line_no = @l", ("t", kop.Slug), ("e", s.Deposit), ("l", line))).Should().Be(1);
            (await Execute($"update {Schema}.ledger_daily set debit = case when debit > 0 then debit - 10000 else 0 end, "
                + "credit = case when credit > 0 then credit - 10000 else 0 end "
                + "where tenant_id = @t and account_code = @a and business_date = '2025-01-20' and kind = 'regular'", ("t", kop.Slug), ("a", account)))
                .Should().Be(1);
        }

        var report = (await anggota.Get(kop.Url("published-reports/2025-01"))).ShouldBe(HttpStatusCode.OK);
        report["verified"].GetValue<bool>().Should().BeFalse(report.Text);
        report["balanceSheet"]["balanced"].GetValue<bool>().Should().BeTrue("the tampering was careful; only the seal tells");
        report.String("digest").Should().Be(s.Digest);
    }
}
