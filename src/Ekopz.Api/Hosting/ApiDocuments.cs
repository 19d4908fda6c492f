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
        // A refresh token is single use: two racing refreshes with one token cannot both win.
        opts.Schema.For<RefreshTokenRecord>().UseOptimisticConcurrency(true);
        // Per koperasi.
        opts.Schema.For<IdempotencyRecord>().MultiTenanted();
        opts.Schema.For<MemberNumbering>().MultiTenanted();
    }
}
