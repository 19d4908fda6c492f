using Ekopz.Domain.Common;
using Ekopz.Domain.Koperasi;
using NodaTime;

namespace Ekopz.Tests.Unit.Koperasi;

public class KoperasiSettingsTests
{
    private static readonly EventMeta Meta = new("admin", new LocalDate(2026, 1, 1), Instant.FromUtc(2026, 1, 1, 0, 0), Channels.Web, "c");

    private static KoperasiSettings Opened() =>
        KoperasiSettings.Evolve(null, new KoperasiOpened("kop", "Kop", "Asia/Jakarta", 100_000m, 20_000m, Meta))!;

    [Fact]
    public void At_ReadsTheVersionInForceOnThatDay()
    {
        var s = KoperasiSettings.Evolve(Opened(), new KoperasiSettingsChanged(new LocalDate(2026, 7, 1), 150_000m, null, null, Meta))!;
        s = KoperasiSettings.Evolve(s, new KoperasiSettingsChanged(new LocalDate(2026, 3, 1), null, 30_000m, null, Meta))!;

        s.At(new LocalDate(2025, 12, 31)).Should().Be(new SettingsVersion(LocalDate.MinIsoValue, 100_000m, 20_000m));
        s.At(new LocalDate(2026, 3, 1)).Should().Be(new SettingsVersion(new LocalDate(2026, 3, 1), 100_000m, 30_000m));
        s.At(new LocalDate(2026, 6, 30)).PokokAmount.Should().Be(100_000m);
        s.At(new LocalDate(2026, 7, 1)).PokokAmount.Should().Be(150_000m);
    }

    [Fact]
    public void Change_BeforeToday_IsRefused()
    {
        var act = () => KoperasiDecider.Decide(new ChangeSettings(new LocalDate(2026, 1, 1), 1m, null, null), Opened(), new LocalDate(2026, 1, 2), Meta);
        act.Should().Throw<DomainException>().Which.Errors!.Keys.Should().Contain("effectiveFrom");
    }

    [Fact]
    public void Open_WithoutAmounts_UsesTheDefaults()
    {
        var e = KoperasiDecider.Decide(new OpenKoperasi("kop-a", "Kop A", "Asia/Jayapura", null, null), Meta);
        e.PokokAmount.Should().Be(KoperasiDecider.DefaultPokok);
        e.WajibMonthlyAmount.Should().Be(KoperasiDecider.DefaultWajibMonthly);
    }

    [Fact]
    public void StreamIds_AreStablePerSlugAndDistinctAcrossSlugs()
    {
        KoperasiSettings.StreamId("a-kop").Should().Be(KoperasiSettings.StreamId("a-kop"));
        KoperasiSettings.StreamId("a-kop").Should().NotBe(KoperasiSettings.StreamId("b-kop"));
    }
}
