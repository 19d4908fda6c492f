using NodaTime;

namespace Ekopz.Projections.Members;

/// <summary>A member's number and name, as a statement's header shows them.</summary>
public sealed record MemberHeader(string MemberNumber, string Name);

/// <summary>
/// A member registered by a date, with their savings per kind at the end of it. <see cref="Status"/> is today's, as the document
/// stores it (the enum's name; "" when absent).
/// </summary>
public sealed record MemberSavingsRow(Guid MemberId, string MemberNumber, string Name, string Status, LocalDate RegisteredOn,
    LocalDate? ActivatedOn, LocalDate? ExitedOn, decimal Pokok, decimal Wajib, decimal Sukarela);

/// <summary>A member who ever completed pokok, with their membership dates and the wajib they paid by a date.</summary>
public sealed record MemberWajibRow(Guid MemberId, string MemberNumber, string Name, LocalDate? ActivatedOn, LocalDate? ExitedOn,
    decimal WajibPaid);

/// <summary>Members by where they stood at the end of a date.</summary>
public sealed record MemberCounts(int Active, int Applicants, int Exited, int Deceased);
