using Ekopz.Domain.Common;
using Ekopz.Domain.Ledger;
using Ekopz.Domain.Shu;
using NodaTime;

namespace Ekopz.Tests.Unit.Writes;

/// <summary>The SHU rules that moved out of the endpoint into Domain (docs/adr/0037): where a bucket is credited, the RAT deadline.</summary>
public class when_shu_is_decided_or_paid_on_the_write_path
{
    private static readonly LocalDate Day = new(2026, 3, 1);
    private static readonly Chart Chart = Ekopz.Domain.Ledger.Chart.Evolve(null, new ChartOpened(ChartTemplate.Default,
        new EventMeta("admin", new LocalDate(2026, 1, 1), Instant.FromUtc(2026, 1, 1, 0, 0), Channels.Web, "c")))!;

    [Theory]
    [InlineData("Cadangan", BucketKinds.Reserve, null, "3-2000")]
    [InlineData("Cadangan risiko", BucketKinds.Reserve, null, "3-2100")]
    [InlineData("Dana pendidikan", BucketKinds.Fund, null, "2-1430")]
    [InlineData("Dana sosial", BucketKinds.Fund, null, "2-1440")]
    [InlineData("Apa saja", BucketKinds.Fund, "2-1410", "2-1410")]
    public void a_bucket_credits_the_account_it_names_or_the_one_its_kind_and_name_find(string name, string kind, string? code, string expected) =>
        ShuBucketAccounts.For(Chart, new ShuBucket(name, 10m, kind, null, code), Day).Should().Be(expected);

    [Fact]
    public void a_bucket_naming_no_fund_or_a_wrong_account_is_bad_input()
    {
        var unknownFund = () => ShuBucketAccounts.For(Chart, new ShuBucket("Dana rekreasi", 5m, BucketKinds.Fund), Day);
        unknownFund.Should().Throw<DomainException>().Which.Errors!.Keys.Should().Contain("accountCode");
        var revenue = () => ShuBucketAccounts.For(Chart, new ShuBucket("X", 5m, BucketKinds.Fund, null, "4-9000"), Day);
        revenue.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.ValidationFailed);
        var missing = () => ShuBucketAccounts.For(Chart, new ShuBucket("X", 5m, BucketKinds.Reserve, null, "9-9999"), Day);
        missing.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.ValidationFailed);
    }

    [Fact]
    public void a_rat_after_30_june_of_the_next_year_is_late_but_stands()
    {
        RatDeadline.LateWarning(2025, new LocalDate(2026, 6, 30)).Should().BeNull();
        RatDeadline.LateWarning(2025, new LocalDate(2026, 7, 1)).Should().StartWith("rat_late: the RAT for 2025 should be held by 2026-06-30");
    }
}
