using Ekopz.Api.Auth;
using Marten;
using NodaTime;

namespace Ekopz.Api.Hosting;

/// <summary>
/// At start: makes sure the platform operator account exists (its password from
/// EKOPZ_ADMIN_PASSWORD the first time), and seeds the demo koperasi when EKOPZ_SEED_DEMO is set.
/// </summary>
public sealed class Bootstrap(IDocumentStore store, IClock clock, IConfiguration configuration, IHostEnvironment environment,
    DemoSeeder seeder, Infrastructure.ReadDb db, ILogger<Bootstrap> logger) : IHostedService
{
    public const string AdminUsername = "admin";
    public const string DevelopmentAdminPassword = "admin-dev-password";

    public async Task StartAsync(CancellationToken ct)
    {
        await Projections.Ledger.LedgerSchema.EnsureAsync(db.DataSource, Projections.EkopzMarten.Schema, ct);
        await Projections.Shop.ShopSchema.EnsureAsync(db.DataSource, Projections.EkopzMarten.Schema, ct);
        await EnsureAdmin(ct);
        if (configuration["EKOPZ_SEED_DEMO"] is "true" or "1")
            await seeder.SeedAsync(ct);
    }

    private async Task EnsureAdmin(CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        if (await session.LoadAsync<UserAccount>(AdminUsername, ct) is not null) return;

        var password = configuration["EKOPZ_ADMIN_PASSWORD"];
        if (string.IsNullOrEmpty(password))
        {
            if (!environment.IsDevelopment())
                throw new InvalidOperationException("EKOPZ_ADMIN_PASSWORD must be set the first time Ekopz starts outside Development.");
            password = DevelopmentAdminPassword;
            logger.LogWarning("No EKOPZ_ADMIN_PASSWORD: the operator account 'admin' gets the development password '{Password}'.", password);
        }
        // The same rules as every other password (docs/adr/0018), checked only when the account is first created.
        if (PasswordRules.Problem(AdminUsername, password) is { } problem)
            throw new InvalidOperationException($"EKOPZ_ADMIN_PASSWORD will not do: {problem}");

        session.Insert(new UserAccount
        {
            Id = AdminUsername,
            UserId = Guid.NewGuid(),
            PasswordHash = PasswordHasher.Hash(password),
            Roles = [Roles.Admin],
            CreatedAt = clock.GetCurrentInstant(),
            CreatedBy = "bootstrap",
        });
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is JasperFx.DocumentAlreadyExistsException || Infrastructure.ErrorHandling.UniqueViolation(e) is not null)
        {
            // Another node created it first: fine.
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
