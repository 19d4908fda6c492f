using Ekopz.Api.Infrastructure;
using Ekopz.Projections.Members;
using Ekopz.Projections.Savings;
using NodaTime;

namespace Ekopz.Api.Savings.Statements;

public sealed record StatementPage(StatementBalances Balances, int TotalLines, IReadOnlyList<StatementLine> Lines, StatementBalances? Opening = null);

/// <summary>
/// A member statement's reads, on the API's pools, as the endpoints answer them. The SQL is the projections' own
/// (<see cref="SavingsLineQueries"/>, <see cref="MemberQueries"/>, docs/adr/0052); this class decides the pool and the round trips
/// and turns their rows into the response's records.
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
        var rows = await SavingsLineQueries.ReadStatementPage(reader, from, ct);
        return (member, new StatementPage(Balances(rows.Balances), rows.TotalLines, Lines(rows.Lines),
            rows.Opening is { } opening ? Balances(opening) : null));
    }

    /// <summary>Whether the koperasi has this member (for the answer to a request with bad dates: 404 comes first).</summary>
    public static Task<bool> MemberExists(ReadDb db, string tenant, Guid memberId, CancellationToken ct) =>
        MemberQueries.Exists(db.DataSource, tenant, memberId, ct);

    /// <summary>
    /// The lines one event wrote to a member's savings, and the lines that reversed them: what a member's "why" page shows
    /// (<see cref="SavingsLineQueries.OfEvent"/>).
    /// </summary>
    public static async Task<(IReadOnlyList<StatementLine> Lines, IReadOnlyList<StatementLine> ReversedBy)> OfEvent(ReadDb db, string tenant,
        Guid memberId, Guid eventId, CancellationToken ct)
    {
        var (lines, reversedBy) = await SavingsLineQueries.OfEvent(db.DataSource, tenant, memberId, eventId, ct);
        return (Lines(lines), Lines(reversedBy));
    }

    private static StatementBalances Balances(SavingsByKind b) => new(b.Pokok, b.Wajib, b.Sukarela);

    private static List<StatementLine> Lines(IReadOnlyList<SavingsStatementLine> rows) =>
        rows.Select(l => new StatementLine(l.TransactionId, l.EventId, l.Sequence, l.Kind, l.Type, l.Amount, l.BalanceAfter, l.BusinessDate,
            l.RecordedAt, l.Actor, l.Channel, l.CorrelationId, l.Note, l.Reverses)).ToList();
}
