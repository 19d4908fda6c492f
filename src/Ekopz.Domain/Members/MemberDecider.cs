using System.Text.RegularExpressions;
using Ekopz.Domain.Common;
using Ekopz.Domain.Koperasi;
using Ekopz.Domain.Savings;

namespace Ekopz.Domain.Members;

public sealed record RegisterMember(Guid MemberId, string? Name, string? Nik, string? Phone, string? Address);

public sealed record DepositSavings(Guid TransactionId, SavingsKind Kind, decimal Amount, string? Note);

/// <summary>Pure decisions about members: given the command and the current state, which events happen.</summary>
public static partial class MemberDecider
{
    [GeneratedRegex("^[0-9]{16}$")]
    private static partial Regex NikPattern();

    [GeneratedRegex(@"^\+?[0-9]{8,15}$")]
    private static partial Regex PhonePattern();

    /// <summary>Checks the input of a registration. Uniqueness of the NIK is the store's job (a unique index).</summary>
    public static MemberRegistered Register(RegisterMember command, long memberNumber, EventMeta meta)
    {
        var errors = new Dictionary<string, string[]>();
        var name = command.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200)
            errors["name"] = ["The name is required (at most 200 characters)."];
        if (command.Nik is null || !IsValidNik(command.Nik))
            errors["nik"] = ["The NIK must be 16 digits as printed on the KTP."];
        var phone = command.Phone?.Replace(" ", "").Replace("-", "");
        if (!string.IsNullOrEmpty(phone) && !PhonePattern().IsMatch(phone))
            errors["phone"] = ["The phone number must be 8-15 digits, optionally starting with +."];
        if (command.Address is { Length: > 500 })
            errors["address"] = ["The address may have at most 500 characters."];
        if (errors.Count > 0)
            throw new DomainException(ErrorCodes.ValidationFailed, "The member could not be registered.", errors);

        return new MemberRegistered(command.MemberId, FormatNumber(memberNumber), name!, command.Nik!,
            string.IsNullOrEmpty(phone) ? null : phone, string.IsNullOrWhiteSpace(command.Address) ? null : command.Address.Trim(), meta);
    }

    /// <summary>16 digits; the first two are a province code (11..94) and the date-of-birth part is not all zeros.</summary>
    public static bool IsValidNik(string nik)
    {
        if (!NikPattern().IsMatch(nik)) return false;
        var province = int.Parse(nik[..2]);
        return province is >= 11 and <= 94 && nik.Substring(6, 6) != "000000";
    }

    public static string FormatNumber(long number) => number.ToString("D6");

    /// <summary>
    /// A deposit into one kind of savings. An applicant may only pay pokok; pokok is paid at most up to
    /// the koperasi's pokok amount, and paying the last of it makes the applicant an active member.
    /// </summary>
    public static IReadOnlyList<IDomainEvent> Deposit(DepositSavings command, Member? member, SettingsVersion settings,
        CounterpartyClass counterparty, EventMeta meta)
    {
        if (member is null) throw DomainException.NotFound("The member");
        Money.RequirePositive(command.Amount);
        if (command.Note is { Length: > 500 })
            throw DomainException.Validation("note", "The note may have at most 500 characters.");

        if (meta.BusinessDate < member.RegisteredOn)
            throw DomainException.Validation("businessDate",
                $"The business date is before member {member.MemberNumber} registered ({member.RegisteredOn:yyyy-MM-dd}).");

        switch (member.Status)
        {
            case MemberStatus.Exited or MemberStatus.Deceased:
                throw DomainException.InvalidState($"Member {member.MemberNumber} has left the koperasi and cannot deposit.");
            case MemberStatus.Applicant when command.Kind != SavingsKind.Pokok:
                throw DomainException.InvalidState(
                    $"Member {member.MemberNumber} is not active yet: simpanan pokok must be paid in full before other savings.");
        }

        var events = new List<IDomainEvent>();
        if (command.Kind == SavingsKind.Pokok)
        {
            var remaining = settings.PokokAmount - member.Balances.Pokok;
            if (remaining <= 0)
                throw DomainException.InvalidState("Simpanan pokok is already paid in full.");
            if (command.Amount > remaining)
                throw DomainException.InvalidState($"Only Rp{remaining:N0} of simpanan pokok remains to be paid.");
            events.Add(new SavingsDeposited(member.Id, command.TransactionId, command.Kind, command.Amount, counterparty,
                Channels.CashPointFor(meta.Channel), command.Note, meta));
            if (command.Amount == remaining && member.Status == MemberStatus.Applicant)
                events.Add(new MemberActivated(member.Id, meta));
            return events;
        }

        events.Add(new SavingsDeposited(member.Id, command.TransactionId, command.Kind, command.Amount, counterparty,
            Channels.CashPointFor(meta.Channel), command.Note, meta));
        return events;
    }
}
