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
/// Seeds the demo koperasi through the same decisions the API makes (not by writing documents),
/// so the demo data has real events, statements and trace fields. Each step is a <see cref="DemoSteps"/> step: its own
/// session, the endpoint's pure <c>Decide</c> or shared core, one save (docs/adr/0042). Every step is idempotent:
/// existing things are skipped and money moves carry fixed idempotency keys, so a second
/// <c>./ekopz up</c> adds nothing twice.
/// </summary>
public sealed class DemoSeeder(IDocumentStore store, IClock clock, KoperasiContextCache contexts, ILogger<DemoSeeder> logger,
    Ekopz.Api.Ledger.LedgerQueries ledger, Ekopz.Domain.Shop.IShippingRates shipping)
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
        var steps = new DemoSteps(store, clock, contexts, correlation);

        await using (var query = store.QuerySession())
        {
            if (await query.LoadAsync<KoperasiRecord>(Slug, ct) is null)
                await steps.Run(seed, null, "seed-koperasi", async s => CommandResult.Created(await CreateKoperasiEndpoint.Onboard(s,
                    new CreateKoperasiRequest(Slug, "Koperasi Sejahtera Bersama (demo)", "Asia/Jakarta", 100_000m, 25_000m), ct)), ct);
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
                await steps.Run(seed, Slug, $"seed-member-{person.Nik}",
                    s => RegisterMemberEndpoint.Handle(s, new RegisterMemberRequest(person.Name, person.Nik, person.Phone, person.Address, start)), ct);
                existing = await query.Query<Member>().FirstAsync(m => m.Nik == person.Nik, ct);
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
            await steps.Run(seed, Slug, "seed-" + move.Key, async s =>
            {
                // The deposit's decision (docs/adr/0025) on the member's stream.
                var member = await s.Session.Events.FetchForWriting<Member>(memberIds[move.Nik], ct);
                var (events, response) = DepositSavingsEndpoint.Decide(s, move.Kind, new DepositRequest(move.Amount, move.Date, move.Channel, "demo data"),
                    member.Aggregate);
                member.AppendMany(events.Cast<object>().ToArray());
                return CommandResult.Created(response);
            }, ct);

        foreach (var (username, roles, nik) in Logins)
        {
            await using var query = store.QuerySession();
            if (await query.LoadAsync<UserAccount>(username, ct) is not null) continue;
            await steps.Run(seed, Slug, null, async s => CommandResult.Created(await CreateUserEndpoint.Create(s, Slug,
                new CreateUserRequest(username, Password, roles, nik is null ? null : memberIds[nik]))), ct);
        }

        await DemoLoans.SeedAsync(steps, store, ledger, seed, memberIds, start, today, ct);
        await SeedShop(steps, seed, start, today, memberIds, ct);
        await Ekopz.Api.Community.DemoNews.SeedAsync(steps, seed, Slug, ct);

        logger.LogInformation("Demo koperasi '{Slug}' is ready.", Slug);
    }

    private static readonly (string Sku, string Name, string Unit, decimal MemberPrice, decimal PublicPrice, decimal Quantity, decimal UnitCost)[] Products =
    [
        ("BRS-5KG", "Beras premium 5 kg", "pcs", 68_000m, 72_000m, 40m, 62_000m),
        ("MYK-2L", "Minyak goreng 2 liter", "pcs", 34_000m, 36_000m, 30m, 31_000m),
        ("GLA-KG", "Gula pasir curah", "kg", 16_500m, 17_500m, 50m, 15_000m),
    ];

    /// <summary>
    /// The shop: three products in the koperasi's own unit (run by toko.demo), one supplier receipt,
    /// a member's counter sale, a web order that has shipped, and a walk-in sale; for toko.demo's dashboard
    /// (/toko), today a member's web order waiting for payment and one paid, waiting to be shipped. Every step goes
    /// through the shop's own command code with a fixed idempotency key, so a second run adds nothing.
    /// </summary>
    private async Task SeedShop(DemoSteps steps, Caller seed, LocalDate start, LocalDate today, Dictionary<string, Guid> memberIds,
        CancellationToken ct)
    {
        var productIds = new Dictionary<string, Guid>();
        foreach (var p in Products)
        {
            await using var query = store.QuerySession(Slug);
            var existing = await query.Query<Ekopz.Domain.Shop.ShopProduct>().FirstOrDefaultAsync(x => x.Sku == p.Sku, ct);
            if (existing is null)
            {
                await steps.Run(seed, Slug, $"seed-product-{p.Sku}",
                    s => Shop.Catalogue.CatalogueEndpoints.Handle(s, new Shop.Catalogue.CreateProductRequest(p.Sku, p.Name, p.MemberPrice, p.PublicPrice,
                        null, p.Unit, start)), ct);
                existing = await query.Query<Ekopz.Domain.Shop.ShopProduct>().FirstAsync(x => x.Sku == p.Sku, ct);
            }
            productIds[p.Sku] = existing.Id;
        }

        var main = Ekopz.Domain.Shop.ShopUnit.MainId(Slug);
        await steps.Run(seed, Slug, null,
            s => Shop.Units.ManageUnitsEndpoints.AssignManagerCore(s, main, new Shop.Units.UnitManagerRequest("toko.demo")), ct);

        await steps.Run(seed, Slug, "seed-receipt-1",
            s => Shop.Stock.ReceiveStockEndpoint.Handle(s, new Shop.Stock.StockReceiptRequest("PT Sumber Pangan Bogor", start.PlusDays(5),
                Products.Select(p => new Shop.Stock.ReceiptLineRequest(productIds[p.Sku], p.Quantity, p.UnitCost)).ToList(), "credit")), ct);

        async Task<Guid> Order(string key, Guid? member, string channel, LocalDate date, params (string Sku, decimal Quantity)[] lines) =>
            await OrderPaidOrNot(key, member, channel, date, true, lines);

        async Task<Guid> OrderPaidOrNot(string key, Guid? member, string channel, LocalDate date, bool pay, params (string Sku, decimal Quantity)[] lines)
        {
            var placed = await steps.Run(seed, Slug, key,
                s => Shop.Ordering.PlaceOrderEndpoint.Handle(s, new Shop.Ordering.PlaceOrderRequest(member, channel,
                    lines.Select(l => new Shop.Ordering.OrderLineInput(productIds[l.Sku], l.Quantity)).ToList(),
                    ShipTo: channel == "counter" ? null : "Jl. Mawar 7, Bogor", BusinessDate: date), shipping, ct), ct);
            var orderId = placed.GetProperty("orderId").GetGuid();
            if (!pay) return orderId;
            await steps.Run(seed, Slug, key + "-pay", async s => CommandResult.Ok(await Shop.Ordering.OrderActionEndpoints.PayOn(s,
                await s.Session.Events.FetchForWriting<Ekopz.Domain.Shop.ShopOrder>(orderId, ct), new Shop.Ordering.PayOrderRequest(null, date))), ct);
            return orderId;
        }

        var budi = memberIds[People[0].Nik];
        var siti = memberIds[People[1].Nik];
        await Order("seed-order-budi", budi, "counter", start.PlusDays(20), ("BRS-5KG", 2m), ("MYK-2L", 1m));
        var web = await Order("seed-order-siti", siti, "web", start.PlusDays(30), ("GLA-KG", 1.5m), ("MYK-2L", 2m));
        await steps.Run(seed, Slug, "seed-order-siti-ship", async s => CommandResult.Ok(await Shop.Ordering.OrderActionEndpoints.ShipOn(s,
            await s.Session.Events.FetchForWriting<Ekopz.Domain.Shop.ShopOrder>(web, ct),
            new Shop.Ordering.ShipOrderRequest("JNE-DEMO-0001", BusinessDate: start.PlusDays(31)), shipping, ct)), ct);
        await Order("seed-order-walkin", null, "counter", start.PlusDays(32), ("GLA-KG", 2m));
        // Something for toko.demo to act on: an unpaid web order and a paid one to ship.
        await OrderPaidOrNot("seed-order-budi-web-unpaid", budi, "web", today, false, ("BRS-5KG", 1m), ("GLA-KG", 2m));
        await Order("seed-order-siti-web-toship", siti, "web", today, ("MYK-2L", 1m));
    }
}
