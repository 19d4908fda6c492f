using System.Net;
using System.Text.Json.Nodes;
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
        // A grant is own capital coming in: financing, inferred from the equity counter account when the journal was proposed.
        cf.Json["financing"]!["lines"]!.AsArray().Single(l => l!["category"]!.GetValue<string>() == "financing.other")!["net"]!.GetValue<decimal>()
            .Should().Be(5_000_000m);
        cf.Json["operating"]!["net"]!.GetValue<decimal>().Should().Be(0m);
    }

    [Fact]
    public async Task the_cash_flow_shows_capital_grants_and_borrowing_as_financing_and_fixed_assets_as_investing()
    {
        var kop = await TestKoperasi.Create(pokok: 100_000m, wajib: 25_000m);
        var m = await kop.MemberSince("2025-05-02");
        await kop.Deposit(m, "wajib", 25_000m, "2025-05-05");
        await kop.Adjust("2025-05-10", "Hibah dari pemda", ("1-1010", 5_000_000m, 0m), ("3-1300", 0m, 5_000_000m));
        await kop.Adjust("2025-05-12", "Pinjaman dari BPD", ("1-1010", 10_000_000m, 0m), ("2-2000", 0m, 10_000_000m));
        await kop.Adjust("2025-05-15", "Pembelian komputer", ("1-2000", 3_000_000m, 0m), ("1-1010", 0m, 3_000_000m));
        await kop.Adjust("2025-05-20", "Listrik Mei", ("5-3200", 200_000m, 0m), ("1-1000", 0m, 200_000m));
        // An explicit category still wins: this grant instalment is booked as operating on purpose.
        var explicitly = (await kop.Pengurus.Post(kop.Url("ledger/adjustments"), new
        {
            businessDate = "2025-05-22", description = "Hibah operasional",
            lines = new object[]
            {
                new { accountCode = "1-1000", debit = 50_000m, credit = 0m, cashFlow = "operating.other" },
                new { accountCode = "3-1300", debit = 0m, credit = 50_000m },
            },
        })).ShouldBe(HttpStatusCode.Accepted);
        explicitly.Json["lines"]!.AsArray()[0]!["cashFlow"]!.GetValue<string>().Should().Be("operating.other");
        (await kop.Pengurus2.Post(kop.Url($"ledger/adjustments/{explicitly.Guid("adjustmentId")}/approve"))).ShouldBe(HttpStatusCode.OK);

        var cf = (await kop.Pengawas.Get(kop.Url("reports/cash-flow?from=2025-05-01&to=2025-05-31"))).ShouldBe(HttpStatusCode.OK);
        static Dictionary<string, decimal> Lines(JsonNode section) =>
            section["lines"]!.AsArray().ToDictionary(l => l!["category"]!.GetValue<string>(), l => l!["net"]!.GetValue<decimal>());
        Lines(cf.Json["financing"]!).Should().BeEquivalentTo(new Dictionary<string, decimal>
        {
            ["financing.member_capital"] = 125_000m, // pokok and wajib
            ["financing.other"] = 15_000_000m, // the grant and the bank loan
        });
        cf.Json["financing"]!["net"]!.GetValue<decimal>().Should().Be(15_125_000m);
        Lines(cf.Json["investing"]!).Should().BeEquivalentTo(new Dictionary<string, decimal> { ["investing.other"] = -3_000_000m });
        Lines(cf.Json["operating"]!).Should().BeEquivalentTo(new Dictionary<string, decimal> { ["operating.other"] = -150_000m });
        cf.Decimal("netChange").Should().Be(125_000m + 15_000_000m - 3_000_000m - 150_000m);
        cf.Json["reconciles"]!.GetValue<bool>().Should().BeTrue();

        // The category is stored on the proposal's lines and posted as is.
        var adjustments = (await kop.Pengawas.Get(kop.Url("ledger/adjustments"))).ShouldBe(HttpStatusCode.OK).Json.AsArray();
        adjustments.Single(a => a!["description"]!.GetValue<string>() == "Pinjaman dari BPD")!["lines"]!.AsArray()
            .Select(l => l!["cashFlow"]?.GetValue<string>()).Should().Equal("financing.other", null);
        await BookChecks.CheckInvariants(kop, [m], "2025-05-31");
    }

    [Fact]
    public async Task a_correction_names_the_entry_it_corrects_and_closed_months_stay_closed()
    {
        var kop = await TestKoperasi.Create();
        var m = await kop.MemberSince("2025-03-03");
        // The wrong posting: March's electricity booked as rent.
        await kop.Adjust("2025-03-15", "Beban Maret", ("5-3100", 1_500_000m, 0m), ("1-1000", 0m, 1_500_000m));
        var march = (await kop.Pengawas.Get(kop.Url("ledger/journal?from=2025-03-15&to=2025-03-15"))).ShouldBe(HttpStatusCode.OK);
        var wrong = march.Json["entries"]!.AsArray().Single(e => e!["source"]!.GetValue<string>() == "JournalVoucherApproved")!["entryId"]!.GetValue<Guid>();
        (await kop.Pengurus.Post(kop.Url("periods/2025-03/close"))).ShouldBe(HttpStatusCode.OK);

        object Correction(string date, Guid? corrects) => new
        {
            businessDate = date, description = "Koreksi: beban Maret adalah listrik, bukan sewa", corrects,
            lines = new[] { new { accountCode = "5-3200", debit = 1_500_000m, credit = 0m }, new { accountCode = "5-3100", debit = 0m, credit = 1_500_000m } },
        };
        // Inside the closed month: refused. Naming no entry of these books: refused, field by field.
        (await kop.Pengurus.Post(kop.Url("ledger/adjustments"), Correction("2025-03-31", wrong))).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "period_closed");
        var unknown = (await kop.Pengurus.Post(kop.Url("ledger/adjustments"), Correction("2025-04-10", Guid.NewGuid())))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        unknown.Json["errors"]!.AsObject().Select(e => e.Key).Should().Equal("corrects");
        var other = await TestKoperasi.Create();
        var otherMember = await other.ActiveMember();
        var otherJournal = (await other.Pengawas.Get(other.Url("ledger/journal"))).ShouldBe(HttpStatusCode.OK);
        var foreignEntry = otherJournal.Json["entries"]!.AsArray()[0]!["entryId"]!.GetValue<Guid>();
        (await kop.Pengurus.Post(kop.Url("ledger/adjustments"), Correction("2025-04-10", foreignEntry)))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed").Json["errors"]!.AsObject().Select(e => e.Key).Should().Equal("corrects");
        (await kop.Pengawas.Get(kop.Url("ledger/adjustments"))).Json.AsArray().Should().ContainSingle("refused proposals leave nothing behind")
            .Which!["description"]!.GetValue<string>().Should().Be("Beban Maret");

        // In the open April: proposed, approved, posted, and it names what it corrects.
        var id = (await kop.Pengurus.Post(kop.Url("ledger/adjustments"), Correction("2025-04-10", wrong))).ShouldBe(HttpStatusCode.Accepted).Guid("adjustmentId");
        (await kop.Pengurus2.Post(kop.Url($"ledger/adjustments/{id}/approve"))).ShouldBe(HttpStatusCode.OK).String("corrects").Should().Be(wrong.ToString());
        var april = (await kop.Pengawas.Get(kop.Url("ledger/journal?from=2025-04-01&to=2025-04-30"))).ShouldBe(HttpStatusCode.OK);
        var correction = april.Json["entries"]!.AsArray().Single(e => e!["source"]!.GetValue<string>() == "JournalVoucherApproved")!;
        correction["reference"]!.GetValue<Guid>().Should().Be(wrong);
        correction["businessDate"]!.GetValue<string>().Should().Be("2025-04-10");
        var original = (await kop.Pengawas.Get(kop.Url($"ledger/entries/{correction["reference"]!.GetValue<Guid>()}"))).ShouldBe(HttpStatusCode.OK);
        original.String("businessDate").Should().Be("2025-03-15");
        original.Json["lines"]!.AsArray().Select(l => (l!["accountCode"]!.GetValue<string>(), l["debit"]!.GetValue<decimal>()))
            .Should().Contain(("5-3100", 1_500_000m));
        (await kop.Pengawas.Get(original.String("event"))).ShouldBe(HttpStatusCode.OK).String("type").Should().Be("journal_voucher_approved");
        var tb = await BookChecks.TrialBalance(kop, "2025-04-30");
        tb.Of("5-3100").Should().Be(0m);
        tb.Of("5-3200").Should().Be(1_500_000m);
        (await BookChecks.TrialBalance(kop, "2025-03-31")).Of("5-3100").Should().Be(1_500_000m, "March says what it said when it was closed");

        // Proposed while April was open, April closed before the approval: the approval is refused and changes nothing.
        var late = (await kop.Pengurus.Post(kop.Url("ledger/adjustments"), new
        {
            businessDate = "2025-04-28", description = "Sewa April",
            lines = new[] { new { accountCode = "5-3100", debit = 800_000m, credit = 0m }, new { accountCode = "1-1000", debit = 0m, credit = 800_000m } },
        })).ShouldBe(HttpStatusCode.Accepted).Guid("adjustmentId");
        var aprilSeal = (await kop.Pengurus.Post(kop.Url("periods/2025-04/close"))).ShouldBe(HttpStatusCode.OK).String("digest");
        (await kop.Pengurus2.Post(kop.Url($"ledger/adjustments/{late}/approve"))).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "period_closed");
        (await kop.Pengawas.Get(kop.Url("ledger/adjustments"))).Json.AsArray().Single(a => a!["adjustmentId"]!.GetValue<Guid>() == late)!["status"]!
            .GetValue<string>().Should().Be("requested");
        (await BookChecks.TrialBalance(kop, "2025-04-30")).Of("5-3100").Should().Be(0m);
        (await kop.Pengawas.Get(kop.Url("ledger/journal?from=2025-04-28&to=2025-04-28"))).Json["entries"]!.AsArray().Should().BeEmpty();
        var verify = (await kop.Pengawas.Get(kop.Url("ledger/verification"))).ShouldBe(HttpStatusCode.OK);
        verify.Json["allPeriodsMatch"]!.GetValue<bool>().Should().BeTrue(verify.Text);
        verify.Json["periods"]!.AsArray().Single(p => p!["period"]!.GetValue<string>() == "2025-04")!["sealedDigest"]!.GetValue<string>().Should().Be(aprilSeal);
        await BookChecks.CheckInvariants(kop, [m], "2025-03-31", "2025-04-30");
        _ = otherMember;
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
