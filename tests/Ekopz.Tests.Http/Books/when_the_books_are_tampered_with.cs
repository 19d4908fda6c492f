using System.Net;
using System.Text.Json.Nodes;
using Ekopz.Tests.Http.Shop;
using Ekopz.Tests.Http.Support;
using static Ekopz.Tests.Http.Support.DirectSql;

namespace Ekopz.Tests.Http.Books;

/// <summary>
/// Verification must be able to fail. Each test builds a sealed January through the API, then edits the
/// ledger tables or a seal straight in PostgreSQL (as an attacker or a bug could) and expects
/// GET ledger/verification to name what was changed: the entry, the line, the field, and the period.
/// </summary>
public class when_the_books_are_tampered_with
{
    /// <summary>January 2025 of a fresh koperasi, closed: a member's pokok and sukarela, and a shop sale to her.</summary>
    internal sealed record SealedJanuary(TestKoperasi Kop, Guid Member, string Digest, Guid Deposit, Guid Sale);

    internal static async Task<SealedJanuary> Scenario()
    {
        var kop = await TestKoperasi.Create();
        var m = await kop.MemberSince("2025-01-06", "Sri");
        await kop.Deposit(m, "sukarela", 70_000m, "2025-01-20");
        var product = await kop.Product("GLA-1KG", memberPrice: 9_000m, publicPrice: 10_000m);
        await kop.Receive("2025-01-03", product, 10m, 7_000m);
        await kop.CounterSale("2025-01-21", m, (product, 1m));
        var digest = (await kop.Pengurus.Post(kop.Url("periods/2025-01/close"))).ShouldBe(HttpStatusCode.OK).String("digest");

        var journal = (await kop.Pengawas.Get(kop.Url("ledger/journal?from=2025-01-20&to=2025-01-21"))).ShouldBe(HttpStatusCode.OK);
        var entries = journal.Json["entries"]!.AsArray();
        Guid EntryOf(string source) => entries.Single(e => e!["source"]!.GetValue<string>() == source)!["entryId"]!.GetValue<Guid>();

        var clean = await Verification(kop);
        clean["ledgerMatchesEvents"]!.GetValue<bool>().Should().BeTrue(clean.ToJsonString());
        clean["allPeriodsMatch"]!.GetValue<bool>().Should().BeTrue(clean.ToJsonString());
        return new SealedJanuary(kop, m, digest, EntryOf("SavingsDeposited"), EntryOf("OrderPaid"));
    }

    internal static async Task<JsonNode> Verification(TestKoperasi kop) =>
        (await kop.Pengawas.Get(kop.Url("ledger/verification"))).ShouldBe(HttpStatusCode.OK).Json;

    private static JsonNode January(JsonNode verification) =>
        verification["periods"]!.AsArray().Single(p => p!["period"]!.GetValue<string>() == "2025-01")!;

    private static List<(Guid Entry, int? Line, string Field, string? Live, string? Rebuilt)> Differences(JsonNode verification) =>
        verification["differences"]!.AsArray().Select(d => (d!["entryId"]!.GetValue<Guid>(), d["lineNo"]?.GetValue<int>(), d["field"]!.GetValue<string>(),
            d["live"]?.GetValue<string>(), d["rebuilt"]?.GetValue<string>())).ToList();

    [Fact]
    public async Task an_amount_changed_in_a_sealed_month_is_named_and_breaks_the_seal()
    {
        var s = await Scenario();
        // A careful attacker: both sides of the sukarela deposit and the daily totals, so every report still balances.
        foreach (var (line, account) in new[] { (0, "1-1000"), (1, "2-1000") })
        {
            (await Execute($"update {Schema}.ledger_lines set debit = case when debit > 0 then 60000 else 0 end, credit = case when credit > 0 then 60000 else 0 end "
                + "where tenant_id = @t and entry_id = @e and line_no = @l", ("t", s.Kop.Slug), ("e", s.Deposit), ("l", line))).Should().Be(1);
            (await Execute($"update {Schema}.ledger_daily set debit = case when debit > 0 then debit - 10000 else 0 end, "
                + "credit = case when credit > 0 then credit - 10000 else 0 end "
                + "where tenant_id = @t and account_code = @a and business_date = '2025-01-20' and kind = 'regular'", ("t", s.Kop.Slug), ("a", account)))
                .Should().Be(1);
        }
        (await BookChecks.TrialBalance(s.Kop, "2025-01-31")).Of("2-1000").Should().Be(-60_000m, "the reports now show the tampered amount");

        var v = await Verification(s.Kop);
        v["ledgerMatchesEvents"]!.GetValue<bool>().Should().BeFalse();
        v["dailyTotalsMatchLines"]!.GetValue<bool>().Should().BeTrue("the daily totals were tampered alike");
        Differences(v).Should().BeEquivalentTo(new[]
        {
            (s.Deposit, (int?)0, "debit", (string?)"60000.00", (string?)"70000.00"),
            (s.Deposit, (int?)1, "credit", (string?)"60000.00", (string?)"70000.00"),
        });
        var january = January(v);
        january["matches"]!.GetValue<bool>().Should().BeFalse();
        january["sealedDigest"]!.GetValue<string>().Should().Be(s.Digest);
        january["rebuiltDigest"]!.GetValue<string>().Should().Be(s.Digest, "the events still say what was sealed");
        january["liveDigest"]!.GetValue<string>().Should().NotBe(s.Digest);
        january["reportDigest"]!.GetValue<string>().Should().NotBe(s.Digest);
        var problems = january["problems"]!.AsArray().Select(p => p!.GetValue<string>()).ToList();
        problems.Should().Contain(p => p.StartsWith("2-1000: sealed 0.00/70000.00, in the live ledger lines 0.00/60000.00"));
        problems.Should().Contain(p => p.StartsWith("1-1000:") && p.Contains("in the reports"));
        v["allPeriodsMatch"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public async Task a_counterparty_changed_behind_the_events_is_named_even_when_the_totals_still_add_up()
    {
        var s = await Scenario();
        var before = (await s.Kop.Pengawas.Get(s.Kop.Url("reports/income-statement?from=2025-01-01&to=2025-01-31"))).ShouldBe(HttpStatusCode.OK);
        before.Json["member"]!["revenues"]!["total"]!.GetValue<decimal>().Should().Be(9_000m);

        // The member's purchase recast as non-member business (it would move SHU between members and reserves),
        // with the daily totals moved alike so nothing else looks wrong.
        (await Execute($"update {Schema}.ledger_lines set counterparty = 'non_member' where tenant_id = @t and entry_id = @e and account_code = '4-2000'",
            ("t", s.Kop.Slug), ("e", s.Sale))).Should().Be(1);
        (await Execute($"update {Schema}.ledger_daily set counterparty = 'non_member' where tenant_id = @t and account_code = '4-2000' "
            + "and business_date = '2025-01-21' and counterparty = 'member'", ("t", s.Kop.Slug))).Should().Be(1);
        // And the cash line's cash flow category recast as well.
        (await Execute($"update {Schema}.ledger_lines set cash_flow = 'financing.other' where tenant_id = @t and entry_id = @e and account_code = '1-1000'",
            ("t", s.Kop.Slug), ("e", s.Sale))).Should().Be(1);
        var after = (await s.Kop.Pengawas.Get(s.Kop.Url("reports/income-statement?from=2025-01-01&to=2025-01-31"))).ShouldBe(HttpStatusCode.OK);
        after.Json["member"]!["revenues"]!["total"]!.GetValue<decimal>().Should().Be(0m, "the report reads the tampered split");

        var v = await Verification(s.Kop);
        v["ledgerMatchesEvents"]!.GetValue<bool>().Should().BeFalse();
        v["dailyTotalsMatchLines"]!.GetValue<bool>().Should().BeTrue();
        Differences(v).Should().BeEquivalentTo(new[]
        {
            (s.Sale, (int?)1, "counterparty", (string?)"non_member", (string?)"member"),
            (s.Sale, (int?)0, "cashFlow", (string?)"financing.other", (string?)"operating.shop_sales"),
        });
        // A trial balance has no counterparties: the seal itself still holds, the line comparison is what catches this.
        January(v)["matches"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task a_deleted_line_is_named_and_breaks_the_seal()
    {
        var s = await Scenario();
        (await Execute($"delete from {Schema}.ledger_lines where tenant_id = @t and entry_id = @e and line_no = 1", ("t", s.Kop.Slug), ("e", s.Deposit)))
            .Should().Be(1);

        var v = await Verification(s.Kop);
        v["ledgerMatchesEvents"]!.GetValue<bool>().Should().BeFalse();
        v["dailyTotalsMatchLines"]!.GetValue<bool>().Should().BeFalse("the daily totals still count the deleted line");
        var missing = Differences(v).Should().ContainSingle().Subject;
        missing.Should().Be((s.Deposit, (int?)1, "missing", (string?)null, missing.Rebuilt));
        missing.Rebuilt.Should().StartWith("2-1000 debit 0.00 credit 70000.00 on 2025-01-20");
        var january = January(v);
        january["matches"]!.GetValue<bool>().Should().BeFalse();
        january["liveDigest"]!.GetValue<string>().Should().NotBe(s.Digest);
        january["problems"]!.AsArray().Select(p => p!.GetValue<string>())
            .Should().Contain("2-1000: sealed 0.00/70000.00, in the live ledger lines 0.00/0.00");
    }

    [Fact]
    public async Task a_seal_changed_in_one_place_or_everywhere_no_longer_matches()
    {
        var s = await Scenario();
        var forged = new string('0', 64);

        // The close state the posting guard locks against, alone.
        (await Execute($"update {Schema}.ledger_periods set digest = @d where tenant_id = @t and period = '2025-01'", ("d", forged), ("t", s.Kop.Slug)))
            .Should().Be(1);
        var v = await Verification(s.Kop);
        v["ledgerMatchesEvents"]!.GetValue<bool>().Should().BeTrue("the ledger itself is untouched");
        var january = January(v);
        january["matches"]!.GetValue<bool>().Should().BeFalse();
        january["problems"]!.AsArray().Select(p => p!.GetValue<string>()).Should().Equal($"ledger_periods holds digest {forged}, the seal {s.Digest}");

        // Now the seal everywhere it is kept: the PeriodClosed event, its projected document and the row.
        (await Execute($"update {Schema}.mt_events set data = jsonb_set(data, '{{digest}}', to_jsonb(@d::text)) "
            + "where tenant_id = @t and type = 'period_closed'", ("d", forged), ("t", s.Kop.Slug))).Should().Be(1);
        (await Execute($"update {Schema}.mt_doc_accountingperiod set data = jsonb_set(data, '{{digest}}', to_jsonb(@d::text)) where tenant_id = @t",
            ("d", forged), ("t", s.Kop.Slug))).Should().Be(1);
        (await s.Kop.Pengawas.Get(s.Kop.Url("periods/2025-01"))).ShouldBe(HttpStatusCode.OK).String("digest").Should().Be(forged);

        v = await Verification(s.Kop);
        january = January(v);
        january["matches"]!.GetValue<bool>().Should().BeFalse();
        january["sealedDigest"]!.GetValue<string>().Should().Be(forged);
        january["rebuiltDigest"]!.GetValue<string>().Should().Be(s.Digest, "the events' postings still replay to what was really sealed");
        january["liveDigest"]!.GetValue<string>().Should().Be(s.Digest);
        january["problems"]!.AsArray().Select(p => p!.GetValue<string>())
            .Should().ContainSingle().Which.Should().Be($"the trial balance stored with the seal hashes to {s.Digest}, not to the sealed digest");
        v["allPeriodsMatch"]!.GetValue<bool>().Should().BeFalse();
    }
}
