using System.Net;
using System.Text.Json.Nodes;
using Ekopz.Tests.Http.Support;
using Npgsql;

namespace Ekopz.Tests.Http.Platform.Fuzz;

/// <summary>
/// A koperasi with something of everything, so that every id a route names exists: an active member with savings,
/// a withdrawal, a loan applied for and one running, a product with stock and an order, a manual journal waiting for
/// approval, a reversal, a receipt. Plus a foreign koperasi whose slug and member id the fuzz sends where ours belong,
/// one login per role, and a fingerprint of everything stored for the koperasi.
/// </summary>
public sealed class FuzzWorld
{
    public required TestKoperasi Kop { get; init; }
    public required TestKoperasi Foreign { get; init; }
    public required ApiUser Anggota { get; init; }
    public required Guid ForeignMember { get; init; }
    public required string Today { get; init; }
    /// <summary>Route parameter → a value that names something existing in <see cref="Kop"/>.</summary>
    public required IReadOnlyDictionary<string, string> PathValues { get; init; }
    /// <summary>Body fields naming ids → an existing id.</summary>
    public required IReadOnlyDictionary<string, string> Ids { get; init; }
    private string _fingerprintSql = "";

    public static async Task<FuzzWorld> Create()
    {
        var kop = await TestKoperasi.Create();
        var foreign = await TestKoperasi.Create();
        var today = Loans.LoanKit.Today;
        var monthAgo = Loans.LoanKit.DaysAgo(40);

        var member = await kop.MemberSince(monthAgo, "Anggota Fuzz");
        var deposit = await kop.Deposit(member, "sukarela", 2_000_000m, monthAgo);
        var transaction = deposit.Guid("transactionId");
        await kop.Deposit(member, "wajib", 25_000m);
        var anggota = await kop.MemberLogin(member);
        var foreignMember = await foreign.Register("Anggota Lain");

        var withdrawal = (await kop.Kasir.Post(kop.Url($"members/{member}/savings/sukarela/withdrawals"), new { amount = 50_000, payAtCounter = true }))
            .ShouldBe(HttpStatusCode.Accepted).Guid("withdrawalId");

        await Loans.LoanKit.Capital(kop, 500_000_000m, monthAgo);
        var applied = await Loans.LoanKit.Apply(kop, member, 1_000_000m, 10, 12m, "flat");
        var running = await Loans.LoanKit.ActiveLoan(kop, member, monthAgo, 2_000_000m, 12, 12m);

        var unit = await Shop.ShopKit.MainUnit(kop);
        var product = await Shop.ShopKit.Product(kop, "FZ-1", 10_000m, 12_000m, monthAgo, unit);
        await Shop.ShopKit.Receive(kop, monthAgo, product, 1_000m, 8_000m);
        (await kop.Pengurus.Post(kop.Url($"shop/units/{unit}/managers"), new { username = kop.Toko.Username })).Status
            .Should().BeOneOf(HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.NoContent);
        var order = (await Shop.ShopKit.PlaceOrder(kop, kop.Kasir, member, "web", null, (product, 2m))).ShouldBe(HttpStatusCode.Created).Guid("orderId");

        var adjustment = (await kop.Pengurus.Post(kop.Url("ledger/adjustments"), new
        {
            businessDate = today, description = "Koreksi fuzz",
            lines = new object[] { new { accountCode = "1-1000", debit = 1000, credit = 0 }, new { accountCode = "1-1010", debit = 0, credit = 1000 } },
        })).ShouldBe(HttpStatusCode.Accepted).Guid("adjustmentId");
        var reversal = (await kop.Pengurus.Post(kop.Url($"members/{member}/savings/transactions/{transaction}/reversal"), new { reason = "salah input" }))
            .Json["reversalId"]?.GetValue<Guid>() ?? Guid.NewGuid();
        var receipt = (await kop.Kasir.Post(kop.Url("receipts"), new { source = "savings", transactionId = transaction }))
            .ShouldBe(HttpStatusCode.Created).Json["receiptNumber"]!.ToString();
        var payoutReply = await kop.Pengurus.Post(kop.Url($"shop/units/{unit}/payouts"), new { amount = 1000 });
        var payout = payoutReply.Status == HttpStatusCode.Created || payoutReply.Status == HttpStatusCode.Accepted
            ? payoutReply.Json["payoutId"]?.GetValue<Guid>() ?? Guid.NewGuid() : Guid.NewGuid();
        var statement = await kop.Statement(member);
        var eventId = FindFirst(statement.Json, "eventId") ?? Guid.NewGuid().ToString();
        var entries = await kop.Pengawas.Get(kop.Url($"events/{eventId}/entries"));
        var entryId = entries.Status == HttpStatusCode.OK ? FindFirst(entries.Json, "entryId") ?? Guid.NewGuid().ToString() : Guid.NewGuid().ToString();
        var victim = $"victim.{kop.Slug}";
        (await kop.Pengurus.Post(kop.Url("users"), new { username = victim, password = TestKoperasi.Password, roles = new[] { "kasir" } }))
            .ShouldBe(HttpStatusCode.Created);
        var productLoan = (await kop.Pengurus.Get(kop.Url("loan-products"))).Json.AsArray().Select(p => p?["productId"]?.ToString()).FirstOrDefault(p => p is not null);
        var month = today[..7];

        var world = new FuzzWorld
        {
            Kop = kop, Foreign = foreign, Anggota = anggota, ForeignMember = foreignMember, Today = today,
            PathValues = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["kop"] = kop.Slug, ["memberId"] = member.ToString(), ["withdrawalId"] = withdrawal.ToString(), ["loanId"] = running.ToString(),
                ["orderId"] = order.ToString(), ["adjustmentId"] = adjustment.ToString(), ["reversalId"] = reversal.ToString(),
                ["transactionId"] = transaction.ToString(), ["productId"] = productLoan ?? product.ToString(), ["unitId"] = unit.ToString(),
                ["payoutId"] = payout.ToString(), ["eventId"] = eventId, ["entryId"] = entryId, ["username"] = victim, ["code"] = "1-1010",
                ["role"] = "cash.bank", ["kind"] = "sukarela", ["period"] = month, ["month"] = month, ["year"] = today[..4],
                ["receiptNumber"] = receipt,
            },
            Ids = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["memberId"] = member.ToString(), ["productId"] = product.ToString(), ["unitId"] = unit.ToString(), ["loanId"] = applied.ToString(),
                ["transactionId"] = transaction.ToString(), ["orderId"] = order.ToString(), ["ownerMemberId"] = member.ToString(),
            },
        };
        // Some routes name a product of the shop and some a loan product: the path value follows the route.
        world._shopProduct = product.ToString();
        world._fingerprintSql = await StoredData.FingerprintSql();
        return world;
    }

    private string _shopProduct = "";

    /// <summary>The value of route parameter <paramref name="name"/> in <paramref name="path"/>.</summary>
    public string PathValue(string path, string name) =>
        name.Equals("productId", StringComparison.OrdinalIgnoreCase) && path.Contains("/shop/", StringComparison.Ordinal) ? _shopProduct
        : PathValues.TryGetValue(name, out var value) ? value : "x";

    /// <summary>The login for a role (alternating between the two pengurus, so neither is always the maker).</summary>
    public ApiUser Login(string role, int turn) => role switch
    {
        "pengurus" => turn % 2 == 0 ? Kop.Pengurus : Kop.Pengurus2,
        "kasir" => Kop.Kasir,
        "pengelola_toko" => Kop.Toko,
        "pengawas" => Kop.Pengawas,
        "anggota" => Anggota,
        "admin" => Kop.Admin,
        _ => Kop.Pengurus,
    };

    /// <summary>What is stored for the koperasi (<see cref="StoredData"/>), on one connection with a prepared statement.</summary>
    public async Task<string> Fingerprint()
    {
        if (_fingerprint is null)
        {
            // One connection and one prepared statement for the whole run: thousands of fingerprints are taken.
            var connection = new NpgsqlConnection(EkopzApp.ConnectionString);
            await connection.OpenAsync();
            _fingerprint = new NpgsqlCommand(_fingerprintSql, connection);
            _fingerprint.Parameters.AddWithValue("t", Kop.Slug);
            await _fingerprint.PrepareAsync();
        }
        return (string)(await _fingerprint.ExecuteScalarAsync())!;
    }

    private NpgsqlCommand? _fingerprint;

    /// <summary>Closes the fingerprint's connection.</summary>
    public async Task Close()
    {
        if (_fingerprint?.Connection is { } connection) await connection.DisposeAsync();
    }

    private static string? FindFirst(JsonNode? node, string name)
    {
        switch (node)
        {
            case JsonObject o:
                if (o[name] is JsonValue v) return v.ToString();
                foreach (var (_, child) in o)
                    if (FindFirst(child, name) is { } found) return found;
                break;
            case JsonArray a:
                foreach (var child in a)
                    if (FindFirst(child, name) is { } found) return found;
                break;
        }
        return null;
    }
}
