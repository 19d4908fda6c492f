using Ekopz.Domain.Common;
using Ekopz.Domain.Shu;
using FsCheck;
using FsCheck.Xunit;

namespace Ekopz.Tests.Unit.Shu;

/// <summary>The worked example of the domain rules, section 4, to the rupiah.</summary>
public class ShuCalculatorTests
{
    private static readonly ShuBucket[] TextbookKsu =
    [
        new("Cadangan", 40m, BucketKinds.Reserve),
        new("Jasa usaha USP", 15m, BucketKinds.JasaUsaha, ShuBases.LoanInterest),
        new("Jasa usaha toko", 10m, BucketKinds.JasaUsaha, ShuBases.Purchases),
        new("Jasa modal", 15m, BucketKinds.JasaModal),
        new("Dana pengurus", 5m, BucketKinds.Fund),
        new("Dana karyawan", 5m, BucketKinds.Fund),
        new("Dana pendidikan", 5m, BucketKinds.Fund),
        new("Dana sosial", 2.5m, BucketKinds.Fund),
        new("Dana pembangunan daerah kerja", 2.5m, BucketKinds.Fund),
    ];

    private static MemberBasis Basis(string number, decimal interest, decimal purchases, decimal capital) =>
        new(Guid.NewGuid(), number, "Anggota " + number, new Dictionary<string, decimal>
        {
            [ShuBases.LoanInterest] = interest, [ShuBases.Purchases] = purchases, [ShuBases.Capital] = capital,
        });

    [Fact]
    public void TheWorkedExample_BudiGets650000()
    {
        // SHU 120,000,000 of which 20,000,000 from non-members: contributions in the ratio 100 : 20.
        var (memberPart, nonMemberPart) = ShuCalculator.Split(120_000_000m, 500_000_000m, 100_000_000m);
        memberPart.Should().Be(100_000_000m);
        nonMemberPart.Should().Be(20_000_000m);

        var budi = Basis("000001", 3_600_000m, 12_000_000m, 5_000_000m);
        var others = Basis("000002", 176_400_000m, 588_000_000m, 495_000_000m);
        var allocation = ShuCalculator.Allocate(memberPart, TextbookKsu, [budi, others]);

        var b = allocation.Members.Single(m => m.MemberId == budi.MemberId);
        b.Shares.Select(s => (s.Bucket, s.Amount)).Should().Equal(("Jasa usaha USP", 300_000m), ("Jasa usaha toko", 200_000m), ("Jasa modal", 150_000m));
        b.JasaUsaha.Should().Be(500_000m);
        b.JasaModal.Should().Be(150_000m);
        b.Total.Should().Be(650_000m);
        allocation.Pools.Select(p => p.Amount).Should().Equal(40_000_000m, 15_000_000m, 10_000_000m, 15_000_000m, 5_000_000m, 5_000_000m, 5_000_000m,
            2_500_000m, 2_500_000m);
        allocation.Residue.Should().Be(0m);
    }

    [Fact]
    public void RoundingDown_LeavesAnExplicitResidue()
    {
        var members = Enumerable.Range(1, 3).Select(i => Basis($"{i:D6}", 0m, 0m, 1m)).ToList();
        var allocation = ShuCalculator.Allocate(100m, [new("Jasa modal", 100m, BucketKinds.JasaModal)], members);
        allocation.Members.Should().OnlyContain(m => m.Total == 33m);
        allocation.Residue.Should().Be(1m);
    }

    [Fact]
    public void BucketsMustSumToExactly100()
    {
        var act = () => ShuCalculator.Allocate(1m, [new("A", 60m, BucketKinds.Reserve), new("B", 39.99m, BucketKinds.Fund)], []);
        act.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCodes.ValidationFailed);
        var noBasis = () => ShuBucketRules.Validate([new("A", 100m, BucketKinds.JasaUsaha)]);
        noBasis.Should().Throw<DomainException>().Which.Errors!.Keys.Should().Contain("buckets[0].basis");
        var unknown = () => ShuBucketRules.Validate([new("A", 100m, "bonus")]);
        unknown.Should().Throw<DomainException>().Which.Errors!.Keys.Should().Contain("buckets[0].kind");
    }

    [Property(MaxTest = 200)]
    public bool MembersPlusResidue_EqualThePools_AndPoolsEqualTheMemberPart(PositiveInt part, byte jasaPercent, NonEmptyArray<PositiveInt> capitals)
    {
        var jasa = 1 + jasaPercent % 99;
        var members = capitals.Get.Select((c, i) => Basis($"{i:D6}", 0m, 0m, c.Get)).ToList();
        var memberPart = part.Get + 0.37m;
        var a = ShuCalculator.Allocate(memberPart, [new("Cadangan", 100 - jasa, BucketKinds.Reserve), new("Jasa modal", jasa, BucketKinds.JasaModal)], members);
        var jasaPool = a.Pools.Single(p => p.Bucket.Kind == BucketKinds.JasaModal).Amount;
        // What rounding kept back from members is less than one rupiah each; what it kept from the pools is below a rupiah per pool.
        var memberResidue = jasaPool - a.Members.Sum(m => m.Total);
        var poolResidue = a.Residue - memberResidue;
        return a.Pools.Sum(p => p.Amount) + poolResidue == memberPart
            && memberResidue >= 0 && memberResidue < members.Count
            && poolResidue >= 0 && poolResidue < a.Pools.Count
            && a.Members.All(m => m.Total == Math.Floor(m.Total) && m.Total >= 0);
    }
}
