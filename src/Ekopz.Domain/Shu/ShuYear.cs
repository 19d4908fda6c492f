using Ekopz.Domain.Common;
using NodaTime;

namespace Ekopz.Domain.Shu;

public sealed record ShuPayment(Guid MemberId, decimal Amount, string Method, LocalDate BusinessDate, string PaidBy);

/// <summary>A year's SHU: the RAT decision and who has been paid. One stream per koperasi and year.</summary>
public sealed record ShuYear(Guid Id, int Year, ShuAllocationApproved Decision, IReadOnlyDictionary<Guid, ShuPayment> Payments)
{
    public static Guid StreamId(int year) => DeterministicGuid.Create("shu:" + year);

    public decimal Unpaid(Guid memberId) =>
        Payments.ContainsKey(memberId) ? 0m : Decision.Members.FirstOrDefault(m => m.MemberId == memberId)?.Total ?? 0m;

    public static ShuYear? Evolve(ShuYear? state, object @event) => @event switch
    {
        ShuAllocationApproved e => new ShuYear(StreamId(e.Year), e.Year, e, new Dictionary<Guid, ShuPayment>()),
        ShuPaidInCash e when state is not null => state with
        {
            Payments = new Dictionary<Guid, ShuPayment>(state.Payments) { [e.MemberId] = new(e.MemberId, e.Amount, "cash", e.Meta.BusinessDate, e.Meta.Actor) },
        },
        ShuCredited e when state is not null => state with
        {
            Payments = new Dictionary<Guid, ShuPayment>(state.Payments) { [e.MemberId] = new(e.MemberId, e.Amount, "sukarela", e.Meta.BusinessDate, e.Meta.Actor) },
        },
        _ => state,
    };
}
