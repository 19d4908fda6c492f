using Ekopz.Domain.Common;
using Ekopz.Domain.Ledger;
using NodaTime;

namespace Ekopz.Domain.Shu;

/// <summary>
/// Which account an SHU bucket credits when the RAT decides the split (docs/adr/0012, 0037): a rule of the koperasi's books,
/// not of the endpoint, so it lives here and is tested without a database.
/// </summary>
public static class ShuBucketAccounts
{
    /// <summary>
    /// Where a reserve or fund bucket is credited: the account it names (an equity reserve or a liability fund), else by kind and
    /// name: reserves to cadangan umum (or cadangan risiko when named "risiko"), funds to the dana account whose name the
    /// bucket's name contains. A fund no account can be found for is 400: the pengurus names it.
    /// </summary>
    public static string For(Chart chart, ShuBucket b, LocalDate date)
    {
        if (b.AccountCode is { } code)
        {
            var account = chart.Find(code) ?? throw DomainException.Validation("accountCode", $"No account {code}.");
            if (account.Class is not (AccountClass.Equity or AccountClass.Liability))
                throw DomainException.Validation("accountCode", $"{code} must be an equity (reserve) or liability (fund) account.");
            return code;
        }
        var name = b.Name.ToLowerInvariant();
        if (b.Kind == BucketKinds.Reserve)
            return name.Contains("risiko") ? chart.Accounts.FirstOrDefault(a => a.NameAt(date).Contains("risiko", StringComparison.OrdinalIgnoreCase))?.Code
                ?? chart.CodeFor(AccountRoles.ShuReserve, date) : chart.CodeFor(AccountRoles.ShuReserve, date);
        var words = name.Replace("dana", "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return chart.Accounts.FirstOrDefault(a => a.Class == AccountClass.Liability && a.NameAt(date).StartsWith("Dana", StringComparison.OrdinalIgnoreCase)
                   && words.Any(w => a.NameAt(date).Contains(w, StringComparison.OrdinalIgnoreCase)))?.Code
            ?? throw DomainException.Validation("accountCode", $"Name the fund account for the bucket '{b.Name}' (accountCode).");
    }
}

/// <summary>When the RAT must be held (UU 25/1992): by 30 June of the next year.</summary>
public static class RatDeadline
{
    public static LocalDate For(int year) => new(year + 1, 6, 30);

    /// <summary>The warning an SHU decision dated after the deadline carries (the decision still stands), or null.</summary>
    public static string? LateWarning(int year, LocalDate decidedOn) => decidedOn > For(year)
        ? $"rat_late: the RAT for {year} should be held by {year + 1}-06-30 (UU 25/1992); it is dated {decidedOn:yyyy-MM-dd}."
        : null;
}
