using Ekopz.Domain.Members;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Aggregation;

namespace Ekopz.Projections.Members;

/// <summary>
/// The inline snapshot of a member: what FetchForWriting hands to the decider and what GET member
/// reads. It overrides Evolve explicitly and delegates to the domain's pure fold, so no Marten
/// source generation is involved (docs/adr/0002).
/// </summary>
public class MemberProjection : SingleStreamProjection<Member, Guid>
{
    public MemberProjection() => FoldEvents.Declare<Member>(this, Member.Evolve);

    public override Member? Evolve(Member? snapshot, Guid id, IEvent e) => Member.Evolve(snapshot, e.Data);

    // Inline (live and rebuild): the members a collection batch deposits to are written together (MemberBatchInline).
    protected override IInlineProjection<IDocumentOperations> buildForInline() => new MemberBatchInline(base.buildForInline());
}

/// <summary>
/// The member projection as Marten runs it inline, with one shortcut (docs/adr/0036): the streams of a unit of work whose events
/// are all a collection batch's deposits (<see cref="SavingsDeposited.CollectionBatchId"/>) are folded here with the same
/// <see cref="Member.Evolve"/> from the stored documents (one query) and written back in one upsert over <c>unnest</c> (the same JSON,
/// type name and the stream's version as Marten's own upsert), instead of one Marten upsert per member: a 10,000-line payroll batch
/// spent a large part of its save building those. Every other stream goes to Marten's own inline aggregation, unchanged.
/// </summary>
public sealed class MemberBatchInline(IInlineProjection<IDocumentOperations> inner) : IInlineProjection<IDocumentOperations>
{
    public async Task ApplyAsync(IDocumentOperations operations, IEnumerable<StreamAction> streams, CancellationToken cancellation)
    {
        var all = streams as IReadOnlyCollection<StreamAction> ?? streams.ToList();
        var batch = all.Where(s => s.ActionType == StreamActionType.Append && s.TenantId == operations.TenantId && s.Events.Count > 0
            && s.Events.All(e => e.Data is SavingsDeposited { CollectionBatchId: not null })).ToList();
        if (batch.Count == 0)
        {
            await inner.ApplyAsync(operations, all, cancellation);
            return;
        }

        var stored = (await operations.LoadManyAsync<Member>(cancellation, batch.Select(s => s.Id))).ToDictionary(m => m.Id);
        // A member without a stored document (not expected: a batch decides on the stored members) goes Marten's way.
        var rest = all.Where(s => !batch.Contains(s) || !stored.ContainsKey(s.Id)).ToList();
        var folded = batch.Where(s => stored.ContainsKey(s.Id))
            .Select(s => (Member: s.Events.Aggregate(stored[s.Id], (m, e) => Member.Evolve(m, e.Data)!), Version: s.Events.Max(e => e.Version)))
            .ToList();
        if (rest.Count > 0) await inner.ApplyAsync(operations, rest, cancellation);
        if (folded.Count == 0) return;

        var serializer = operations.DocumentStore.Options.Serializer();
        operations.QueueSqlCommand(
            $"insert into {EkopzMarten.Schema}.mt_doc_member (tenant_id, id, data, mt_version, mt_dotnet_type, mt_last_modified) "
            + "select ?, m.id, m.data::jsonb, m.version, ?, transaction_timestamp() "
            + "from unnest(?::uuid[], ?::text[], ?::bigint[]) as m(id, data, version) "
            + "on conflict (tenant_id, id) do update set data = excluded.data, mt_version = excluded.mt_version, "
            + "mt_dotnet_type = excluded.mt_dotnet_type, mt_last_modified = excluded.mt_last_modified",
            operations.TenantId, typeof(Member).FullName!, folded.Select(m => m.Member.Id).ToArray(),
            folded.Select(m => serializer.ToJson(m.Member)).ToArray(), folded.Select(m => m.Version).ToArray());
    }
}
