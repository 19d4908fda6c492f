using Ekopz.Domain.Common;
using Ekopz.Domain.Ledger;
using Ekopz.Domain.Members;
using Ekopz.Domain.Savings;
using NodaTime;

namespace Ekopz.Tests.Unit.Ledger;

/// <summary>
/// Rule versions are chosen by the event's business date (docs/adr/0009). A synthetic v2 shows the recipe
/// for changing how an event posts: a new set effective from a date, reusing v1's posters for everything else.
/// </summary>
public class when_choosing_a_posting_rule_version
{
    private static readonly Chart Chart = Ekopz.Domain.Ledger.Chart.Evolve(null, new ChartOpened(ChartTemplate.Default, Meta(new LocalDate(2026, 1, 1))))!;
    private static readonly LocalDate V2From = new(2026, 7, 1);

    private static EventMeta Meta(LocalDate date) => new("kasir", date, Instant.FromUtc(2026, 7, 1, 2, 0), Channels.Counter, "c");

    /// <summary>v2 posts wajib deposits received at the counter to the bank account (say, because the kas is banked daily); the rest as v1.</summary>
    private static IReadOnlyList<JournalEntry>? V2Savings(IDomainEvent e, EventRef r, Chart chart, string v) =>
        e is SavingsDeposited { Kind: SavingsKind.Wajib } x
            ? [PostingRuleBook.FromEvent(x, r, v, "Setoran simpanan wajib (v2)", new EntryLines()
                .Debit(chart.CodeFor(AccountRoles.CashBank, x.Meta.BusinessDate), x.Amount, x.Counterparty, CashFlows.MemberCapital, x.MemberId)
                .Credit(chart.CodeFor(AccountRoles.SavingsWajib, x.Meta.BusinessDate), x.Amount, x.Counterparty, null, x.MemberId))]
            : null;

    private static readonly PostingRuleSet V2 = new("v2", V2From, [V2Savings, .. PostingRuleBook.V1.Posters]);
    private static readonly IReadOnlyList<PostingRuleSet> Versions = [PostingRuleBook.V1, V2];

    private static SavingsDeposited Wajib(LocalDate date) =>
        new(Guid.NewGuid(), Guid.NewGuid(), SavingsKind.Wajib, 25_000m, CounterpartyClass.Member, CashPoints.Kas, null, Meta(date));

    private static JournalEntry PostOne(IDomainEvent e) => PostingRuleBook.Post(Versions, e, new EventRef(Guid.NewGuid(), 1), Chart).Should().ContainSingle().Subject;

    [Fact]
    public void an_event_dated_before_v2_posts_under_v1()
    {
        var entry = PostOne(Wajib(V2From.PlusDays(-1)));
        entry.RuleVersion.Should().Be("v1");
        entry.Lines.Select(l => l.AccountCode).Should().Equal("1-1000", "3-1100");
    }

    [Fact]
    public void an_event_dated_on_or_after_v2s_date_posts_under_v2()
    {
        foreach (var date in new[] { V2From, V2From.PlusDays(1), new LocalDate(2030, 1, 1) })
        {
            var entry = PostOne(Wajib(date));
            entry.RuleVersion.Should().Be("v2", date.ToString());
            entry.Lines.Select(l => l.AccountCode).Should().Equal("1-1010", "3-1100");
        }
    }

    [Fact]
    public void events_v2_does_not_change_still_post_as_v1_did_but_are_stamped_v2()
    {
        var sukarela = new SavingsDeposited(Guid.NewGuid(), Guid.NewGuid(), SavingsKind.Sukarela, 10_000m, CounterpartyClass.Member, CashPoints.Kas, null,
            Meta(V2From));
        var underV2 = PostOne(sukarela);
        var underV1 = PostingRuleBook.Post([PostingRuleBook.V1], sukarela, new EventRef(Guid.NewGuid(), 1), Chart).Single();
        underV2.RuleVersion.Should().Be("v2");
        underV2.Lines.Should().Equal(underV1.Lines);
    }

    [Fact]
    public void the_latest_version_effective_on_or_before_the_date_wins_whatever_the_list_order()
    {
        var v3 = new PostingRuleSet("v3", new LocalDate(2027, 1, 1), PostingRuleBook.V1.Posters);
        IReadOnlyList<PostingRuleSet> shuffled = [v3, PostingRuleBook.V1, V2];
        PostingRuleBook.For(shuffled, new LocalDate(2026, 6, 30)).Version.Should().Be("v1");
        PostingRuleBook.For(shuffled, new LocalDate(2026, 12, 31)).Version.Should().Be("v2");
        PostingRuleBook.For(shuffled, new LocalDate(2027, 1, 1)).Version.Should().Be("v3");
    }

    [Fact]
    public void a_date_before_every_version_is_refused()
    {
        var act = () => PostingRuleBook.For([V2], new LocalDate(2026, 1, 1));
        act.Should().Throw<InvalidOperationException>().WithMessage("*No posting rules*");
    }

    [Fact]
    public void the_real_rule_book_starts_with_v1_from_the_beginning_and_its_versions_are_in_order()
    {
        PostingRuleBook.Versions[0].Should().BeSameAs(PostingRuleBook.V1);
        PostingRuleBook.V1.EffectiveFrom.Should().Be(LocalDate.MinIsoValue);
        PostingRuleBook.Versions.Select(v => v.Version).Should().OnlyHaveUniqueItems();
        PostingRuleBook.Versions.Select(v => v.EffectiveFrom).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        PostingRuleBook.For(new LocalDate(2025, 1, 1)).Should().BeSameAs(PostingRuleBook.Versions.Last(v => v.EffectiveFrom <= new LocalDate(2025, 1, 1)));
    }
}
