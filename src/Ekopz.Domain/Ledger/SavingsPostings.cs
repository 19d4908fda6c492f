using Ekopz.Domain.Common;
using Ekopz.Domain.Members;
using Ekopz.Domain.Savings;

namespace Ekopz.Domain.Ledger;

/// <summary>
/// Posting rules for savings (domain rules, section 5): deposits Dr cash / Cr the kind's account;
/// withdrawals and reversals the other way; interest Dr expense / Cr sukarela (net) and tax payable;
/// exit refunds Dr every kind / Cr cash, and Cr whatever the member owed from the offsets.
/// Pokok and wajib cash is financing (member capital); sukarela cash is operating.
/// </summary>
public static class SavingsPostings
{
    public static string RoleOf(SavingsKind kind) => kind switch
    {
        SavingsKind.Pokok => AccountRoles.SavingsPokok,
        SavingsKind.Wajib => AccountRoles.SavingsWajib,
        _ => AccountRoles.SavingsSukarela,
    };

    public static string CashRole(string cashPoint) => cashPoint == CashPoints.Bank ? AccountRoles.CashBank : AccountRoles.CashKas;

    public static string CashFlowOf(SavingsKind kind) => kind == SavingsKind.Sukarela ? CashFlows.SavingsSukarela : CashFlows.MemberCapital;

    public static IReadOnlyList<JournalEntry>? Post(IDomainEvent e, EventRef r, Chart chart, string v)
    {
        var d = e.Meta.BusinessDate;
        switch (e)
        {
            // A line of a payroll collection: the batch's one entry posts it (CollectionPostings, docs/adr/0036).
            case SavingsDeposited { CollectionBatchId: not null }:
                return [];

            case SavingsDeposited x:
                return [PostingRuleBook.FromEvent(x, r, v, $"Setoran simpanan {x.Kind.Name()}", new EntryLines()
                    .Debit(chart.CodeFor(CashRole(x.CashPoint), d), x.Amount, x.Counterparty, CashFlowOf(x.Kind), x.MemberId)
                    .Credit(chart.CodeFor(RoleOf(x.Kind), d), x.Amount, x.Counterparty, null, x.MemberId), x.TransactionId)];

            case SavingsWithdrawn x:
                return [PostingRuleBook.FromEvent(x, r, v, $"Penarikan simpanan {x.Kind.Name()}", new EntryLines()
                    .Debit(chart.CodeFor(RoleOf(x.Kind), d), x.Amount, x.Counterparty, null, x.MemberId)
                    .Credit(chart.CodeFor(CashRole(x.CashPoint), d), x.Amount, x.Counterparty, CashFlowOf(x.Kind), x.MemberId), x.TransactionId)];

            case SavingsDepositReversed x:
                return [PostingRuleBook.FromEvent(x, r, v, $"Koreksi setoran simpanan {x.Kind.Name()} ({x.Reason})", new EntryLines()
                    .Debit(chart.CodeFor(RoleOf(x.Kind), d), x.Amount, x.Counterparty, null, x.MemberId)
                    .Credit(chart.CodeFor(CashRole(x.CashPoint), d), x.Amount, x.Counterparty, CashFlowOf(x.Kind), x.MemberId),
                    x.ReversesTransactionId)];

            case SavingsInterestCredited x:
                return [PostingRuleBook.FromEvent(x, r, v, $"Jasa simpanan sukarela {x.Month}", new EntryLines()
                    .Debit(chart.CodeFor(AccountRoles.SavingsInterestExpense, d), x.Gross, CounterpartyClass.Member, null, x.MemberId)
                    .Credit(chart.CodeFor(AccountRoles.SavingsSukarela, d), x.Gross - x.Tax, CounterpartyClass.Member, null, x.MemberId)
                    .Credit(chart.CodeFor(AccountRoles.TaxPayable, d), x.Tax, CounterpartyClass.Member, null, x.MemberId, "PPh final jasa simpanan"),
                    x.TransactionId)];

            case MemberExited x:
                return [PostingRuleBook.FromEvent(x, r, v, x.Deceased ? "Pengembalian simpanan kepada ahli waris" : "Pengembalian simpanan anggota keluar",
                    ExitLines(x, chart, d), x.TransactionId)];

            default:
                return null;
        }
    }

    /// <summary>
    /// What the member owed is taken from sukarela first, then from capital, so the cash lines say
    /// truthfully how much capital (financing) and how much sukarela (operating) left the koperasi.
    /// </summary>
    private static EntryLines ExitLines(MemberExited x, Chart chart, NodaTime.LocalDate d)
    {
        var lines = new EntryLines();
        foreach (var kind in new[] { SavingsKind.Pokok, SavingsKind.Wajib, SavingsKind.Sukarela })
            lines.Debit(chart.CodeFor(RoleOf(kind), d), x.Refund.Of(kind), x.Counterparty, null, x.MemberId);
        var owed = x.Offsets.Sum(o => o.Amount);
        foreach (var offset in x.Offsets)
            lines.Credit(chart.CodeFor(offset.Kind, d), offset.Amount, x.Counterparty, null, x.MemberId, $"Potongan {offset.Kind}");
        var fromSukarela = Math.Min(owed, x.Refund.Sukarela);
        var cash = chart.CodeFor(CashRole(x.CashPoint), d);
        lines.Credit(cash, x.Refund.Sukarela - fromSukarela, x.Counterparty, CashFlows.SavingsSukarela, x.MemberId);
        lines.Credit(cash, x.Refund.Pokok + x.Refund.Wajib - (owed - fromSukarela), x.Counterparty, CashFlows.MemberCapital, x.MemberId);
        return lines;
    }
}
