using Ekopz.Domain.Common;
using Ekopz.Domain.Savings;
using NodaTime;

namespace Ekopz.Domain.Ledger;

/// <summary>The koperasi's chart was opened from the template.</summary>
public sealed record ChartOpened(IReadOnlyList<AccountDefinition> Accounts, EventMeta Meta) : IDomainEvent;

public sealed record AccountAdded(AccountDefinition Account, LocalDate EffectiveFrom, EventMeta Meta) : IDomainEvent;

public sealed record AccountRenamed(string Code, string Name, LocalDate EffectiveFrom, EventMeta Meta) : IDomainEvent;

public sealed record AccountDeactivated(string Code, LocalDate EffectiveFrom, EventMeta Meta) : IDomainEvent;

/// <summary>A posting role now points at another account from a date on.</summary>
public sealed record AccountRoleAssigned(string Role, string Code, LocalDate EffectiveFrom, EventMeta Meta) : IDomainEvent;

/// <summary>How pokok or wajib is presented (equity or liability) from a date on; the postings do not change.</summary>
public sealed record SavingsClassificationChanged(SavingsKind Kind, AccountClass PresentAs, LocalDate EffectiveFrom, EventMeta Meta) : IDomainEvent;

public sealed record RoleAssignment(string Role, string Code, LocalDate EffectiveFrom);

public sealed record Classification(SavingsKind Kind, AccountClass PresentAs, LocalDate EffectiveFrom);

/// <summary>
/// A koperasi's chart of accounts with its whole history: names, activity windows, role mapping and
/// savings presentation, all effective-dated, so a report for any date reads the chart of that date.
/// </summary>
public sealed record Chart(Guid Id, IReadOnlyList<Account> Accounts, IReadOnlyList<RoleAssignment> Roles, IReadOnlyList<Classification> Classifications)
{
    public static Guid StreamId(string slug) => DeterministicGuid.Create("chart:" + slug);

    public Account? Find(string code) => Accounts.FirstOrDefault(a => a.Code == code);

    public Account Get(string code) => Find(code) ?? throw new InvalidOperationException($"No account {code} in the chart.");

    /// <summary>The account a role posts to on <paramref name="date"/>.</summary>
    public string CodeFor(string role, LocalDate date) =>
        Roles.Where(r => r.Role == role && r.EffectiveFrom <= date).OrderBy(r => r.EffectiveFrom).LastOrDefault()?.Code
        ?? throw new InvalidOperationException($"No account holds the role {role} on {date:yyyy-MM-dd}.");

    /// <summary>Revenue and expense accounts: together with SHU tahun berjalan, the year's result until the year is closed.</summary>
    public IReadOnlyList<string> ProfitAndLossAccounts() =>
        Accounts.Where(a => a.Class is AccountClass.Revenue or AccountClass.Expense).Select(a => a.Code).ToList();

    /// <summary>The class an account is presented in on a date: pokok/wajib accounts follow the savings classification.</summary>
    public AccountClass PresentedClass(string code, LocalDate date)
    {
        var account = Get(code);
        foreach (var kind in new[] { SavingsKind.Pokok, SavingsKind.Wajib })
        {
            var role = kind == SavingsKind.Pokok ? AccountRoles.SavingsPokok : AccountRoles.SavingsWajib;
            if (Roles.Any(r => r.Role == role && r.Code == code))
            {
                var c = Classifications.Where(x => x.Kind == kind && x.EffectiveFrom <= date).OrderBy(x => x.EffectiveFrom).LastOrDefault();
                if (c is not null) return c.PresentAs;
            }
        }
        return account.Class;
    }

    public static Chart? Evolve(Chart? state, object @event) => @event switch
    {
        ChartOpened e => new Chart(Guid.Empty,
            e.Accounts.Select(a => new Account(a, LocalDate.MinIsoValue, null, [new AccountName(LocalDate.MinIsoValue, a.Name)])).ToList(),
            e.Accounts.SelectMany(a => (a.Roles ?? []).Select(r => new RoleAssignment(r, a.Code, LocalDate.MinIsoValue))).ToList(),
            []),
        _ when state is null => null,
        AccountAdded e => state with
        {
            Accounts = [.. state.Accounts, new Account(e.Account with { Roles = [] }, e.EffectiveFrom, null, [new AccountName(e.EffectiveFrom, e.Account.Name)])],
        },
        AccountRenamed e => state with
        {
            Accounts = state.Accounts.Select(a => a.Code == e.Code
                ? a with { Names = [.. a.Names.Where(n => n.EffectiveFrom != e.EffectiveFrom), new AccountName(e.EffectiveFrom, e.Name)] }
                : a).ToList(),
        },
        AccountDeactivated e => state with
        {
            Accounts = state.Accounts.Select(a => a.Code == e.Code ? a with { DeactivatedFrom = e.EffectiveFrom } : a).ToList(),
        },
        AccountRoleAssigned e => state with { Roles = [.. state.Roles, new RoleAssignment(e.Role, e.Code, e.EffectiveFrom)] },
        SavingsClassificationChanged e => state with { Classifications = [.. state.Classifications, new Classification(e.Kind, e.PresentAs, e.EffectiveFrom)] },
        _ => state,
    };
}
