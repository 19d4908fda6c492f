using Ekopz.Domain.Members;
using NodaTime;

namespace Ekopz.Api.Members;

public sealed record BalancesView(decimal Pokok, decimal Wajib, decimal Sukarela);

public sealed record MemberView(
    Guid MemberId,
    string MemberNumber,
    string Name,
    string Nik,
    string? Phone,
    string? Address,
    string Status,
    BalancesView Balances,
    LocalDate RegisteredOn,
    LocalDate? ActivatedOn)
{
    public static MemberView Of(Member m) => new(m.Id, m.MemberNumber, m.Name, m.Nik, m.Phone, m.Address, m.Status.Name(),
        new BalancesView(m.Balances.Pokok, m.Balances.Wajib, m.Balances.Sukarela), m.RegisteredOn, m.ActivatedOn);
}
