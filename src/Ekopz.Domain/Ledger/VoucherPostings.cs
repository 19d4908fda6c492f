using Ekopz.Domain.Common;

namespace Ekopz.Domain.Ledger;

/// <summary>
/// An approved manual journal posts exactly its lines. Cash lines carry the category chosen or inferred when the
/// journal was proposed (<see cref="VoucherCashFlow"/>); journals proposed before that was stored default to other operating.
/// </summary>
public static class VoucherPostings
{
    public static IReadOnlyList<JournalEntry>? Post(IDomainEvent e, EventRef r, Chart chart, string v)
    {
        if (e is not JournalVoucherApproved x) return null;
        var lines = new EntryLines();
        foreach (var l in x.Lines)
        {
            var isCash = chart.Get(l.AccountCode).Definition.HasTag(AccountTags.Cash);
            var flow = isCash ? l.CashFlow ?? CashFlows.OtherOperating : null;
            if (l.Debit != 0) lines.Debit(l.AccountCode, l.Debit, null, flow, null, l.Memo);
            else lines.Credit(l.AccountCode, l.Credit, null, flow, null, l.Memo);
        }
        return [PostingRuleBook.FromEvent(x, r, v, $"Jurnal umum: {x.Description}", lines, x.Corrects ?? x.VoucherId)];
    }
}
