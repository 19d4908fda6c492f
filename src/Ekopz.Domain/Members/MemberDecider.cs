using System.Text.RegularExpressions;
using Ekopz.Domain.Common;
using Ekopz.Domain.Koperasi;
using Ekopz.Domain.Savings;

namespace Ekopz.Domain.Members;

public sealed record RegisterMember(Guid MemberId, string? Name, string? Nik, string? Phone, string? Address);

public sealed record DepositSavings(Guid TransactionId, SavingsKind Kind, decimal Amount, string? Note);

public sealed record ChangeProfile(string? Name, string? Nik, string? Phone, string? Address);

/// <param name="Deceased">Death: the refund goes to the heirs named in <paramref name="PaidTo"/>.</param>
public sealed record ExitMember(string? Reason, bool Deceased, string? PaidTo);

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

    /// <summary>Profile corrections. The NIK stays unique (the store's index); the number never changes.</summary>
    public static MemberProfileChanged ChangeProfile(ChangeProfile command, Member? member, EventMeta meta)
    {
        if (member is null) throw DomainException.NotFound("The member");
        var errors = new Dictionary<string, string[]>();
        var name = command.Name?.Trim();
        if (command.Name is not null && (name!.Length == 0 || name.Length > 200))
            errors["name"] = ["The name must have 1-200 characters."];
        if (command.Nik is not null && !IsValidNik(command.Nik))
            errors["nik"] = ["The NIK must be 16 digits as printed on the KTP."];
        var phone = command.Phone?.Replace(" ", "").Replace("-", "");
        if (command.Phone is not null && !PhonePattern().IsMatch(phone!))
            errors["phone"] = ["The phone number must be 8-15 digits, optionally starting with +."];
        if (command.Address is { Length: > 500 })
            errors["address"] = ["The address may have at most 500 characters."];
        if (command is { Name: null, Nik: null, Phone: null, Address: null })
            errors["body"] = ["Nothing to change."];
        if (errors.Count > 0)
            throw new DomainException(ErrorCodes.ValidationFailed, "The profile could not be changed.", errors);
        if (member.HasLeft) throw DomainException.InvalidState($"Member {member.MemberNumber} has left the koperasi.");
        return new MemberProfileChanged(member.Id, name, command.Nik, phone, command.Address?.Trim(), meta);
    }

    /// <summary>
    /// Membership ends: every kind of savings is refunded, net of what the member still owes
    /// (<paramref name="offsets"/>, from other areas such as loans). The net may not be negative:
    /// a member who owes more than their savings must settle the rest first.
    /// </summary>
    public static MemberExited Exit(ExitMember command, Member? member, IReadOnlyList<RefundOffset> offsets, EventMeta meta)
    {
        if (member is null) throw DomainException.NotFound("The member");
        if (string.IsNullOrWhiteSpace(command.Reason) || command.Reason.Length > 500)
            throw DomainException.Validation("reason", "Give the reason (at most 500 characters).");
        if (command.Deceased && string.IsNullOrWhiteSpace(command.PaidTo))
            throw DomainException.Validation("paidTo", "Name the heirs the refund is paid to.");
        if (command.PaidTo is { Length: > 300 })
            throw DomainException.Validation("paidTo", "At most 300 characters.");
        if (member.HasLeft) throw DomainException.InvalidState($"Member {member.MemberNumber} has already left the koperasi.");
        if (meta.BusinessDate < member.RegisteredOn)
            throw DomainException.Validation("businessDate", "The exit cannot be dated before the member registered.");

        var exited = new MemberExited(member.Id, Guid.NewGuid(), command.Deceased, command.Reason.Trim(),
            command.PaidTo?.Trim() ?? member.Name, member.Balances, offsets, CounterpartyClass.Member, Channels.CashPointFor(meta.Channel), meta);
        if (exited.NetPaid < 0)
            throw new DomainException(ErrorCodes.InsufficientBalance,
                $"The member owes Rp{-exited.NetPaid:N2} more than their savings; settle it before the exit.");
        return exited;
    }
}
