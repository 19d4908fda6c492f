using System.Net;
using Ekopz.Tests.Http.Support;

namespace Ekopz.Tests.Http.Books;

public class when_the_pengurus_adjusts_the_books
{
    [Fact]
    public async Task a_manual_journal_needs_balance_a_second_person_and_then_posts()
    {
        var kop = await TestKoperasi.Create();
        var today = (await kop.Pengurus.Get(kop.Url("settings"))).String("asOf");
        (await kop.Pengurus.Post(kop.Url("ledger/adjustments"), new
        {
            businessDate = today, description = "tidak seimbang",
            lines = new[] { new { accountCode = "5-3000", debit = 10m, credit = 0m }, new { accountCode = "1-1000", debit = 0m, credit = 9m } },
        })).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await kop.Pengurus.Post(kop.Url("ledger/adjustments"), new
        {
            businessDate = today, description = "akun tak dikenal",
            lines = new[] { new { accountCode = "5-9999", debit = 10m, credit = 0m }, new { accountCode = "1-1000", debit = 0m, credit = 10m } },
        })).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");

        var id = (await kop.Pengurus.Post(kop.Url("ledger/adjustments"), new
        {
            businessDate = today, description = "Hibah dari pemda",
            lines = new[] { new { accountCode = "1-1010", debit = 5_000_000m, credit = 0m }, new { accountCode = "3-1300", debit = 0m, credit = 5_000_000m } },
        })).ShouldBe(HttpStatusCode.Accepted).Guid("adjustmentId");
        (await BookChecks.TrialBalance(kop, today)).Of("3-1300").Should().Be(0m, "nothing posts before approval");
        (await kop.Pengurus.Post(kop.Url($"ledger/adjustments/{id}/approve"))).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "same_maker_checker");
        (await kop.Pengawas.Post(kop.Url($"ledger/adjustments/{id}/approve"))).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        (await kop.Pengurus2.Post(kop.Url($"ledger/adjustments/{id}/approve"))).ShouldBe(HttpStatusCode.OK).String("status").Should().Be("approved");
        (await kop.Pengurus2.Post(kop.Url($"ledger/adjustments/{id}/approve"))).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state");

        var tb = await BookChecks.TrialBalance(kop, today);
        tb.Of("3-1300").Should().Be(-5_000_000m);
        var bs = (await kop.Pengawas.Get(kop.Url($"reports/balance-sheet?asOf={today}"))).ShouldBe(HttpStatusCode.OK);
        bs.Decimal("ownCapital").Should().Be(5_000_000m, "a grant is own capital");
        var cf = (await kop.Pengawas.Get(kop.Url($"reports/cash-flow?from={today}&to={today}"))).ShouldBe(HttpStatusCode.OK);
        cf.Json["operating"]!["net"]!.GetValue<decimal>().Should().Be(5_000_000m);
    }

    [Fact]
    public async Task the_chart_changes_from_a_date_and_never_rewrites_the_past()
    {
        var kop = await TestKoperasi.Create();
        var m = await kop.ActiveMember();
        var today = NodaTime.Text.LocalDatePattern.Iso.Parse((await kop.Pengurus.Get(kop.Url("settings"))).String("asOf")).Value;
        var tomorrow = today.PlusDays(1).ToString("yyyy-MM-dd", null);
        var t = today.ToString("yyyy-MM-dd", null);

        var added = (await kop.Pengurus.Post(kop.Url("ledger/accounts"), new { code = "5-3700", name = "Beban transportasi", @class = "expense" }))
            .ShouldBe(HttpStatusCode.Created);
        added.String("name").Should().Be("Beban transportasi");
        (await kop.Pengurus.Post(kop.Url("ledger/accounts"), new { code = "5-3700", name = "Lagi", @class = "expense" })).ShouldBeProblem(HttpStatusCode.Conflict, "conflict");
        (await kop.Pengurus.Post(kop.Url("ledger/accounts"), new { code = "1-9000", name = "Salah", @class = "expense" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");

        (await kop.Pengurus.Send(HttpMethod.Patch, kop.Url("ledger/accounts/1-1000"), $"{{\"name\":\"Kas kantor\",\"effectiveFrom\":\"{tomorrow}\"}}"))
            .ShouldBe(HttpStatusCode.OK);
        var accountsToday = (await kop.Pengawas.Get(kop.Url($"ledger/accounts?asOf={t}"))).Json.AsArray();
        accountsToday.Single(a => a!["code"]!.GetValue<string>() == "1-1000")!["name"]!.GetValue<string>().Should().Be("Kas");
        var accountsTomorrow = (await kop.Pengawas.Get(kop.Url($"ledger/accounts?asOf={tomorrow}"))).Json.AsArray();
        accountsTomorrow.Single(a => a!["code"]!.GetValue<string>() == "1-1000")!["name"]!.GetValue<string>().Should().Be("Kas kantor");

        // Pokok presented as a liability from tomorrow: today's balance sheet keeps it in equity.
        (await kop.Pengurus.Put(kop.Url("ledger/savings-classification/pokok"), new { presentAs = "liability", effectiveFrom = t }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await kop.Pengurus.Put(kop.Url("ledger/savings-classification/pokok"), new { presentAs = "liability" })).ShouldBe(HttpStatusCode.OK);
        var bsToday = (await kop.Pengawas.Get(kop.Url($"reports/balance-sheet?asOf={t}"))).ShouldBe(HttpStatusCode.OK);
        bsToday.Json["equity"]!["lines"]!.AsArray().Should().Contain(l => l!["accountCode"]!.GetValue<string>() == "3-1000");
        var bsTomorrow = (await kop.Pengawas.Get(kop.Url($"reports/balance-sheet?asOf={tomorrow}"))).ShouldBe(HttpStatusCode.OK);
        bsTomorrow.Json["currentLiabilities"]!["lines"]!.AsArray().Should().Contain(l => l!["accountCode"]!.GetValue<string>() == "3-1000");
        bsTomorrow.Json["balanced"]!.GetValue<bool>().Should().BeTrue();

        // An account with a balance or a role cannot be deactivated.
        (await kop.Pengurus.Post(kop.Url("ledger/accounts/1-1000/deactivate"), new { })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "invalid_state");
        (await kop.Pengurus.Post(kop.Url("ledger/accounts/5-3700/deactivate"), new { })).ShouldBe(HttpStatusCode.OK);
        (await kop.Kasir.Post(kop.Url("ledger/accounts"), new { code = "5-3800", name = "X", @class = "expense" })).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        _ = m;
    }
}
