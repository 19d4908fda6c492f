using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Koperasi;
using Ekopz.Domain.Members;
using Ekopz.Domain.Savings;
using NodaTime;

namespace Ekopz.Tests.Unit.Writes;

/// <summary>
/// What the endpoints' Decide functions (Wolverine's write path, docs/adr/0031) are given in a unit test: a command scope with
/// a caller, now and the koperasi's settings, and <b>no session</b>: a Decide that reached for the database would fail here.
/// </summary>
internal static class WriteScopes
{
    /// <summary>10:00 in Jakarta on 2 November 2026.</summary>
    public static readonly Instant Now = Instant.FromUtc(2026, 11, 2, 3, 0);
    public static readonly LocalDate Today = new(2026, 11, 2);

    private static readonly KoperasiSettings Settings = KoperasiSettings.Evolve(null, new KoperasiOpened("kop", "Kop", "Asia/Jakarta",
        100_000m, 20_000m, new EventMeta("admin", new LocalDate(2026, 1, 1), Instant.FromUtc(2026, 1, 1, 0, 0), Channels.Web, "c")))!;

    public static CommandScope As(string username, params string[] roles) =>
        new(null!, new Caller(username, "kop", roles.ToHashSet(), null), Settings, Now, "corr-1", new HashSet<string> { "2026-09" });

    public static CommandScope Kasir => As("kasir1", Roles.Kasir);
    public static CommandScope Pengurus => As("pengurus1", Roles.Pengurus);
    public static CommandScope Pengurus2 => As("pengurus2", Roles.Pengurus);

    public static CommandScope MemberApp(Guid memberId) =>
        new(null!, new Caller("budi", "kop", new HashSet<string> { Roles.Anggota }, memberId), Settings, Now, "corr-1");

    public static Member Active(Guid id, decimal sukarela) => new(id, "000001", "Budi", "3201011501800001", null, null,
        MemberStatus.Active, new SavingsBalances(100_000m, 0m, sukarela), new LocalDate(2026, 1, 1), new LocalDate(2026, 1, 1));
}
