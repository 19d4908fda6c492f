namespace Ekopz.Api.Members;

/// <summary>
/// The last member number given out in a koperasi. Read and bumped in the registration's own
/// transaction, under the koperasi's member-number lock (docs/adr/0043), so registrations take turns and
/// numbers are gap-free, never reused and never duplicated; the unique index on member numbers is the backstop.
/// </summary>
public sealed class MemberNumbering
{
    public const string DocumentId = "member-numbers";
    public string Id { get; set; } = DocumentId;
    public long Last { get; set; }
}
