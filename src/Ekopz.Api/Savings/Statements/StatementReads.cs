using Ekopz.Api.Infrastructure;
using Ekopz.Projections.Members;
using Ekopz.Projections.Savings;
using NodaTime;

namespace Ekopz.Api.Savings.Statements;

/// <summary>
/// A member statement's reads, on the API's pools, as the endpoints answer them. The SQL is the projections' own
/// (<see cref="SavingsLineQueries"/>, <see cref="MemberQueries"/>, docs/adr/0052); this class decides the pool and the round trips
/// (the rows are the response's records).
/// </summary>
public static class StatementReads
{
    /// <summary>
    /// The member's header and one page of their statement in one round trip on one pooled connection of the interactive pool
    /// (docs/adr/0045, 0049): the member row, the totals per kind and the page's lines go to PostgreSQL as one batch. The header
    /// is null when the koperasi has no such member (the two statement queries then find no line either).
    /// </summary>
    public static async Task<(MemberHeader? Member, StatementPage Page)> Read(ReadDb db, string tenant, Guid memberId, LocalDate asOf,
        Instant? knownAt, int page, int size, CancellationToken ct, LocalDate? from = null)
    {
        await using var batch = db.Interactive.CreateBatch();
        MemberQueries.AddHeader(batch, tenant, memberId);
        SavingsLineQueries.AddStatementPage(batch, tenant, memberId, asOf, knownAt, (page - 1) * size, size, from);
        await using var reader = await batch.ExecuteReaderAsync(ct);
        var member = await MemberQueries.ReadHeader(reader, ct);
        return (member, await SavingsLineQueries.ReadStatementPage(reader, from, ct));
    }

    /// <summary>Whether the koperasi has this member (for the answer to a request with bad dates: 404 comes first).</summary>
    public static Task<bool> MemberExists(ReadDb db, string tenant, Guid memberId, CancellationToken ct) =>
        MemberQueries.Exists(db.DataSource, tenant, memberId, ct);

    /// <summary>
    /// The lines one event wrote to a member's savings, and the lines that reversed them: what a member's "why" page shows
    /// (<see cref="SavingsLineQueries.OfEvent"/>).
    /// </summary>
    public static Task<(IReadOnlyList<StatementLine> Lines, IReadOnlyList<StatementLine> ReversedBy)> OfEvent(ReadDb db, string tenant,
        Guid memberId, Guid eventId, CancellationToken ct) =>
        SavingsLineQueries.OfEvent(db.DataSource, tenant, memberId, eventId, ct);
}
