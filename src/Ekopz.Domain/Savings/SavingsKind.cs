namespace Ekopz.Domain.Savings;

/// <summary>Simpanan kinds. Pokok and wajib are member equity by default; sukarela is a liability.</summary>
public enum SavingsKind
{
    Pokok,
    Wajib,
    Sukarela,
}

public static class SavingsKinds
{
    public static bool TryParse(string? text, out SavingsKind kind)
    {
        switch (text?.ToLowerInvariant())
        {
            case "pokok": kind = SavingsKind.Pokok; return true;
            case "wajib": kind = SavingsKind.Wajib; return true;
            case "sukarela": kind = SavingsKind.Sukarela; return true;
            default: kind = default; return false;
        }
    }

    public static string Name(this SavingsKind kind) => kind switch
    {
        SavingsKind.Pokok => "pokok",
        SavingsKind.Wajib => "wajib",
        SavingsKind.Sukarela => "sukarela",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}

/// <summary>A member's savings balances per kind.</summary>
public sealed record SavingsBalances(decimal Pokok, decimal Wajib, decimal Sukarela)
{
    public static readonly SavingsBalances Zero = new(0m, 0m, 0m);

    public decimal Of(SavingsKind kind) => kind switch
    {
        SavingsKind.Pokok => Pokok,
        SavingsKind.Wajib => Wajib,
        SavingsKind.Sukarela => Sukarela,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public SavingsBalances Add(SavingsKind kind, decimal amount) => kind switch
    {
        SavingsKind.Pokok => this with { Pokok = Pokok + amount },
        SavingsKind.Wajib => this with { Wajib = Wajib + amount },
        SavingsKind.Sukarela => this with { Sukarela = Sukarela + amount },
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
