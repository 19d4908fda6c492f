using Ekopz.Domain.Common;
using Ekopz.Domain.Loans;

namespace Ekopz.Domain.Ledger;

/// <summary>
/// Posting rules for loans (domain rules, sections 3 and 5):
/// <list type="bullet">
/// <item>disbursement: Dr loan receivable (principal) / Cr cash (what was paid out) / Cr fee income (fees);
/// fees paid separately come in as cash: Dr cash / Cr fee income;</item>
/// <item>payment: Dr cash / Cr loan receivable (principal), interest income, penalty income;</item>
/// <item>allowance: Dr loan loss expense / Cr allowance (a release the other way);</item>
/// <item>write-off: Dr allowance / Cr loan receivable; recovery: Dr cash / Cr recovery income.</item>
/// </list>
/// Every line names the borrower (<see cref="CounterpartyClass.Member"/> and the member id): SHU reads
/// "loan interest a member paid" as the credits to the interest income account with the member's id.
/// The exit settlement posts nothing here: the member's exit entry credits the offsets.
/// </summary>
public static class LoanPostings
{
    public static IReadOnlyList<JournalEntry>? Post(IDomainEvent e, EventRef r, Chart chart, string v)
    {
        var d = e.Meta.BusinessDate;
        switch (e)
        {
            case LoanDisbursed x:
            {
                var cash = chart.CodeFor(SavingsPostings.CashRole(x.CashPoint), d);
                var lines = new EntryLines()
                    .Debit(chart.CodeFor(AccountRoles.LoanReceivable, d), x.Principal, x.Counterparty, null, x.MemberId)
                    .Credit(cash, x.CashPaidOut, x.Counterparty, CashFlows.LoansDisbursed, x.MemberId);
                if (x.FeeCollection == FeeCollection.Separate)
                    lines.Debit(cash, x.Fees, x.Counterparty, CashFlows.LoanIncome, x.MemberId, "Provisi dan administrasi dibayar tunai");
                lines.Credit(chart.CodeFor(AccountRoles.LoanFeeIncome, d), x.Fees, x.Counterparty, null, x.MemberId, "Provisi dan administrasi");
                return [PostingRuleBook.FromEvent(x, r, v, "Pencairan pinjaman", lines, x.TransactionId)];
            }

            // A line of a payroll collection: the batch's one entry posts it (CollectionPostings, docs/adr/0036).
            case LoanPaymentReceived { CollectionBatchId: not null }:
                return [];

            case LoanPaymentReceived x:
            {
                var cash = chart.CodeFor(SavingsPostings.CashRole(x.CashPoint), d);
                var lines = new EntryLines()
                    .Debit(cash, x.Principal, x.Counterparty, CashFlows.LoansRepaid, x.MemberId)
                    .Debit(cash, x.Interest + x.Penalty, x.Counterparty, CashFlows.LoanIncome, x.MemberId)
                    .Credit(chart.CodeFor(AccountRoles.LoanReceivable, d), x.Principal, x.Counterparty, null, x.MemberId)
                    .Credit(chart.CodeFor(AccountRoles.LoanInterestIncome, d), x.Interest, x.Counterparty, null, x.MemberId)
                    .Credit(chart.CodeFor(AccountRoles.LoanPenaltyIncome, d), x.Penalty, x.Counterparty, null, x.MemberId);
                return [PostingRuleBook.FromEvent(x, r, v, x.PaidOff ? "Angsuran pinjaman (lunas)" : "Angsuran pinjaman", lines, x.TransactionId)];
            }

            case LoanAllowanceBooked x:
                return [PostingRuleBook.FromEvent(x, r, v, x.Amount > 0 ? "Penyisihan kerugian pinjaman" : "Pemulihan penyisihan kerugian pinjaman",
                    new EntryLines()
                        .Debit(chart.CodeFor(AccountRoles.LoanAllowanceExpense, d), x.Amount)
                        .Credit(chart.CodeFor(AccountRoles.LoanAllowance, d), x.Amount), x.TransactionId)];

            case LoanWrittenOff x:
                return [PostingRuleBook.FromEvent(x, r, v, "Penghapusbukuan pinjaman macet", new EntryLines()
                    .Debit(chart.CodeFor(AccountRoles.LoanAllowance, d), x.Principal, x.Counterparty, null, x.MemberId)
                    .Credit(chart.CodeFor(AccountRoles.LoanReceivable, d), x.Principal, x.Counterparty, null, x.MemberId), x.TransactionId)];

            case LoanRecoveryReceived x:
                return [PostingRuleBook.FromEvent(x, r, v, "Pemulihan pinjaman yang dihapusbukukan", new EntryLines()
                    .Debit(chart.CodeFor(SavingsPostings.CashRole(x.CashPoint), d), x.Amount, x.Counterparty, CashFlows.LoanIncome, x.MemberId)
                    .Credit(chart.CodeFor(AccountRoles.LoanRecoveryIncome, d), x.Amount, x.Counterparty, null, x.MemberId), x.TransactionId)];

            default:
                return null;
        }
    }
}
