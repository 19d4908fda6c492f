using Ekopz.Domain.Common;
using Ekopz.Domain.Members;
using NodaTime;

namespace Ekopz.Domain.Community;

/// <summary>
/// A person applied online to become a member (calon anggota). <paramref name="TokenHash"/> is the SHA-256 of the
/// secret the applicant keeps to check the status; the secret itself is never stored.
/// </summary>
public sealed record MembershipApplied(Guid ApplicationId, string Number, string Name, string Nik, string? Phone, string? Address,
    string TokenHash, EventMeta Meta) : IDomainEvent;

/// <summary>Staff checked the applicant's KTP and registered them: <paramref name="MemberId"/> is the new member.</summary>
public sealed record MembershipApplicationVerified(Guid ApplicationId, Guid MemberId, string MemberNumber, EventMeta Meta) : IDomainEvent;

public sealed record MembershipApplicationRejected(Guid ApplicationId, string Reason, EventMeta Meta) : IDomainEvent;

public static class ApplicationStatus
{
    public const string Pending = "pending";
    public const string Verified = "verified";
    public const string Rejected = "rejected";
}

public sealed record MembershipApplication(Guid Id, string Number, string Name, string Nik, string? Phone, string? Address, string TokenHash,
    string Status, Instant AppliedAt, string? DecidedBy, Instant? DecidedAt, string? Reason, Guid? MemberId, string? MemberNumber)
{
    public static MembershipApplication? Evolve(MembershipApplication? state, object @event) => @event switch
    {
        MembershipApplied e => new MembershipApplication(e.ApplicationId, e.Number, e.Name, e.Nik, e.Phone, e.Address, e.TokenHash,
            ApplicationStatus.Pending, e.Meta.RecordedAt, null, null, null, null, null),
        MembershipApplicationVerified e when state is not null => state with
        {
            Status = ApplicationStatus.Verified, DecidedBy = e.Meta.Actor, DecidedAt = e.Meta.RecordedAt, MemberId = e.MemberId, MemberNumber = e.MemberNumber,
        },
        MembershipApplicationRejected e when state is not null => state with
        {
            Status = ApplicationStatus.Rejected, DecidedBy = e.Meta.Actor, DecidedAt = e.Meta.RecordedAt, Reason = e.Reason,
        },
        _ => state,
    };
}

/// <summary>The last application number handed out in a koperasi.</summary>
public sealed class ApplicationNumbering
{
    public const string DocumentId = "application-numbering";
    public string Id { get; set; } = DocumentId;
    public long Last { get; set; }
}

public static class ApplicationDecider
{
    public static string FormatNumber(long n) => "D-" + n.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The same checks as a registration at the counter (name, NIK, phone, address).</summary>
    public static MembershipApplied Apply(Guid id, long number, string? name, string? nik, string? phone, string? address, string tokenHash, EventMeta meta)
    {
        var registered = MemberDecider.Register(new RegisterMember(id, name, nik, phone, address), 0, meta);
        return new MembershipApplied(id, FormatNumber(number), registered.Name, registered.Nik, registered.Phone, registered.Address, tokenHash, meta);
    }

    public static void EnsurePending(MembershipApplication? application)
    {
        if (application is null) throw DomainException.NotFound("The application");
        if (application.Status != ApplicationStatus.Pending)
            throw DomainException.InvalidState($"Application {application.Number} is already {application.Status}.");
    }

    public static MembershipApplicationRejected Reject(MembershipApplication? application, string? reason, EventMeta meta)
    {
        EnsurePending(application);
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 500)
            throw DomainException.Validation("reason", "Give the reason (at most 500 characters).");
        return new MembershipApplicationRejected(application!.Id, reason.Trim(), meta);
    }
}
