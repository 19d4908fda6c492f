using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Api.Members;
using Ekopz.Api.Platform;
using Marten;

namespace Ekopz.Api.Hosting;

/// <summary>Documents the API itself owns (logins, the koperasi registry, idempotency records).</summary>
public static class ApiDocuments
{
    public static void Configure(StoreOptions opts)
    {
        // Global: one namespace of usernames and slugs for the whole platform.
        opts.Schema.For<UserAccount>();
        opts.Schema.For<KoperasiRecord>();
        // A refresh token is single use: two racing refreshes with one token cannot both win (the loser is a reuse).
        opts.Schema.For<RefreshTokenRecord>().UseOptimisticConcurrency(true);
        opts.Schema.For<RefreshTokenFamily>();
        // A stream per login name, in the platform's (default) tenant like the logins themselves; its inline state is
        // what the sign-in decides a lockout on (docs/adr/0018). Tenanted because the events are (conjoined).
        opts.Schema.For<Ekopz.Domain.Logins.LoginRecord>().MultiTenanted();
        opts.Projections.Add(new Ekopz.Projections.Logins.LoginRecordProjection(), JasperFx.Events.Projections.ProjectionLifecycle.Inline);
        // Per koperasi.
        opts.Schema.For<IdempotencyRecord>().MultiTenanted();
        opts.Schema.For<MemberNumbering>().MultiTenanted();
    }
}
