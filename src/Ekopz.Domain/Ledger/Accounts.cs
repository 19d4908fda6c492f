using NodaTime;

namespace Ekopz.Domain.Ledger;

public enum AccountClass
{
    Asset,
    Liability,
    Equity,
    Revenue,
    Expense,
}

/// <summary>
/// An account as the chart defines it. <see cref="Contra"/> flips the normal side (loan loss
/// allowance against assets, sales returns against revenue). <see cref="Roles"/> are the names the
/// posting rules use, so a koperasi can renumber accounts without touching a rule.
/// </summary>
public sealed record AccountDefinition(
    string Code,
    string Name,
    AccountClass Class,
    bool Contra = false,
    IReadOnlyList<string>? Roles = null,
    IReadOnlyList<string>? Tags = null)
{
    /// <summary>Assets and expenses grow on the debit side; the rest on the credit side; contra accounts the other way.</summary>
    public bool DebitNormal => (Class is AccountClass.Asset or AccountClass.Expense) != Contra;

    public bool HasTag(string tag) => Tags?.Contains(tag) == true;
}

/// <summary>A name of an account from a date on (renames never rewrite old reports).</summary>
public sealed record AccountName(LocalDate EffectiveFrom, string Name);

public sealed record Account(
    AccountDefinition Definition,
    LocalDate ActiveFrom,
    LocalDate? DeactivatedFrom,
    IReadOnlyList<AccountName> Names)
{
    public string Code => Definition.Code;
    public AccountClass Class => Definition.Class;

    public string NameAt(LocalDate date) =>
        Names.Where(n => n.EffectiveFrom <= date).OrderBy(n => n.EffectiveFrom).LastOrDefault()?.Name ?? Names[0].Name;

    public bool IsActiveOn(LocalDate date) => ActiveFrom <= date && (DeactivatedFrom is null || date < DeactivatedFrom);
}

/// <summary>Well-known tags on accounts.</summary>
public static class AccountTags
{
    /// <summary>Kas and bank: the cash book and the cash flow statement read these.</summary>
    public const string Cash = "cash";
    /// <summary>Part of own capital (modal sendiri): pokok, wajib, reserves, grants.</summary>
    public const string OwnCapital = "own_capital";
    /// <summary>Long-term: non-current assets, long-term liabilities.</summary>
    public const string NonCurrent = "noncurrent";
    public const string Reserve = "reserve";
}
