namespace Ekopz.Domain.Shu;

/// <summary>A figure of the RAT decision that the recomputation does not reproduce.</summary>
/// <param name="Figure">Which figure: <c>shuTotal</c>, <c>memberPart</c>, <c>nonMemberPart</c>, <c>residue</c>,
/// <c>buckets[name].amount</c>, <c>buckets[name].basisTotal</c>, <c>members[number].basis.{basis}</c>, <c>members[number].total</c>.</param>
public sealed record ShuDifference(string Figure, decimal Decided, decimal Recomputed, Guid? MemberId = null);

/// <summary>
/// Checks a decided SHU against a recomputation (docs/adr/0012): the year's SHU and its member and
/// non-member parts as the ledger now says, each member's basis as the events now say, and the
/// allocation of the decided buckets over them. Every figure that differs is named; none means the
/// decision is reproducible.
/// </summary>
public static class ShuReproduction
{
    public static IReadOnlyList<ShuDifference> Compare(ShuAllocationApproved decided, decimal shu, decimal memberContribution, decimal nonMemberContribution,
        IReadOnlyList<MemberBasis> members)
    {
        var differences = new List<ShuDifference>();
        void Check(string figure, decimal was, decimal now, Guid? member = null)
        {
            if (was != now) differences.Add(new ShuDifference(figure, was, now, member));
        }

        var (memberPart, nonMemberPart) = ShuCalculator.Split(shu, memberContribution, nonMemberContribution);
        Check("shuTotal", decided.Shu, shu);
        Check("memberPart", decided.MemberPart, memberPart);
        Check("nonMemberPart", decided.NonMemberPart, nonMemberPart);

        var buckets = decided.Buckets.Select(b => new ShuBucket(b.Name, b.Percent, b.Kind, b.Basis, b.AccountCode)).ToList();
        var again = ShuCalculator.Allocate(memberPart, buckets, members);
        Check("residue", decided.Residue, again.Residue);
        foreach (var (was, now) in decided.Buckets.Zip(again.Pools))
        {
            Check($"buckets[{was.Name}].amount", was.Amount, now.Amount);
            Check($"buckets[{was.Name}].basisTotal", was.BasisTotal, now.BasisTotal);
        }

        var basisNow = members.ToDictionary(m => m.MemberId);
        var totalNow = again.Members.ToDictionary(m => m.MemberId, m => m.Total);
        var decidedIds = decided.Members.Select(m => m.MemberId).ToHashSet();
        foreach (var m in decided.Members)
        {
            var now = basisNow.GetValueOrDefault(m.MemberId);
            foreach (var basis in m.Basis.Keys.Union(now?.Values.Keys ?? []).Order(StringComparer.Ordinal))
                Check($"members[{m.MemberNumber}].basis.{basis}", m.Basis.GetValueOrDefault(basis), now?.Of(basis) ?? 0m, m.MemberId);
            Check($"members[{m.MemberNumber}].total", m.Total, totalNow.GetValueOrDefault(m.MemberId), m.MemberId);
        }
        // Somebody who would now get SHU but was not in the decision.
        foreach (var m in again.Members.Where(m => !decidedIds.Contains(m.MemberId)))
            Check($"members[{m.MemberNumber}].total", 0m, m.Total, m.MemberId);
        return differences;
    }
}
