using Ekopz.Domain.Common;
using Ekopz.Domain.Members;
using NodaTime;

namespace Ekopz.Domain.Shu;

/// <summary>Pure decisions for the year end: the RAT decision once per year, and paying each member once.</summary>
public static class ShuDecider
{
    public static ShuAllocationApproved Approve(ShuYear? existing, int year, decimal shu, decimal memberContribution, decimal nonMemberContribution,
        IReadOnlyList<ShuBucket> buckets, IReadOnlyList<MemberBasis> members, Func<ShuBucket, string> accountFor, string reserveAccount, string capitalBasis,
        EventMeta meta)
    {
        if (existing is not null) throw DomainException.InvalidState($"The SHU of {year} was already decided at the RAT.");
        if (meta.BusinessDate.Year <= year)
            throw DomainException.Validation("businessDate", $"The RAT for {year} is held after the year ends.");
        var valid = ShuBucketRules.Validate(buckets);
        if (shu <= 0) throw DomainException.InvalidState($"{year} closed without a surplus (SHU Rp{shu:N2}); there is nothing to share.");
        var (memberPart, nonMemberPart) = ShuCalculator.Split(shu, memberContribution, nonMemberContribution);
        var allocation = ShuCalculator.Allocate(memberPart, valid, members);
        var basisOf = members.ToDictionary(m => m.MemberId, m => m.Values);
        return new ShuAllocationApproved(year, shu, memberPart, nonMemberPart, reserveAccount,
            allocation.Pools.Select(p => new DecidedBucket(p.Bucket.Name, p.Bucket.Percent, p.Bucket.Kind, p.Bucket.Basis, p.Amount, p.BasisTotal,
                p.Bucket.Kind is BucketKinds.Reserve or BucketKinds.Fund ? accountFor(p.Bucket) : null)).ToList(),
            allocation.Members.Select(a => new DecidedMember(a.MemberId, a.MemberNumber, a.Name, a.JasaUsaha, a.JasaModal, a.Shares, basisOf[a.MemberId])).ToList(),
            allocation.Residue, reserveAccount, capitalBasis, meta);
    }

    /// <summary>
    /// Pays the members named (all unpaid when none are named). Cash reaches anyone, including heirs;
    /// crediting sukarela needs a member who is still a member. Each member is paid once.
    /// </summary>
    public static IReadOnlyList<IDomainEvent> Distribute(ShuYear? year, string method, IReadOnlyCollection<Guid>? only,
        Func<Guid, Member?> member, string channel, EventMeta meta)
    {
        if (year is null) throw DomainException.InvalidState("The RAT has not decided this year's SHU yet.");
        if (method is not ("cash" or "sukarela")) throw DomainException.Validation("method", "The method is 'cash' or 'sukarela'.");
        if (meta.BusinessDate < year.Decision.Meta.BusinessDate)
            throw DomainException.Validation("businessDate", "SHU is paid after the RAT decided it.");
        var targets = only is { Count: > 0 }
            ? only.Select(id => year.Decision.Members.FirstOrDefault(m => m.MemberId == id) ?? throw DomainException.Validation("memberIds", $"Member {id} has no SHU for {year.Year}.")).ToList()
            : year.Decision.Members.ToList();
        var events = new List<IDomainEvent>();
        foreach (var m in targets)
        {
            if (year.Payments.ContainsKey(m.MemberId))
            {
                if (only is { Count: > 0 }) throw DomainException.InvalidState($"Member {m.MemberNumber} was already paid their SHU for {year.Year}.");
                continue;
            }
            if (method == "cash")
                events.Add(new ShuPaidInCash(year.Year, m.MemberId, m.Total, Channels.CashPointFor(channel), meta with { Channel = channel }));
            else
            {
                var current = member(m.MemberId);
                if (current is null || current.HasLeft)
                {
                    // Somebody who has left cannot be credited to savings: their SHU stays payable until collected in cash.
                    if (only is { Count: > 0 }) throw DomainException.InvalidState($"Member {m.MemberNumber} has left; pay their SHU in cash.");
                    continue;
                }
                var tx = Guid.NewGuid();
                events.Add(new ShuCredited(year.Year, m.MemberId, tx, m.Total, meta with { Channel = Channels.System }));
                events.Add(new ShuCreditedToSavings(m.MemberId, tx, year.Year, m.Total, meta with { Channel = Channels.System }));
            }
        }
        return events;
    }
}
