using Ekopz.Domain.Common;
using Ekopz.Domain.Imports;
using Ekopz.Domain.Savings;

namespace Ekopz.Domain.Ledger;

/// <summary>
/// Opening balances moved in from the old books (docs/adr/0033), as entries dated the cut-over day. They are regular
/// entries, not the year close's "opening" kind: every report (equity changes, cash flow) then shows them as the
/// movements of the cut-over day, and a period that starts after it opens with them.
/// <list type="bullet">
/// <item>a member's savings: Dr saldo awal pindahan / Cr pokok, wajib, sukarela, each line naming the member, so the
/// savings control accounts are the sum of the members' balances;</item>
/// <item>the general ledger: every account as the file says, except that the savings control accounts' lines go to
/// saldo awal pindahan (the members' own entries post those accounts). When the ledger's savings balances equal the
/// members' (the dry run insists), saldo awal pindahan ends at zero.</item>
/// </list>
/// Cash lines are "other operating" like a manual journal's, so the cash flow statement of a period that holds the
/// cut-over day still reconciles. Choose the last day of a closed year (or month) in the old books as the cut-over day.
/// </summary>
public static class OpeningPostings
{
    public static IReadOnlyList<JournalEntry>? Post(IDomainEvent e, EventRef r, Chart chart, string v)
    {
        var d = e.Meta.BusinessDate;
        switch (e)
        {
            case MemberOpeningBalancesRecorded x:
            {
                var clearing = chart.CodeFor(AccountRoles.OpeningClearing, d);
                var lines = new EntryLines().Debit(clearing, x.Pokok + x.Wajib + x.Sukarela, CounterpartyClass.Member, null, x.MemberId);
                foreach (var kind in new[] { SavingsKind.Pokok, SavingsKind.Wajib, SavingsKind.Sukarela })
                    lines.Credit(chart.CodeFor(SavingsPostings.RoleOf(kind), d), Of(x, kind), CounterpartyClass.Member, null, x.MemberId);
                if (x.Pokok + x.Wajib + x.Sukarela == 0) return [];
                return [PostingRuleBook.FromEvent(x, r, v, $"Saldo awal simpanan (pindahan, baris {x.SourceRow})", lines, x.TransactionId)];
            }
            case LedgerOpeningBalancesRecorded x:
            {
                var clearing = chart.CodeFor(AccountRoles.OpeningClearing, d);
                // Accounts whose opening the sub-ledger's own entries post (members' savings, loans, stock): their lines go to
                // the clearing account, which then ends at zero when the sub-ledgers equal the file (the dry run insists).
                var savings = SubLedgerRoles.Select(role => chart.Roles.Any(x => x.Role == role) ? chart.CodeFor(role, d) : null).ToHashSet();
                var lines = new EntryLines();
                foreach (var l in x.Lines)
                {
                    var code = savings.Contains(l.AccountCode) ? clearing : l.AccountCode;
                    var flow = chart.Get(code).Definition.HasTag(AccountTags.Cash) ? CashFlows.OtherOperating : null;
                    var memo = code == l.AccountCode ? null : $"Saldo awal {l.AccountCode} (dari rincian per anggota, pinjaman atau barang)";
                    if (l.Debit != 0) lines.Debit(code, l.Debit, null, flow, null, memo);
                    else lines.Credit(code, l.Credit, null, flow, null, memo);
                }
                var built = lines.Build();
                if (built.Count < 2) return [];
                return [PostingRuleBook.FromEvent(x, r, v, "Saldo awal buku besar (pindahan)", lines, x.ImportId)];
            }
            case LoanOpeningBalanceRecorded x:
            {
                var lines = new EntryLines()
                    .Debit(chart.CodeFor(AccountRoles.LoanReceivable, d), x.Principal, CounterpartyClass.Member, null, x.MemberId)
                    .Credit(chart.CodeFor(AccountRoles.OpeningClearing, d), x.Principal, CounterpartyClass.Member, null, x.MemberId);
                return [PostingRuleBook.FromEvent(x, r, v, $"Saldo awal pinjaman (pindahan, baris {x.SourceRow})", lines, x.TransactionId)];
            }
            case ProductOpeningStockRecorded x:
            {
                if (x.Value == 0) return [];
                var lines = new EntryLines()
                    .Debit(chart.CodeFor(AccountRoles.ShopInventory, d), x.Value)
                    .Credit(chart.CodeFor(AccountRoles.OpeningClearing, d), x.Value);
                return [PostingRuleBook.FromEvent(x, r, v, $"Saldo awal persediaan {x.Sku} (pindahan, baris {x.SourceRow})", lines, x.TransactionId)];
            }
            default:
                return null;
        }
    }

    /// <summary>The control accounts whose opening balances come from a sub-ledger's own opening events.</summary>
    public static readonly string[] SubLedgerRoles =
        [AccountRoles.SavingsPokok, AccountRoles.SavingsWajib, AccountRoles.SavingsSukarela, AccountRoles.LoanReceivable, AccountRoles.ShopInventory];

    private static decimal Of(MemberOpeningBalancesRecorded x, SavingsKind kind) => kind switch
    {
        SavingsKind.Pokok => x.Pokok,
        SavingsKind.Wajib => x.Wajib,
        _ => x.Sukarela,
    };
}
