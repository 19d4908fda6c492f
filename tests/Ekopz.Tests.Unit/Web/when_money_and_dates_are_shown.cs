using Ekopz.Web.Formatting;

namespace Ekopz.Tests.Unit.Web;

/// <summary>Money and dates as people in Indonesia read them, whatever the server's own culture.</summary>
public sealed class when_money_and_dates_are_shown
{
    [Theory]
    [InlineData("1234567", "Rp 1.234.567")]
    [InlineData("1100159.91", "Rp 1.100.159,91")]
    [InlineData("1500.5", "Rp 1.500,50")]
    [InlineData("0", "Rp 0")]
    [InlineData("-1000", "−Rp 1.000")]
    [InlineData("150000.00", "Rp 150.000")]
    public void money_has_dot_thousands_and_comma_sen(string amount, string shown) =>
        Rupiah.Format(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)).Should().Be(shown);

    [Fact]
    public void a_movement_carries_its_sign() =>
        (Rupiah.Signed(50_000m), Rupiah.Signed(-20_000m)).Should().Be(("+Rp 50.000", "−Rp 20.000"));

    [Theory]
    [InlineData("150000", "150000")]
    [InlineData("150.000", "150000")]
    [InlineData("Rp 150.000", "150000")]
    [InlineData("Rp150.000", "150000")]
    [InlineData("1.250.000,50", "1250000.50")]
    [InlineData("1250000,5", "1250000.5")]
    [InlineData("1500.5", "1500.5")]
    [InlineData(" 25.000 ", "25000")]
    public void a_kasir_may_type_amounts_the_indonesian_way(string typed, string amount)
    {
        MoneyInput.TryParse(typed, out var parsed).Should().BeTrue();
        parsed.Should().Be(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1,5,0")]
    [InlineData("15.00.000")]
    [InlineData("1.5000")]
    [InlineData("12,345")]
    [InlineData("-100")]
    public void an_ambiguous_amount_is_refused_not_guessed(string typed) => MoneyInput.TryParse(typed, out _).Should().BeFalse();

    [Fact]
    public void dates_are_day_short_month_year() =>
        (Tanggal.Format(new DateOnly(2026, 12, 4)), Tanggal.Full(new DateOnly(2026, 8, 17)), Tanggal.Period("2026-05"))
            .Should().Be(("4 Des 2026", "17 Agustus 2026", "Mei 2026"));

    [Fact]
    public void a_moment_is_shown_in_the_koperasi_zone_with_its_name()
    {
        var instant = new DateTimeOffset(2026, 12, 4, 17, 30, 0, TimeSpan.Zero);
        Tanggal.Moment(instant, "Asia/Jakarta").Should().Be("5 Des 2026 00.30 WIB");
        Tanggal.Moment(instant, "Asia/Makassar").Should().Be("5 Des 2026 01.30 WITA");
        Tanggal.Moment(instant, "Asia/Jayapura").Should().Be("5 Des 2026 02.30 WIT");
    }

    [Fact]
    public void as_recorded_at_typed_on_the_koperasi_clock_is_the_right_instant() =>
        LocalMoment.Parse("2026-12-04T09:00", "Asia/Jakarta").Should().Be(new DateTimeOffset(2026, 12, 4, 2, 0, 0, TimeSpan.Zero));
}
