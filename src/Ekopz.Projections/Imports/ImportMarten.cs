using Ekopz.Domain.Imports;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Aggregation;

namespace Ekopz.Projections.Imports;

/// <summary>What the koperasi imported from its old books (docs/adr/0033): one inline snapshot per koperasi.</summary>
public static class ImportMarten
{
    public static void Configure(StoreOptions opts)
    {
        opts.Schema.For<OpeningImports>().MultiTenanted();
        opts.Projections.Add(new OpeningImportsProjection(), ProjectionLifecycle.Inline);
    }
}

/// <summary>The koperasi's import stream folded: the digests of the files applied and the savings they opened.</summary>
public class OpeningImportsProjection : SingleStreamProjection<OpeningImports, Guid>
{
    public OpeningImportsProjection() => FoldEvents.Declare<OpeningImports>(this, OpeningImports.Evolve);

    public override OpeningImports? Evolve(OpeningImports? snapshot, Guid id, IEvent e) =>
        OpeningImports.Evolve(snapshot, e.Data) is { } next ? next with { Id = id } : null;
}
