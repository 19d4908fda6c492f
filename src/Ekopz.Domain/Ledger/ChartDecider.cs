using System.Text.RegularExpressions;
using Ekopz.Domain.Common;
using Ekopz.Domain.Savings;
using NodaTime;

namespace Ekopz.Domain.Ledger;

/// <summary>
/// Pure decisions about the chart. Changes take effect today or later and never inside a closed
/// period, so no report that was ever produced reads differently afterwards.
/// </summary>
public static partial class ChartDecider
{
    [GeneratedRegex(@"^[0-9]-[0-9]{4}$")]
    private static partial Regex CodePattern();

    private static void NotBefore(LocalDate effectiveFrom, LocalDate earliest)
    {
        if (effectiveFrom < earliest)
            throw DomainException.Validation("effectiveFrom", $"A chart change cannot take effect before {earliest:yyyy-MM-dd} (today or the first open day).");
    }

    public static AccountAdded Add(Chart chart, string? code, string? name, string? @class, bool contra, IReadOnlyList<string>? tags, LocalDate effectiveFrom,
        LocalDate earliest, EventMeta meta)
    {
        var errors = new Dictionary<string, string[]>();
        if (code is null || !CodePattern().IsMatch(code)) errors["code"] = ["The code looks like 5-3700: a class digit, a dash, four digits."];
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200) errors["name"] = ["The name is required (at most 200 characters)."];
        if (!Enum.TryParse<AccountClass>(@class, true, out var accountClass)) errors["class"] = ["The class is asset, liability, equity, revenue or expense."];
        else if (code is not null && CodePattern().IsMatch(code) && code[0] - '0' != ClassDigit(accountClass))
            errors["code"] = [$"Codes of {accountClass.ToString().ToLowerInvariant()} accounts start with {ClassDigit(accountClass)}."];
        var allowedTags = new[] { AccountTags.Cash, AccountTags.OwnCapital, AccountTags.NonCurrent, AccountTags.Reserve };
        if (tags?.Any(t => !allowedTags.Contains(t)) == true) errors["tags"] = [$"Tags are any of: {string.Join(", ", allowedTags)}."];
        if (errors.Count > 0) throw new DomainException(ErrorCodes.ValidationFailed, "The account could not be added.", errors);
        if (chart.Find(code!) is not null) throw DomainException.Conflict($"Account {code} already exists.");
        NotBefore(effectiveFrom, earliest);
        return new AccountAdded(new AccountDefinition(code!, name!.Trim(), accountClass, contra, [], tags ?? []), effectiveFrom, meta);
    }

    public static AccountRenamed Rename(Chart chart, string code, string? name, LocalDate effectiveFrom, LocalDate earliest, EventMeta meta)
    {
        if (chart.Find(code) is null) throw DomainException.NotFound($"Account {code}");
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200) throw DomainException.Validation("name", "The name is required (at most 200 characters).");
        NotBefore(effectiveFrom, earliest);
        return new AccountRenamed(code, name.Trim(), effectiveFrom, meta);
    }

    /// <summary>An account still holding a role, or a balance, cannot be deactivated: postings would have nowhere to go.</summary>
    public static AccountDeactivated Deactivate(Chart chart, string code, decimal balance, LocalDate effectiveFrom, LocalDate earliest, EventMeta meta)
    {
        var account = chart.Find(code) ?? throw DomainException.NotFound($"Account {code}");
        NotBefore(effectiveFrom, earliest);
        if (account.DeactivatedFrom is not null) throw DomainException.InvalidState($"Account {code} is already deactivated.");
        var role = chart.Roles.GroupBy(r => r.Role).Select(g => g.OrderBy(r => r.EffectiveFrom).Last()).FirstOrDefault(r => r.Code == code);
        if (role is not null) throw DomainException.InvalidState($"Account {code} holds the role {role.Role}; assign the role to another account first.");
        if (balance != 0) throw DomainException.InvalidState($"Account {code} still has a balance of Rp{balance:N2}; move it first with an adjustment.");
        return new AccountDeactivated(code, effectiveFrom, meta);
    }

    public static AccountRoleAssigned AssignRole(Chart chart, string role, string code, LocalDate effectiveFrom, LocalDate earliest, EventMeta meta)
    {
        if (!chart.Roles.Any(r => r.Role == role)) throw DomainException.Validation("role", $"Unknown role {role}.");
        var account = chart.Find(code) ?? throw DomainException.Validation("code", $"No account {code}.");
        var current = chart.Get(chart.CodeFor(role, effectiveFrom));
        if (account.Class != current.Class) throw DomainException.Validation("code", $"The role {role} needs a {current.Class.ToString().ToLowerInvariant()} account.");
        if (!account.IsActiveOn(effectiveFrom)) throw DomainException.Validation("code", $"Account {code} is not active on {effectiveFrom:yyyy-MM-dd}.");
        NotBefore(effectiveFrom, earliest);
        return new AccountRoleAssigned(role, code, effectiveFrom, meta);
    }

    public static SavingsClassificationChanged Classify(SavingsKind kind, string? presentAs, LocalDate effectiveFrom, LocalDate earliest, EventMeta meta)
    {
        if (kind == SavingsKind.Sukarela) throw DomainException.Validation("kind", "Only pokok and wajib may be presented as equity or liability.");
        if (!Enum.TryParse<AccountClass>(presentAs, true, out var c) || c is not (AccountClass.Equity or AccountClass.Liability))
            throw DomainException.Validation("presentAs", "Present as 'equity' or 'liability'.");
        NotBefore(effectiveFrom, earliest);
        return new SavingsClassificationChanged(kind, c, effectiveFrom, meta);
    }

    public static int ClassDigit(AccountClass c) => c switch
    {
        AccountClass.Asset => 1,
        AccountClass.Liability => 2,
        AccountClass.Equity => 3,
        AccountClass.Revenue => 4,
        _ => 5,
    };
}
