using Ekopz.Domain.Savings;
using NodaTime;

namespace Ekopz.Domain.Members;

public enum MemberStatus
{
    Applicant,
    Active,
    Exited,
    Deceased,
}

/// <summary>
/// A member as the decisions see it: identity, status and savings balances. Built only by
/// <see cref="Evolve"/> from the member's own stream; never mutated.
/// </summary>
public sealed record Member(
    Guid Id,
    string MemberNumber,
    string Name,
    string Nik,
    string? Phone,
    string? Address,
    MemberStatus Status,
    SavingsBalances Balances,
    LocalDate RegisteredOn,
    LocalDate? ActivatedOn)
{
    public static Member? Evolve(Member? state, object @event) => @event switch
    {
        MemberRegistered e => new Member(e.MemberId, e.MemberNumber, e.Name, e.Nik, e.Phone, e.Address,
            MemberStatus.Applicant, SavingsBalances.Zero, e.Meta.BusinessDate, null),
        MemberActivated e when state is not null => state with { Status = MemberStatus.Active, ActivatedOn = e.Meta.BusinessDate },
        SavingsDeposited e when state is not null => state with { Balances = state.Balances.Add(e.Kind, e.Amount) },
        _ => state,
    };
}

public static class MemberStatuses
{
    public static string Name(this MemberStatus status) => status switch
    {
        MemberStatus.Applicant => "applicant",
        MemberStatus.Active => "active",
        MemberStatus.Exited => "exited",
        MemberStatus.Deceased => "deceased",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };
}
