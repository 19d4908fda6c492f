using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Ekopz.Domain.Common;
using Ekopz.Domain.Ledger;
using Ekopz.Domain.Loans;
using Ekopz.Domain.Members;
using Ekopz.Domain.Savings;
using Ekopz.Domain.Shop;
using Ekopz.Domain.Shu;
using NodaTime;

namespace Ekopz.Tests.Unit.Ledger;

/// <summary>
/// v1 is in force in closed periods, so what it posts must never change (docs/adr/0009): this pins its
/// entries for a fixed set of representative events of every area against a checked-in golden file,
/// golden/posting-rules-v1.json. A failure here means an existing event would now post differently: add a
/// new rule version instead. (Only when an event type that never posted before gets rules, or the chart
/// template itself changes, is regenerating right: run with EKOPZ_UPDATE_GOLDEN=1 and review the diff.)
/// </summary>
public class when_posting_rules_v1_are_pinned
{
    private static readonly LocalDate Day = new(2026, 3, 10);
    private static readonly Chart Chart = Ekopz.Domain.Ledger.Chart.Evolve(null, new ChartOpened(ChartTemplate.Default, Meta()))!;

    private static Guid G(string name) => DeterministicGuid.Create("golden:" + name);

    private static EventMeta Meta(string channel = Channels.Counter, LocalDate? date = null) =>
        new("kasir", date ?? Day, Instant.FromUtc(2026, 3, 10, 2, 30, 15).PlusNanoseconds(123_400), channel, "corr-1");

    private static readonly Guid Member = G("member");
    private static readonly Guid Loan = G("loan");
    private static readonly Guid Order = G("order");
    private static readonly Guid Unit = G("unit");
    private static readonly Guid Product = G("product");

    /// <summary>Representative events: each posting branch of each area at least once.</summary>
    private static IEnumerable<(string Name, IDomainEvent Event)> Events()
    {
        var m = CounterpartyClass.Member;
        var n = CounterpartyClass.NonMember;
        yield return ("pokok deposit at the kas", new SavingsDeposited(Member, G("tx1"), SavingsKind.Pokok, 100_000m, m, CashPoints.Kas, null, Meta()));
        yield return ("wajib deposit by transfer", new SavingsDeposited(Member, G("tx2"), SavingsKind.Wajib, 25_000m, m, CashPoints.Bank, "Maret", Meta(Channels.Transfer)));
        yield return ("sukarela deposit", new SavingsDeposited(Member, G("tx3"), SavingsKind.Sukarela, 1_250_000.50m, m, CashPoints.Kas, null, Meta()));
        yield return ("sukarela withdrawal", new SavingsWithdrawn(Member, G("tx4"), G("w1"), SavingsKind.Sukarela, 300_000m, m, CashPoints.Bank, "kasir", Meta()));
        yield return ("deposit reversal", new SavingsDepositReversed(Member, G("tx5"), G("rev1"), G("tx3"), SavingsKind.Sukarela, 1_250_000.50m, m, CashPoints.Kas,
            "salah input", "kasir", Meta()));
        yield return ("interest with tax", new SavingsInterestCredited(Member, G("tx6"), "2026-02", "daily", 6m, 60_000_000m, 305_753m, 30_575m, Meta(Channels.System)));
        yield return ("member exit netting a loan", new MemberExited(Member, G("tx7"), false, "pindah", "Budi", new SavingsBalances(100_000m, 75_000m, 50_000m),
            [new RefundOffset(AccountRoles.LoanReceivable, Loan, 80_000m)], m, CashPoints.Kas, Meta()));
        yield return ("manual journal with a cash line", new JournalVoucherApproved(G("jv1"), "Hibah pemda", [new VoucherLine("1-1010", 5_000_000m, 0m,
            CashFlows.OtherFinancing, null), new VoucherLine("3-1300", 0m, 5_000_000m, null, "SK 12/2026")], "pengurus", null, Meta(Channels.Web)));
        yield return ("manual journal correcting an entry, cash category left to the default", new JournalVoucherApproved(G("jv2"), "Koreksi beban",
            [new VoucherLine("5-3100", 150_000m, 0m, null, null), new VoucherLine("1-1000", 0m, 150_000m, null, null)], "pengurus", G("tx2"), Meta(Channels.Web)));
        yield return ("year close", new YearClosed(2025, [new JournalLine("4-1000", 1_000_000m, 0m, m), new JournalLine("5-2000", 0m, 300_000m, m),
            new JournalLine("3-3000", 0m, 700_000m)], 700_000m, Meta(Channels.Web, new LocalDate(2025, 12, 31))));
        yield return ("loan disbursed, fees netted", new LoanDisbursed(Loan, Member, G("tx8"), 10_000_000m, 100_000m, 25_000m, FeeCollection.Netted,
            [new ScheduledInstallment(1, new LocalDate(2026, 4, 10), 10_000_000m, 150_000m)], m, CashPoints.Kas, Meta()));
        yield return ("loan disbursed, fees paid apart", new LoanDisbursed(G("loan2"), Member, G("tx9"), 5_000_000m, 50_000m, 0m, FeeCollection.Separate,
            [new ScheduledInstallment(1, new LocalDate(2026, 4, 10), 5_000_000m, 75_000m)], m, CashPoints.Bank, Meta()));
        yield return ("loan payment", new LoanPaymentReceived(Loan, Member, G("tx10"), 1_190_000m, 10_000m, 180_000m, 1_000_000m, [], false, 0m, m, CashPoints.Kas,
            Meta()));
        yield return ("allowance booked", new LoanAllowanceBooked(G("tx11"), 250_000m, 250_000m, 0m, null, Meta(Channels.System)));
        yield return ("loan written off", new LoanWrittenOff(Loan, Member, G("tx12"), 2_000_000m, 400, "macet", m, Meta()));
        yield return ("recovery received", new LoanRecoveryReceived(Loan, Member, G("tx13"), 500_000m, m, CashPoints.Kas, Meta()));
        yield return ("stock received in cash", new StockReceived(Product, Unit, G("rcp1"), "PT A", 7m, 12_345.67m, 86_419.69m, "cash", Meta()));
        yield return ("stock received on credit", new StockReceived(Product, Unit, G("rcp2"), "PT B", 1m, 500m, 500m, "credit", Meta()));
        yield return ("member sale paid by transfer", new OrderPaid(Order, Unit, UnitKind.Own, 18_000m, 15_000m, "transfer", CashPoints.Bank, m, Member,
            [new LineCost(1, 14_000m)], false, 0m, Meta(Channels.Web)));
        yield return ("public sale in cash", new OrderPaid(G("order2"), Unit, UnitKind.Own, 20_000m, 0m, "cash", CashPoints.Kas, n, null, [], true, 0m, Meta()));
        yield return ("sale of a seller unit", new OrderPaid(G("order3"), G("unit2"), UnitKind.Seller, 40_000m, 15_000m, "transfer", CashPoints.Bank, m, Member, [],
            false, 0m, Meta()));
        yield return ("cost of a member sale", new StockSold(Product, Unit, Order, 1m, 14_000m, true, true, m, Member, Meta()));
        yield return ("restocked after a return", new StockRestocked(Product, Unit, Order, G("ret1"), 1m, 7_000m, true, m, Member, Meta()));
        yield return ("stock adjusted down", new StockAdjusted(Product, Unit, G("adj1"), -2m, -24_691.34m, "rusak", Meta()));
        yield return ("stock count surplus", new StockCounted(Product, Unit, G("cnt1"), 10m, 11m, 1m, 12_345.67m, Meta()));
        yield return ("paid order cancelled", new OrderCancelled(G("order4"), Unit, UnitKind.Own, "batal", true, 18_000m, 15_000m, CashPoints.Bank, m, Member,
            Meta()));
        yield return ("order returned", new OrderReturned(Order, Unit, UnitKind.Own, G("ret1"), [new ReturnLine(1, Product, 1m, 9_000m, 7_000m)], "cacat", true,
            CashPoints.Kas, m, Member, Meta()));
        yield return ("order shipped", new OrderShipped(Order, "JNE", "JNE123", 12_000m, CashPoints.Kas, Meta()));
        yield return ("seller sale settled", new SellerSaleSettled(G("unit2"), G("order3"), 40_000m, 5m, 2_000m, m, Member, Meta()));
        yield return ("seller sale reversed", new SellerSaleReversed(G("unit2"), G("order3"), G("ret2"), 40_000m, 2_000m, m, Member, Meta()));
        yield return ("unit payout", new UnitPayoutApproved(G("unit2"), G("payout1"), 38_000m, CashPoints.Bank, "toko", m, Member, Meta()));
        yield return ("shop credit repaid", new ShopCreditRepaid(Member, G("pay1"), 45_000m, CashPoints.Kas, Meta()));
        yield return ("SHU allocation by the RAT", new ShuAllocationApproved(2025, 700_000m, 600_000m, 100_000m, "3-2000",
            [new DecidedBucket("Cadangan", 40m, "reserve", null, 240_000m, 0m, "3-2000"), new DecidedBucket("Jasa usaha", 30m, "jasa_usaha", "loan_interest",
                180_000m, 180_000m, null), new DecidedBucket("Dana pendidikan", 5m, "fund", null, 30_000m, 0m, "2-1430")],
            [new DecidedMember(Member, "000001", "Budi", 179_999m, 150_000m, [], new Dictionary<string, decimal>())], 1m, "3-2000", "pokok_wajib",
            Meta(Channels.Web)));
        yield return ("SHU paid in cash", new ShuPaidInCash(2025, Member, 329_999m, CashPoints.Kas, Meta()));
        yield return ("SHU credited to sukarela", new ShuCreditedToSavings(Member, G("tx14"), 2025, 329_999m, Meta(Channels.System)));
    }

    [Fact]
    public void every_representative_event_posts_exactly_what_the_golden_file_says()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture; // descriptions format numbers
        try
        {
            var sequence = 100L;
            var cases = Events().Select(x => new
            {
                @case = x.Name,
                @event = x.Event.GetType().Name,
                entries = PostingRuleBook.Post([PostingRuleBook.V1], x.Event, new EventRef(G("event:" + x.Name), ++sequence), Chart).Select(Shape).ToList(),
            }).ToList();
            cases.Should().OnlyContain(c => c.entries.Count > 0, "every representative event moves money");
            var actual = JsonSerializer.Serialize(cases, new JsonSerializerOptions { WriteIndented = true }).ReplaceLineEndings("\n") + "\n";
            Golden.Match("posting-rules-v1.json", actual);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    /// <summary>Every field of an entry and its lines, amounts with exactly two decimals (the scale of a decimal is not a rule change).</summary>
    private static object Shape(JournalEntry e) => new
    {
        entryId = e.EntryId, eventId = e.EventId, sequence = e.Sequence, source = e.Source, kind = e.Kind,
        businessDate = e.BusinessDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), recordedAt = NodaTime.Text.InstantPattern.ExtendedIso.Format(e.RecordedAt),
        actor = e.Actor, description = e.Description, ruleVersion = e.RuleVersion, reference = e.Reference,
        lines = e.Lines.Select(l => new
        {
            account = l.AccountCode, debit = l.Debit.ToString("0.00", CultureInfo.InvariantCulture), credit = l.Credit.ToString("0.00", CultureInfo.InvariantCulture),
            counterparty = l.Counterparty?.ToString(), cashFlow = l.CashFlow, memberId = l.MemberId, memo = l.Memo,
        }).ToList(),
    };
}

/// <summary>
/// A checked-in golden file next to this source file (golden/&lt;name&gt;). A missing or different file fails;
/// EKOPZ_UPDATE_GOLDEN=1 rewrites it, for a deliberate change that a reviewer then reads in the diff.
/// </summary>
internal static class Golden
{
    public static void Match(string name, string actual, [CallerFilePath] string source = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(source)!, "golden", name);
        if (Environment.GetEnvironmentVariable("EKOPZ_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }
        File.Exists(path).Should().BeTrue($"the golden file {path} pins this output; create it with EKOPZ_UPDATE_GOLDEN=1 and review it");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (expected == actual) return;
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var at = Enumerable.Range(0, Math.Min(e.Length, a.Length)).FirstOrDefault(i => e[i] != a[i], Math.Min(e.Length, a.Length));
        var context = string.Join("\n", e.Take(at).TakeLast(12));
        actual.Should().Be(expected,
            $"{path} pins it; first difference at line {at + 1}:\n  golden: {(at < e.Length ? e[at] : "(end)")}\n  now:    {(at < a.Length ? a[at] : "(end)")}\n"
            + $"after:\n{context}\nA rule version in force in a closed period must not change: add a new version (docs/adr/0009)");
    }
}
