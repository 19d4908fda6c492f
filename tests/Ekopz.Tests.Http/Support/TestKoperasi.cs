using System.Net;

namespace Ekopz.Tests.Http.Support;

/// <summary>
/// A fresh koperasi (tenant) for one test class, with one login per role. Nothing else in the run
/// can see its data, which is what lets test classes run in parallel on one database.
/// </summary>
public sealed class TestKoperasi
{
    public const string Password = "test-password-1";

    public required string Slug { get; init; }
    public required ApiUser Admin { get; init; }
    public required ApiUser Pengurus { get; init; }
    public required ApiUser Pengurus2 { get; init; }
    public required ApiUser Kasir { get; init; }
    public required ApiUser Pengawas { get; init; }
    public required ApiUser Toko { get; init; }

    public string Url(string path) => $"/api/v1/koperasi/{Slug}/{path.TrimStart('/')}";

    public static async Task<TestKoperasi> Create(decimal pokok = 100_000m, decimal wajib = 25_000m, string timeZone = "Asia/Jakarta")
    {
        var slug = "t-" + Guid.NewGuid().ToString("N")[..12];
        var admin = await ApiUser.Admin();
        (await admin.Post("/api/v1/koperasi", new { slug, name = "Koperasi " + slug, timeZone, pokokAmount = pokok, wajibMonthlyAmount = wajib }))
            .ShouldBe(HttpStatusCode.Created);

        async Task<ApiUser> User(string role)
        {
            var username = $"{role.Replace('_', '-')}.{slug}";
            (await admin.Post($"/api/v1/koperasi/{slug}/users", new { username, password = Password, roles = new[] { role } }))
                .ShouldBe(HttpStatusCode.Created);
            return await ApiUser.Login(username, Password);
        }

        var pengurus = await User("pengurus");
        var pengurus2Name = $"pengurus2.{slug}";
        (await admin.Post($"/api/v1/koperasi/{slug}/users", new { username = pengurus2Name, password = Password, roles = new[] { "pengurus" } }))
            .ShouldBe(HttpStatusCode.Created);
        return new TestKoperasi
        {
            Slug = slug,
            Admin = admin,
            Pengurus = pengurus,
            Pengurus2 = await ApiUser.Login(pengurus2Name, Password),
            Kasir = await User("kasir"),
            Pengawas = await User("pengawas"),
            Toko = await User("pengelola_toko"),
        };
    }

    /// <summary>This koperasi with every login talking to another host of the same database.</summary>
    public TestKoperasi On(EkopzApp app) => new()
    {
        Slug = Slug, Admin = Admin.On(app), Pengurus = Pengurus.On(app), Pengurus2 = Pengurus2.On(app), Kasir = Kasir.On(app),
        Pengawas = Pengawas.On(app), Toko = Toko.On(app),
    };

    private static int _nik = Random.Shared.Next(0, 500_000);

    /// <summary>A valid NIK (province 32, a real date-of-birth part), unique within the test run.</summary>
    public static string NewNik()
    {
        var n = Interlocked.Increment(ref _nik);
        return $"3201{n / 10000 % 100:D2}150180{n % 10000:D4}";
    }

    /// <summary>Registers an applicant; returns its id.</summary>
    public async Task<Guid> Register(string name = "Anggota Uji", string? nik = null)
    {
        var reply = (await Kasir.Post(Url("members"), new { name, nik = nik ?? NewNik() })).ShouldBe(HttpStatusCode.Created);
        return reply.Guid("memberId");
    }

    /// <summary>Registers a member and pays pokok in full: an active member.</summary>
    public async Task<Guid> ActiveMember(string name = "Anggota Aktif")
    {
        var id = await Register(name);
        var settings = (await Pengurus.Get(Url("settings"))).ShouldBe(HttpStatusCode.OK);
        (await Kasir.Post(Url($"members/{id}/savings/pokok/deposits"), new { amount = settings.Decimal("pokokAmount") }))
            .ShouldBe(HttpStatusCode.Created);
        return id;
    }

    /// <summary>An anggota login linked to <paramref name="memberId"/>.</summary>
    public async Task<ApiUser> MemberLogin(Guid memberId)
    {
        var username = $"m{Guid.NewGuid().ToString("N")[..8]}.{Slug}";
        (await Pengurus.Post(Url("users"), new { username, password = Password, roles = new[] { "anggota" }, memberId }))
            .ShouldBe(HttpStatusCode.Created);
        return await ApiUser.Login(username, Password);
    }

    /// <summary>A deposit by the kasir; returns the reply (asserted 201).</summary>
    public async Task<Reply> Deposit(Guid memberId, string kind, decimal amount, string? businessDate = null, string? channel = null) =>
        (await Kasir.Post(Url($"members/{memberId}/savings/{kind}/deposits"), new { amount, businessDate, channel }))
            .ShouldBe(HttpStatusCode.Created);

    /// <summary>The member's statement as the pengawas sees it.</summary>
    public async Task<Reply> Statement(Guid memberId, string query = "") =>
        (await Pengawas.Get(Url($"members/{memberId}/statement{query}"))).ShouldBe(HttpStatusCode.OK);

    public async Task<decimal> Balance(Guid memberId, string kind, string query = "") =>
        (await Statement(memberId, query)).Json["balances"]![kind]!.GetValue<decimal>();

    /// <summary>Registers a member dated <paramref name="joined"/> and pays pokok that day: an active member with a past.</summary>
    public async Task<Guid> MemberSince(string joined, string name = "Anggota Lama")
    {
        var reply = (await Kasir.Post(Url("members"), new { name, nik = NewNik(), businessDate = joined })).ShouldBe(HttpStatusCode.Created);
        var id = reply.Guid("memberId");
        var pokok = (await Pengurus.Get(Url($"settings?asOf={joined}"))).ShouldBe(HttpStatusCode.OK).Decimal("pokokAmount");
        await Deposit(id, "pokok", pokok, joined);
        return id;
    }

    /// <summary>A manual journal proposed by one pengurus and approved by the other; returns its id.</summary>
    public async Task<Guid> Adjust(string date, string description, params (string Code, decimal Debit, decimal Credit)[] lines)
    {
        var id = (await Pengurus.Post(Url("ledger/adjustments"), new
        {
            businessDate = date, description,
            lines = lines.Select(l => new { accountCode = l.Code, debit = l.Debit, credit = l.Credit }).ToArray(),
        })).ShouldBe(HttpStatusCode.Accepted).Guid("adjustmentId");
        (await Pengurus2.Post(Url($"ledger/adjustments/{id}/approve"))).ShouldBe(HttpStatusCode.OK);
        return id;
    }
}
