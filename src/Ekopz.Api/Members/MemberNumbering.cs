namespace Ekopz.Api.Members;

/// <summary>
/// The last member number given out in a koperasi. Read and bumped in the registration's own
/// transaction; the unique index on member numbers turns a lost race into a retry, so numbers are
/// gap-free, never reused and never duplicated.
/// </summary>
public sealed class MemberNumbering
{
    public const string DocumentId = "member-numbers";
    public string Id { get; set; } = DocumentId;
    public long Last { get; set; }
}
