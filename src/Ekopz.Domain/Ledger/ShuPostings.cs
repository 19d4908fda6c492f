using Ekopz.Domain.Common;
using Ekopz.Domain.Shu;

namespace Ekopz.Domain.Ledger;

/// <summary>
/// Posting rules for SHU (domain rules, section 4): the RAT allocation takes the year's SHU out of
/// "SHU tahun lalu belum dibagi" into reserves, fund payables and SHU payable to members; paying a
/// member settles the payable in cash (financing) or into simpanan sukarela.
/// </summary>
public static class ShuPostings
{
    public static IReadOnlyList<JournalEntry>? Post(IDomainEvent e, EventRef r, Chart chart, string v)
    {
        var d = e.Meta.BusinessDate;
        switch (e)
        {
            case ShuAllocationApproved x:
                var lines = new EntryLines().Debit(chart.CodeFor(AccountRoles.ShuPriorYears, d), x.Shu);
                foreach (var b in x.Buckets.Where(b => b.AccountCode is not null))
                    lines.Credit(b.AccountCode!, b.Amount, null, null, null, b.Name);
                lines.Credit(x.NonMemberAccount, x.NonMemberPart, CounterpartyClass.NonMember, null, null, "SHU dari non-anggota");
                lines.Credit(x.ResidueAccount, x.Residue, null, null, null, "Selisih pembulatan SHU");
                lines.Credit(chart.CodeFor(AccountRoles.ShuPayableMembers, d), x.Members.Sum(m => m.Total), CounterpartyClass.Member, null, null,
                    "Jasa usaha dan jasa modal anggota");
                return [PostingRuleBook.FromEvent(x, r, v, $"Pembagian SHU tahun {x.Year} (keputusan RAT)", lines)];

            case ShuPaidInCash x:
                return [PostingRuleBook.FromEvent(x, r, v, $"Pembayaran SHU tahun {x.Year}", new EntryLines()
                    .Debit(chart.CodeFor(AccountRoles.ShuPayableMembers, d), x.Amount, CounterpartyClass.Member, null, x.MemberId)
                    .Credit(chart.CodeFor(SavingsPostings.CashRole(x.CashPoint), d), x.Amount, CounterpartyClass.Member, CashFlows.ShuPaid, x.MemberId))];

            case ShuCreditedToSavings x:
                return [PostingRuleBook.FromEvent(x, r, v, $"SHU tahun {x.Year} ke simpanan sukarela", new EntryLines()
                    .Debit(chart.CodeFor(AccountRoles.ShuPayableMembers, d), x.Amount, CounterpartyClass.Member, null, x.MemberId)
                    .Credit(chart.CodeFor(AccountRoles.SavingsSukarela, d), x.Amount, CounterpartyClass.Member, null, x.MemberId), x.TransactionId)];

            default:
                return null;
        }
    }
}
