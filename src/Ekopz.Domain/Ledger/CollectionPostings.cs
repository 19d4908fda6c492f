using Ekopz.Domain.Collections;
using Ekopz.Domain.Common;
using Ekopz.Domain.Savings;

namespace Ekopz.Domain.Ledger;

/// <summary>
/// A collection batch posts one entry (docs/adr/0036): the cash or bank account debited with the batch's total, split only
/// by cash-flow class (member capital, sukarela, loan principal, loan income) so the cash-flow statement stays right, and
/// one credit per line and account with the member's id, as a deposit or a loan payment at the counter would credit.
/// The bank statement shows one transfer; the books show one debit of the same amount.
/// </summary>
public static class CollectionPostings
{
    public static IReadOnlyList<JournalEntry>? Post(IDomainEvent e, EventRef r, Chart chart, string v)
    {
        if (e is not CollectionBatchApplied x) return null;
        if (x.Collected.Count == 0) return [];
        var d = x.Meta.BusinessDate;
        var member = CounterpartyClass.Member;
        var cash = chart.CodeFor(SavingsPostings.CashRole(x.CashPoint), d);
        var lines = new EntryLines()
            .Debit(cash, x.Collected.Sum(l => l.Wajib), member, SavingsPostings.CashFlowOf(SavingsKind.Wajib), null, "Potong gaji: simpanan wajib")
            .Debit(cash, x.Collected.Sum(l => l.Sukarela), member, SavingsPostings.CashFlowOf(SavingsKind.Sukarela), null, "Potong gaji: simpanan sukarela")
            .Debit(cash, x.Collected.Sum(l => l.Principal), member, CashFlows.LoansRepaid, null, "Potong gaji: pokok pinjaman")
            .Debit(cash, x.Collected.Sum(l => l.Interest + l.Penalty), member, CashFlows.LoanIncome, null, "Potong gaji: jasa dan denda pinjaman");
        var wajib = chart.CodeFor(SavingsPostings.RoleOf(SavingsKind.Wajib), d);
        var sukarela = chart.CodeFor(SavingsPostings.RoleOf(SavingsKind.Sukarela), d);
        var receivable = chart.CodeFor(AccountRoles.LoanReceivable, d);
        var interest = chart.CodeFor(AccountRoles.LoanInterestIncome, d);
        var penalty = chart.CodeFor(AccountRoles.LoanPenaltyIncome, d);
        foreach (var l in x.Collected)
        {
            lines.Credit(wajib, l.Wajib, member, null, l.MemberId)
                .Credit(sukarela, l.Sukarela, member, null, l.MemberId)
                .Credit(receivable, l.Principal, member, null, l.MemberId)
                .Credit(interest, l.Interest, member, null, l.MemberId)
                .Credit(penalty, l.Penalty, member, null, l.MemberId);
        }
        return [PostingRuleBook.FromEvent(x, r, v, $"Potong gaji {x.BatchKey} ({x.Collected.Count} baris)", lines, x.BatchId)];
    }
}
