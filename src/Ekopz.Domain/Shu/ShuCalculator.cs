namespace Ekopz.Domain.Shu;

/// <summary>One member's figures for each basis (loan interest paid, purchases, capital).</summary>
public sealed record MemberBasis(Guid MemberId, string MemberNumber, string Name, IReadOnlyDictionary<string, decimal> Values)
{
    public decimal Of(string basis) => Values.TryGetValue(basis, out var v) ? v : 0m;
}

public sealed record PoolResult(ShuBucket Bucket, decimal Amount, decimal BasisTotal, decimal PaidToMembers);

public sealed record MemberShare(string Bucket, string Basis, decimal MemberValue, decimal BasisTotal, decimal Pool, decimal Amount);

public sealed record MemberAllocation(Guid MemberId, string MemberNumber, string Name, decimal JasaUsaha, decimal JasaModal, IReadOnlyList<MemberShare> Shares)
{
    public decimal Total => JasaUsaha + JasaModal;
}

/// <param name="Residue">The rupiah left over after rounding each member down, posted to reserves so the pools are exact.</param>
public sealed record ShuAllocation(decimal MemberPart, IReadOnlyList<PoolResult> Pools, IReadOnlyList<MemberAllocation> Members, decimal Residue);

/// <summary>
/// SHU_a = Σ over jasa pools of pool × V_a / V_total (domain rules, section 4). Computed at full
/// precision; each pool is rounded down to the rupiah, each member's share of a pool is rounded down
/// to the rupiah, and everything rounded away (pool residue and member residue) is the explicit
/// <see cref="ShuAllocation.Residue"/> that goes to reserves. So: Σ pools = member part, and Σ member
/// amounts + residue = Σ jasa pools, exactly.
/// </summary>
public static class ShuCalculator
{
    public static ShuAllocation Allocate(decimal memberPart, IReadOnlyList<ShuBucket> buckets, IReadOnlyList<MemberBasis> members)
    {
        buckets = ShuBucketRules.Validate(buckets);
        if (memberPart < 0) memberPart = 0;
        var poolAmounts = buckets.Select(b => Math.Floor(memberPart * b.Percent / 100m)).ToList();
        var poolResidue = memberPart - poolAmounts.Sum();

        var shares = members.ToDictionary(m => m.MemberId, _ => new List<MemberShare>());
        var pools = new List<PoolResult>();
        decimal memberResidue = 0;
        for (var i = 0; i < buckets.Count; i++)
        {
            var b = buckets[i];
            var pool = poolAmounts[i];
            if (b.Kind is not (BucketKinds.JasaUsaha or BucketKinds.JasaModal))
            {
                pools.Add(new PoolResult(b, pool, 0m, 0m));
                continue;
            }
            var total = members.Sum(m => Math.Max(0m, m.Of(b.Basis!)));
            decimal paid = 0;
            if (total > 0)
                foreach (var m in members)
                {
                    var value = Math.Max(0m, m.Of(b.Basis!));
                    if (value == 0) continue;
                    var amount = Math.Floor(pool * value / total);
                    paid += amount;
                    shares[m.MemberId].Add(new MemberShare(b.Name, b.Basis!, value, total, pool, amount));
                }
            memberResidue += pool - paid;
            pools.Add(new PoolResult(b, pool, total, paid));
        }

        var allocations = members
            .Select(m => new MemberAllocation(m.MemberId, m.MemberNumber, m.Name,
                shares[m.MemberId].Where(s => s.Basis != ShuBases.Capital).Sum(s => s.Amount),
                shares[m.MemberId].Where(s => s.Basis == ShuBases.Capital).Sum(s => s.Amount),
                shares[m.MemberId]))
            .Where(a => a.Total > 0)
            .OrderBy(a => a.MemberNumber, StringComparer.Ordinal)
            .ToList();
        return new ShuAllocation(memberPart, pools, allocations, poolResidue + memberResidue);
    }

    /// <summary>
    /// The part of the year's SHU earned from non-members (not shared with members): SHU in proportion
    /// to what non-member business contributed (its revenue less its cost of goods) against the
    /// contribution of member business; shared operating costs are borne in the same proportion.
    /// Rounded to the rupiah; the member part is the rest, so the two sum exactly to the SHU.
    /// </summary>
    public static (decimal MemberPart, decimal NonMemberPart) Split(decimal shu, decimal memberContribution, decimal nonMemberContribution)
    {
        var m = Math.Max(0m, memberContribution);
        var n = Math.Max(0m, nonMemberContribution);
        if (shu <= 0 || m + n == 0) return (Math.Max(0m, shu), 0m);
        var nonMember = decimal.Round(shu * n / (m + n), 0, MidpointRounding.AwayFromZero);
        return (shu - nonMember, nonMember);
    }
}
