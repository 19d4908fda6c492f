using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Ekopz.Domain.Ledger;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Books;

public class when_periods_are_closed
{
    [Fact]
    public async Task a_closed_month_is_sealed_and_nothing_may_be_dated_inside_it()
    {
        var kop = await TestKoperasi.Create();
        var m = await kop.MemberSince("2025-01-06");
        await kop.Deposit(m, "sukarela", 70_000m, "2025-01-20");
        var tx = (await kop.Deposit(m, "sukarela", 30_000m, "2025-02-03")).String("transactionId");

        (await kop.Pengurus.Post(kop.Url("periods/2025-02/close"))).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state");
        (await kop.Kasir.Post(kop.Url("periods/2025-01/close"))).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        var closed = (await kop.Pengurus.Post(kop.Url("periods/2025-01/close"))).ShouldBe(HttpStatusCode.OK);
        var digest = closed.String("digest");
        digest.Should().MatchRegex("^[0-9a-f]{64}$");
        (await kop.Pengurus.Post(kop.Url("periods/2025-01/close"))).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state");

        // Nothing dated in January any more: deposits, registrations, adjustments.
        (await kop.Kasir.Post(kop.Url($"members/{m}/savings/sukarela/deposits"), new { amount = 1_000, businessDate = "2025-01-31" }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "period_closed");
        (await kop.Kasir.Post(kop.Url("members"), new { name = "Telat", nik = TestKoperasi.NewNik(), businessDate = "2025-01-15" }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "period_closed");
        (await kop.Pengurus.Post(kop.Url("ledger/adjustments"), new
        {
            businessDate = "2025-01-31", description = "koreksi",
            lines = new[] { new { accountCode = "5-3000", debit = 10m, credit = 0m }, new { accountCode = "1-1000", debit = 0m, credit = 10m } },
        })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "period_closed");

        // February is open: a correction there is fine, and references what it corrects.
        var reversal = (await kop.Pengurus.Post(kop.Url($"members/{m}/savings/transactions/{tx}/reversal"), new { reason = "salah" })).Guid("reversalId");
        (await kop.Pengurus2.Post(kop.Url($"reversals/{reversal}/approve"))).ShouldBe(HttpStatusCode.OK);

        var period = (await kop.Pengawas.Get(kop.Url("periods/2025-01"))).ShouldBe(HttpStatusCode.OK);
        period.String("status").Should().Be("closed");
        period.String("digest").Should().Be(digest);
        var verify = (await kop.Pengawas.Get(kop.Url("ledger/verification"))).ShouldBe(HttpStatusCode.OK);
        var check = verify.Json["periods"]!.AsArray().Single()!;
        check["sealedDigest"]!.GetValue<string>().Should().Be(digest);
        check["rebuiltDigest"]!.GetValue<string>().Should().Be(digest);
        check["matches"]!.GetValue<bool>().Should().BeTrue();
        await BookChecks.CheckInvariants(kop, [m], "2025-01-31", "2025-02-28");
    }

    [Fact]
    public async Task postings_racing_the_close_land_before_the_seal_or_are_refused()
    {
        var kop = await TestKoperasi.Create();
        var m = await kop.MemberSince("2025-05-02");
        var deposits = Enumerable.Range(0, 30).Select(i =>
            kop.Kasir.Post(kop.Url($"members/{m}/savings/sukarela/deposits"), new { amount = 1_000 + i, businessDate = "2025-05-20" })).ToList();
        var close = kop.Pengurus.Post(kop.Url("periods/2025-05/close"));
        var replies = await Task.WhenAll(deposits);
        (await close).ShouldBe(HttpStatusCode.OK);
        replies.Should().OnlyContain(r => r.Status == HttpStatusCode.Created || r.Code == "period_closed");

        var verify = (await kop.Pengawas.Get(kop.Url("ledger/verification"))).ShouldBe(HttpStatusCode.OK);
        verify.Json["allPeriodsMatch"]!.GetValue<bool>().Should().BeTrue(verify.Text);
        var accepted = replies.Where(r => r.Status == HttpStatusCode.Created).Sum(r => r.Decimal("amount"));
        (await BookChecks.TrialBalance(kop, "2025-05-31")).Of("2-1000").Should().Be(-accepted);
    }

    [Fact]
    public async Task a_year_close_moves_the_result_into_shu_and_the_year_still_reports_its_result()
    {
        var kop = await TestKoperasi.Create();
        var m = await kop.MemberSince("2025-01-02");
        await kop.Deposit(m, "sukarela", 10_000_000m, "2025-01-02");
        (await kop.Pengurus.Post(kop.Url("savings/interest-runs"), new { month = "2025-01", annualRate = 6 })).ShouldBe(HttpStatusCode.Created);
        var income = await kop.Adjust("2025-06-30", "Pendapatan bunga bank", ("1-1010", 250_000m, 0m), ("4-9000", 0m, 250_000m));
        _ = income;

        (await kop.Pengurus.Post(kop.Url("years/2025/close"))).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state");
        for (var month = 1; month <= 12; month++)
            (await kop.Pengurus.Post(kop.Url($"periods/2025-{month:D2}/close"))).ShouldBe(HttpStatusCode.OK);
        var year = (await kop.Pengurus.Post(kop.Url("years/2025/close"))).ShouldBe(HttpStatusCode.OK);
        // January interest: 10,000,000 × 30 days (from the 2nd) × 6% ÷ 365 = 49,315.07 → 49,315.
        year.Decimal("shu").Should().Be(250_000m - 49_315m);

        var phu = (await kop.Pengawas.Get(kop.Url("reports/income-statement?from=2025-01-01&to=2025-12-31"))).ShouldBe(HttpStatusCode.OK);
        phu.Decimal("shuAfterTax").Should().Be(250_000m - 49_315m, "closing entries are not part of the year's result");
        var dec31 = await BookChecks.TrialBalance(kop, "2025-12-31");
        dec31.Of("4-9000").Should().Be(0m);
        dec31.Of("5-2000").Should().Be(0m);
        dec31.Of("3-3000").Should().Be(-(250_000m - 49_315m));
        var jan1 = await BookChecks.TrialBalance(kop, "2026-01-01");
        jan1.Of("3-3000").Should().Be(0m);
        jan1.Of("3-3100").Should().Be(-(250_000m - 49_315m));
        var bs = (await kop.Pengawas.Get(kop.Url("reports/balance-sheet?asOf=2026-01-01"))).ShouldBe(HttpStatusCode.OK);
        bs.Json["balanced"]!.GetValue<bool>().Should().BeTrue();
        bs.Decimal("shuTahunBerjalan").Should().Be(0m);

        (await kop.Pengurus.Post(kop.Url("years/2025/close"))).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state");
        var verify = (await kop.Pengawas.Get(kop.Url("ledger/verification"))).ShouldBe(HttpStatusCode.OK);
        verify.Json["ledgerMatchesEvents"]!.GetValue<bool>().Should().BeTrue(verify.Text);
        verify.Json["allPeriodsMatch"]!.GetValue<bool>().Should().BeTrue(verify.Text);
        verify.Json["periods"]!.AsArray().Should().HaveCount(12);
    }

    /// <summary>The canonical form of docs/adr/0009, written out here independently of the domain's own.</summary>
    private static string DigestOf(string period, string asOf, JsonArray lines)
    {
        var text = new StringBuilder($"ekopz-trial-balance-v1|{period}|{asOf}\n");
        foreach (var l in lines.OrderBy(l => l!["accountCode"]!.GetValue<string>(), StringComparer.Ordinal))
            text.Append(CultureInfo.InvariantCulture, $"{l!["accountCode"]!.GetValue<string>()}|{l["debit"]!.GetValue<decimal>():0.00}|{l["credit"]!.GetValue<decimal>():0.00}\n");
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))).ToLowerInvariant();
    }

    [Fact]
    public async Task a_month_after_a_year_close_seals_the_trial_balance_the_report_shows()
    {
        var kop = await TestKoperasi.Create();
        var m = await kop.MemberSince("2025-01-02");
        await kop.Deposit(m, "sukarela", 2_000_000m, "2025-01-02");
        await kop.Adjust("2025-06-30", "Pendapatan bunga bank", ("1-1010", 250_000m, 0m), ("4-9000", 0m, 250_000m));
        await kop.Adjust("2025-07-31", "Sewa kantor", ("5-3100", 100_000m, 0m), ("1-1000", 0m, 100_000m));
        for (var month = 1; month <= 12; month++)
            (await kop.Pengurus.Post(kop.Url($"periods/2025-{month:D2}/close"))).ShouldBe(HttpStatusCode.OK);
        var december = (await kop.Pengawas.Get(kop.Url("periods/2025-12"))).ShouldBe(HttpStatusCode.OK).String("digest");
        (await kop.Pengurus.Post(kop.Url("years/2025/close"))).ShouldBe(HttpStatusCode.OK).Decimal("shu").Should().Be(150_000m);
        await kop.Deposit(m, "wajib", 25_000m, "2026-01-15");

        var closed = (await kop.Pengurus.Post(kop.Url("periods/2026-01/close"))).ShouldBe(HttpStatusCode.OK);
        var tb = (await kop.Pengawas.Get(kop.Url("ledger/trial-balance?asOf=2026-01-31"))).ShouldBe(HttpStatusCode.OK);
        var lines = tb.Json["lines"]!.AsArray();
        // What January 2026 shows: last year's result moved into SHU tahun lalu, no revenue or expense of 2025 left.
        lines.Select(l => l!["accountCode"]!.GetValue<string>()).Should().Contain("3-3100").And.NotContain(["4-9000", "5-3100", "3-3000"]);
        closed.String("digest").Should().Be(DigestOf("2026-01", "2026-01-31", lines));
        closed.String("digest").Should().Be(LedgerDigest.Compute("2026-01", new NodaTime.LocalDate(2026, 1, 31),
            lines.Select(l => new TrialBalanceLine(l!["accountCode"]!.GetValue<string>(), l["debit"]!.GetValue<decimal>(), l["credit"]!.GetValue<decimal>()))));
        closed.Json["trialBalance"]!.AsArray().Select(l => (l!["accountCode"]!.GetValue<string>(), l["debit"]!.GetValue<decimal>(), l["credit"]!.GetValue<decimal>()))
            .Should().Equal(lines.Select(l => (l!["accountCode"]!.GetValue<string>(), l["debit"]!.GetValue<decimal>(), l["credit"]!.GetValue<decimal>())));

        // December was sealed before the year close: its seal is the trial balance before the closing entry.
        var dec31 = (await kop.Pengawas.Get(kop.Url("ledger/trial-balance?asOf=2025-12-31&preClosing=true"))).ShouldBe(HttpStatusCode.OK).Json["lines"]!.AsArray();
        DigestOf("2025-12", "2025-12-31", dec31).Should().Be(december);
        dec31.Select(l => l!["accountCode"]!.GetValue<string>()).Should().Contain(["4-9000", "5-3100"]);
        var afterClosing = (await kop.Pengawas.Get(kop.Url("ledger/trial-balance?asOf=2025-12-31"))).ShouldBe(HttpStatusCode.OK).Json["lines"]!.AsArray();
        afterClosing.Select(l => l!["accountCode"]!.GetValue<string>()).Should().Contain("3-3000").And.NotContain("4-9000");

        var verify = (await kop.Pengawas.Get(kop.Url("ledger/verification"))).ShouldBe(HttpStatusCode.OK);
        verify.Json["ledgerMatchesEvents"]!.GetValue<bool>().Should().BeTrue(verify.Text);
        verify.Json["allPeriodsMatch"]!.GetValue<bool>().Should().BeTrue(verify.Text);
        verify.Json["periods"]!.AsArray().Should().HaveCount(13);
        await BookChecks.CheckInvariants(kop, [m], "2026-01-31");
    }
}
