using Ekopz.Api.Auth;
using Ekopz.Domain.Members;
using NodaTime;

namespace Ekopz.Api.Members;

public sealed record BalancesView(decimal Pokok, decimal Wajib, decimal Sukarela);

/// <summary>A member with status and balances.</summary>
/// <param name="Nik">The 16-digit NIK; for a kasir masked to its last 4 digits (<c>************1234</c>), the same name and length
/// (docs/adr/0017). Searching by a full NIK still finds the member.</param>
/// <param name="Phone">Whole for every role that reads member views (docs/adr/0017).</param>
/// <param name="Address">Whole for every role that reads member views (docs/adr/0017).</param>
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
    /// <summary>The member as <paramref name="caller"/> may see them (<see cref="PersonalData"/>).</summary>
    public static MemberView For(Caller caller, Member m) => Of(m, PersonalData.For(caller, m.Id));

    public static MemberView Of(Member m, PersonalData shown) => new(m.Id, m.MemberNumber, m.Name,
        // Roles that may not see even a masked NIK read no member view at all (their policies keep them out).
        PersonalData.Show(shown.Nik, m.Nik) ?? throw new InvalidOperationException("A member view for a caller who may not see the NIK."),
        PersonalData.Show(shown.Phone, m.Phone), PersonalData.Show(shown.Address, m.Address), m.Status.Name(),
        new BalancesView(m.Balances.Pokok, m.Balances.Wajib, m.Balances.Sukarela), m.RegisteredOn, m.ActivatedOn);
}

/// <summary>
/// Who a member is, and nothing more: what a sale at the shop needs to sell at member prices (docs/adr/0017). No NIK,
/// phone, address or balances.
/// </summary>
public sealed record MemberLookupView(Guid MemberId, string MemberNumber, string Name, string Status)
{
    public static MemberLookupView Of(Member m) => new(m.Id, m.MemberNumber, m.Name, m.Status.Name());
}
