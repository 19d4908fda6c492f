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
    LocalDate? ActivatedOn,
    LocalDate? ExitedOn = null)
{
    public bool HasLeft => Status is MemberStatus.Exited or MemberStatus.Deceased;

    public static Member? Evolve(Member? state, object @event) => @event switch
    {
        MemberRegistered e => new Member(e.MemberId, e.MemberNumber, e.Name, e.Nik, e.Phone, e.Address,
            MemberStatus.Applicant, SavingsBalances.Zero, e.Meta.BusinessDate, null),
        _ when state is null => null,
        MemberActivated e => state with { Status = MemberStatus.Active, ActivatedOn = e.Meta.BusinessDate },
        MemberActivationRevoked => state with { Status = MemberStatus.Applicant, ActivatedOn = null },
        MemberProfileChanged e => state with
        {
            Name = e.Name ?? state.Name, Nik = e.Nik ?? state.Nik, Phone = e.Phone ?? state.Phone, Address = e.Address ?? state.Address,
        },
        Imports.MemberOpeningBalancesRecorded e => state with
        {
            Balances = new SavingsBalances(state.Balances.Pokok + e.Pokok, state.Balances.Wajib + e.Wajib, state.Balances.Sukarela + e.Sukarela),
        },
        SavingsDeposited e => state with { Balances = state.Balances.Add(e.Kind, e.Amount) },
        SavingsWithdrawn e => state with { Balances = state.Balances.Add(e.Kind, -e.Amount) },
        SavingsDepositReversed e => state with { Balances = state.Balances.Add(e.Kind, -e.Amount) },
        SavingsInterestCredited e => state with { Balances = state.Balances.Add(SavingsKind.Sukarela, e.Gross - e.Tax) },
        Shu.ShuCreditedToSavings e => state with { Balances = state.Balances.Add(SavingsKind.Sukarela, e.Amount) },
        MemberExited e => state with
        {
            Status = e.Deceased ? MemberStatus.Deceased : MemberStatus.Exited,
            Balances = SavingsBalances.Zero,
            ExitedOn = e.Meta.BusinessDate,
        },
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
