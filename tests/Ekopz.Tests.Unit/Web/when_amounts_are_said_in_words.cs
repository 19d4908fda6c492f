using Ekopz.Web.Formatting;

namespace Ekopz.Tests.Unit.Web;

/// <summary>Terbilang: the amount in words a kwitansi carries, checked against how Indonesians write it.</summary>
public sealed class when_amounts_are_said_in_words
{
    [Theory]
    [InlineData("0", "Nol rupiah")]
    [InlineData("1", "Satu rupiah")]
    [InlineData("11", "Sebelas rupiah")]
    [InlineData("100", "Seratus rupiah")]
    [InlineData("1000", "Seribu rupiah")]
    [InlineData("1000000", "Satu juta rupiah")]
    [InlineData("1234567.50", "Satu juta dua ratus tiga puluh empat ribu lima ratus enam puluh tujuh rupiah lima puluh sen")]
    [InlineData("150000", "Seratus lima puluh ribu rupiah")]
    [InlineData("12", "Dua belas rupiah")]
    [InlineData("19", "Sembilan belas rupiah")]
    [InlineData("20", "Dua puluh rupiah")]
    [InlineData("111", "Seratus sebelas rupiah")]
    [InlineData("1100160", "Satu juta seratus ribu seratus enam puluh rupiah")]
    [InlineData("2001000", "Dua juta seribu rupiah")]
    [InlineData("11000", "Sebelas ribu rupiah")]
    [InlineData("1000000000", "Satu miliar rupiah")]
    [InlineData("2500000000000", "Dua triliun lima ratus miliar rupiah")]
    [InlineData("0.01", "Nol rupiah satu sen")]
    [InlineData("-5000", "Minus lima ribu rupiah")]
    public void the_words_are_as_written_on_a_kwitansi(string amount, string words) =>
        Terbilang.Rupiah(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)).Should().Be(words);

    [Fact]
    public void every_amount_up_to_a_million_reads_without_double_spaces_or_satu_ribu()
    {
        for (var n = 0; n <= 1_000_000; n += 997)
        {
            var words = Terbilang.Words(n);
            words.Should().NotContain("  ").And.NotStartWith(" ").And.NotEndWith(" ");
            // One thousand is "seribu" (but 21,000 is "dua puluh satu ribu"); one hundred is always "seratus".
            System.Text.RegularExpressions.Regex.IsMatch(words, "(^|juta |miliar |triliun )satu ribu").Should().BeFalse(words);
            words.Should().NotContain("satu ratus").And.NotContain("satu puluh");
        }
    }
}
