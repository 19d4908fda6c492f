using Ekopz.Projections.Rebuild;
using Marten;

namespace Ekopz.Projections.Savings;

/// <summary>
/// Savings lines as a rebuild writes them (docs/adr/0027, "Speed"): the same lines as live, buffered and written with
/// Marten's own bulk loader (binary <c>COPY</c>: the same JSON, duplicated fields, type and tenant columns an upsert
/// writes) on the rebuild's transaction, instead of one upsert call per line. Lines are insert-only and the
/// koperasi's lines were just cleared, so there is nothing to upsert over.
/// </summary>
public sealed class SavingsLineBulkRebuild : SavingsLineProjection, IRebuildBulkWriter
{
    private readonly List<SavingsLine> _lines = [];

    protected override void WriteMany(IDocumentOperations operations, string tenant, IReadOnlyList<SavingsLine> lines) => _lines.AddRange(lines);

    public async Task FlushAsync(RebuildTarget target, CancellationToken ct)
    {
        if (_lines.Count == 0) return;
        var options = (StoreOptions)target.Store.Options;
        var tenant = await options.Tenancy.GetTenantAsync(target.Tenant);
        // The loader Marten's own BulkInsertAsync uses, run on our connection so it joins the rebuild's transaction.
        var provider = (Marten.Internal.Storage.MartenDocumentProvider<SavingsLine>)tenant.Database.Providers.StorageFor<SavingsLine>();
        await provider.BulkLoader.LoadAsync(tenant, options.Serializer(), target.Connection, _lines, ct);
        _lines.Clear();
    }

    public Task CompleteAsync(RebuildTarget target, CancellationToken ct) => Task.CompletedTask;
}
