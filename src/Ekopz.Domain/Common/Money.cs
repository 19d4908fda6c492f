namespace Ekopz.Domain.Common;

/// <summary>
/// Rupiah amounts are <see cref="decimal"/> with at most two decimals. Rounding is always explicit
/// (a mode is named at the call site) and never happens implicitly in arithmetic.
/// </summary>
public static class Money
{
    /// <summary>
    /// Larger than any koperasi's books (Rp 1 trillion, a thousand times the largest koperasi's yearly turnover); anything
    /// above is a typo or an attack. The API refuses any number beyond it before a decider sees it (docs/adr/0020).
    /// </summary>
    public const decimal Max = 1_000_000_000_000m;

    /// <summary>Checks a positive amount from outside: &gt; 0, at most 2 decimals, not absurd.</summary>
    public static decimal RequirePositive(decimal amount, string field = "amount")
    {
        if (amount <= 0)
            throw DomainException.Validation(field, "The amount must be greater than zero.");
        if (amount > Max)
            throw DomainException.Validation(field, "The amount is too large.");
        if (decimal.Round(amount, 2) != amount)
            throw DomainException.Validation(field, "The amount may have at most 2 decimals.");
        return amount;
    }

    /// <summary>Rounds to the rupiah cent with banker's rounding never: half away from zero, as people round money.</summary>
    public static decimal RoundCents(decimal amount) => decimal.Round(amount, 2, MidpointRounding.AwayFromZero);

    /// <summary>Rounds to a whole multiple of <paramref name="unit"/> (1, 100, 1000 rupiah).</summary>
    public static decimal RoundTo(decimal amount, decimal unit, MidpointRounding mode = MidpointRounding.AwayFromZero)
    {
        if (unit <= 0) throw new ArgumentOutOfRangeException(nameof(unit));
        return decimal.Round(amount / unit, 0, mode) * unit;
    }
}
