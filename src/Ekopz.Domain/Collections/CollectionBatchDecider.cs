using Ekopz.Domain.Common;
using Ekopz.Domain.Koperasi;
using Ekopz.Domain.Loans;
using Ekopz.Domain.Members;
using Ekopz.Domain.Savings;

namespace Ekopz.Domain.Collections;

/// <summary>
/// One line of a collection as read from the request or the file: the member by NIK or member number, what to put into
/// wajib and sukarela, and the installment for a loan (the member's only active loan when no loan id is given).
/// <paramref name="Problem"/> is why the line could not be read (the line is then refused with <see cref="CollectionRefusals.Unreadable"/>).
/// </summary>
public sealed record CollectionLineInput(int Row, string LineKey, string? Member, decimal Wajib, decimal Sukarela, decimal Installment,
    Guid? LoanId, string? Problem = null);

/// <summary>What the decision needs from the records, loaded (and row-locked) by the endpoint.</summary>
/// <param name="Members">The members the lines name, by NIK and by member number.</param>
/// <param name="Loans">The loans the lines may pay: those named by id, and every loan of the members named.</param>
/// <param name="CollectedLineKeys">Line keys an earlier batch already applied.</param>
public sealed record CollectionContext(
    IReadOnlyDictionary<string, Member> Members,
    IReadOnlyDictionary<Guid, Loan> Loans,
    IReadOnlySet<string> CollectedLineKeys,
    SettingsVersion Settings);

/// <summary>The batch's event, and the per-line events in the order they are appended to their streams.</summary>
public sealed record CollectionDecision(CollectionBatchApplied Batch, IReadOnlyList<(Guid StreamId, IDomainEvent Event)> Appends);

/// <summary>
/// Collecting in bulk (docs/adr/0036): each line is applied or refused on its own, with the same rules as a deposit at the
/// counter (<see cref="MemberDecider.Deposit"/>) and a loan payment (<see cref="LoanDecider.Pay"/>); a line is all or nothing
/// (a refused installment refuses the line's savings too). Pure: the lines and the records' state in, the events out.
/// </summary>
public static class CollectionBatchDecider
{
    public static CollectionDecision Decide(Guid batchId, string batchKey, string cashPoint, string? fileName, string? fileSha256,
        IReadOnlyList<CollectionLineInput> lines, CollectionContext context, EventMeta meta)
    {
        var members = new Dictionary<Guid, Member>();
        var loans = new Dictionary<Guid, Loan>(context.Loans);
        var keys = new HashSet<string>();
        var collected = new List<CollectedLine>();
        var refused = new List<RefusedCollectionLine>();
        var appends = new List<(Guid, IDomainEvent)>();
        var date = meta.BusinessDate;

        foreach (var line in lines)
        {
            RefusedCollectionLine Refuse(string code, string message) =>
                new(line.Row, line.LineKey, line.Member, line.Wajib, line.Sukarela, line.Installment, code, message);

            if (line.Problem is not null) { refused.Add(Refuse(CollectionRefusals.Unreadable, line.Problem)); continue; }
            if (!keys.Add(line.LineKey))
            {
                refused.Add(Refuse(CollectionRefusals.DuplicateLineKey, $"Kunci baris '{line.LineKey}' sudah dipakai baris lain di batch ini."));
                continue;
            }
            if (context.CollectedLineKeys.Contains(line.LineKey))
            {
                refused.Add(Refuse(CollectionRefusals.LineAlreadyApplied, $"Baris dengan kunci '{line.LineKey}' sudah diterapkan di batch sebelumnya; tidak dicatat dua kali."));
                continue;
            }
            if (line.Wajib + line.Sukarela + line.Installment <= 0)
            {
                refused.Add(Refuse(CollectionRefusals.NothingToCollect, "Tidak ada jumlah yang dipotong (wajib, sukarela dan angsuran kosong)."));
                continue;
            }
            if (line.Member is null || !context.Members.TryGetValue(line.Member, out var found))
            {
                refused.Add(Refuse(CollectionRefusals.MemberNotFound, $"Anggota dengan NIK atau nomor anggota '{line.Member}' tidak ditemukan."));
                continue;
            }
            var member = members.GetValueOrDefault(found.Id) ?? found;
            if (member.HasLeft)
            {
                refused.Add(Refuse(CollectionRefusals.MemberLeft, $"{member.Name} ({member.MemberNumber}) sudah keluar dari koperasi."));
                continue;
            }
            if (member.Status == MemberStatus.Applicant && line.Wajib + line.Sukarela > 0)
            {
                refused.Add(Refuse(CollectionRefusals.MemberNotActive,
                    $"{member.Name} ({member.MemberNumber}) belum aktif: simpanan pokok harus lunas sebelum simpanan wajib atau sukarela."));
                continue;
            }

            Loan? loan = null;
            if (line.Installment > 0)
            {
                var (chosen, code, message) = LoanFor(line, member, loans, date);
                if (chosen is null) { refused.Add(Refuse(code!, message!)); continue; }
                loan = chosen;
            }

            try
            {
                var events = new List<(Guid, IDomainEvent)>();
                var after = member;
                Guid? wajibTx = null, sukarelaTx = null;
                foreach (var (kind, amount) in new[] { (SavingsKind.Wajib, line.Wajib), (SavingsKind.Sukarela, line.Sukarela) })
                {
                    if (amount <= 0) continue;
                    var deposit = MemberDecider.Deposit(new DepositSavings(Guid.NewGuid(), kind, amount, $"Potong gaji {batchKey}"), after,
                            context.Settings, CounterpartyClass.Member, meta)
                        .Select(e => e is SavingsDeposited d ? d with { CashPoint = cashPoint, CollectionBatchId = batchId } : e).ToList();
                    foreach (var e in deposit)
                    {
                        after = Member.Evolve(after, e)!;
                        events.Add((member.Id, e));
                    }
                    var tx = deposit.OfType<SavingsDeposited>().Single().TransactionId;
                    if (kind == SavingsKind.Wajib) wajibTx = tx;
                    else sukarelaTx = tx;
                }
                LoanPaymentReceived? payment = null;
                if (loan is not null)
                {
                    payment = LoanDecider.Pay(loan, line.Installment, false, Guid.NewGuid(), cashPoint, meta) with { CollectionBatchId = batchId };
                    events.Add((loan.Id, payment));
                    loans[loan.Id] = Loan.Evolve(loan, payment)!;
                }
                members[member.Id] = after;
                appends.AddRange(events);
                collected.Add(new CollectedLine(line.Row, line.LineKey, member.Id, member.MemberNumber, member.Name, line.Wajib, line.Sukarela,
                    loan?.Id, line.Installment, payment?.Penalty ?? 0m, payment?.Interest ?? 0m, payment?.Principal ?? 0m, wajibTx, sukarelaTx,
                    payment?.TransactionId));
            }
            catch (DomainException ex)
            {
                refused.Add(Refuse(CollectionRefusals.Refused, $"Ditolak: {ex.Message}"));
            }
        }

        var batch = new CollectionBatchApplied(batchId, batchKey, cashPoint, fileName, fileSha256, collected, refused, meta);
        return new CollectionDecision(batch, appends);
    }

    private static (Loan? Loan, string? Code, string? Message) LoanFor(CollectionLineInput line, Member member, Dictionary<Guid, Loan> loans,
        NodaTime.LocalDate date)
    {
        Loan? loan;
        if (line.LoanId is { } id)
        {
            if (!loans.TryGetValue(id, out loan) || loan.MemberId != member.Id)
                return (null, CollectionRefusals.LoanNotFound, $"Pinjaman {id} tidak ditemukan atas nama {member.Name} ({member.MemberNumber}).");
        }
        else
        {
            var active = loans.Values.Where(l => l.MemberId == member.Id && l.Status == LoanStatus.Active).ToList();
            if (active.Count == 0)
                return (null, CollectionRefusals.LoanNotFound, $"{member.Name} ({member.MemberNumber}) tidak punya pinjaman aktif untuk angsuran ini.");
            if (active.Count > 1)
                return (null, CollectionRefusals.LoanAmbiguous,
                    $"{member.Name} ({member.MemberNumber}) punya {active.Count} pinjaman aktif: isi kolom ID Pinjaman.");
            loan = active[0];
        }
        if (loan.Status != LoanStatus.Active)
            return (null, CollectionRefusals.LoanNotActive, $"Pinjaman {member.Name} ({member.MemberNumber}) tidak aktif (status: {loan.Status.Name()}).");
        if (loan.LastActivityOn > date)
            return (null, CollectionRefusals.Refused,
                $"Tanggal {date:dd/MM/yyyy} sebelum transaksi terakhir pinjaman ({loan.LastActivityOn:dd/MM/yyyy}).");
        var payoff = LoanPositions.At(loan, date).PayoffAmount;
        if (line.Installment > payoff)
            return (null, CollectionRefusals.Overpayment,
                $"Angsuran Rp{line.Installment:N0} melebihi sisa pelunasan pinjaman Rp{payoff:N0} per {date:dd/MM/yyyy}.");
        return (loan, null, null);
    }
}
