using Ekopz.Domain.Common;
using Ekopz.Domain.Koperasi;
using Ekopz.Domain.Shu;
using NodaTime;

namespace Ekopz.Tests.Unit.Shu;

/// <summary>A decided SHU checked against a recomputation: every figure that differs is named.</summary>
public class ShuReproductionTests
{
    private static readonly ShuBucket[] Buckets =
    [
        new("Cadangan", 40m, BucketKinds.Reserve),
        new("Jasa usaha USP", 30m, BucketKinds.JasaUsaha, ShuBases.LoanInterest),
        new("Jasa modal", 30m, BucketKinds.JasaModal),
    ];

    private static readonly EventMeta Meta = new("pengurus", new LocalDate(2026, 3, 14), Instant.FromUtc(2026, 3, 14, 3, 0), "web", "c");

    private static MemberBasis Basis(Guid id, string number, decimal interest, decimal capital) =>
        new(id, number, "Anggota " + number, new Dictionary<string, decimal>
        {
            [ShuBases.LoanInterest] = interest, [ShuBases.Purchases] = 0m, [ShuBases.Capital] = capital,
        });

    private static readonly Guid Ani = Guid.NewGuid();
    private static readonly Guid Budi = Guid.NewGuid();

    private static ShuAllocationApproved Decided() => ShuDecider.Approve(null, 2025, 1_200_000m, 1_000_000m, 200_000m, Buckets,
        [Basis(Ani, "000001", 300_000m, 400_000m), Basis(Budi, "000002", 100_000m, 100_000m)], _ => "3-2000", "3-2000", JasaModalBases.YearEnd, Meta);

    [Fact]
    public void TheSameInputs_ReproduceTheDecision()
    {
        ShuReproduction.Compare(Decided(), 1_200_000m, 1_000_000m, 200_000m,
            [Basis(Ani, "000001", 300_000m, 400_000m), Basis(Budi, "000002", 100_000m, 100_000m)]).Should().BeEmpty();
    }

    [Fact]
    public void ADifferentSurplus_IsNamed_WithWhatFollowsFromIt()
    {
        var differences = ShuReproduction.Compare(Decided(), 1_100_000m, 1_000_000m, 200_000m,
            [Basis(Ani, "000001", 300_000m, 400_000m), Basis(Budi, "000002", 100_000m, 100_000m)]);
        differences.Should().ContainEquivalentOf(new ShuDifference("shuTotal", 1_200_000m, 1_100_000m));
        differences.Select(d => d.Figure).Should().Contain(["memberPart", "nonMemberPart", "buckets[Cadangan].amount", "members[000001].total"]);
        differences.Select(d => d.Figure).Should().NotContain(f => f.Contains(".basis."));
    }

    [Fact]
    public void ADifferentBasis_IsNamedForTheMember()
    {
        var differences = ShuReproduction.Compare(Decided(), 1_200_000m, 1_000_000m, 200_000m,
            [Basis(Ani, "000001", 300_000m, 400_000m), Basis(Budi, "000002", 150_000m, 100_000m)]);
        differences.Should().ContainEquivalentOf(new ShuDifference("members[000002].basis.loan_interest", 100_000m, 150_000m, Budi));
        differences.Should().ContainEquivalentOf(new ShuDifference("buckets[Jasa usaha USP].basisTotal", 400_000m, 450_000m));
        differences.Select(d => d.Figure).Should().NotContain("shuTotal");
    }

    [Fact]
    public void AMemberMissingFromTheRecomputation_OrNewInIt_IsNamed()
    {
        var carol = Guid.NewGuid();
        var differences = ShuReproduction.Compare(Decided(), 1_200_000m, 1_000_000m, 200_000m,
            [Basis(Ani, "000001", 300_000m, 400_000m), Basis(carol, "000003", 100_000m, 100_000m)]);
        differences.Select(d => d.Figure).Should().Contain(["members[000002].total", "members[000003].total"]);
    }
}
