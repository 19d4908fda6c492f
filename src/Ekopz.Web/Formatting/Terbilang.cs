namespace Ekopz.Web.Formatting;

/// <summary>
/// An amount of rupiah in Indonesian words, as a kwitansi writes it ("Seratus lima puluh ribu
/// rupiah"): the words a person can check against the figures. Sen (cents) follow the rupiah
/// ("... rupiah lima puluh sen"). Exact for any amount a decimal rupiah can hold.
/// </summary>
public static class Terbilang
{
    private static readonly string[] Ones =
        ["", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh", "sebelas"];

    // Scales of a thousand, as KBBI spells them ("miliar", not "milyar").
    private static readonly string[] Scales = ["", "ribu", "juta", "miliar", "triliun", "kuadriliun"];

    /// <summary>The amount in words with "rupiah" (and sen when it has any), capitalised: "Satu juta rupiah".</summary>
    public static string Rupiah(decimal amount)
    {
        var negative = amount < 0;
        amount = Math.Abs(Math.Round(amount, 2, MidpointRounding.AwayFromZero));
        var whole = decimal.Truncate(amount);
        var sen = (int)((amount - whole) * 100);
        var text = Words(whole) + " rupiah";
        if (sen > 0) text += " " + Words(sen) + " sen";
        if (negative) text = "minus " + text;
        return char.ToUpperInvariant(text[0]) + text[1..];
    }

    /// <summary>A whole number in words, lower case: 0 is "nol", 1,000 is "seribu", 11 is "sebelas".</summary>
    public static string Words(decimal number)
    {
        number = decimal.Truncate(Math.Abs(number));
        if (number == 0) return "nol";
        var groups = new List<int>();
        while (number > 0)
        {
            groups.Add((int)(number % 1000));
            number = decimal.Truncate(number / 1000);
        }
        if (groups.Count > Scales.Length) throw new ArgumentOutOfRangeException(nameof(number), "Too large to say in words.");

        var parts = new List<string>();
        for (var i = groups.Count - 1; i >= 0; i--)
        {
            var g = groups[i];
            if (g == 0) continue;
            // "seribu", never "satu ribu"; but "satu juta", "satu miliar".
            if (i == 1 && g == 1) { parts.Add("seribu"); continue; }
            parts.Add(BelowThousand(g));
            if (Scales[i].Length > 0) parts.Add(Scales[i]);
        }
        return string.Join(' ', parts);
    }

    private static string BelowThousand(int n)
    {
        var parts = new List<string>();
        var hundreds = n / 100;
        var rest = n % 100;
        if (hundreds == 1) parts.Add("seratus");
        else if (hundreds > 1) parts.Add(Ones[hundreds] + " ratus");
        if (rest is > 0 and < 12) parts.Add(Ones[rest]);
        else if (rest is >= 12 and < 20) parts.Add(Ones[rest - 10] + " belas");
        else if (rest >= 20)
        {
            parts.Add(Ones[rest / 10] + " puluh");
            if (rest % 10 > 0) parts.Add(Ones[rest % 10]);
        }
        return string.Join(' ', parts);
    }
}
