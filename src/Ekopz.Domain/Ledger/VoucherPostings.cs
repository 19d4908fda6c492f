using Ekopz.Domain.Common;

namespace Ekopz.Domain.Ledger;

/// <summary>An approved manual journal posts exactly its lines; cash lines default to other operating cash flow.</summary>
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
