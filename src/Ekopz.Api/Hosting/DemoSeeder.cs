using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Api.Members.Registering;
using Ekopz.Api.Platform;
using Ekopz.Api.Platform.Onboarding;
using Ekopz.Api.Platform.Users;
using Ekopz.Api.Savings.Depositing;
using Ekopz.Domain.Members;
using Marten;
using NodaTime;

namespace Ekopz.Api.Hosting;

/// <summary>
/// Seeds the demo koperasi through the same command code the API runs (not by writing documents),
/// so the demo data has real events, statements and trace fields. Every step is idempotent:
/// existing things are skipped and money moves carry fixed idempotency keys, so a second
/// <c>./ekopz up</c> adds nothing twice.
/// </summary>
public sealed class DemoSeeder(CommandRunner runner, IDocumentStore store, IClock clock, ILogger<DemoSeeder> logger,
    Ekopz.Api.Ledger.LedgerQueries ledger)
{
    public const string Slug = "demo";
    public const string Password = "demo12345";

    public static readonly (string Username, string[] Roles, string? MemberNik)[] Logins =
    [
        ("pengurus.demo", [Roles.Pengurus], null),
        ("bendahara.demo", [Roles.Pengurus], null),
        ("kasir.demo", [Roles.Kasir], null),
        ("toko.demo", [Roles.PengelolaToko], null),
        ("pengawas.demo", [Roles.Pengawas], null),
        ("budi.demo", [Roles.Anggota], "3201011501800001"),
    ];

    private static readonly (string Name, string Nik, string Phone, string Address)[] People =
    [
        ("Budi Santoso", "3201011501800001", "081234567801", "Jl. Melati 1, Bogor"),
        ("Siti Aminah", "3201015203850002", "081234567802", "Jl. Mawar 7, Bogor"),
        ("Agus Pratama", "3201012007900003", "081234567803", "Jl. Kenanga 3, Bogor"),
        ("Dewi Lestari", "3201014811920004", "081234567804", "Jl. Anggrek 12, Bogor"),
    ];

    public async Task SeedAsync(CancellationToken ct)
    {
        var seed = new Caller("seed", Slug, new HashSet<string> { Roles.Admin, Roles.Pengurus }, null);
        var correlation = "seed-" + Guid.NewGuid().ToString("N")[..8];

        await using (var query = store.QuerySession())
        {
            if (await query.LoadAsync<KoperasiRecord>(Slug, ct) is null)
                await runner.Execute(seed, null, correlation, "seed-koperasi", "seed-koperasi",
                    s => CreateKoperasiEndpoint.Handle(s, new CreateKoperasiRequest(Slug, "Koperasi Sejahtera Bersama (demo)",
                        "Asia/Jakarta", 100_000m, 25_000m)), ct);
        }

        var today = clock.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Asia/Jakarta"]).Date;
        var start = today.PlusMonths(-3).With(DateAdjusters.StartOfMonth);
        var memberIds = new Dictionary<string, Guid>();
        foreach (var person in People)
        {
            await using var query = store.QuerySession(Slug);
            var existing = await query.Query<Member>().FirstOrDefaultAsync(m => m.Nik == person.Nik, ct);
            if (existing is null)
            {
                var outcome = await runner.Execute(seed, Slug, correlation, $"seed-member-{person.Nik}", $"seed-member-{person.Nik}",
                    s => RegisterMemberEndpoint.Handle(s, new RegisterMemberRequest(person.Name, person.Nik, person.Phone, person.Address, start)), ct);
                existing = await query.Query<Member>().FirstAsync(m => m.Nik == person.Nik, ct);
                _ = outcome;
            }
            memberIds[person.Nik] = existing.Id;
        }

        // A little history: pokok for the first three, wajib for the last months, some sukarela.
        var moves = new List<(string Key, string Nik, string Kind, decimal Amount, LocalDate Date, string Channel)>();
        for (var i = 0; i < 3; i++)
        {
            var nik = People[i].Nik;
            moves.Add(($"pokok-{nik}", nik, "pokok", 100_000m, start, "counter"));
            for (var m = 0; m < 3; m++)
                moves.Add(($"wajib-{nik}-{m}", nik, "wajib", 25_000m, start.PlusMonths(m).PlusDays(4), m == 1 ? "transfer" : "counter"));
            moves.Add(($"sukarela-{nik}", nik, "sukarela", 250_000m * (i + 1), start.PlusDays(10 + i), "counter"));
        }
        moves.Add(($"pokok-part-{People[3].Nik}", People[3].Nik, "pokok", 50_000m, start.PlusMonths(2), "counter"));

        foreach (var move in moves.Where(m => m.Date <= today))
            await runner.Execute(seed, Slug, correlation, "seed-" + move.Key, "seed-" + move.Key,
                s => DepositSavingsEndpoint.Handle(s, memberIds[move.Nik], move.Kind,
                    new DepositRequest(move.Amount, move.Date, move.Channel, "demo data")), ct);

        foreach (var (username, roles, nik) in Logins)
        {
            await using var query = store.QuerySession();
            if (await query.LoadAsync<UserAccount>(username, ct) is not null) continue;
            await runner.Execute(seed, Slug, correlation, null, "",
                s => CreateUserEndpoint.Handle(s, Slug, new CreateUserRequest(username, Password, roles, nik is null ? null : memberIds[nik])), ct);
        }

        await DemoLoans.SeedAsync(runner, store, ledger, seed, correlation, memberIds, start, today, ct);

        logger.LogInformation("Demo koperasi '{Slug}' is ready.", Slug);
    }
}
