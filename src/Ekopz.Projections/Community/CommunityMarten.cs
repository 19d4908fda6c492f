using Ekopz.Domain.Community;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Aggregation;
using Marten.Schema;
using Marten.Schema.Indexing.Unique;
using JasperFx.MultiTenancy;

namespace Ekopz.Projections.Community;

/// <summary>Kopnews, published reports and online membership applications (docs/adr/0022).</summary>
public static class CommunityMarten
{
    public static void Configure(StoreOptions opts)
    {
        opts.Schema.For<NewsPost>().MultiTenanted();
        opts.Schema.For<PublishedPeriod>().MultiTenanted();
        opts.Schema.For<ApplicationNumbering>().MultiTenanted();
        opts.Schema.For<MembershipApplication>().MultiTenanted()
            .UniqueIndex(UniqueIndexType.Computed, "ux_application_number", TenancyScope.PerTenant, x => x.Number)
            .Duplicate(x => x.TokenHash)
            .Duplicate(x => x.Nik)
            .Duplicate(x => x.Status);
        opts.Projections.Add(new NewsPostProjection(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new PublishedPeriodProjection(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new MembershipApplicationProjection(), ProjectionLifecycle.Inline);
    }
}

public class NewsPostProjection : SingleStreamProjection<NewsPost, Guid>
{
    public NewsPostProjection() => FoldEvents.Declare<NewsPost>(this, NewsPost.Evolve);

    public override NewsPost? Evolve(NewsPost? snapshot, Guid id, IEvent e) => NewsPost.Evolve(snapshot, e.Data);
}

public class PublishedPeriodProjection : SingleStreamProjection<PublishedPeriod, Guid>
{
    public PublishedPeriodProjection() => FoldEvents.Declare<PublishedPeriod>(this, PublishedPeriod.Evolve);

    public override PublishedPeriod? Evolve(PublishedPeriod? snapshot, Guid id, IEvent e) => PublishedPeriod.Evolve(snapshot, e.Data);
}

public class MembershipApplicationProjection : SingleStreamProjection<MembershipApplication, Guid>
{
    public MembershipApplicationProjection() => FoldEvents.Declare<MembershipApplication>(this, MembershipApplication.Evolve);

    public override MembershipApplication? Evolve(MembershipApplication? snapshot, Guid id, IEvent e) => MembershipApplication.Evolve(snapshot, e.Data);
}
